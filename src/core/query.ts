// Queries by replay (DESIGN.md, "The replay model"): SWF has no queries, so a query reads the
// run's history, replays it through the workflow's code up to its last decision, and calls a
// `@query` method on the replayed instance. No worker is involved; closed runs answer too.
import { ConfigurationError, NonDeterminismError } from './errors.ts';
import { inEventOrder } from './history.ts';
import { eventAttributes } from '../swf-model/index.ts';
import { getWorkflowOptions, type WorkflowClass } from './options.ts';
import { intercepted } from './interceptors.ts';
import { Replay } from './replay.ts';
import { checkReplay } from './replay-check.ts';
import type { DecideOptions } from './decide.ts';
import { executionStorage, type Execution } from './execution.ts';
import type { HistoryEvent } from '../swf-model/index.ts';

const QUERY_NAME = Symbol.for('flowy.queryName');

/** Marks `method` as the query `name` (what the `@query` decorator does). */
export function markQuery(method: Function, name: string): void {
  Object.defineProperty(method, QUERY_NAME, { value: name, enumerable: false });
}

/** The queries a workflow class declares, by query name, with the method name each calls. */
export function queryMethods(workflow: WorkflowClass): Map<string, string> {
  const found = new Map<string, string>();
  for (
    let proto = workflow.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, key)?.value as { [QUERY_NAME]?: string } | undefined;
      const name = typeof value === 'function' ? value[QUERY_NAME] : undefined;
      if (name !== undefined && !found.has(name)) found.set(name, key);
    }
  }
  return found;
}

/** Options of {@link queryWorkflow}. */
export interface QueryOptions extends Pick<DecideOptions, 'serializer' | 'execution' | 'checkSchema' | 'interceptors'> {
  /** Names the history in a NonDeterminismError, e.g. `workflow execution order-1 (run 22…)`. */
  source?: string;
}

/**
 * Answers the query `name` with `args` on a run whose full history is `history`: replays it up to
 * the run's last completed decision task (the state the workflow last decided on; events it has
 * not decided yet are not seen) and calls the query method. The answer is a JSON copy.
 * Throws the NonDeterminismError `flowy replay` would when the code no longer matches the history,
 * and a ConfigurationError when the workflow has no such query or the method schedules anything.
 */
export async function queryWorkflow(
  history: readonly HistoryEvent[],
  workflow: WorkflowClass,
  name: string,
  args: readonly unknown[] = [],
  options: QueryOptions = {},
): Promise<unknown> {
  checkQueryName(workflow, name);
  return (await ReplayedRun.replay(history, workflow, options)).query(name, args);
}

/**
 * A run replayed to its last decision, kept to answer several queries (FlowyClient keeps the
 * latest ones): `lastDecidedEventId` tells whether a longer history was decided on further.
 */
export class ReplayedRun {
  readonly workflow: WorkflowClass;
  /** Event id of the last DecisionTaskCompleted replayed (0 before the first decision). */
  readonly lastDecidedEventId: number;
  private readonly execution: Execution;

  private constructor(workflow: WorkflowClass, execution: Execution, lastDecidedEventId: number) {
    this.workflow = workflow;
    this.execution = execution;
    this.lastDecidedEventId = lastDecidedEventId;
  }

  /** Replays `history` up to its last completed decision task (see {@link queryWorkflow}). */
  static async replay(
    history: readonly HistoryEvent[],
    workflow: WorkflowClass,
    options: QueryOptions = {},
  ): Promise<ReplayedRun> {
    const events = inEventOrder(history);
    const replay = new Replay(historyAsLastDecided(events), workflow, options);
    try {
      await replay.advance();
    } catch (error) {
      if (!(error instanceof NonDeterminismError)) throw error;
      // Explain it exactly as `flowy replay` does: the task, both decision lists, the first difference.
      const execution = { workflowId: options.execution?.workflowId, runId: options.execution?.runId };
      await checkReplay(
        { events: [...events], execution, source: options.source ?? 'the given events' },
        workflow,
        options,
      );
      throw error;
    }
    if (!replay.state.instance) {
      throw new ConfigurationError(
        `History of ${labelOf(workflow)} has no WorkflowExecutionStarted event; a query needs the whole history of the run`,
      );
    }
    return new ReplayedRun(workflow, replay.state, lastDecidedEventId(events));
  }

