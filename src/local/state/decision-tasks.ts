// Decision tasks: scheduling (at most one scheduled and one started per run), delivery, completion.
import type { OperationContext } from './context.ts';
import type { DecisionTaskRecord, RunRecord } from '../store/records.ts';
import { unknownResource } from '../faults.ts';
import { durationMs } from './durations.ts';
import { terminateRun } from './run-lifecycle.ts';

/** SWF_SPEC 15: a run's history may not exceed 25 000 events. */
const HISTORY_EVENT_LIMIT = 25_000;

/** SWF_SPEC 8.1: adds a scheduled decision task unless the run already has one. */
export function scheduleDecisionTask(ctx: OperationContext, run: RunRecord): void {
  const tasks = ctx.store.decisionTasksOf(run.runId);
  if (tasks.some((t) => t.startedEventId === 0)) return;
  const taskList = run.temporaryTaskList ?? run.decisionTaskList;
  const scheduleToStart = run.temporaryTaskList ? run.temporaryScheduleToStart : undefined;
  const scheduledEventId = ctx.appendEvent(run, 'DecisionTaskScheduled', {
    taskList: { name: taskList },
    taskPriority: run.config.taskPriority,
    startToCloseTimeout: run.config.taskStartToCloseTimeout,
    scheduleToStartTimeout: scheduleToStart,
  });
  ctx.store.insertDecisionTask({
    runId: run.runId,
    scheduledEventId,
    domain: run.domain,
    taskList,
    priority: Number(run.config.taskPriority),
    startedEventId: 0,
    startToClose: run.config.taskStartToCloseTimeout,
  });
  const s2s = durationMs(scheduleToStart);
  if (s2s !== undefined) ctx.addDeadline(ctx.nowMs + s2s, 'decision-schedule-to-start', run.runId, scheduledEventId);
  // the override is used for this one task only; a timeout reverts to the run's list
  run.temporaryTaskList = undefined;
  run.temporaryScheduleToStart = undefined;
  if (!tasks.some((t) => t.startedEventId > 0)) ctx.wake({ domain: run.domain, kind: 'decision', taskList });
}

/**
 * Ends a call: every open run that got an event needing a decision gets one scheduled, runs over
 * the history limit are terminated, and every changed run is written.
 */
export function finishOperation(ctx: OperationContext): void {
  while (ctx.needsDecision.size > 0) {
    const [runId] = ctx.needsDecision;
    ctx.needsDecision.delete(runId!);
    const run = ctx.loadRun(runId!);
    if (!run?.isOpen) continue;
    if (run.nextEventId > HISTORY_EVENT_LIMIT) {
      terminateRun(ctx, run, {
        cause: 'EVENT_LIMIT_EXCEEDED',
        reason: `history reached ${HISTORY_EVENT_LIMIT} events`,
      });
      continue;
    }
    scheduleDecisionTask(ctx, run);
    ctx.needsDecision.delete(runId!);
  }
  ctx.flushRuns();
}

/** SWF_SPEC 8.2: starts the next deliverable decision task of a list, if any. */
export function startNextDecisionTask(
  ctx: OperationContext,
  domain: string,
  taskList: string,
  identity: string | undefined,
): { run: RunRecord; task: DecisionTaskRecord; startedEventId: number } | undefined {
  const task = ctx.store.nextDecisionTask(domain, taskList);
  if (!task) return undefined;
  const run = ctx.loadRun(task.runId)!;
  const startedEventId = ctx.appendEvent(run, 'DecisionTaskStarted', {
    identity,
    scheduledEventId: task.scheduledEventId,
  });
  ctx.store.setDecisionTaskStarted(run.runId, task.scheduledEventId, startedEventId);
  ctx.store.deleteDeadlines(run.runId, 'decision-schedule-to-start', task.scheduledEventId);
  const timeout = durationMs(task.startToClose);
  if (timeout !== undefined)
    ctx.addDeadline(ctx.nowMs + timeout, 'decision-start-to-close', run.runId, task.scheduledEventId);
  return { run, task: { ...task, startedEventId }, startedEventId };
}

/** SWF_SPEC 8.3 / 12: the started decision task a token names, or UnknownResourceFault. */
export function findStartedDecisionTask(
  ctx: OperationContext,
  runId: string,
  scheduledEventId: number,
  startedEventId: number,
): { run: RunRecord; task: DecisionTaskRecord; hasNewerScheduled: boolean } {
  const run = ctx.loadRun(runId);
  if (!run || !run.isOpen) {
    throw unknownResource(
      run
        ? `Unknown execution: WorkflowExecution=[workflowId=${run.workflowId}, runId=${run.runId}] is closed`
        : `Unknown execution, runId = ${runId}`,
    );
  }
  const tasks = ctx.store.decisionTasksOf(runId);
  const task = tasks.find((t) => t.scheduledEventId === scheduledEventId && t.startedEventId === startedEventId);
  if (!task)
    throw unknownResource(
      `Unknown decision task, scheduledEventId = ${scheduledEventId}: it was already completed or timed out`,
    );
  return { run, task, hasNewerScheduled: tasks.some((t) => t.startedEventId === 0) };
}

/** Removes a started decision task; a task scheduled meanwhile becomes deliverable. */
export function releaseDecisionTask(ctx: OperationContext, run: RunRecord, task: DecisionTaskRecord): void {
  ctx.store.deleteDecisionTask(run.runId, task.scheduledEventId);
  ctx.store.deleteDeadlines(run.runId, 'decision-start-to-close', task.scheduledEventId);
  const waiting = ctx.store.decisionTasksOf(run.runId).find((t) => t.startedEventId === 0);
  // SWF_SPEC 8.1: the task scheduled while this one ran is delivered now, no new event
  if (waiting) ctx.wake({ domain: run.domain, kind: 'decision', taskList: waiting.taskList });
}
