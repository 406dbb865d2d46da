// The replay loop behind decide() and Decider: applies a history to one execution's state in
// event order, draining microtasks after each event that settled something, and matches each
// replayed decision task's decisions against the recorded outcomes (see decide.ts).
import { applyEvent } from './apply-event.ts';
import { matchRecordedDecisions } from './command-matching.ts';
import { installDeterminismGuard } from './determinism-guard.ts';
import { Execution, executionStorage, type Command, type ExecutionIdentity } from './execution.ts';
import { decisionTaskBoundaries, inEventOrder, SWF_EVENT_LIMIT, type DecisionTaskBoundary } from './history.ts';
import { getWorkflowOptions, type SchemaCheck, type WorkflowClass } from './options.ts';
import { jsonSerializer, type Serializer } from './serializer.ts';
import { checkConcurrency } from './window.ts';
import { intercepted, type WorkflowInterceptorFactory } from './interceptors.ts';
import { splitHeaders } from './headers.ts';
import type { CloseKind } from './close-decision.ts';
import type { Decision, HistoryEvent } from '../swf-model/index.ts';

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
  /**
   * A longer history of the same run whose MarkerRecorded events answer `sideEffect()` calls, so
   * that deciding a prefix of it (as `replayHistory` does for each task) does not run them again.
   */
  recordedMarkers?: readonly HistoryEvent[] | undefined;
  /**
   * Checks the workflow's result against its `output` schema (a mismatch fails the execution with
   * SchemaMismatch) and children's input against theirs before they are started. Workers and
   * replayHistory pass src/definitions' `checkSchema`; without it no schema is checked.
   */
  checkSchema?: SchemaCheck | undefined;
  /** Interceptors of workflow code (interceptors.ts), made once per execution, the first one outermost. */
  interceptors?: readonly WorkflowInterceptorFactory[] | undefined;
}

/** What `decide()` returns. */
export interface DecideResult {
  /** The decisions to send with RespondDecisionTaskCompleted, close decision last. */
  decisions: Decision[];
  /** How the code closed the execution so far; 'open' while `run()` has not settled. */
  status: 'open' | CloseKind;
  /** Advice for operators, e.g. a history nearing SWF's 25,000-event cap. */
  warnings: string[];
  /** What the workflow published with `this.setStatus()`, to send as RespondDecisionTaskCompleted's executionContext. */
  executionContext?: string;
}

/**
 * The events of `history` (oldest or newest first) with an id above `lastEventId`, oldest first;
 * reads only those from the end where they are.
 */
function eventsAfter(history: readonly HistoryEvent[], lastEventId: number): HistoryEvent[] {
  const isNewestFirst = history.length > 1 && (history[0]!.eventId ?? 0) > (history.at(-1)!.eventId ?? 0);
  if (isNewestFirst) {
    const fresh: HistoryEvent[] = [];
    for (const event of history) {
      if ((event.eventId ?? 0) <= lastEventId) break;
      fresh.push(event);
    }
    return fresh.reverse();
  }
  let start = history.length;
  while (start > 0 && (history[start - 1]!.eventId ?? 0) > lastEventId) start--;
  return history.slice(start);
}

/** Lets every promise continuation queued so far run (macrotask boundary). */
const drainMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The replay of one execution, resumable: after `advance()` answered the task being decided, the
 * workflow code stays suspended where it is, and `continueWith(longerHistory)` applies only the
 * events that followed (the `Decider` cache). Both paths run the same loop, hence the same decisions.
 */
export class Replay {
  /** Every event seen so far, in event-id order (index i holds event i + 1). */
  private readonly events: HistoryEvent[];
  private boundaries: DecisionTaskBoundary[];
  private readonly execution: Execution;
  private readonly workflow: WorkflowClass;
  private readonly options: DecideOptions;
  private index = 0;
  private task = 0;
  /** The decisions returned for the task being decided, to be matched once it is completed. */
  private answered: Command[] = [];

