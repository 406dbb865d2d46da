// The SWF history event and decision shapes, as data (SWF_SPEC appendices D, E and F).
// Event shapes are deliberately loose (every field optional) so that `HistoryEvent` from
// `@aws-sdk/client-swf` can be passed in unchanged; decision shapes keep the required fields
// required so that what the decider builds is always a valid wire decision.

/** SWF_SPEC appendix F, EventType. */
export type EventType =
  | 'WorkflowExecutionStarted'
  | 'WorkflowExecutionCancelRequested'
  | 'WorkflowExecutionCompleted'
  | 'CompleteWorkflowExecutionFailed'
  | 'WorkflowExecutionFailed'
  | 'FailWorkflowExecutionFailed'
  | 'WorkflowExecutionTimedOut'
  | 'WorkflowExecutionCanceled'
  | 'CancelWorkflowExecutionFailed'
  | 'WorkflowExecutionContinuedAsNew'
  | 'ContinueAsNewWorkflowExecutionFailed'
  | 'WorkflowExecutionTerminated'
  | 'DecisionTaskScheduled'
  | 'DecisionTaskStarted'
  | 'DecisionTaskCompleted'
  | 'DecisionTaskTimedOut'
  | 'ActivityTaskScheduled'
  | 'ScheduleActivityTaskFailed'
  | 'ActivityTaskStarted'
  | 'ActivityTaskCompleted'
  | 'ActivityTaskFailed'
  | 'ActivityTaskTimedOut'
  | 'ActivityTaskCanceled'
  | 'ActivityTaskCancelRequested'
  | 'RequestCancelActivityTaskFailed'
  | 'WorkflowExecutionSignaled'
  | 'MarkerRecorded'
  | 'RecordMarkerFailed'
  | 'TimerStarted'
  | 'StartTimerFailed'
  | 'TimerFired'
  | 'TimerCanceled'
  | 'CancelTimerFailed'
  | 'StartChildWorkflowExecutionInitiated'
  | 'StartChildWorkflowExecutionFailed'
  | 'ChildWorkflowExecutionStarted'
  | 'ChildWorkflowExecutionCompleted'
  | 'ChildWorkflowExecutionFailed'
  | 'ChildWorkflowExecutionTimedOut'
  | 'ChildWorkflowExecutionCanceled'
  | 'ChildWorkflowExecutionTerminated'
  | 'SignalExternalWorkflowExecutionInitiated'
  | 'SignalExternalWorkflowExecutionFailed'
  | 'ExternalWorkflowExecutionSignaled'
  | 'RequestCancelExternalWorkflowExecutionInitiated'
  | 'RequestCancelExternalWorkflowExecutionFailed'
  | 'ExternalWorkflowExecutionCancelRequested'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionCompleted'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'ScheduleLambdaFunctionFailed'
  | 'StartLambdaFunctionFailed';

/** SWF_SPEC appendix F, DecisionType. */
export type DecisionType =
  | 'ScheduleActivityTask'
  | 'RequestCancelActivityTask'
  | 'CompleteWorkflowExecution'
  | 'FailWorkflowExecution'
  | 'CancelWorkflowExecution'
  | 'ContinueAsNewWorkflowExecution'
  | 'RecordMarker'
  | 'StartTimer'
  | 'CancelTimer'
  | 'SignalExternalWorkflowExecution'
  | 'RequestCancelExternalWorkflowExecution'
  | 'StartChildWorkflowExecution'
  | 'ScheduleLambdaFunction';

/** SWF_SPEC appendix F, ChildPolicy. */
export type ChildPolicy = 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';

/** `{ name, version }` of an activity type (appendix C). */
export interface ActivityType {
  name?: string | undefined;
  version?: string | undefined;
}
/** `{ name, version }` of a workflow type (appendix C). */
export interface WorkflowType {
  name?: string | undefined;
  version?: string | undefined;
}
/** A task list reference (appendix C). */
export interface TaskList {
  name?: string | undefined;
}
/** A workflow execution reference (appendix C). */
export interface WorkflowExecution {
  workflowId?: string | undefined;
  runId?: string | undefined;
}

type Opt<T> = T | undefined;

