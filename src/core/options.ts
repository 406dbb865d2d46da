// Options of workflow and activity types: what the decorators (src/definitions) store with
// reflect-metadata, and what the decider, the registration code and the workers read back with
// the defaults applied. Durations are whole seconds, or 'NONE' where SWF allows it.
import 'reflect-metadata';
import type { ChildPolicy } from '../swf-model/index.ts';

/** A JSON Schema (draft-07 / 2019-09 as understood by ajv). */
export type JsonSchema = Record<string, unknown> | boolean;

/** A duration in whole seconds, or SWF's 'NONE' (no limit). */
export type Duration = number | 'NONE';

/**
 * Checks `value` against a JSON Schema: undefined when it matches, else what is wrong (e.g.
 * "total must be number"). The decider is given one by the workers (src/definitions' ajv).
 */
export type SchemaCheck = (schema: JsonSchema, value: unknown) => string | undefined;

/** Options of `@workflow({...})`. */
export interface WorkflowOptions {
  /** Workflow type name; default: the class name. */
  name?: string;
  /** Workflow type version; default: '1'. */
  version?: string;
  /** Default decision task list; default: 'default'. */
  taskList?: string;
  /** Default execution timeout in seconds; default: 3600. */
  executionStartToCloseTimeout?: number;
  /** Default decision task timeout in seconds; default: 30. */
  taskStartToCloseTimeout?: Duration;
  /** What happens to open children when this run is terminated or times out; default: 'TERMINATE'. */
  childPolicy?: ChildPolicy;
  description?: string;
  /** JSON Schema of the input; a start with invalid input is rejected before it is started. */
  input?: JsonSchema;
  /** JSON Schema of the result. */
  output?: JsonSchema;
  /**
   * At most this many activities, and this many child workflows, open at once in one execution;
   * further calls wait in call order. Default 1,000 (SWF's limit).
   */
  concurrency?: number;
}

/** Options of `@activity({...})`. */
export interface ActivityOptions {
  /** Activity type name; default: the class name. */
  name?: string;
  /** Activity type version; default: '1'. */
  version?: string;
  /** Default task list; default: 'default'. */
  taskList?: string;
  /** Default: 300. */
  scheduleToStartTimeout?: Duration;
  /** Default: 300. */
  startToCloseTimeout?: Duration;
  /** Default: 600. */
  scheduleToCloseTimeout?: Duration;
  /** Default: 'NONE'. */
  heartbeatTimeout?: Duration;
  description?: string;
  /** JSON Schema of the input; an activity whose input fails it fails with a clear reason. */
  input?: JsonSchema;
  /** JSON Schema of the result. */
  output?: JsonSchema;
}

/** `WorkflowOptions` with every default applied. */
export interface ResolvedWorkflowOptions {
  name: string;
  version: string;
  taskList: string;
  executionStartToCloseTimeout: number;
  taskStartToCloseTimeout: Duration;
  childPolicy: ChildPolicy;
  description?: string;
  input?: JsonSchema;
  output?: JsonSchema;
  concurrency?: number;
}

/** `ActivityOptions` with every default applied. */
export interface ResolvedActivityOptions {
  name: string;
  version: string;
  taskList: string;
  scheduleToStartTimeout: Duration;
  startToCloseTimeout: Duration;
  scheduleToCloseTimeout: Duration;
  heartbeatTimeout: Duration;
  description?: string;
  input?: JsonSchema;
  output?: JsonSchema;
}

/** A class whose instances run an activity: `async run(input, context)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input and output type by default
export interface ActivityClass<I = any, O = any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructors and rest args of any shape
  new (...args: any[]): { run(input: I, ...rest: any[]): Promise<O> | O };
  readonly name: string;
}

/** A workflow class (a `Workflow` subclass with an `async run(input)`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input and output type by default
export interface WorkflowClass<I = any, O = any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructors of any shape
  new (...args: any[]): { run(input: I): Promise<O> };
  readonly name: string;
}

/** Metadata key under which `@workflow` stores its `WorkflowOptions`. */
export const WORKFLOW_METADATA_KEY = 'flowy:workflow';
/** Metadata key under which `@activity` stores its `ActivityOptions`. */
export const ACTIVITY_METADATA_KEY = 'flowy:activity';

/** The options given to `@workflow` on `cls` with defaults applied, or undefined when not decorated. */
export function getWorkflowOptions(cls: Function): ResolvedWorkflowOptions | undefined {
  if (!Reflect.hasOwnMetadata(WORKFLOW_METADATA_KEY, cls)) return undefined;
  const options = Reflect.getOwnMetadata(WORKFLOW_METADATA_KEY, cls) as WorkflowOptions;
  return resolveWorkflowOptions(cls.name, options);
}

/** The options given to `@activity` on `cls` with defaults applied, or undefined when not decorated. */
export function getActivityOptions(cls: Function): ResolvedActivityOptions | undefined {
  if (!Reflect.hasOwnMetadata(ACTIVITY_METADATA_KEY, cls)) return undefined;
  const options = Reflect.getOwnMetadata(ACTIVITY_METADATA_KEY, cls) as ActivityOptions;
  return resolveActivityOptions(cls.name, options);
}

/** Applies the documented defaults of `WorkflowOptions`. */
export function resolveWorkflowOptions(className: string, options: WorkflowOptions): ResolvedWorkflowOptions {
  return {
    ...options,
    name: options.name ?? className,
    version: options.version ?? '1',
    taskList: options.taskList ?? 'default',
    executionStartToCloseTimeout: options.executionStartToCloseTimeout ?? 3600,
    taskStartToCloseTimeout: options.taskStartToCloseTimeout ?? 30,
    childPolicy: options.childPolicy ?? 'TERMINATE',
  };
}

/** Applies the documented defaults of `ActivityOptions`. */
export function resolveActivityOptions(className: string, options: ActivityOptions): ResolvedActivityOptions {
  return {
    ...options,
    name: options.name ?? className,
    version: options.version ?? '1',
    taskList: options.taskList ?? 'default',
    scheduleToStartTimeout: options.scheduleToStartTimeout ?? 300,
    startToCloseTimeout: options.startToCloseTimeout ?? 300,
    scheduleToCloseTimeout: options.scheduleToCloseTimeout ?? 600,
    heartbeatTimeout: options.heartbeatTimeout ?? 'NONE',
  };
}

/** SWF's wire form of a duration: a string of whole seconds, or 'NONE'. */
export function durationToString(duration: Duration): string {
  return duration === 'NONE' ? 'NONE' : String(Math.max(0, Math.ceil(duration)));
}