  constructor(history: readonly HistoryEvent[], workflow: WorkflowClass, options: DecideOptions = {}) {
    this.events = [...inEventOrder(history)];
    this.workflow = workflow;
    this.options = options;
    this.execution = new Execution(identityOf(this.events, workflow, options), options.serializer ?? jsonSerializer);
    const declared = getWorkflowOptions(workflow);
    this.execution.checkSchema = options.checkSchema;
    const { workflowId, runId, workflowType } = this.execution;
    this.execution.interceptors = (options.interceptors ?? []).map((make) => make({ workflowId, runId, workflowType }));
    if (options.checkSchema && declared?.output !== undefined) this.execution.outputSchema = declared.output;
    const concurrency = declared?.concurrency;
    if (concurrency !== undefined)
      this.execution.setConcurrency(checkConcurrency(concurrency, `@workflow on ${workflow.name}`));
    if (options.recordedMarkers) indexMarkers(this.execution, options.recordedMarkers, 0);
    indexMarkers(this.execution, this.events, 0);
    this.execution.restartSuggestedAt = options.eventLimitWarningAt ?? 20_000;
    this.boundaries = decisionTaskBoundaries(this.events);
    this.enterTask();
  }

  /** The execution's replayed state (queries call methods on its workflow instance). */
  get state(): Execution {
    return this.execution;
  }

  /** True when the execution was closed by a recorded close decision. */
  /** The run's first event (WorkflowExecutionStarted), kept while later tasks bring only new events. */
  get firstEvent(): HistoryEvent | undefined {
    return this.events[0];
  }

  get isClosed(): boolean {
    return this.execution.isClosed;
  }

  /**
   * True when `history` continues the one replayed so far: it holds the events that follow the
   * last one seen (the whole history, or only the newest events such as a poll with
   * `startAtPreviousStartedEvent` returns), and the task answered last is now completed (it did
   * not time out, SWF_SPEC 14).
   */
  canContinueWith(history: readonly HistoryEvent[]): boolean {
    return this.continuation(history) !== undefined;
  }

  /**
   * The new events and the boundaries from the last answered task on, when `history` continues
   * this replay. Costs the new events and those of the last task, not the whole history.
   */
  private continuation(
    history: readonly HistoryEvent[],
  ): { fresh: HistoryEvent[]; tail: DecisionTaskBoundary[] } | undefined {
    const boundary = this.boundaries[this.task];
    if (!boundary || boundary.completedIndex !== undefined || this.execution.isClosed) return undefined;
    const last = this.events.at(-1)?.eventId ?? 0;
    const fresh = eventsAfter(history, last);
    if (fresh.length === 0 || fresh[0]!.eventId !== last + 1 || fresh.at(-1)!.eventId !== last + fresh.length)
      return undefined;
    const from = boundary.startedIndex;
    const tail = decisionTaskBoundaries([...this.events.slice(from), ...fresh]).map((b) => ({
      ...b,
      startedIndex: b.startedIndex + from,
      completedIndex: b.completedIndex === undefined ? undefined : b.completedIndex + from,
    }));
    return tail[0]?.startedIndex === from && tail[0].completedIndex !== undefined ? { fresh, tail } : undefined;
  }

  /** Replays the events of `history` that follow the ones seen so far; throws when it does not continue them. */
  async continueWith(history: readonly HistoryEvent[]): Promise<DecideResult> {
    const continuation = this.continuation(history);
    if (!continuation)
      throw new Error('Replay.continueWith: the history does not continue this replay; start a new Replay');
    const previousLength = this.events.length;
    for (const event of continuation.fresh) this.events.push(event);
    indexMarkers(this.execution, this.events, previousLength);
    this.boundaries.splice(this.task, Infinity, ...continuation.tail);
    this.execution.restoreCommands(this.answered);
    this.enterTask();
    return this.advance();
  }

  private enterTask(): void {
    const boundary = this.boundaries[this.task];
    if (boundary) {
      this.execution.setNow(boundary.nowMillis);
      // what the history held when this task was first decided: the same on every replay
      this.execution.historyLength = this.events[boundary.startedIndex]!.eventId ?? boundary.startedIndex + 1;
    }
    this.execution.replayingTaskCompletedEventId =
      boundary?.completedIndex === undefined ? undefined : this.events[boundary.completedIndex]!.eventId;
  }