  /** Calls the query `name` on the replayed workflow; the answer is a JSON copy. */
  query(name: string, args: readonly unknown[] = []): unknown {
    checkQueryName(this.workflow, name);
    const execution = this.execution;
    const instance = execution.instance as Record<string, (...a: unknown[]) => unknown>;
    execution.queryInProgress = name;
    execution.queryViolation = undefined;
    let answer: unknown;
    try {
      const call = intercepted(execution.interceptors, 'query', (input) =>
        executionStorage.run(execution, () => instance[checkQueryName(this.workflow, input.name)]!(...input.args)),
      );
      answer = call({ name, args });
    } finally {
      execution.queryInProgress = undefined;
    }
    if (execution.queryViolation) throw execution.queryViolation;
    if (
      answer instanceof Promise ||
      (typeof answer === 'object' && answer !== null && typeof (answer as { then?: unknown }).then === 'function')
    ) {
      Promise.resolve(answer).catch(() => undefined);
      throw new ConfigurationError(
        `Query "${name}" of ${labelOf(this.workflow)} returned a promise; query methods are synchronous: return the value itself (JSON) from the workflow's fields`,
      );
    }
    return answer === undefined ? undefined : JSON.parse(JSON.stringify(answer));
  }
}

/** The method behind query `name`; a ConfigurationError listing the workflow's queries when there is none. */
function checkQueryName(workflow: WorkflowClass, name: string): string {
  const methods = queryMethods(workflow);
  const method = methods.get(name);
  if (method !== undefined) return method;
  const known = [...methods.keys()];
  throw new ConfigurationError(
    `Workflow ${labelOf(workflow)} has no query "${name}"; ` +
      (known.length
        ? `its queries: ${known.join(', ')}`
        : 'declare one with @query() on a method of the workflow class'),
  );
}

function labelOf(workflow: WorkflowClass): string {
  return getWorkflowOptions(workflow)?.name ?? workflow.name;
}

/** Event id of the last DecisionTaskCompleted of `events` (in event order), 0 when none. */
export function lastDecidedEventId(events: readonly HistoryEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.eventType === 'DecisionTaskCompleted') return events[i]!.eventId ?? 0;
  }
  return 0;
}

/**
 * The history as the workflow last decided on it: events up to its last completed decision task,
 * that task's DecisionTaskCompleted and the events its decisions recorded, then a synthetic
 * DecisionTaskStarted so the replay matches that task's decisions and stops there. Events the
 * workflow has not decided on yet (a late activity result, a signal) are left out, so replaying
 * never runs code (a sideEffect, a signal handler) that no decision task ran.
 */
export function historyAsLastDecided(events: readonly HistoryEvent[]): HistoryEvent[] {
  let completedIndex = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.eventType === 'DecisionTaskCompleted') {
      completedIndex = i;
      break;
    }
  }
  let kept: HistoryEvent[];
  if (completedIndex < 0) {
    kept = events.filter((event) => event.eventType === 'WorkflowExecutionStarted');
  } else {
    const completed = events[completedIndex]!;
    const startedId = completed.decisionTaskCompletedEventAttributes?.startedEventId ?? -1;
    const startedIndex = events.findIndex((event) => event.eventId === startedId);
    kept = events.slice(0, startedIndex + 1);
    kept.push(completed);
    for (let i = completedIndex + 1; i < events.length; i++) {
      if (eventAttributes(events[i]!).decisionTaskCompletedEventId === completed.eventId) kept.push(events[i]!);
    }
  }
  const last = kept.at(-1);
  const lastId = last?.eventId ?? 0;
  const timestamp = last?.eventTimestamp;
  kept.push(
    {
      eventId: lastId + 1,
      eventType: 'DecisionTaskScheduled',
      eventTimestamp: timestamp,
      decisionTaskScheduledEventAttributes: {},
    } as HistoryEvent,
    {
      eventId: lastId + 2,
      eventType: 'DecisionTaskStarted',
      eventTimestamp: timestamp,
      decisionTaskStartedEventAttributes: { scheduledEventId: lastId + 1 },
    } as HistoryEvent,
  );
  return kept;
}
