// What an activity's run(input, context) receives. The activity worker (src/worker) implements it.

/** Return `context.completeAsynchronously()` (this value) from run() to finish the task later by its token. */
export const ASYNC_COMPLETION: unique symbol = Symbol.for('flowy.asyncCompletion');

/**
 * The second argument of an activity's `run(input, context)`.
 *
 * ```ts
 * async run(input: { file: string }, context: ActivityContext) {
 *   for (const chunk of chunks(input.file)) {
 *     await context.heartbeat({ done: chunk.index });
 *     if (context.cancelRequested) throw new Error('canceled');
 *   }
 * }
 * ```
 */
export interface ActivityContext {
  /** SWF's token of this task; lets another process complete it (`flowy complete`). */
  taskToken: string;
  activityId: string;
  /** 1 for the first attempt; see `attemptFromActivityId`. */
  attempt: number;
  workflowExecution: { workflowId: string; runId: string };
  /** Records a heartbeat (SWF_SPEC 13.2); refreshes `cancelRequested` and aborts `signal` when canceled. */
  heartbeat(details?: unknown): Promise<void>;
  /** True once a heartbeat learned that the workflow asked to cancel this task. */
  readonly cancelRequested: boolean;
  /** Aborted when cancellation is requested or the task timed out. */
  readonly signal: AbortSignal;
  /**
   * Sends signal `name` with `input` (JSON) to the workflow run that scheduled this activity: a
   * durable channel readable while the activity runs (in the run's history). The job tree's
   * scripts send their output as `output` signals, which `flowy logs` prints.
   */
  signalWorkflow(name: string, input?: unknown): Promise<void>;
  /** Marks the task as completed later by token: `return context.completeAsynchronously()`. */
  completeAsynchronously(): typeof ASYNC_COMPLETION;
}
