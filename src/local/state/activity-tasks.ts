// Activity tasks: scheduling from a decision, delivery to a poller, heartbeats and responses.
import type { OperationContext } from './context.ts';
import type { ActivityTaskRecord, ActivityTimeouts, RunRecord } from '../store/records.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { unknownResource } from '../faults.ts';
import { durationMs } from './durations.ts';

/** SWF_SPEC 15: open activity tasks per run. */
const OPEN_ACTIVITIES_LIMIT = 1000;

/** The ScheduleActivityTask decision attributes (appendix E). */
export interface ScheduleActivityTaskAttributes {
  activityType: { name: string; version: string };
  activityId: string;
  control?: string;
  input?: string;
  scheduleToCloseTimeout?: string;
  taskList?: { name: string };
  taskPriority?: string;
  scheduleToStartTimeout?: string;
  startToCloseTimeout?: string;
  heartbeatTimeout?: string;
}

type Resolved = { taskList: string; timeouts: ActivityTimeouts; taskPriority: string } | { cause: string };

/** SWF_SPEC 9.1: type checks, then decision value → type default for each setting. */
function resolveActivity(ctx: OperationContext, run: RunRecord, a: ScheduleActivityTaskAttributes): Resolved {
  const type = ctx.store.getType(run.domain, 'activity', a.activityType.name, a.activityType.version);
  if (!type) return { cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST' };
  if (type.status === 'DEPRECATED') return { cause: 'ACTIVITY_TYPE_DEPRECATED' };
  if (ctx.store.findActivityTask(run.runId, a.activityId)) return { cause: 'ACTIVITY_ID_ALREADY_IN_USE' };
  if (ctx.store.countOpenActivityTasks(run.runId) >= OPEN_ACTIVITIES_LIMIT)
    return { cause: 'OPEN_ACTIVITIES_LIMIT_EXCEEDED' };
  const d = type.config as Record<string, string | { name: string } | undefined>;
  const taskList = a.taskList?.name ?? (d.defaultTaskList as { name: string } | undefined)?.name;
  if (taskList === undefined) return { cause: 'DEFAULT_TASK_LIST_UNDEFINED' };
  const scheduleToStart = a.scheduleToStartTimeout ?? (d.defaultTaskScheduleToStartTimeout as string | undefined);
  if (scheduleToStart === undefined) return { cause: 'DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED' };
  const scheduleToClose = a.scheduleToCloseTimeout ?? (d.defaultTaskScheduleToCloseTimeout as string | undefined);
  if (scheduleToClose === undefined) return { cause: 'DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED' };
  const startToClose = a.startToCloseTimeout ?? (d.defaultTaskStartToCloseTimeout as string | undefined);
  if (startToClose === undefined) return { cause: 'DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED' };
  const heartbeat = a.heartbeatTimeout ?? (d.defaultTaskHeartbeatTimeout as string | undefined);
  if (heartbeat === undefined) return { cause: 'DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED' };
  return {
    taskList,
    timeouts: { scheduleToStart, scheduleToClose, startToClose, heartbeat },
    taskPriority: a.taskPriority ?? (d.defaultTaskPriority as string | undefined) ?? '0',
  };
}

/** Applies a ScheduleActivityTask decision: ActivityTaskScheduled or ScheduleActivityTaskFailed. */
export function scheduleActivityTask(
  ctx: OperationContext,
  run: RunRecord,
  a: ScheduleActivityTaskAttributes,
  decisionTaskCompletedEventId: number,
): void {
  const resolved = resolveActivity(ctx, run, a);
  if ('cause' in resolved) {
    ctx.appendEvent(run, 'ScheduleActivityTaskFailed', {
      activityType: a.activityType,
      activityId: a.activityId,
      cause: resolved.cause,
      decisionTaskCompletedEventId,
    });
    return;
  }
  const { timeouts } = resolved;
  // SWF_SPEC 9.1: the event carries the resolved values, which deciders can rely on
  const scheduledEventId = ctx.appendEvent(run, 'ActivityTaskScheduled', {
    activityType: a.activityType,
    activityId: a.activityId,
    input: a.input,
    control: a.control,
    scheduleToStartTimeout: timeouts.scheduleToStart,
    scheduleToCloseTimeout: timeouts.scheduleToClose,
    startToCloseTimeout: timeouts.startToClose,
    heartbeatTimeout: timeouts.heartbeat,
    taskList: { name: resolved.taskList },
    taskPriority: resolved.taskPriority,
    decisionTaskCompletedEventId,
  });
  ctx.store.insertActivityTask({
    runId: run.runId,
    scheduledEventId,
    activityId: a.activityId,
    domain: run.domain,
    taskList: resolved.taskList,
    priority: Number(resolved.taskPriority),
    startedEventId: 0,
    typeName: a.activityType.name,
    typeVersion: a.activityType.version,
    input: a.input,
    timeouts,
    cancelRequested: false,
  });
  run.latestActivityMs = ctx.nowMs;
  const s2s = durationMs(timeouts.scheduleToStart);
  if (s2s !== undefined) ctx.addDeadline(ctx.nowMs + s2s, 'activity-schedule-to-start', run.runId, scheduledEventId);
  const s2c = durationMs(timeouts.scheduleToClose);
  if (s2c !== undefined) ctx.addDeadline(ctx.nowMs + s2c, 'activity-schedule-to-close', run.runId, scheduledEventId);
  ctx.wake({ domain: run.domain, kind: 'activity', taskList: resolved.taskList });
}

/** Applies a RequestCancelActivityTask decision (SWF_SPEC 9). */
export function requestCancelActivityTask(
  ctx: OperationContext,
  run: RunRecord,
  activityId: string,
  decisionTaskCompletedEventId: number,
): void {
  const task = ctx.store.findActivityTask(run.runId, activityId);
  if (!task) {
    ctx.appendEvent(run, 'RequestCancelActivityTaskFailed', {
      activityId,
      cause: 'ACTIVITY_ID_UNKNOWN',
      decisionTaskCompletedEventId,
    });
    return;
  }
  const requestedId = ctx.appendEvent(run, 'ActivityTaskCancelRequested', { activityId, decisionTaskCompletedEventId });
  if (task.startedEventId === 0) {
    // never started: canceled at once, the worker will never see it
    ctx.appendEvent(run, 'ActivityTaskCanceled', {
      scheduledEventId: task.scheduledEventId,
      startedEventId: 0,
      latestCancelRequestedEventId: requestedId,
    });
    removeActivityTask(ctx, task);
  } else {
    ctx.store.setActivityCancelRequested(run.runId, task.scheduledEventId, requestedId);
  }
}

/** Deletes a task and its deadlines (it completed, failed, was canceled or timed out). */
export function removeActivityTask(ctx: OperationContext, task: ActivityTaskRecord): void {
  ctx.store.deleteActivityTask(task.runId, task.scheduledEventId);
  ctx.store.deleteActivityDeadlines(task.runId, task.scheduledEventId);
}

/** SWF_SPEC 13.1: starts the next activity task of a list, if any. */
export function startNextActivityTask(
  ctx: OperationContext,
  domain: string,
  taskList: string,
  identity: string | undefined,
): { run: RunRecord; task: ActivityTaskRecord } | undefined {
  const task = ctx.store.nextActivityTask(domain, taskList);
  if (!task) return undefined;
  const run = ctx.loadRun(task.runId)!;
  const startedEventId = ctx.appendEvent(run, 'ActivityTaskStarted', {
    identity,
    scheduledEventId: task.scheduledEventId,
  });
  ctx.store.setActivityTaskStarted(run.runId, task.scheduledEventId, startedEventId);
  ctx.store.deleteDeadlines(run.runId, 'activity-schedule-to-start', task.scheduledEventId);
  const stc = durationMs(task.timeouts.startToClose);
  if (stc !== undefined) ctx.addDeadline(ctx.nowMs + stc, 'activity-start-to-close', run.runId, task.scheduledEventId);
  const heartbeat = durationMs(task.timeouts.heartbeat);
  if (heartbeat !== undefined)
    ctx.addDeadline(ctx.nowMs + heartbeat, 'activity-heartbeat', run.runId, task.scheduledEventId);
  return { run, task: { ...task, startedEventId } };
}

/** SWF_SPEC 12: the started activity task a token names, or UnknownResourceFault. */
export function findStartedActivityTask(
  ctx: OperationContext,
  claims: TaskTokenClaims,
): { run: RunRecord; task: ActivityTaskRecord } {
  const run = ctx.loadRun(claims.runId);
  if (!run || !run.isOpen) {
    throw unknownResource(
      run
        ? `Unknown execution: WorkflowExecution=[workflowId=${run.workflowId}, runId=${run.runId}] is closed`
        : `Unknown execution, runId = ${claims.runId}`,
    );
  }
  const task = ctx.store.getActivityTask(claims.runId, claims.scheduledEventId);
  if (!task || task.startedEventId !== claims.startedEventId) {
    throw unknownResource(
      `Unknown activity task, scheduledEventId = ${claims.scheduledEventId}: it was already closed or timed out`,
    );
  }
  return { run, task };
}

/** SWF_SPEC 13.2: resets the heartbeat clock, keeps the details, reports cancelRequested. */
export function recordHeartbeat(ctx: OperationContext, claims: TaskTokenClaims, details: string | undefined): boolean {
  const { run, task } = findStartedActivityTask(ctx, claims);
  ctx.store.setActivityHeartbeat(run.runId, task.scheduledEventId, details);
  const heartbeat = durationMs(task.timeouts.heartbeat);
  if (heartbeat !== undefined) {
    ctx.store.deleteDeadlines(run.runId, 'activity-heartbeat', task.scheduledEventId);
    ctx.addDeadline(ctx.nowMs + heartbeat, 'activity-heartbeat', run.runId, task.scheduledEventId);
  }
  return task.cancelRequested;
}

/** SWF_SPEC 13.2: closes a started activity task with ActivityTaskCompleted/Failed/Canceled. */
export function closeActivityTask(
  ctx: OperationContext,
  claims: TaskTokenClaims,
  eventType: 'ActivityTaskCompleted' | 'ActivityTaskFailed' | 'ActivityTaskCanceled',
  attributes: Record<string, unknown>,
): void {
  const { run, task } = findStartedActivityTask(ctx, claims);
  const extra =
    eventType === 'ActivityTaskCanceled' ? { latestCancelRequestedEventId: task.latestCancelRequestedEventId } : {};
  ctx.appendEvent(run, eventType, {
    ...attributes,
    scheduledEventId: task.scheduledEventId,
    startedEventId: task.startedEventId,
    ...extra,
  });
  removeActivityTask(ctx, task);
}
