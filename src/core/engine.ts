// src/core's door for what drives workflow code (workers, testing, tools; the package's
// `flowy-ts/engine`): decide() and Decider, decision matching, deterministic ids, option
// resolution, SWF size limits, history helpers and the SWF event and decision shapes.
export { decide } from './decide.ts';
export type {
  WorkflowInterceptor,
  WorkflowInterceptorFactory,
  WorkflowInterceptorInfo,
  WorkflowRunInput,
  WorkflowSignalInput,
  WorkflowQueryInput,
  ScheduleActivityInput,
  StartChildInput,
  StartTimerInput,
} from './interceptors.ts';
export type { DecideOptions, DecideResult } from './decide.ts';
export { withHeaders, splitHeaders, HEADERS_KEY } from './headers.ts';
export type { Headers } from './headers.ts';
export { Decider } from './decider.ts';
export type { DeciderOptions, DecisionTaskExecution } from './decider.ts';
export type { CloseKind } from './close-decision.ts';
export { RestartRequest, NonDeterminismError } from './errors.ts';
export { retryDelay, transientRefusalDelay } from './retry.ts';
export { checkConcurrency, SWF_OPEN_LIMIT } from './window.ts';
export {
  activityId,
  attemptFromActivityId,
  retryTimerId,
  childRetryTimerId,
  throttleTimerId,
  sleepTimerId,
  childWorkflowId,
  sideEffectMarkerName,
  sideEffectFailureMarkerName,
  patchMarkerName,
  externalCallControl,
  invalidIdReason,
} from './ids.ts';
export {
  getWorkflowOptions,
  getActivityOptions,
  resolveWorkflowOptions,
  resolveActivityOptions,
  durationToString,
  WORKFLOW_METADATA_KEY,
  ACTIVITY_METADATA_KEY,
} from './options.ts';
export type { ResolvedWorkflowOptions, ResolvedActivityOptions, SchemaCheck } from './options.ts';
export {
  toError,
  errorClassName,
  encodeFailureDetails,
  failureDetails,
  describeTaskFailure,
  describeWorkflowFailure,
  failureMessage,
  describeFailure,
} from './failure.ts';
export type { FailureFields, TaskFailure } from './failure.ts';
export { serializeChecked, truncate, MAX_DATA_LENGTH, MAX_REASON_LENGTH } from './serializer.ts';
export { SWF_EVENT_LIMIT } from './history.ts';
export {
  readEvent,
  eventAttributes,
  eventAttributesKey,
  decisionAttributesKey,
  timestampMillis,
  closeStatusOf,
  needsDecision,
} from '../swf-model/index.ts';
export { decisionKey, outcomeKey } from './command-matching.ts';
export type { KeyAttributes } from './command-matching.ts';
export type * from '../swf-model/index.ts';
export { checkReplay } from './replay-check.ts';
export type { RecordedHistory, HistoryExecution, ReplayOptions, ReplayReport } from './replay-check.ts';
export { producedDecisions, recordedDecisions } from './recorded-decisions.ts';
export type { DecisionSummary } from './recorded-decisions.ts';
export {
  queryWorkflow,
  queryMethods,
  markQuery,
  historyAsLastDecided,
  lastDecidedEventId,
  ReplayedRun,
} from './query.ts';
export type { QueryOptions } from './query.ts';
