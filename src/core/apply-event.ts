// Applies one history event to the execution's state: settles the promise the event answers
// (SWF_SPEC appendix D for the shapes), delivers signals and cancellation. Decision-task events
// and the matching of recorded decisions are handled by `replay.ts` / `command-matching.ts`.
import {
  ActivityCanceled, ActivityFailed, ActivityTimedOut, ChildWorkflowCanceled, ChildWorkflowFailed,
  ChildWorkflowTerminated, ChildWorkflowTimedOut, NonDeterminismError, ScheduleActivityFailed,
  StartChildWorkflowFailed, TimerFailed, SignalExternalWorkflowFailed, RequestCancelExternalWorkflowFailed, describeFailure, type TaskError,
} from './errors.ts';
import type { Execution } from './execution.ts';
import type { Deferred } from './settlement.ts';
import type { HistoryEvent } from './swf-types.ts';
import { eventAttributes } from './history.ts';

/** Applies `event`; returns nothing, but sets `execution.hasSettled` when code may continue. */
export function applyEvent(execution: Execution, event: HistoryEvent): void {
  const eventId = event.eventId ?? 0;
  switch (event.eventType) {
    case 'ActivityTaskScheduled': {
      const a = event.activityTaskScheduledEventAttributes ?? {};
      execution.activityIdsByScheduledEventId.set(eventId, a.activityId ?? '');
      return;
    }
    case 'ActivityTaskCompleted': {
      const a = event.activityTaskCompletedEventAttributes ?? {};
      const deferred = activityOf(execution, a.scheduledEventId, event);
      return settle(execution, deferred, () => execution.serializer.deserialize(a.result));
    }
    case 'ActivityTaskFailed': {
      const a = event.activityTaskFailedEventAttributes ?? {};
      const id = execution.activityIdsByScheduledEventId.get(a.scheduledEventId ?? -1);
      const message = `Activity ${id} failed: ${describeFailure(a.reason, a.details)}`;
      return fail(execution, activityOf(execution, a.scheduledEventId, event), new ActivityFailed(message, { reason: a.reason, details: a.details }));
    }
    case 'ActivityTaskTimedOut': {
      const a = event.activityTaskTimedOutEventAttributes ?? {};
      const id = execution.activityIdsByScheduledEventId.get(a.scheduledEventId ?? -1);
      const error = new ActivityTimedOut(`Activity ${id} timed out (${a.timeoutType})`, { reason: a.timeoutType, details: a.details });
      return fail(execution, activityOf(execution, a.scheduledEventId, event), error);
    }
    case 'ActivityTaskCanceled': {
      const a = event.activityTaskCanceledEventAttributes ?? {};
      const id = execution.activityIdsByScheduledEventId.get(a.scheduledEventId ?? -1);
      return fail(execution, activityOf(execution, a.scheduledEventId, event), new ActivityCanceled(`Activity ${id} was canceled`, { details: a.details }));
    }
    case 'ScheduleActivityTaskFailed': {
      const a = event.scheduleActivityTaskFailedEventAttributes ?? {};
      const deferred = execution.activities.get(a.activityId ?? '');
      execution.activityClosed(a.activityId ?? '');
      const type = `${a.activityType?.name}@${a.activityType?.version}`;
      const message = `SWF could not schedule activity ${type} (id ${a.activityId}): ${a.cause}. ${scheduleFailureAdvice(a.cause)}`;
      return fail(execution, deferred, new ScheduleActivityFailed(message, { reason: a.cause }));
    }
    case 'TimerFired': {
      const timerId = event.timerFiredEventAttributes?.timerId ?? '';
      return settle(execution, execution.timers.get(timerId), () => undefined);
    }
    case 'StartTimerFailed': {
      const a = event.startTimerFailedEventAttributes ?? {};
      return fail(execution, execution.timers.get(a.timerId ?? ''), new TimerFailed(`SWF could not start timer ${a.timerId}: ${a.cause}`, { reason: a.cause }));
    }
    case 'StartChildWorkflowExecutionInitiated': {
      const workflowId = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? '';
      execution.childIdsByInitiatedEventId.set(eventId, workflowId);
      return;
    }
    case 'StartChildWorkflowExecutionFailed': {
      const a = event.startChildWorkflowExecutionFailedEventAttributes ?? {};
      const type = `${a.workflowType?.name}@${a.workflowType?.version}`;
      const error = new StartChildWorkflowFailed(`SWF could not start child workflow ${type} (id ${a.workflowId}): ${a.cause}`, { reason: a.cause });
      execution.childClosed(a.workflowId ?? '');
      return fail(execution, execution.children.get(a.workflowId ?? ''), error);
    }
    case 'ChildWorkflowExecutionCompleted': {
      const a = event.childWorkflowExecutionCompletedEventAttributes ?? {};
      return settle(execution, childOf(execution, a.initiatedEventId, event), () => execution.serializer.deserialize(a.result));
    }
    case 'ChildWorkflowExecutionFailed': {
      const a = event.childWorkflowExecutionFailedEventAttributes ?? {};
      const error = new ChildWorkflowFailed(`Child workflow ${a.workflowExecution?.workflowId} failed: ${describeFailure(a.reason, a.details)}`, { reason: a.reason, details: a.details });
      return fail(execution, childOf(execution, a.initiatedEventId, event), error);
    }
    case 'ChildWorkflowExecutionTimedOut': {
      const a = event.childWorkflowExecutionTimedOutEventAttributes ?? {};
      const error = new ChildWorkflowTimedOut(`Child workflow ${a.workflowExecution?.workflowId} timed out (${a.timeoutType})`, { reason: a.timeoutType });
      return fail(execution, childOf(execution, a.initiatedEventId, event), error);
    }
    case 'ChildWorkflowExecutionCanceled': {
      const a = event.childWorkflowExecutionCanceledEventAttributes ?? {};
      const error = new ChildWorkflowCanceled(`Child workflow ${a.workflowExecution?.workflowId} was canceled`, { details: a.details });
      return fail(execution, childOf(execution, a.initiatedEventId, event), error);
    }
    case 'ChildWorkflowExecutionTerminated': {
      const a = event.childWorkflowExecutionTerminatedEventAttributes ?? {};
      const error = new ChildWorkflowTerminated(`Child workflow ${a.workflowExecution?.workflowId} was terminated`);
      return fail(execution, childOf(execution, a.initiatedEventId, event), error);
    }
    case 'WorkflowExecutionSignaled': {
      const a = event.workflowExecutionSignaledEventAttributes ?? {};
      return execution.deliverSignal(a.signalName ?? '', execution.serializer.deserialize(a.input));
    }
    case 'WorkflowExecutionCancelRequested':
      return execution.requestCancel();
    case 'SignalExternalWorkflowExecutionInitiated':
    case 'RequestCancelExternalWorkflowExecutionInitiated': {
      const control = (eventAttributes(event) as { control?: string }).control;
      if (control !== undefined && execution.externalCalls.has(control)) execution.externalControlsByInitiatedEventId.set(eventId, control);
      return;
    }
    case 'ExternalWorkflowExecutionSignaled':
    case 'ExternalWorkflowExecutionCancelRequested': {
      const a = (eventAttributes(event) ?? {}) as { initiatedEventId?: number };
      const control = execution.externalControlsByInitiatedEventId.get(a.initiatedEventId ?? -1);
      return settle(execution, control === undefined ? undefined : execution.externalCalls.get(control), () => undefined);
    }
    case 'SignalExternalWorkflowExecutionFailed':
    case 'RequestCancelExternalWorkflowExecutionFailed': {
      const a = (eventAttributes(event) ?? {}) as { workflowId?: string; runId?: string; cause?: string; control?: string; initiatedEventId?: number };
      const control = a.control ?? execution.externalControlsByInitiatedEventId.get(a.initiatedEventId ?? -1);
      const target = `${a.workflowId}${a.runId ? ` (run ${a.runId})` : ''}`;
      const error =
        event.eventType === 'SignalExternalWorkflowExecutionFailed'
          ? new SignalExternalWorkflowFailed(`SWF could not signal workflow ${target}: ${a.cause}`, { reason: a.cause })
          : new RequestCancelExternalWorkflowFailed(`SWF could not ask workflow ${target} to cancel: ${a.cause}`, { reason: a.cause });
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

/** The call an activity close event answers; the attempt's window slots are freed (window.ts). */
function activityOf(execution: Execution, scheduledEventId: number | undefined, event: HistoryEvent): Deferred<unknown> {
  const activityId = execution.activityIdsByScheduledEventId.get(scheduledEventId ?? -1);
  const deferred = activityId === undefined ? undefined : execution.activities.get(activityId);
  if (!deferred) {
    throw new NonDeterminismError(event.eventId ?? 0, `${event.eventType} for scheduled event ${scheduledEventId}`, 'no matching activity call');
  }
  execution.activityClosed(activityId!);
  return deferred;
}

/** The call a child close event answers; the child's window slots are freed (window.ts). */
function childOf(execution: Execution, initiatedEventId: number | undefined, event: HistoryEvent): Deferred<unknown> {
  const workflowId = execution.childIdsByInitiatedEventId.get(initiatedEventId ?? -1);
  const deferred = workflowId === undefined ? undefined : execution.children.get(workflowId);
  if (!deferred) {
    throw new NonDeterminismError(event.eventId ?? 0, `${event.eventType} for initiated event ${initiatedEventId}`, 'no matching child workflow call');
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
