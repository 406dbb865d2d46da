// Definitions' public door (docs/INTERFACES.md, "src/definitions").
export { workflow, activity, query } from './decorators.ts';
export type { FlowyClassDecorator, FlowyMethodDecorator } from './decorators.ts';
export { ASYNC_COMPLETION } from './activity-context.ts';
export type { ActivityContext } from './activity-context.ts';
export { Registry } from './registry.ts';
export type { WorkflowDefinition, ActivityDefinition } from './registry.ts';
export { scan } from './scan.ts';
export type { ScanOptions } from './scan.ts';
export { checkSchema, validateInput, validateOutput } from './validation.ts';
export type { SchemaCarrier } from './validation.ts';
