// src/core's door for workflow authors (re-exported by the package root `flowy-ts`): the
// `Workflow` base class, proxies, combinators, errors and the options the decorators take.
// What drives workflow code (decide, Decider, matching, ids) is behind the engine door, engine.ts.
export { Workflow } from './workflow.ts';
export { ActivityProxy } from './activity-proxy.ts';
export type { ActivityRef, CallOptions, ProxyOptions, ActivityFunction } from './activity-proxy.ts';
export { WorkflowProxy } from './workflow-proxy.ts';
export type { WorkflowRef, ChildProxyOptions, ChildCallOptions, ChildWorkflowFunction } from './workflow-proxy.ts';
export type { RetryPolicy } from './retry.ts';
export { all, first, finishOrder } from './combinators.ts';
export {
  TaskError,
  ActivityFailed,
  ActivityTimedOut,
  ActivityCanceled,
  ScheduleActivityFailed,
  ChildWorkflowFailed,
  ChildWorkflowTimedOut,
  ChildWorkflowTerminated,
  ChildWorkflowCanceled,
  StartChildWorkflowFailed,
  TimerFailed,
  TimerCanceled,
  SideEffectFailed,
  SchemaMismatch,
  SignalExternalWorkflowFailed,
  RequestCancelExternalWorkflowFailed,
  NonDeterminismError,
  ConfigurationError,
  PayloadTooLargeError,
  WorkflowCanceled,
} from './errors.ts';
export type { TaskErrorOptions } from './errors.ts';
export { attemptFromActivityId } from './ids.ts';
export type {
  WorkflowOptions,
  ActivityOptions,
  ActivityClass,
  WorkflowClass,
  JsonSchema,
  Duration,
} from './options.ts';
export { jsonSerializer } from './serializer.ts';
export type { Serializer } from './serializer.ts';
