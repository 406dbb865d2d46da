// Timers started and canceled by decisions (SWF_SPEC 10.1).
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';

/** SWF_SPEC 15: open timers per run. */
const OPEN_TIMERS_LIMIT = 1000;

/** Applies a StartTimer decision: TimerStarted (and a persisted deadline) or StartTimerFailed. */
export function startTimer(
  ctx: OperationContext,
  run: RunRecord,
  a: { timerId: string; control?: string; startToFireTimeout: string },
  decisionTaskCompletedEventId: number,
): void {
  const fail = (cause: string) =>
    ctx.appendEvent(run, 'StartTimerFailed', { timerId: a.timerId, cause, decisionTaskCompletedEventId });
  if (ctx.store.getTimer(run.runId, a.timerId)) return void fail('TIMER_ID_ALREADY_IN_USE');
  if (ctx.store.countTimers(run.runId) >= OPEN_TIMERS_LIMIT) return void fail('OPEN_TIMERS_LIMIT_EXCEEDED');
  const startedEventId = ctx.appendEvent(run, 'TimerStarted', {
    timerId: a.timerId,
    control: a.control,
    startToFireTimeout: a.startToFireTimeout,
    decisionTaskCompletedEventId,
  });
  ctx.store.insertTimer(run.runId, a.timerId, startedEventId);
  ctx.addDeadline(ctx.nowMs + Number(a.startToFireTimeout) * 1000, 'timer', run.runId, startedEventId, a.timerId);
}

/** Applies a CancelTimer decision: TimerCanceled or CancelTimerFailed (TIMER_ID_UNKNOWN). */
export function cancelTimer(
  ctx: OperationContext,
  run: RunRecord,
  timerId: string,
  decisionTaskCompletedEventId: number,
): void {
  const timer = ctx.store.getTimer(run.runId, timerId);
  if (!timer) {
    ctx.appendEvent(run, 'CancelTimerFailed', { timerId, cause: 'TIMER_ID_UNKNOWN', decisionTaskCompletedEventId });
    return;
  }
  ctx.appendEvent(run, 'TimerCanceled', {
    timerId,
    startedEventId: timer.startedEventId,
    decisionTaskCompletedEventId,
  });
  ctx.store.deleteTimer(run.runId, timerId);
  ctx.store.deleteDeadlines(run.runId, 'timer', timer.startedEventId);
}

/** Fires a timer whose deadline passed: TimerFired, which asks for a decision. */
export function fireTimer(ctx: OperationContext, run: RunRecord, timerId: string): void {
  const timer = ctx.store.getTimer(run.runId, timerId);
  if (!timer) return;
  ctx.appendEvent(run, 'TimerFired', { timerId, startedEventId: timer.startedEventId });
  ctx.store.deleteTimer(run.runId, timerId);
}
