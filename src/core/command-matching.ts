// Matches the decisions the code issued during a replayed decision task against the events that
// SWF recorded for that task's decisions. SWF applies a task's decisions in list order right after
// its DecisionTaskCompleted, each producing its success or *Failed event carrying
// decisionTaskCompletedEventId (SWF_SPEC 8.3, 9), so the n-th decision matches the n-th outcome.
import { NonDeterminismError } from './errors.ts';
import type { Command, Execution } from './execution.ts';
import { eventAttributes, type HistoryEvent } from '../swf-model/index.ts';
import { patchMarkerName } from './ids.ts';

/** The fields of decision and outcome attributes that identify what was decided. */
export interface KeyAttributes {
  activityType?: { name?: string | undefined; version?: string | undefined } | undefined;
  workflowType?: { name?: string | undefined; version?: string | undefined } | undefined;
  activityId?: string | undefined;
  workflowId?: string | undefined;
  timerId?: string | undefined;
  markerName?: string | undefined;
  signalName?: string | undefined;
}

/** The matching key of a decision the code issued (what its recorded outcome must echo). */
export function decisionKey(decisionType: string, a: KeyAttributes): string {
  switch (decisionType) {
    case 'ScheduleActivityTask':
      return `ScheduleActivityTask ${a.activityType?.name}@${a.activityType?.version} (id ${a.activityId})`;
    case 'StartChildWorkflowExecution':
      return `StartChildWorkflowExecution ${a.workflowType?.name}@${a.workflowType?.version} (id ${a.workflowId})`;
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
      return decisionType; // the close decisions
  }
}

/** Outcome event type → the decision type it answers; `*Failed` outcomes also re-queue closes. */
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
  RequestCancelExternalWorkflowExecutionInitiated: 'RequestCancelExternalWorkflowExecution',
  WorkflowExecutionCompleted: 'CompleteWorkflowExecution',
  CompleteWorkflowExecutionFailed: 'CompleteWorkflowExecution',
  WorkflowExecutionFailed: 'FailWorkflowExecution',
  FailWorkflowExecutionFailed: 'FailWorkflowExecution',
  WorkflowExecutionCanceled: 'CancelWorkflowExecution',
  CancelWorkflowExecutionFailed: 'CancelWorkflowExecution',
  WorkflowExecutionContinuedAsNew: 'ContinueAsNewWorkflowExecution',
  ContinueAsNewWorkflowExecutionFailed: 'ContinueAsNewWorkflowExecution',
};

const PATCH_MARKER_KEY = `RecordMarker ${patchMarkerName('')}`;

const CLOSE_FAILURES = new Set([
  'CompleteWorkflowExecutionFailed',
  'FailWorkflowExecutionFailed',
  'CancelWorkflowExecutionFailed',
  'ContinueAsNewWorkflowExecutionFailed',
]);

/**
 * The key of the decision that `event` records the outcome of, when `event` is an outcome of the
 * decision task completed by event `completedEventId`; else undefined.
 */
export function outcomeKey(event: HistoryEvent, completedEventId: number): string | undefined {
  const type = event.eventType ?? '';
  const decisionType = Object.hasOwn(OUTCOME_OF, type) ? OUTCOME_OF[type] : undefined;
  if (decisionType === undefined) return undefined;
  const a = eventAttributes(event) as KeyAttributes & {
    decisionTaskCompletedEventId?: number;
    initiatedEventId?: number;
  };
  if (a.decisionTaskCompletedEventId !== completedEventId) return undefined;
  // SWF_SPEC 9: a child start that failed after its Initiated event (WORKFLOW_ALREADY_RUNNING)
  // is a consequence of that event, not a second outcome of the decision.
  if (event.eventType === 'StartChildWorkflowExecutionFailed' && (a.initiatedEventId ?? 0) !== 0) return undefined;
  return decisionKey(decisionType, a);
}

/**
 * Matches the commands issued during the task completed at `events[completedIndex]` with the
 * outcomes recorded after it; throws `NonDeterminismError` naming the first difference.
 */
export function matchRecordedDecisions(
  execution: Execution,
  events: readonly HistoryEvent[],
  completedIndex: number,
): void {
  const completed = events[completedIndex]!;
  const completedEventId = completed.eventId ?? 0;
  const commands: Command[] = execution.takeCommands();
  let matched = 0;
  for (let i = completedIndex + 1; i < events.length; i++) {
    const event = events[i]!;
    if (event.eventType === 'DecisionTaskCompleted') break;
    const key = outcomeKey(event, completedEventId);
    if (key === undefined) continue;
    const recorded = `${event.eventType} for ${key}`;
    const command = commands[matched];
    // A patch marker the code no longer asks for: the patched() check was removed once every
    // execution took the new path, which is exactly what the marker recorded.
    if (key.startsWith(PATCH_MARKER_KEY) && command?.key !== key) continue;
    if (!command) throw new NonDeterminismError(event.eventId ?? 0, recorded, 'no such decision');
    if (command.key !== key) throw new NonDeterminismError(event.eventId ?? 0, recorded, command.key);
    if (command.isClose) {
      if (CLOSE_FAILURES.has(event.eventType ?? '')) execution.retryClose(command);
      else execution.isClosed = true;
    }
    matched++;
  }
  const extra = commands[matched];
  if (extra) {
    throw new NonDeterminismError(
      completedEventId,
      `DecisionTaskCompleted with ${matched} decision(s)`,
      `an additional decision ${extra.key}`,
    );
  }
}
