// flowy-ts: the package root. Everything a workflow or activity author imports.
export {
  Workflow, ActivityProxy, WorkflowProxy, all, first, finishOrder,
  TaskError, ActivityFailed, ActivityTimedOut, ActivityCanceled, ScheduleActivityFailed,
  ChildWorkflowFailed, ChildWorkflowTimedOut, ChildWorkflowTerminated, ChildWorkflowCanceled,
  StartChildWorkflowFailed, TimerFailed, TimerCanceled, NonDeterminismError, ConfigurationError,
  PayloadTooLargeError, WorkflowCanceled, attemptFromActivityId, jsonSerializer, decide, Decider,
} from './core/index.ts';
export type {
  ActivityRef, WorkflowRef, CallOptions, ProxyOptions, ChildProxyOptions, ChildCallOptions,
  RetryPolicy, WorkflowOptions, ActivityOptions, Serializer, JsonSchema, Duration,
  DecideOptions, DecideResult, HistoryEvent, Decision,
} from './core/index.ts';
export { workflow, activity, ASYNC_COMPLETION, Registry, scan, validateInput, validateOutput } from './definitions/index.ts';
export type { ActivityContext, WorkflowDefinition, ActivityDefinition } from './definitions/index.ts';
// Starting and driving executions from user code (the same client the CLI uses).
export { FlowyClient, WorkflowExecutionFailed, UnknownExecutionError, InvalidInputError } from './client/index.ts';
export type { FlowyClientOptions, StartWorkflowOptions, ExecutionRef, Execution, ListOptions, FollowOptions } from './client/index.ts';
export { createSwfClient, resolveConnection } from './swf/index.ts';
export type { SwfClientOptions, Connection } from './swf/index.ts';
