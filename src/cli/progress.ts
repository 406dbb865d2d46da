// One line per notable history event, as `flowy run` shows a workflow progressing.
import { failureMessage, truncate } from '../core/engine.ts';
import { readEvent, type HistoryEvent } from '../swf-model/index.ts';

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
    const view = readEvent(event);
    if (!view) return undefined;
    const activity = () => this.activities.get(view.scheduledEventId ?? 0);
    switch (view.eventType) {
      case 'WorkflowExecutionStarted': {
        const type = view.attributes.workflowType;
        return `workflow ${type?.name}@${type?.version} started`;
      }
      case 'ActivityTaskScheduled': {
        const a = view.attributes;
        const label = `${a.activityId}`;
        this.activities.set(view.eventId, label);
        return `activity ${label} scheduled on "${a.taskList?.name}"`;
      }
      case 'ActivityTaskCompleted':
        return `activity ${activity()} completed`;
      case 'ActivityTaskFailed':
        return `activity ${activity()} failed: ${view.attributes.reason ?? 'no reason'}${messageOf(view.attributes.details)}`;
      case 'ActivityTaskTimedOut':
        return `activity ${activity()} timed out (${view.attributes.timeoutType})`;
      case 'ActivityTaskCanceled':
        return `activity ${activity()} canceled`;
      case 'ScheduleActivityTaskFailed':
        return `activity ${view.attributes.activityId} could not be scheduled: ${view.attributes.cause}`;
      case 'TimerStarted': {
        const a = view.attributes;
        this.timers.set(view.eventId, a.timerId ?? '?');
        return `timer ${a.timerId} started (${a.startToFireTimeout}s)`;
      }
      case 'TimerFired':
        return `timer ${view.attributes.timerId} fired`;
      case 'TimerCanceled':
        return `timer ${view.attributes.timerId} canceled`;
      case 'StartChildWorkflowExecutionInitiated': {
        const a = view.attributes;
        this.children.set(view.eventId, a.workflowId ?? '?');
        return `child ${a.workflowId} (${a.workflowType?.name}) starting`;
      }
      case 'StartChildWorkflowExecutionFailed':
        return `child ${view.attributes.workflowId} could not start: ${view.attributes.cause}`;
      case 'ChildWorkflowExecutionCompleted':
        return `child ${view.attributes.workflowExecution?.workflowId} completed`;
      case 'ChildWorkflowExecutionFailed': {
        const a = view.attributes;
        return `child ${a.workflowExecution?.workflowId} failed: ${a.reason ?? 'no reason'}${messageOf(a.details)}`;
      }
      case 'ChildWorkflowExecutionCanceled':
        return `child ${view.attributes.workflowExecution?.workflowId} canceled`;
      case 'ChildWorkflowExecutionTerminated':
        return `child ${view.attributes.workflowExecution?.workflowId} terminated`;
      case 'ChildWorkflowExecutionTimedOut':
        return `child ${view.attributes.workflowExecution?.workflowId} timed out`;
      case 'WorkflowExecutionSignaled':
        return `signal "${view.attributes.signalName}" received`;
      case 'WorkflowExecutionCancelRequested':
        return 'cancellation requested';
      case 'DecisionTaskTimedOut':
        return 'decision task timed out (a decider did not answer; see the worker log)';
      case 'WorkflowExecutionCompleted':
        return 'workflow completed';
      case 'WorkflowExecutionFailed':
        return `workflow failed: ${view.attributes.reason ?? 'no reason'}${messageOf(view.attributes.details)}`;
      case 'WorkflowExecutionCanceled':
        return 'workflow canceled';
      case 'WorkflowExecutionTerminated':
        return `workflow terminated${view.attributes.reason ? `: ${view.attributes.reason}` : ''}`;
      case 'WorkflowExecutionTimedOut':
        return 'workflow timed out';
      case 'WorkflowExecutionContinuedAsNew':
        return `workflow continued as new run ${view.attributes.newExecutionRunId}`;
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
  return `: ${failureMessage(details) ?? truncate(details, 120)}`;
}
