// A decider that keeps each open execution's replay between decision tasks and applies only the
// new events (DESIGN.md, "The replay model"), falling back to a full replay when it has no state
// for the run or the history does not continue what it has. Both paths produce the same decisions
// because they are the same loop (`Replay`), resumed or started over.
import { Replay } from './replay.ts';
import type { DecideOptions, DecideResult } from './decide.ts';
import type { WorkflowClass } from './options.ts';
import type { HistoryEvent } from '../swf-model/index.ts';

/** Options of a `Decider`. */
export interface DeciderOptions extends Omit<DecideOptions, 'execution' | 'recordedMarkers'> {
  /** How many executions to keep in memory (least recently used are dropped); default 1000. */
  maxCachedExecutions?: number;
}

/** The execution a decision task belongs to (PollForDecisionTask's `workflowExecution`). */
export interface DecisionTaskExecution {
  workflowId: string;
  runId: string;
}

/**
 * Decides tasks of many executions, reusing live state between an execution's tasks.
 *
 * ```ts
 * const decider = new Decider();
 * const { decisions } = await decider.decide(task.events, OrderWorkflow, task.workflowExecution);
 * ```
 */
export class Decider {
  private readonly cache = new Map<string, { replay: Replay; workflow: WorkflowClass }>();
  private readonly options: DeciderOptions;
  /** How many tasks were answered from cached state (for tests and metrics). */
  cacheHits = 0;

  constructor(options: DeciderOptions = {}) {
    this.options = options;
  }

  /**
   * True when the state kept for the execution continues with `history`, which then only needs the
   * events since the previous decision task (a poll with `startAtPreviousStartedEvent`).
   */
  canContinue(history: readonly HistoryEvent[], workflow: WorkflowClass, execution: DecisionTaskExecution): boolean {
    const cached = this.cache.get(keyOf(execution));
    return cached !== undefined && cached.workflow === workflow && cached.replay.canContinueWith(history);
  }

  /**
   * The decisions for the task whose history is `history`: the whole history, or only its newest
   * events when {@link canContinue} says the kept state continues with them.
   */
  async decide(
    history: readonly HistoryEvent[],
    workflow: WorkflowClass,
    execution: DecisionTaskExecution,
  ): Promise<DecideResult> {
    const key = keyOf(execution);
    const cached = this.cache.get(key);
    this.cache.delete(key);
    let replay: Replay;
    let result: DecideResult;
    if (cached && cached.workflow === workflow && cached.replay.canContinueWith(history)) {
      replay = cached.replay;
      this.cacheHits++;
      result = await replay.continueWith(history); // checks the continuation again: cheap, from the last task on
    } else {
      const first = history.reduce((min, e) => Math.min(min, e.eventId ?? 0), Infinity);
      if (history.length > 0 && first > 1) {
        throw new Error(
          `Decider.decide: no state kept for run ${execution.runId} continues these events (from event ${first}); pass the whole history`,
        );
      }
      replay = new Replay(history, workflow, { ...this.options, execution });
      result = await replay.advance();
    }
    if (result.status === 'open' || result.decisions.length > 0) this.remember(key, { replay, workflow });
    return result;
  }

  /** Drops the state of one execution (e.g. after its decision task failed). */
  /** The first event of a run whose state is kept (its WorkflowExecutionStarted), else undefined. */
  startedEvent(execution: DecisionTaskExecution): HistoryEvent | undefined {
    return this.cache.get(keyOf(execution))?.replay.firstEvent;
  }

  forget(execution: DecisionTaskExecution): void {
    this.cache.delete(keyOf(execution));
  }

  private remember(key: string, entry: { replay: Replay; workflow: WorkflowClass }): void {
    this.cache.set(key, entry);
    const max = this.options.maxCachedExecutions ?? 1000;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value!);
  }
}

function keyOf(execution: DecisionTaskExecution): string {
  return `${execution.workflowId}\u0000${execution.runId}`;
}