  /** Applies events up to the task being decided (or the end) and returns its decisions. */
  async advance(): Promise<DecideResult> {
    const { events, execution } = this;
    for (; this.index < events.length && !execution.isClosed; this.index++) {
      const event = events[this.index]!;
      switch (event.eventType) {
        case 'DecisionTaskStarted': {
          const boundary = this.boundaries[this.task];
          if (boundary?.startedIndex !== this.index) break; // a task that timed out: its events go to the next one
          if (boundary.completedIndex === undefined) return this.result();
          matchRecordedDecisions(execution, events, boundary.completedIndex);
          this.task++;
          this.enterTask();
          break;
        }
        case 'DecisionTaskScheduled':
        case 'DecisionTaskCompleted':
        case 'DecisionTaskTimedOut':
          break;
        case 'WorkflowExecutionStarted':
          startRun(execution, this.workflow, event);
          await this.settle();
          break;
        default:
          applyEvent(execution, event);
          if (execution.hasSettled) {
            execution.hasSettled = false;
            await this.settle();
          }
      }
    }
    return this.result();
  }

  /**
   * Lets the code run as far as it can before the next event: drains the microtask queue, and
   * while side effects are running (real I/O), waits for them and drains again. The code then
   * sees the next event at the same point whether a side effect ran now or was replayed.
   */
  private async settle(): Promise<void> {
    await drainMicrotasks();
    while (this.execution.hasRunningSideEffects) {
      await this.execution.waitForSideEffects();
      await drainMicrotasks();
    }
  }

  private result(): DecideResult {
    const { execution, events } = this;
    const warnings: string[] = [];
    const limit = this.options.eventLimitWarningAt ?? 20_000;
    const count = events.at(-1)?.eventId ?? events.length;
    if (count >= limit) {
      warnings.push(
        `History of workflow ${execution.workflowId} has ${count} events; SWF terminates a run at ${SWF_EVENT_LIMIT.toLocaleString('en-US')}. ` +
          'Call this.restart(input) to continue as a new run with a fresh history.',
      );
    }
    this.answered = execution.isClosed ? [] : execution.takeCommands();
    const result: DecideResult = {
      decisions: this.answered.map((command) => command.decision),
      status: execution.closeKind ?? 'open',
      warnings,
    };
    if (execution.executionContext !== undefined) result.executionContext = execution.executionContext;
    return result;
  }
}

function identityOf(
  events: readonly HistoryEvent[],
  workflow: WorkflowClass,
  options: DecideOptions,
): ExecutionIdentity {
  const startedType = events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
  const declared = getWorkflowOptions(workflow);
  return {
    workflowId: options.execution?.workflowId ?? 'workflow',
    runId: options.execution?.runId ?? '',
    workflowType: {
      name: startedType?.name ?? declared?.name ?? workflow.name,
      version: startedType?.version ?? declared?.version ?? '1',
    },
  };
}

function indexMarkers(execution: Execution, events: readonly HistoryEvent[], from: number): void {
  for (let i = from; i < events.length; i++) {
    const event = events[i]!;
    if (event.eventType !== 'MarkerRecorded') continue;
    const a = event.markerRecordedEventAttributes ?? {};
    execution.markers.set(a.markerName ?? '', {
      details: a.details,
      decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
    });
  }
}

/**
 * Constructs the workflow and starts `run(input)` inside the execution's context. A constructor
 * that throws is a bug in the deployed code, not a decision: it propagates out of decide() so the
 * task is retried once the code is fixed. Everything `run()` throws closes the execution.
 */
function startRun(execution: Execution, workflow: WorkflowClass, event: HistoryEvent): void {
  const attributes = event.workflowExecutionStartedEventAttributes ?? {};
  execution.started = attributes;
  // Globals are patched when workflow code first runs, never on import (importing flowy-ts leaves
  // the process as it was); outside an execution's scope the patched functions act as the originals.
  installDeterminismGuard();
  executionStorage.run(execution, () => {
    const instance = new workflow();
    execution.instance = instance;
    const run = intercepted(execution.interceptors, 'run', ({ input }) => instance.run(input));
    const running = new Promise<unknown>((resolve) => {
      resolve(run(splitHeaders(execution.serializer.deserialize(attributes.input))));
    });
    running.then(
      (value) => execution.settleRun('completed', value),
      (error: unknown) => execution.settleRun('failed', error),
    );
  });
}
