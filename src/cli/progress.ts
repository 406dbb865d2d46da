// One line per notable history event, as `flowy run` shows a workflow progressing.
import type { HistoryEvent } from '@aws-sdk/client-swf';

/** Formats events into progress lines; keeps what later events refer back to (ids by event). */
export class ProgressPrinter {
  private readonly write: (line: string) => void;
  private origin: number | undefined;
  private readonly activities = new Map<number, string>();
  private readonly timers = new Map<number, string>();
  private readonly children = new Map<number, string>();

  constructor(write: (line: string) => void) {
    this.write = write;
  }

  /** Prints the line for `event`, if it is one worth a line. */
  onEvent(event: HistoryEvent): void {
    const time = event.eventTimestamp instanceof Date ? event.eventTimestamp.getTime() : Date.now();
    this.origin ??= time;
    const line = this.describe(event);
    if (line) this.write(`${formatOffset(time - this.origin).padStart(OFFSET_WIDTH)}  ${line}`);
  }

  private describe(event: HistoryEvent): string | undefined {
    const id = event.eventId ?? 0;
    switch (event.eventType) {
      case 'WorkflowExecutionStarted': {
        const a = event.workflowExecutionStartedEventAttributes;
        return `workflow ${a?.workflowType?.name}@${a?.workflowType?.version} started`;
      }
      case 'ActivityTaskScheduled': {
        const a = event.activityTaskScheduledEventAttributes;
        const label = `${a?.activityId}`;
        this.activities.set(id, label);
        return `activity ${label} scheduled on "${a?.taskList?.name}"`;
      }
      case 'ActivityTaskCompleted':
        return `activity ${this.activities.get(event.activityTaskCompletedEventAttributes?.scheduledEventId ?? 0)} completed`;
      case 'ActivityTaskFailed': {
        const a = event.activityTaskFailedEventAttributes;
        return `activity ${this.activities.get(a?.scheduledEventId ?? 0)} failed: ${a?.reason ?? 'no reason'}${messageOf(a?.details)}`;
      }
      case 'ActivityTaskTimedOut': {
        const a = event.activityTaskTimedOutEventAttributes;
        return `activity ${this.activities.get(a?.scheduledEventId ?? 0)} timed out (${a?.timeoutType})`;
      }
      case 'ActivityTaskCanceled':
        return `activity ${this.activities.get(event.activityTaskCanceledEventAttributes?.scheduledEventId ?? 0)} canceled`;
      case 'ScheduleActivityTaskFailed': {
        const a = event.scheduleActivityTaskFailedEventAttributes;
        return `activity ${a?.activityId} could not be scheduled: ${a?.cause}`;
      }
      case 'TimerStarted': {
        const a = event.timerStartedEventAttributes;
        this.timers.set(id, a?.timerId ?? '?');
        return `timer ${a?.timerId} started (${a?.startToFireTimeout}s)`;
      }
      case 'TimerFired':
        return `timer ${event.timerFiredEventAttributes?.timerId} fired`;
      case 'TimerCanceled':
        return `timer ${event.timerCanceledEventAttributes?.timerId} canceled`;
      case 'StartChildWorkflowExecutionInitiated': {
        const a = event.startChildWorkflowExecutionInitiatedEventAttributes;
        this.children.set(id, a?.workflowId ?? '?');
        return `child ${a?.workflowId} (${a?.workflowType?.name}) starting`;
      }
      case 'StartChildWorkflowExecutionFailed': {
        const a = event.startChildWorkflowExecutionFailedEventAttributes;
        return `child ${a?.workflowId} could not start: ${a?.cause}`;
      }
      case 'ChildWorkflowExecutionCompleted':
        return `child ${event.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId} completed`;
      case 'ChildWorkflowExecutionFailed': {
        const a = event.childWorkflowExecutionFailedEventAttributes;
        return `child ${a?.workflowExecution?.workflowId} failed: ${a?.reason ?? 'no reason'}${messageOf(a?.details)}`;
      }
      case 'ChildWorkflowExecutionCanceled':
        return `child ${event.childWorkflowExecutionCanceledEventAttributes?.workflowExecution?.workflowId} canceled`;
      case 'ChildWorkflowExecutionTerminated':
        return `child ${event.childWorkflowExecutionTerminatedEventAttributes?.workflowExecution?.workflowId} terminated`;
      case 'ChildWorkflowExecutionTimedOut':
        return `child ${event.childWorkflowExecutionTimedOutEventAttributes?.workflowExecution?.workflowId} timed out`;
      case 'WorkflowExecutionSignaled':
        return `signal "${event.workflowExecutionSignaledEventAttributes?.signalName}" received`;
      case 'WorkflowExecutionCancelRequested':
        return 'cancellation requested';
      case 'DecisionTaskTimedOut':
        return 'decision task timed out (a decider did not answer; see the worker log)';
      case 'WorkflowExecutionCompleted':
        return 'workflow completed';
      case 'WorkflowExecutionFailed': {
        const a = event.workflowExecutionFailedEventAttributes;
        return `workflow failed: ${a?.reason ?? 'no reason'}${messageOf(a?.details)}`;
      }
      case 'WorkflowExecutionCanceled':
        return 'workflow canceled';
      case 'WorkflowExecutionTerminated':
        return `workflow terminated${event.workflowExecutionTerminatedEventAttributes?.reason ? `: ${event.workflowExecutionTerminatedEventAttributes.reason}` : ''}`;
      case 'WorkflowExecutionTimedOut':
        return 'workflow timed out';
      case 'WorkflowExecutionContinuedAsNew':
        return `workflow continued as new run ${event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId}`;
      default:
        return undefined;
    }
  }
}

/** Wide enough for offsets of skipped-ahead runs (`+86400.00s` is a day; `+999999.99s` eleven days). */
const OFFSET_WIDTH = 11;

/** `+12.34s`: the time since the run started. */
function formatOffset(milliseconds: number): string {
  return `+${(milliseconds / 1000).toFixed(2)}s`;
}

/** `: <message>` from flowy's JSON details, or the start of plain details. */
function messageOf(details: string | undefined): string {
  if (!details) return '';
  try {
    const parsed = JSON.parse(details) as { message?: unknown };
    if (typeof parsed?.message === 'string') return `: ${parsed.message}`;
  } catch {
    // not JSON
  }
  return `: ${details.length > 120 ? `${details.slice(0, 119)}…` : details}`;
}
