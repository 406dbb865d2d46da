// decide(): a decision task's history in, decisions out, by running the workflow's code against
// the history (DESIGN.md, "The replay model"):
//
//  1. The code starts when WorkflowExecutionStarted is applied. Events are applied one at a time,
//     in event order; after each event that settled something, the microtask queue is drained, so
//     the code observes results in exactly the order SWF recorded them.
//  2. At each replayed DecisionTaskStarted, the decisions the code issued since the previous one
//     are matched, in order, against the outcomes recorded after that task's DecisionTaskCompleted
//     (command-matching.ts); a difference is a NonDeterminismError.
//  3. At the last DecisionTaskStarted (the task being decided), whatever the code issued since is
//     the answer, with the close decision last when run() has settled.
import { Replay, type DecideOptions, type DecideResult } from './replay.ts';
import type { WorkflowClass } from './options.ts';
import type { HistoryEvent } from '../swf-model/index.ts';

export type { DecideOptions, DecideResult } from './replay.ts';

/**
 * Replays `history` (all events of the run up to the DecisionTaskStarted being answered) through
 * `workflow`'s code and returns the new decisions. Throws `NonDeterminismError` when the code does
 * not match the recorded events; errors thrown by `run()` become a FailWorkflowExecution decision.
 *
 * ```ts
 * const { decisions } = await decide(task.events, OrderWorkflow, { execution: task.workflowExecution });
 * await swf.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
 * ```
 */
export async function decide(
  history: readonly HistoryEvent[],
  workflow: WorkflowClass,
  options: DecideOptions = {},
): Promise<DecideResult> {
  return new Replay(history, workflow, options).advance();
}
