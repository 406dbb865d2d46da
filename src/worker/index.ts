// src/worker: the decision and activity poll loops and their activity context.
// Logger, observer hooks, metrics, backoff and shutdown live in src/common.
export { DecisionWorker, UnknownWorkflowType } from './decision-worker.ts';
export type { DecisionWorkerOptions } from './decision-worker.ts';
export { ActivityWorker } from './activity-worker.ts';
export type { ActivityInterceptor, ActivityExecuteInput } from './activity-interceptors.ts';
export type { DecisionTaskInterceptor, DecisionTaskInput, DecisionTaskOutcome } from './decision-task-interceptors.ts';
export type { ActivityWorkerOptions, ActivityFunction } from './activity-worker.ts';
export { WorkerActivityContext, AbortError } from './activity-context.ts';
export type { AbortCause } from './activity-context.ts';
