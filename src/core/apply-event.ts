// Applies one history event to the execution's state: settles the promise the event answers
// (SWF_SPEC appendix D for the shapes), delivers signals and cancellation. Decision-task events
// and the matching of recorded decisions are handled by `replay.ts` / `command-matching.ts`.
import {
  ActivityCanceled,
  ActivityFailed,
  ActivityTimedOut,
  ChildWorkflowCanceled,
  ChildWorkflowFailed,
  ChildWorkflowTerminated,
  ChildWorkflowTimedOut,
  NonDeterminismError,
  ScheduleActivityFailed,
  StartChildWorkflowFailed,
  TimerFailed,
  SignalExternalWorkflowFailed,
  RequestCancelExternalWorkflowFailed,
  type TaskError,
} from './errors.ts';
import { describeFailure } from './failure.ts';
import type { Execution } from './execution.ts';
import type { Deferred } from './settlement.ts';
import { readEvent, type EventView, type HistoryEvent } from '../swf-model/index.ts';

/** Applies `event`; returns nothing, but sets `execution.hasSettled` when code may continue. */
export function applyEvent(execution: Execution, event: HistoryEvent): void {
  const view = readEvent(event);
  if (!view) return;
  switch (view.eventType) {
    case 'ActivityTaskScheduled':
      execution.activityIdsByScheduledEventId.set(view.eventId, view.attributes.activityId ?? '');
      return;
    case 'ActivityTaskCompleted': {
      const { result } = view.attributes;
      return settle(execution, activityOf(execution, view), () => execution.serializer.deserialize(result));
    }
    case 'ActivityTaskFailed': {
      const { reason, details } = view.attributes;
      const message = `Activity ${activityIdOf(execution, view)} failed: ${describeFailure(reason, details)}`;
      return fail(execution, activityOf(execution, view), new ActivityFailed(message, { reason, details }));
    }
    case 'ActivityTaskTimedOut': {
      const { timeoutType, details } = view.attributes;
      const error = new ActivityTimedOut(`Activity ${activityIdOf(execution, view)} timed out (${timeoutType})`, {
        reason: timeoutType,
        details,
      });
      return fail(execution, activityOf(execution, view), error);
    }
    case 'ActivityTaskCanceled': {
      const error = new ActivityCanceled(`Activity ${activityIdOf(execution, view)} was canceled`, {
        details: view.attributes.details,
      });
      return fail(execution, activityOf(execution, view), error);
    }
    case 'ScheduleActivityTaskFailed': {
      const a = view.attributes;
      const deferred = execution.activities.get(a.activityId ?? '');
      execution.activityClosed(a.activityId ?? '');
      const type = `${a.activityType?.name}@${a.activityType?.version}`;
      const message = `SWF could not schedule activity ${type} (id ${a.activityId}): ${a.cause}. ${scheduleFailureAdvice(a.cause)}`;
      return fail(execution, deferred, new ScheduleActivityFailed(message, { reason: a.cause }));
    }
    case 'TimerFired':
      return settle(execution, execution.timers.get(view.attributes.timerId ?? ''), () => undefined);
    case 'StartTimerFailed': {
      const a = view.attributes;
      return fail(
        execution,
        execution.timers.get(a.timerId ?? ''),
        new TimerFailed(`SWF could not start timer ${a.timerId}: ${a.cause}`, { reason: a.cause }),
      );
    }
    case 'StartChildWorkflowExecutionInitiated':
      execution.childIdsByInitiatedEventId.set(view.eventId, view.attributes.workflowId ?? '');
      return;
    case 'StartChildWorkflowExecutionFailed': {
      const a = view.attributes;
      const type = `${a.workflowType?.name}@${a.workflowType?.version}`;
      const error = new StartChildWorkflowFailed(
        `SWF could not start child workflow ${type} (id ${a.workflowId}): ${a.cause}`,
        { reason: a.cause },
      );
      execution.childClosed(a.workflowId ?? '');
      return fail(execution, execution.children.get(a.workflowId ?? ''), error);
    }
    case 'ChildWorkflowExecutionCompleted': {
      const { result } = view.attributes;
      return settle(execution, childOf(execution, view), () => execution.serializer.deserialize(result));
    }
    case 'ChildWorkflowExecutionFailed': {
      const { reason, details, workflowExecution } = view.attributes;
      const error = new ChildWorkflowFailed(
        `Child workflow ${workflowExecution?.workflowId} failed: ${describeFailure(reason, details)}`,
        { reason, details },
      );
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionTimedOut': {
      const { timeoutType, workflowExecution } = view.attributes;
      const error = new ChildWorkflowTimedOut(
        `Child workflow ${workflowExecution?.workflowId} timed out (${timeoutType})`,
        { reason: timeoutType },
      );
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionCanceled': {
      const { details, workflowExecution } = view.attributes;
      const error = new ChildWorkflowCanceled(`Child workflow ${workflowExecution?.workflowId} was canceled`, {
        details,
      });
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionTerminated': {
      const error = new ChildWorkflowTerminated(
        `Child workflow ${view.attributes.workflowExecution?.workflowId} was terminated`,
      );
      return fail(execution, childOf(execution, view), error);
    }
    case 'WorkflowExecutionSignaled': {
      const a = view.attributes;
      return execution.deliverSignal(a.signalName ?? '', execution.serializer.deserialize(a.input));
    }
    case 'WorkflowExecutionCancelRequested':
      return execution.requestCancel();
    case 'SignalExternalWorkflowExecutionInitiated':
    case 'RequestCancelExternalWorkflowExecutionInitiated': {
      const control = view.attributes.control;
      if (control !== undefined && execution.externalCalls.has(control))
        execution.externalControlsByInitiatedEventId.set(view.eventId, control);
      return;
    }
    case 'ExternalWorkflowExecutionSignaled':
    case 'ExternalWorkflowExecutionCancelRequested': {
      const control = execution.externalControlsByInitiatedEventId.get(view.attributes.initiatedEventId ?? -1);
      return settle(
        execution,
        control === undefined ? undefined : execution.externalCalls.get(control),
        () => undefined,
      );
    }
    case 'SignalExternalWorkflowExecutionFailed':
    case 'RequestCancelExternalWorkflowExecutionFailed': {
      const a = view.attributes;
      const control = a.control ?? execution.externalControlsByInitiatedEventId.get(a.initiatedEventId ?? -1);
      const target = `${a.workflowId}${a.runId ? ` (run ${a.runId})` : ''}`;
      const error =
        view.eventType === 'SignalExternalWorkflowExecutionFailed'
          ? new SignalExternalWorkflowFailed(`SWF could not signal workflow ${target}: ${a.cause}`, { reason: a.cause })
          : new RequestCancelExternalWorkflowFailed(`SWF could not ask workflow ${target} to cancel: ${a.cause}`, {
              reason: a.cause,
            });
      return fail(execution, control === undefined ? undefined : execution.externalCalls.get(control), error);
    }
    case 'MarkerRecorded':
      return; // indexed up front (replay.ts) for sideEffect and patched
    default:
      // ActivityTaskStarted, ChildWorkflowExecutionStarted, TimerStarted, TimerCanceled,
      // ActivityTaskCancelRequested, *Failed of close decisions, external-workflow events:
      // nothing waits on them (close failures are handled when the decisions are matched).
      return;
  }
}

