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
import { Replay } from './replay.ts';
import type { WorkflowClass } from './options.ts';
import type { Serializer } from './serializer.ts';
import type { CloseKind } from './close-decision.ts';
import type { Decision, HistoryEvent } from './swf-types.ts';

/** Options of `decide()`. */
export interface DecideOptions {
  /** How inputs and results are encoded; default JSON. */
  serializer?: Serializer;
  /** History length from which a warning suggests `restart()`; default 20,000. */
  eventLimitWarningAt?: number;
  /**
   * The execution being decided (PollForDecisionTask's `workflowExecution`): child workflow ids
   * are derived from `workflowId`, `random()`/`uuid()` are seeded from both. Default:
   * `{ workflowId: 'workflow', runId: '' }`.
   */
  execution?: { workflowId?: string | undefined; runId?: string | undefined };
}

/** What `decide()` returns. */
export interface DecideResult {
  /** The decisions to send with RespondDecisionTaskCompleted, close decision last. */
  decisions: Decision[];
  /** How the code closed the execution so far; 'open' while `run()` has not settled. */
  status: 'open' | CloseKind;
  /** Advice for operators, e.g. a history nearing SWF's 25,000-event cap. */
  warnings: string[];
}

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
export async function decide(history: readonly HistoryEvent[], workflow: WorkflowClass, options: DecideOptions = {}): Promise<DecideResult> {
  return new Replay(history, workflow, options).advance();
}
