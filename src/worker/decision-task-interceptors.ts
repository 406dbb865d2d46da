// Decision-task interceptors: code that wraps each decision task a DecisionWorker answers, in the
// worker, outside the replayed workflow code (so it may read the clock or do I/O): tracing spans,
// timing, per-task context. Registered on DecisionWorker (`decisionTaskInterceptors`).
import type { DecideResult, Headers } from '../core/engine.ts';
import type { DecisionTaskInfo } from '../common/index.ts';

/** One decision task about to be decided. */
export interface DecisionTaskInput {
  info: DecisionTaskInfo;
  /** The headers the run was started with (WorkflowRunInput.headers); empty if none. */
  headers: Headers;
  /** True for the run's first decision task (its code starts in it). */
  isFirstTask: boolean;
}

/** A decision task that was answered and whose decisions SWF accepted. */
export interface DecisionTaskOutcome {
  /** The decisionType of each decision sent. */
  decisions: string[];
  /** 'open', or how the run closed with this task. */
  status: DecideResult['status'];
}

/**
 * Wraps each decision task: call `next` and return what it returns. `next` rejects when the task
 * was not answered (the decider threw, or SWF refused the decisions); rethrow what it threw.
 *
 * ```ts
 * const timing: DecisionTaskInterceptor = {
 *   async decide(input, next) { const t = Date.now(); try { return await next(input); } finally { log(input.info.runId, Date.now() - t); } },
 * };
 * new DecisionWorker({ ..., decisionTaskInterceptors: [timing] });
 * ```
 */
export interface DecisionTaskInterceptor {
  decide?(
    input: DecisionTaskInput,
    next: (input: DecisionTaskInput) => Promise<DecisionTaskOutcome>,
  ): Promise<DecisionTaskOutcome>;
}

/** `last` wrapped by each interceptor's `decide`, the first one outermost. */
export function interceptedDecide(
  interceptors: readonly DecisionTaskInterceptor[],
  last: (input: DecisionTaskInput) => Promise<DecisionTaskOutcome>,
): (input: DecisionTaskInput) => Promise<DecisionTaskOutcome> {
  return interceptors.reduceRight<(input: DecisionTaskInput) => Promise<DecisionTaskOutcome>>(
    (next, interceptor) => (interceptor.decide ? (input) => interceptor.decide!(input, next) : next),
    last,
  );
}