function activityIdOf(execution: Execution, view: EventView): string | undefined {
  return execution.activityIdsByScheduledEventId.get(view.scheduledEventId ?? -1);
}

/** The call an activity close event answers; the attempt's window slots are freed (window.ts). */
function activityOf(execution: Execution, view: EventView): Deferred<unknown> {
  const activityId = activityIdOf(execution, view);
  const deferred = activityId === undefined ? undefined : execution.activities.get(activityId);
  if (!deferred) {
    throw new NonDeterminismError(
      view.eventId,
      `${view.eventType} for scheduled event ${view.scheduledEventId}`,
      'no matching activity call',
    );
  }
  execution.activityClosed(activityId!);
  return deferred;
}

/** The call a child close event answers; the child's window slots are freed (window.ts). */
function childOf(execution: Execution, view: EventView): Deferred<unknown> {
  const workflowId = execution.childIdsByInitiatedEventId.get(view.initiatedEventId ?? -1);
  const deferred = workflowId === undefined ? undefined : execution.children.get(workflowId);
  if (!deferred) {
    throw new NonDeterminismError(
      view.eventId,
      `${view.eventType} for initiated event ${view.initiatedEventId}`,
      'no matching child workflow call',
    );
  }
  execution.childClosed(workflowId!);
  return deferred;
}

function settle<T>(execution: Execution, deferred: Deferred<T> | undefined, value: () => T): void {
  if (!deferred || deferred.isSettled) return;
  deferred.resolve(value());
  execution.hasSettled = true;
}

function fail(execution: Execution, deferred: Deferred<unknown> | Deferred<void> | undefined, error: TaskError): void {
  if (!deferred || deferred.isSettled) return;
  deferred.reject(error);
  execution.hasSettled = true;
}

/** What to do about a ScheduleActivityTaskFailed cause (SWF_SPEC appendix D). */
function scheduleFailureAdvice(cause: string | undefined): string {
  if (cause === 'OPEN_ACTIVITIES_LIMIT_EXCEEDED' || cause === 'ACTIVITY_CREATION_RATE_EXCEEDED') {
    return 'SWF limits open activities and how fast they are created; lower the concurrency of the proxy or workflow';
  }
  if (cause === 'ACTIVITY_ID_ALREADY_IN_USE') return 'another open activity of this execution has that id';
  return `Run "flowy register" or check the activity's name, version and defaults`;
}
