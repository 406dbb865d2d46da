// Decisions compared by what SWF records of them: the type and the ids an outcome event echoes
// (SWF_SPEC 9: a task's decisions are applied in order right after its DecisionTaskCompleted, each
// leaving a success or *Failed event that carries decisionTaskCompletedEventId).
import type { Decision, HistoryEvent } from '../core/index.ts';

/** One decision as recorded in a history, or as produced by today's code. */
export interface DecisionSummary {
  /** e.g. `ScheduleActivityTask charge@1 (id charge-2)` */
  key: string;
  /** the outcome event in the history (recorded side only) */
  eventId?: number;
  eventType?: string;
}

const OUTCOME_OF: Record<string, string> = {
  ActivityTaskScheduled: 'ScheduleActivityTask',
  ScheduleActivityTaskFailed: 'ScheduleActivityTask',
  StartChildWorkflowExecutionInitiated: 'StartChildWorkflowExecution',
  StartChildWorkflowExecutionFailed: 'StartChildWorkflowExecution',
  TimerStarted: 'StartTimer',
  StartTimerFailed: 'StartTimer',
  TimerCanceled: 'CancelTimer',
  CancelTimerFailed: 'CancelTimer',
  ActivityTaskCancelRequested: 'RequestCancelActivityTask',
  RequestCancelActivityTaskFailed: 'RequestCancelActivityTask',
  MarkerRecorded: 'RecordMarker',
  RecordMarkerFailed: 'RecordMarker',
  SignalExternalWorkflowExecutionInitiated: 'SignalExternalWorkflowExecution',
  SignalExternalWorkflowExecutionFailed: 'SignalExternalWorkflowExecution',
  RequestCancelExternalWorkflowExecutionInitiated: 'RequestCancelExternalWorkflowExecution',
  RequestCancelExternalWorkflowExecutionFailed: 'RequestCancelExternalWorkflowExecution',
  WorkflowExecutionCompleted: 'CompleteWorkflowExecution',
  CompleteWorkflowExecutionFailed: 'CompleteWorkflowExecution',
  WorkflowExecutionFailed: 'FailWorkflowExecution',
  FailWorkflowExecutionFailed: 'FailWorkflowExecution',
  WorkflowExecutionCanceled: 'CancelWorkflowExecution',
  CancelWorkflowExecutionFailed: 'CancelWorkflowExecution',
  WorkflowExecutionContinuedAsNew: 'ContinueAsNewWorkflowExecution',
  ContinueAsNewWorkflowExecutionFailed: 'ContinueAsNewWorkflowExecution',
};

type Attributes = Record<string, unknown>;

/** The comparison key of a decision: its type and the ids and type names its outcome records. */
export function decisionKey(decisionType: string, a: Attributes): string {
  const type = (t: unknown) => {
    const { name, version } = (t ?? {}) as { name?: string; version?: string };
    return `${name}@${version}`;
  };
  switch (decisionType) {
    case 'ScheduleActivityTask':
      return `ScheduleActivityTask ${type(a.activityType)} (id ${a.activityId})`;
    case 'StartChildWorkflowExecution':
      return `StartChildWorkflowExecution ${type(a.workflowType)} (id ${a.workflowId})`;
    case 'StartTimer':
    case 'CancelTimer':
      return `${decisionType} (id ${a.timerId})`;
    case 'RequestCancelActivityTask':
      return `RequestCancelActivityTask (id ${a.activityId})`;
    case 'RecordMarker':
      return `RecordMarker ${a.markerName}`;
    case 'SignalExternalWorkflowExecution':
      return `SignalExternalWorkflowExecution ${a.signalName} (id ${a.workflowId})`;
    case 'RequestCancelExternalWorkflowExecution':
      return `RequestCancelExternalWorkflowExecution (id ${a.workflowId})`;
    default:
      return decisionType;
  }
}

/** The decisions of `decide()`'s answer, as keys. */
export function producedDecisions(decisions: readonly Decision[]): DecisionSummary[] {
  return decisions.map((decision) => {
    const type = String(decision.decisionType);
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}DecisionAttributes`;
    return { key: decisionKey(type, ((decision as unknown as Attributes)[key] ?? {}) as Attributes) };
  });
}

/** The decisions that the task completed by event `completedEventId` sent, read from their outcomes. */
export function recordedDecisions(events: readonly HistoryEvent[], completedEventId: number): DecisionSummary[] {
  const found: DecisionSummary[] = [];
  for (const event of events) {
    const eventType = event.eventType ?? '';
    const decisionType = OUTCOME_OF[eventType];
    if (decisionType === undefined) continue;
    const a = attributesOf(event);
    if (a.decisionTaskCompletedEventId !== completedEventId) continue;
    // a child start refused after its Initiated event (e.g. WORKFLOW_ALREADY_RUNNING) is a
    // consequence of that event, not a second decision
    if (eventType === 'StartChildWorkflowExecutionFailed' && Number(a.initiatedEventId ?? 0) !== 0) continue;
    found.push({ key: decisionKey(decisionType, a), eventId: event.eventId, eventType });
  }
  return found;
}

function attributesOf(event: HistoryEvent): Attributes {
  const type = event.eventType ?? '';
  const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
  return ((event as unknown as Attributes)[key] ?? {}) as Attributes;
}
