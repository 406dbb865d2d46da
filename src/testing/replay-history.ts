// replayHistory: a recorded history (file or events) checked against today's workflow code.
// The check itself is core's checkReplay, which queries use too.
import { jsonSerializer } from '../core/index.ts';
import type { WorkflowClass } from '../core/index.ts';
import { checkReplay } from '../core/engine.ts';
import type { ReplayOptions as CoreReplayOptions, ReplayReport } from '../core/engine.ts';
import { checkSchema } from '../definitions/index.ts';
import { loadHistory } from './history-file.ts';
import type { HistorySource } from './history-file.ts';
import type { PayloadStorage } from '../payloads/index.ts';

export type { ReplayReport };

/** Options of replayHistory: core's ReplayOptions, and where payload references are resolved. */
export interface ReplayOptions extends CoreReplayOptions {
  /** Resolves payload references in the history (runs with payloads over the threshold). */
  payloads?: PayloadStorage;
}

/**
 * Replays a recorded history through today's `workflow` code, with no server: for each decision
 * task of the history, decides on the history up to that task and compares the decisions with the
 * ones recorded. Throws a NonDeterminismError naming the task, both decision lists and the first
 * difference when they differ.
 *
 * ```ts
 * await replayHistory('test/fixtures/histories/order-pipeline.json', OrderPipeline);
 * ```
 */
export async function replayHistory(
  historyFileOrEvents: HistorySource,
  workflow: WorkflowClass,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const history = await loadHistory(historyFileOrEvents);
  // inputs and outputs are checked against their schemas as the workers check them
  if (!options.payloads) return checkReplay(history, workflow, { checkSchema, ...options });
  history.events = await options.payloads.resolveEvents(history.events, history.execution);
  // the recorded run stored its large payloads: today's code may produce them too
  const serializer = { ...(options.serializer ?? jsonSerializer), maxLength: Number.POSITIVE_INFINITY };
  return checkReplay(history, workflow, { checkSchema, ...options, serializer });
}
