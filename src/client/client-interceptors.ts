// Client interceptors: code that wraps what a FlowyClient sends, for tracing, logging or auth
// context: today the start of a workflow run (startWorkflow, and the start of signalWithStart).
import type { Headers } from '../core/engine.ts';

/** A run about to be started. */
export interface StartWorkflowInput {
  workflowType: { name: string; version: string };
  workflowId: string;
  input: unknown;
  /** Sent with the input, for the run's interceptors (WorkflowRunInput.headers). */
  headers: Headers;
}

/**
 * Wraps calls of a FlowyClient: call `next` (with the input, or a changed copy) and return what
 * it returns.
 *
 * ```ts
 * const audit: ClientInterceptor = {
 *   startWorkflow(input, next) { log('starting', input.workflowId); return next({ ...input, headers: { ...input.headers, user: 'ana' } }); },
 * };
 * new FlowyClient({ ..., interceptors: [audit] });
 * ```
 */
export interface ClientInterceptor {
  startWorkflow?(
    input: StartWorkflowInput,
    next: (input: StartWorkflowInput) => Promise<{ workflowId: string; runId: string }>,
  ): Promise<{ workflowId: string; runId: string }>;
}

/** `last` wrapped by each interceptor's `startWorkflow`, the first one outermost. */
export function interceptedStart(
  interceptors: readonly ClientInterceptor[],
  last: (input: StartWorkflowInput) => Promise<{ workflowId: string; runId: string }>,
): (input: StartWorkflowInput) => Promise<{ workflowId: string; runId: string }> {
  return interceptors.reduceRight<(input: StartWorkflowInput) => Promise<{ workflowId: string; runId: string }>>(
    (next, interceptor) => (interceptor.startWorkflow ? (input) => interceptor.startWorkflow!(input, next) : next),
    last,
  );
}
