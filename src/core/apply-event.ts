// Applies one history event to the execution's state: settles the promise the event answers
// (SWF_SPEC appendix D for the shapes), delivers signals and cancellation. Decision-task events
// and the matching of recorded decisions are handled by `replay.ts` / `command-matching.ts`.
import {
  ActivityCanceled, ActivityFailed, ActivityTimedOut, ChildWorkflowCanceled, ChildWorkflowFailed,
  ChildWorkflowTerminated, ChildWorkflowTimedOut, NonDeterminismError, ScheduleActivityFailed,
  StartChildWorkflowFailed, TimerFailed, type TaskError,
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
      const error = new ActivityTimedOut(`Activity ${activityIdOf(execution, view)} timed out (${timeoutType})`, { reason: timeoutType, details });
      return fail(execution, activityOf(execution, view), error);
    }
    case 'ActivityTaskCanceled': {
      const error = new ActivityCanceled(`Activity ${activityIdOf(execution, view)} was canceled`, { details: view.attributes.details });
      return fail(execution, activityOf(execution, view), error);
    }
    case 'ScheduleActivityTaskFailed': {
      const a = view.attributes;
      const type = `${a.activityType?.name}@${a.activityType?.version}`;
      const message = `SWF could not schedule activity ${type} (id ${a.activityId}): ${a.cause}. Run "flowy register" or check the activity's name, version and defaults`;
      return fail(execution, execution.activities.get(a.activityId ?? ''), new ScheduleActivityFailed(message, { reason: a.cause }));
    }
    case 'TimerFired':
      return settle(execution, execution.timers.get(view.attributes.timerId ?? ''), () => undefined);
    case 'StartTimerFailed': {
      const a = view.attributes;
      return fail(execution, execution.timers.get(a.timerId ?? ''), new TimerFailed(`SWF could not start timer ${a.timerId}: ${a.cause}`, { reason: a.cause }));
    }
    case 'StartChildWorkflowExecutionInitiated':
      execution.childIdsByInitiatedEventId.set(view.eventId, view.attributes.workflowId ?? '');
      return;
    case 'StartChildWorkflowExecutionFailed': {
      const a = view.attributes;
      const type = `${a.workflowType?.name}@${a.workflowType?.version}`;
      const error = new StartChildWorkflowFailed(`SWF could not start child workflow ${type} (id ${a.workflowId}): ${a.cause}`, { reason: a.cause });
      return fail(execution, execution.children.get(a.workflowId ?? ''), error);
    }
    case 'ChildWorkflowExecutionCompleted': {
      const { result } = view.attributes;
      return settle(execution, childOf(execution, view), () => execution.serializer.deserialize(result));
    }
    case 'ChildWorkflowExecutionFailed': {
      const { reason, details, workflowExecution } = view.attributes;
      const error = new ChildWorkflowFailed(`Child workflow ${workflowExecution?.workflowId} failed: ${describeFailure(reason, details)}`, { reason, details });
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionTimedOut': {
      const { timeoutType, workflowExecution } = view.attributes;
      const error = new ChildWorkflowTimedOut(`Child workflow ${workflowExecution?.workflowId} timed out (${timeoutType})`, { reason: timeoutType });
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionCanceled': {
      const { details, workflowExecution } = view.attributes;
      const error = new ChildWorkflowCanceled(`Child workflow ${workflowExecution?.workflowId} was canceled`, { details });
      return fail(execution, childOf(execution, view), error);
    }
    case 'ChildWorkflowExecutionTerminated': {
      const error = new ChildWorkflowTerminated(`Child workflow ${view.attributes.workflowExecution?.workflowId} was terminated`);
      return fail(execution, childOf(execution, view), error);
    }
    case 'WorkflowExecutionSignaled': {
      const a = view.attributes;
      return execution.deliverSignal(a.signalName ?? '', execution.serializer.deserialize(a.input));
    }
    case 'WorkflowExecutionCancelRequested':
      return execution.requestCancel();
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

function activityOf(execution: Execution, view: EventView): Deferred<unknown> {
  const activityId = activityIdOf(execution, view);
  const deferred = activityId === undefined ? undefined : execution.activities.get(activityId);
  if (!deferred) {
    throw new NonDeterminismError(view.eventId, `${view.eventType} for scheduled event ${view.scheduledEventId}`, 'no matching activity call');
  }
  return deferred;
}

function childOf(execution: Execution, view: EventView): Deferred<unknown> {
  const workflowId = execution.childIdsByInitiatedEventId.get(view.initiatedEventId ?? -1);
  const deferred = workflowId === undefined ? undefined : execution.children.get(workflowId);
  if (!deferred) {
    throw new NonDeterminismError(view.eventId, `${view.eventType} for initiated event ${view.initiatedEventId}`, 'no matching child workflow call');
  }
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