/** Attributes of `WorkflowExecutionStarted`. */
export interface WorkflowExecutionStartedEventAttributes {
  input?: Opt<string>;
  executionStartToCloseTimeout?: Opt<string>;
  taskStartToCloseTimeout?: Opt<string>;
  childPolicy?: Opt<ChildPolicy>;
  taskList?: Opt<TaskList>;
  taskPriority?: Opt<string>;
  workflowType?: Opt<WorkflowType>;
  tagList?: Opt<string[]>;
  continuedExecutionRunId?: Opt<string>;
  parentWorkflowExecution?: Opt<WorkflowExecution>;
  parentInitiatedEventId?: Opt<number>;
  lambdaRole?: Opt<string>;
}
/** Attributes of `WorkflowExecutionCancelRequested`. */
export interface WorkflowExecutionCancelRequestedEventAttributes {
  externalWorkflowExecution?: Opt<WorkflowExecution>;
  externalInitiatedEventId?: Opt<number>;
  cause?: Opt<string>;
}
/** Attributes of `WorkflowExecutionCompleted`. */
export interface WorkflowExecutionCompletedEventAttributes {
  result?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of the `*WorkflowExecutionFailed` close-failure events (`cause` is e.g. UNHANDLED_DECISION). */
export interface CloseDecisionFailedEventAttributes {
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `WorkflowExecutionFailed`. */
export interface WorkflowExecutionFailedEventAttributes {
  reason?: Opt<string>;
  details?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `WorkflowExecutionTimedOut`. */
export interface WorkflowExecutionTimedOutEventAttributes {
  timeoutType?: Opt<string>;
  childPolicy?: Opt<ChildPolicy>;
}
/** Attributes of `WorkflowExecutionCanceled`. */
export interface WorkflowExecutionCanceledEventAttributes {
  details?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `WorkflowExecutionContinuedAsNew`. */
export interface WorkflowExecutionContinuedAsNewEventAttributes {
  input?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
  newExecutionRunId?: Opt<string>;
  executionStartToCloseTimeout?: Opt<string>;
  taskList?: Opt<TaskList>;
  taskPriority?: Opt<string>;
  taskStartToCloseTimeout?: Opt<string>;
  childPolicy?: Opt<ChildPolicy>;
  tagList?: Opt<string[]>;
  workflowType?: Opt<WorkflowType>;
  lambdaRole?: Opt<string>;
}
/** Attributes of `WorkflowExecutionTerminated`. */
export interface WorkflowExecutionTerminatedEventAttributes {
  reason?: Opt<string>;
  details?: Opt<string>;
  childPolicy?: Opt<ChildPolicy>;
  cause?: Opt<string>;
}
/** Attributes of `DecisionTaskScheduled`. */
export interface DecisionTaskScheduledEventAttributes {
  taskList?: Opt<TaskList>;
  taskPriority?: Opt<string>;
  startToCloseTimeout?: Opt<string>;
  scheduleToStartTimeout?: Opt<string>;
}
/** Attributes of `DecisionTaskStarted`. */
export interface DecisionTaskStartedEventAttributes {
  identity?: Opt<string>;
  scheduledEventId?: Opt<number>;
}
/** Attributes of `DecisionTaskCompleted`. */
export interface DecisionTaskCompletedEventAttributes {
  executionContext?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
  taskList?: Opt<TaskList>;
  taskListScheduleToStartTimeout?: Opt<string>;
}
/** Attributes of `DecisionTaskTimedOut`. */
export interface DecisionTaskTimedOutEventAttributes {
  timeoutType?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskScheduled`. */
export interface ActivityTaskScheduledEventAttributes {
  activityType?: Opt<ActivityType>;
  activityId?: Opt<string>;
  input?: Opt<string>;
  control?: Opt<string>;
  scheduleToStartTimeout?: Opt<string>;
  scheduleToCloseTimeout?: Opt<string>;
  startToCloseTimeout?: Opt<string>;
  taskList?: Opt<TaskList>;
  taskPriority?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
  heartbeatTimeout?: Opt<string>;
}
/** Attributes of `ScheduleActivityTaskFailed`. */
export interface ScheduleActivityTaskFailedEventAttributes {
  activityType?: Opt<ActivityType>;
  activityId?: Opt<string>;
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskStarted`. */
export interface ActivityTaskStartedEventAttributes {
  identity?: Opt<string>;
  scheduledEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskCompleted`. */
export interface ActivityTaskCompletedEventAttributes {
  result?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskFailed`. */
export interface ActivityTaskFailedEventAttributes {
  reason?: Opt<string>;
  details?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskTimedOut`. */
export interface ActivityTaskTimedOutEventAttributes {
  timeoutType?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
  details?: Opt<string>;
}
/** Attributes of `ActivityTaskCanceled`. */
export interface ActivityTaskCanceledEventAttributes {
  details?: Opt<string>;
  scheduledEventId?: Opt<number>;
  startedEventId?: Opt<number>;
  latestCancelRequestedEventId?: Opt<number>;
}
/** Attributes of `ActivityTaskCancelRequested`. */
export interface ActivityTaskCancelRequestedEventAttributes {
  decisionTaskCompletedEventId?: Opt<number>;
  activityId?: Opt<string>;
}
/** Attributes of `RequestCancelActivityTaskFailed`. */
export interface RequestCancelActivityTaskFailedEventAttributes {
  activityId?: Opt<string>;
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `WorkflowExecutionSignaled`. */
export interface WorkflowExecutionSignaledEventAttributes {
  signalName?: Opt<string>;
  input?: Opt<string>;
  externalWorkflowExecution?: Opt<WorkflowExecution>;
  externalInitiatedEventId?: Opt<number>;
}
/** Attributes of `MarkerRecorded`. */
export interface MarkerRecordedEventAttributes {
  markerName?: Opt<string>;
  details?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `RecordMarkerFailed`. */
export interface RecordMarkerFailedEventAttributes {
  markerName?: Opt<string>;
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `TimerStarted`. */
export interface TimerStartedEventAttributes {
  timerId?: Opt<string>;
  control?: Opt<string>;
  startToFireTimeout?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `StartTimerFailed`. */
export interface StartTimerFailedEventAttributes {
  timerId?: Opt<string>;
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `TimerFired`. */
export interface TimerFiredEventAttributes {
  timerId?: Opt<string>;
  startedEventId?: Opt<number>;
}
/** Attributes of `TimerCanceled`. */
export interface TimerCanceledEventAttributes {
  timerId?: Opt<string>;
  startedEventId?: Opt<number>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `CancelTimerFailed`. */
export interface CancelTimerFailedEventAttributes {
  timerId?: Opt<string>;
  cause?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
}
/** Attributes of `StartChildWorkflowExecutionInitiated`. */
export interface StartChildWorkflowExecutionInitiatedEventAttributes {
  workflowId?: Opt<string>;
  workflowType?: Opt<WorkflowType>;
  control?: Opt<string>;
  input?: Opt<string>;
  executionStartToCloseTimeout?: Opt<string>;
  taskList?: Opt<TaskList>;
  taskPriority?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
  childPolicy?: Opt<ChildPolicy>;
  taskStartToCloseTimeout?: Opt<string>;
  tagList?: Opt<string[]>;
  lambdaRole?: Opt<string>;
}
/** Attributes of `StartChildWorkflowExecutionFailed`. */
export interface StartChildWorkflowExecutionFailedEventAttributes {
  workflowType?: Opt<WorkflowType>;
  cause?: Opt<string>;
  workflowId?: Opt<string>;
  initiatedEventId?: Opt<number>;
  decisionTaskCompletedEventId?: Opt<number>;
  control?: Opt<string>;
}
/** Attributes shared by the `ChildWorkflowExecution*` lifecycle events. */
export interface ChildWorkflowExecutionEventAttributes {
  workflowExecution?: Opt<WorkflowExecution>;
  workflowType?: Opt<WorkflowType>;
  initiatedEventId?: Opt<number>;
  startedEventId?: Opt<number>;
  result?: Opt<string>;
  reason?: Opt<string>;
  details?: Opt<string>;
  timeoutType?: Opt<string>;
}
/** Attributes of `SignalExternalWorkflowExecutionInitiated`. */
export interface SignalExternalWorkflowExecutionInitiatedEventAttributes {
  workflowId?: Opt<string>;
  runId?: Opt<string>;
  signalName?: Opt<string>;
  input?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
  control?: Opt<string>;
}
/** Attributes of `SignalExternalWorkflowExecutionFailed` and `RequestCancelExternalWorkflowExecutionFailed`. */
export interface ExternalWorkflowExecutionFailedEventAttributes {
  workflowId?: Opt<string>;
  runId?: Opt<string>;
  cause?: Opt<string>;
  initiatedEventId?: Opt<number>;
  decisionTaskCompletedEventId?: Opt<number>;
  control?: Opt<string>;
}
/** Attributes of `RequestCancelExternalWorkflowExecutionInitiated`. */
export interface RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
  workflowId?: Opt<string>;
  runId?: Opt<string>;
  decisionTaskCompletedEventId?: Opt<number>;
  control?: Opt<string>;
}
/** Attributes of `ExternalWorkflowExecutionSignaled` and `ExternalWorkflowExecutionCancelRequested`. */
export interface ExternalWorkflowExecutionEventAttributes {
  workflowExecution?: Opt<WorkflowExecution>;
  initiatedEventId?: Opt<number>;
}

/**
 * One history event (appendix C envelope + appendix D attributes). `eventTimestamp` may be a Date
 * (SDK), an ISO string or epoch seconds (JSON fixtures).
 */
export interface HistoryEvent {
  eventId?: Opt<number>;
  eventType?: Opt<EventType | string>;
  eventTimestamp?: Opt<Date | string | number>;
  workflowExecutionStartedEventAttributes?: Opt<WorkflowExecutionStartedEventAttributes>;
  workflowExecutionCancelRequestedEventAttributes?: Opt<WorkflowExecutionCancelRequestedEventAttributes>;
  workflowExecutionCompletedEventAttributes?: Opt<WorkflowExecutionCompletedEventAttributes>;
  completeWorkflowExecutionFailedEventAttributes?: Opt<CloseDecisionFailedEventAttributes>;
  workflowExecutionFailedEventAttributes?: Opt<WorkflowExecutionFailedEventAttributes>;
  failWorkflowExecutionFailedEventAttributes?: Opt<CloseDecisionFailedEventAttributes>;
  workflowExecutionTimedOutEventAttributes?: Opt<WorkflowExecutionTimedOutEventAttributes>;
  workflowExecutionCanceledEventAttributes?: Opt<WorkflowExecutionCanceledEventAttributes>;
  cancelWorkflowExecutionFailedEventAttributes?: Opt<CloseDecisionFailedEventAttributes>;
  workflowExecutionContinuedAsNewEventAttributes?: Opt<WorkflowExecutionContinuedAsNewEventAttributes>;
  continueAsNewWorkflowExecutionFailedEventAttributes?: Opt<CloseDecisionFailedEventAttributes>;
  workflowExecutionTerminatedEventAttributes?: Opt<WorkflowExecutionTerminatedEventAttributes>;
  decisionTaskScheduledEventAttributes?: Opt<DecisionTaskScheduledEventAttributes>;
  decisionTaskStartedEventAttributes?: Opt<DecisionTaskStartedEventAttributes>;
  decisionTaskCompletedEventAttributes?: Opt<DecisionTaskCompletedEventAttributes>;
  decisionTaskTimedOutEventAttributes?: Opt<DecisionTaskTimedOutEventAttributes>;
  activityTaskScheduledEventAttributes?: Opt<ActivityTaskScheduledEventAttributes>;
  activityTaskStartedEventAttributes?: Opt<ActivityTaskStartedEventAttributes>;
  activityTaskCompletedEventAttributes?: Opt<ActivityTaskCompletedEventAttributes>;
  activityTaskFailedEventAttributes?: Opt<ActivityTaskFailedEventAttributes>;
  activityTaskTimedOutEventAttributes?: Opt<ActivityTaskTimedOutEventAttributes>;
  activityTaskCanceledEventAttributes?: Opt<ActivityTaskCanceledEventAttributes>;
  activityTaskCancelRequestedEventAttributes?: Opt<ActivityTaskCancelRequestedEventAttributes>;
  workflowExecutionSignaledEventAttributes?: Opt<WorkflowExecutionSignaledEventAttributes>;
  markerRecordedEventAttributes?: Opt<MarkerRecordedEventAttributes>;
  recordMarkerFailedEventAttributes?: Opt<RecordMarkerFailedEventAttributes>;
  timerStartedEventAttributes?: Opt<TimerStartedEventAttributes>;
  timerFiredEventAttributes?: Opt<TimerFiredEventAttributes>;
  timerCanceledEventAttributes?: Opt<TimerCanceledEventAttributes>;
  startChildWorkflowExecutionInitiatedEventAttributes?: Opt<StartChildWorkflowExecutionInitiatedEventAttributes>;
  childWorkflowExecutionStartedEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  childWorkflowExecutionCompletedEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  childWorkflowExecutionFailedEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  childWorkflowExecutionTimedOutEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  childWorkflowExecutionCanceledEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  childWorkflowExecutionTerminatedEventAttributes?: Opt<ChildWorkflowExecutionEventAttributes>;
  signalExternalWorkflowExecutionInitiatedEventAttributes?: Opt<SignalExternalWorkflowExecutionInitiatedEventAttributes>;
  externalWorkflowExecutionSignaledEventAttributes?: Opt<ExternalWorkflowExecutionEventAttributes>;
  signalExternalWorkflowExecutionFailedEventAttributes?: Opt<ExternalWorkflowExecutionFailedEventAttributes>;
  externalWorkflowExecutionCancelRequestedEventAttributes?: Opt<ExternalWorkflowExecutionEventAttributes>;
  requestCancelExternalWorkflowExecutionInitiatedEventAttributes?: Opt<RequestCancelExternalWorkflowExecutionInitiatedEventAttributes>;
  requestCancelExternalWorkflowExecutionFailedEventAttributes?: Opt<ExternalWorkflowExecutionFailedEventAttributes>;
  scheduleActivityTaskFailedEventAttributes?: Opt<ScheduleActivityTaskFailedEventAttributes>;
  requestCancelActivityTaskFailedEventAttributes?: Opt<RequestCancelActivityTaskFailedEventAttributes>;
  startTimerFailedEventAttributes?: Opt<StartTimerFailedEventAttributes>;
  cancelTimerFailedEventAttributes?: Opt<CancelTimerFailedEventAttributes>;
  startChildWorkflowExecutionFailedEventAttributes?: Opt<StartChildWorkflowExecutionFailedEventAttributes>;
}

/** Attributes of the `ScheduleActivityTask` decision (appendix E). */
export interface ScheduleActivityTaskDecisionAttributes {
  activityType: { name: string; version: string };
  activityId: string;
  control?: string;
  input?: string;
  scheduleToCloseTimeout?: string;
  taskList?: { name: string };
  taskPriority?: string;
  scheduleToStartTimeout?: string;
  startToCloseTimeout?: string;
  heartbeatTimeout?: string;
}
/** Attributes of the `ContinueAsNewWorkflowExecution` decision. */
export interface ContinueAsNewWorkflowExecutionDecisionAttributes {
  input?: string;
  executionStartToCloseTimeout?: string;
  taskList?: { name: string };
  taskPriority?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: ChildPolicy;
  tagList?: string[];
  workflowTypeVersion?: string;
  lambdaRole?: string;
}
/** Attributes of the `StartChildWorkflowExecution` decision. */
export interface StartChildWorkflowExecutionDecisionAttributes {
  workflowType: { name: string; version: string };
  workflowId: string;
  control?: string;
  input?: string;
  executionStartToCloseTimeout?: string;
  taskList?: { name: string };
  taskPriority?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: ChildPolicy;
  tagList?: string[];
  lambdaRole?: string;
}

/** One decision (appendix C envelope + appendix E attributes), the wire shape for RespondDecisionTaskCompleted. */
export interface Decision {
  decisionType: DecisionType;
  scheduleActivityTaskDecisionAttributes?: ScheduleActivityTaskDecisionAttributes;
  requestCancelActivityTaskDecisionAttributes?: { activityId: string };
  completeWorkflowExecutionDecisionAttributes?: { result?: string };
  failWorkflowExecutionDecisionAttributes?: { reason?: string; details?: string };
  cancelWorkflowExecutionDecisionAttributes?: { details?: string };
  continueAsNewWorkflowExecutionDecisionAttributes?: ContinueAsNewWorkflowExecutionDecisionAttributes;
  recordMarkerDecisionAttributes?: { markerName: string; details?: string };
  startTimerDecisionAttributes?: { timerId: string; control?: string; startToFireTimeout: string };
  cancelTimerDecisionAttributes?: { timerId: string };
  signalExternalWorkflowExecutionDecisionAttributes?: {
    workflowId: string;
    runId?: string;
    signalName: string;
    input?: string;
    control?: string;
  };
  requestCancelExternalWorkflowExecutionDecisionAttributes?: { workflowId: string; runId?: string; control?: string };
  startChildWorkflowExecutionDecisionAttributes?: StartChildWorkflowExecutionDecisionAttributes;
}
