// The replay engine's public door (docs/INTERFACES.md, "src/core"). Pure: no I/O, no AWS SDK.
export { Workflow } from './workflow.ts';
export { ActivityProxy } from './activity-proxy.ts';
export type { ActivityRef, CallOptions, ProxyOptions, ActivityFunction } from './activity-proxy.ts';
export { WorkflowProxy } from './workflow-proxy.ts';
export type { WorkflowRef, ChildProxyOptions, ChildCallOptions, ChildWorkflowFunction } from './workflow-proxy.ts';
export type { RetryPolicy } from './retry.ts';
export { retryDelay } from './retry.ts';
export { all, first, finishOrder } from './combinators.ts';
export {
  TaskError, ActivityFailed, ActivityTimedOut, ActivityCanceled, ScheduleActivityFailed,
  ChildWorkflowFailed, ChildWorkflowTimedOut, ChildWorkflowTerminated, ChildWorkflowCanceled,
  StartChildWorkflowFailed, TimerFailed, TimerCanceled, NonDeterminismError, ConfigurationError,
  PayloadTooLargeError, WorkflowCanceled, RestartRequest,
} from './errors.ts';
export type { TaskErrorOptions } from './errors.ts';
export {
  activityId, attemptFromActivityId, retryTimerId, sleepTimerId, childWorkflowId,
  sideEffectMarkerName, patchMarkerName, invalidIdReason,
} from './ids.ts';
export {
  getWorkflowOptions, getActivityOptions, resolveWorkflowOptions, resolveActivityOptions,
  durationToString, WORKFLOW_METADATA_KEY, ACTIVITY_METADATA_KEY,
} from './options.ts';
export type {
  WorkflowOptions, ActivityOptions, ResolvedWorkflowOptions, ResolvedActivityOptions,
  ActivityClass, WorkflowClass, JsonSchema, Duration,
} from './options.ts';
export { jsonSerializer, serializeChecked, truncate, MAX_DATA_LENGTH, MAX_REASON_LENGTH } from './serializer.ts';
export type { Serializer } from './serializer.ts';
export { decide } from './decide.ts';
export type { DecideOptions, DecideResult } from './decide.ts';
export { Decider } from './decider.ts';
export type { DeciderOptions, DecisionTaskExecution } from './decider.ts';
export type { CloseKind } from './close-decision.ts';
export { eventAttributes, timestampMillis, SWF_EVENT_LIMIT } from './history.ts';
export { decisionKey, outcomeKey } from './command-matching.ts';
export type { KeyAttributes } from './command-matching.ts';
export type * from './swf-types.ts';
