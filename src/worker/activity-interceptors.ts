// Activity interceptors: code that wraps each activity attempt a worker runs, for logging, auth
// context, metrics or payload changes without touching activity code. Registered on ActivityWorker.
import type { ActivityTaskInfo } from '../common/index.ts';
import type { Headers } from '../core/engine.ts';
import type { WorkerActivityContext } from './activity-context.ts';

/** One activity attempt: what the activity's run() will receive (after its input schema was checked). */
export interface ActivityExecuteInput {
  info: ActivityTaskInfo;
  input: unknown;
  /** What the workflow's scheduleActivity interceptors sent with the input (ScheduleActivityInput.headers); empty if none. */
  headers: Headers;
  context: WorkerActivityContext;
}

/**
 * Wraps each activity attempt: call `next` (with the input, or a changed copy) and return its
 * result (or a changed one); throw to fail the attempt.
 *
 * ```ts
 * const timing: ActivityInterceptor = {
 *   async execute(input, next) { const t = Date.now(); try { return await next(input); } finally { log(Date.now() - t); } },
 * };
 * new ActivityWorker({ ..., interceptors: [timing] });
 * ```
 */
export interface ActivityInterceptor {
  execute?(input: ActivityExecuteInput, next: (input: ActivityExecuteInput) => Promise<unknown>): Promise<unknown>;
}

/** `last` wrapped by each interceptor's `execute`, the first one outermost. */
export function interceptedExecute(
  interceptors: readonly ActivityInterceptor[],
  last: (input: ActivityExecuteInput) => Promise<unknown>,
): (input: ActivityExecuteInput) => Promise<unknown> {
  return interceptors.reduceRight<(input: ActivityExecuteInput) => Promise<unknown>>(
    (next, interceptor) => (interceptor.execute ? (input) => interceptor.execute!(input, next) : next),
    last,
  );
}
