// A task a poll claimed but could not hand over (the poller hung up): it goes back to its list.
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { durationMs } from './durations.ts';
import { releaseDecisionTask } from './decision-tasks.ts';
import { removeActivityTask } from './activity-tasks.ts';

/**
 * Gives back the task of a poll answer that never reached its poller. While its Started event is
 * still the run's last event, the start is undone: the event is removed and the task is scheduled
 * again, as if no poll had taken it. Once later events depend on the run's history, it cannot be
 * undone, so it times out at once (START_TO_CLOSE) instead of after its whole timeout. A task that
 * was already closed or given back is left alone.
 */
export function releaseUndeliveredTask(ctx: OperationContext, claims: TaskTokenClaims): void {
  const run = ctx.loadRun(claims.runId);
  if (!run?.isOpen) return;
  if (claims.kind === 'decision') releaseDecision(ctx, run, claims);
  else releaseActivity(ctx, run, claims);
}

function isLastEvent(run: RunRecord, eventId: number): boolean {
  return run.nextEventId - 1 === eventId;
}

function undoStart(ctx: OperationContext, run: RunRecord, startedEventId: number): void {
  ctx.store.deleteLastEvent(run.runId, startedEventId);
  run.nextEventId = startedEventId;
  ctx.touch(run);
}

/** The schedule-to-start deadline a start removed, due where it was: scheduled time + timeout. */
function restoreScheduleToStart(
  ctx: OperationContext,
  run: RunRecord,
  scheduledEventId: number,
  kind: 'decision-schedule-to-start' | 'activity-schedule-to-start',
  timeout: string | undefined,
): void {
  const ms = durationMs(timeout);
  const scheduled = ctx.store.getEvent(run.runId, scheduledEventId);
  if (ms !== undefined && scheduled) ctx.addDeadline(scheduled.timestampMs + ms, kind, run.runId, scheduledEventId);
}

function releaseDecision(ctx: OperationContext, run: RunRecord, claims: TaskTokenClaims): void {
  const task = ctx.store
    .decisionTasksOf(run.runId)
    .find((t) => t.scheduledEventId === claims.scheduledEventId && t.startedEventId === claims.startedEventId);
  if (!task) return;
  if (!isLastEvent(run, task.startedEventId)) {
    ctx.appendEvent(run, 'DecisionTaskTimedOut', {
      timeoutType: 'START_TO_CLOSE',
      scheduledEventId: task.scheduledEventId,
      startedEventId: task.startedEventId,
    });
    releaseDecisionTask(ctx, run, task);
    return;
  }
  undoStart(ctx, run, task.startedEventId);
  ctx.store.setDecisionTaskStarted(run.runId, task.scheduledEventId, 0);
  ctx.store.deleteDeadlines(run.runId, 'decision-start-to-close', task.scheduledEventId);
  const scheduled = ctx.store.getEvent(run.runId, task.scheduledEventId);
  const scheduleToStart = scheduled?.attributes.scheduleToStartTimeout as string | undefined;
  restoreScheduleToStart(ctx, run, task.scheduledEventId, 'decision-schedule-to-start', scheduleToStart);
  ctx.wake({ domain: run.domain, kind: 'decision', taskList: task.taskList });
}

function releaseActivity(ctx: OperationContext, run: RunRecord, claims: TaskTokenClaims): void {
  const task = ctx.store.getActivityTask(run.runId, claims.scheduledEventId);
  if (!task || task.startedEventId !== claims.startedEventId) return;
  if (!isLastEvent(run, task.startedEventId)) {
    ctx.appendEvent(run, 'ActivityTaskTimedOut', {
      timeoutType: 'START_TO_CLOSE',
      scheduledEventId: task.scheduledEventId,
      startedEventId: task.startedEventId,
      details: task.heartbeatDetails,
    });
    removeActivityTask(ctx, task);
    return;
  }
  undoStart(ctx, run, task.startedEventId);
  ctx.store.setActivityTaskStarted(run.runId, task.scheduledEventId, 0);
  ctx.store.deleteDeadlines(run.runId, 'activity-start-to-close', task.scheduledEventId);
  ctx.store.deleteDeadlines(run.runId, 'activity-heartbeat', task.scheduledEventId);
  restoreScheduleToStart(ctx, run, task.scheduledEventId, 'activity-schedule-to-start', task.timeouts.scheduleToStart);
  ctx.wake({ domain: run.domain, kind: 'activity', taskList: task.taskList });
}
