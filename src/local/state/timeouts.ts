// Firing persisted deadlines (SWF_SPEC 14): the scheduler calls this with ctx.nowMs = the deadline.
import type { OperationContext } from './context.ts';
import type { ActivityTaskRecord, DeadlineRecord } from '../store/records.ts';
import { applyChildPolicy, closeRun } from './run-lifecycle.ts';
import { releaseDecisionTask } from './decision-tasks.ts';
import { removeActivityTask } from './activity-tasks.ts';
import { fireTimer } from './timers.ts';

const ACTIVITY_TIMEOUT_TYPE = {
  'activity-schedule-to-start': 'SCHEDULE_TO_START',
  'activity-schedule-to-close': 'SCHEDULE_TO_CLOSE',
  'activity-start-to-close': 'START_TO_CLOSE',
  'activity-heartbeat': 'HEARTBEAT',
} as const;

/** Applies one due deadline; a deadline whose object already closed does nothing. */
export function fireDeadline(ctx: OperationContext, deadline: DeadlineRecord): void {
  ctx.store.deleteDeadline(deadline.id);
  const run = ctx.loadRun(deadline.runId);
  if (!run) return;
  if (deadline.kind === 'retention') {
    // SWF_SPEC 4: a closed run disappears when its retention period ends
    if (!run.isOpen) ctx.store.deleteRun(run.runId);
    return;
  }
  if (!run.isOpen) return;
  switch (deadline.kind) {
    case 'execution-start-to-close':
      closeRun(
        ctx,
        run,
        'TIMED_OUT',
        'WorkflowExecutionTimedOut',
        { timeoutType: 'START_TO_CLOSE', childPolicy: run.config.childPolicy },
        { timeoutType: 'START_TO_CLOSE' },
      );
      applyChildPolicy(ctx, run, run.config.childPolicy);
      return;
    case 'decision-start-to-close': {
      const task = ctx.store
        .decisionTasksOf(run.runId)
        .find((t) => t.scheduledEventId === deadline.ref && t.startedEventId > 0);
      if (!task) return;
      ctx.appendEvent(run, 'DecisionTaskTimedOut', {
        timeoutType: 'START_TO_CLOSE',
        scheduledEventId: task.scheduledEventId,
        startedEventId: task.startedEventId,
      });
      releaseDecisionTask(ctx, run, task);
      return;
    }
    case 'decision-schedule-to-start': {
      const task = ctx.store
        .decisionTasksOf(run.runId)
        .find((t) => t.scheduledEventId === deadline.ref && t.startedEventId === 0);
      if (!task) return;
      // SWF_SPEC 14: the temporary task list was not served in time; the next task goes to the run's list
      ctx.store.deleteDecisionTask(run.runId, task.scheduledEventId);
      ctx.appendEvent(run, 'DecisionTaskTimedOut', {
        timeoutType: 'SCHEDULE_TO_START',
        scheduledEventId: task.scheduledEventId,
        startedEventId: 0,
      });
      return;
    }
    case 'timer':
      fireTimer(ctx, run, deadline.refText!);
      return;
    default: {
      const task = ctx.store.getActivityTask(run.runId, deadline.ref);
      if (!task || !isActivityClockRunning(task, deadline.kind)) return;
      // SWF_SPEC 14: one timeout event per task; the earliest deadline wins and removes the others
      ctx.appendEvent(run, 'ActivityTaskTimedOut', {
        timeoutType: ACTIVITY_TIMEOUT_TYPE[deadline.kind],
        scheduledEventId: task.scheduledEventId,
        startedEventId: task.startedEventId,
        details: task.heartbeatDetails,
      });
      removeActivityTask(ctx, task);
    }
  }
}

function isActivityClockRunning(task: ActivityTaskRecord, kind: keyof typeof ACTIVITY_TIMEOUT_TYPE): boolean {
  if (kind === 'activity-schedule-to-start') return task.startedEventId === 0;
  if (kind === 'activity-schedule-to-close') return true;
  return task.startedEventId > 0;
}
