// The decision worker: long-polls a decision task list, replays each execution's history through
// the decider and answers with its decisions. A task whose replay fails is not answered, so SWF
// times it out and retries it later (SWF has no call to fail a decision task).
import { NonDeterminismError, jsonSerializer } from '../core/index.ts';
import { Decider, toError } from '../core/engine.ts';
import type { Serializer, WorkflowClass } from '../core/index.ts';
import { timestampMillis, splitHeaders } from '../core/engine.ts';
import type { DecideResult, Headers, HistoryEvent, WorkflowInterceptorFactory } from '../core/engine.ts';
import { checkSchema } from '../definitions/index.ts';
import type { Registry, WorkflowDefinition } from '../definitions/index.ts';
import type { PayloadStorage } from '../payloads/index.ts';
import { callSwf, describeError, getHistory, isFault, pollForDecisionTask } from '../swf/index.ts';
import type { DecisionTask, SdkDecision, SWFClient } from '../swf/index.ts';
import { defaultIdentity, silentLogger } from '../common/index.ts';
import type { Logger, DecisionTaskInfo, WorkerObserver } from '../common/index.ts';
import { PollingLifecycle } from './polling-lifecycle.ts';
import {
  interceptedDecide,
  type DecisionTaskInterceptor,
  type DecisionTaskOutcome,
} from './decision-task-interceptors.ts';

/** Options of {@link DecisionWorker}. */
export interface DecisionWorkerOptions {
  client: SWFClient;
  domain: string;
  taskList: string;
  registry: Registry;
  identity?: string;
  /** Concurrent long polls on the task list; default 1. Deciding stays single-threaded. */
  pollers?: number;
  logger?: Logger;
  observer?: WorkerObserver;
  serializer?: Serializer;
  /**
   * Resolves payload references in each task's history before deciding and stores decision
   * payloads over its threshold after (src/payloads); without it payloads over 32,768 characters fail.
   */
  payloads?: PayloadStorage;
  /** Executions whose replay is kept in memory between decision tasks; default 1000. */
  maxCachedExecutions?: number;
  /**
   * On stop, abort long polls in flight (default true). Against real SWF set it to false: a task
   * delivered to an aborted poll would only come back after its timeout, so the worker waits for
   * its polls (up to 60 s) and decides what they bring.
   */
  abortPollsOnStop?: boolean;
  /**
   * Interceptors of workflow code (run, signals, activities, children, timers), made per execution,
   * the first one outermost. They run on every replay, so they must be deterministic.
   */
  workflowInterceptors?: WorkflowInterceptorFactory[];
  /** Interceptors of each decision task, in the worker (not replayed), the first one outermost. */
  decisionTaskInterceptors?: DecisionTaskInterceptor[];
  /**
   * Poll with `startAtPreviousStartedEvent` (default true): a task of a run whose replay this
   * worker keeps brings only the events since the previous decision task; on a miss (first task
   * here, evicted, or a gap) the worker reads the whole history with GetWorkflowExecutionHistory.
   * False: every task brings the whole history.
   */
  incrementalHistory?: boolean;
}

/** A decision task for a workflow type the worker's registry does not hold: it is left unanswered. */
export class UnknownWorkflowType extends Error {
  override readonly name = 'UnknownWorkflowType';
}

/** Polls one decision task list and decides every task with the registry's workflow classes. */
export class DecisionWorker {
  private readonly options: DecisionWorkerOptions;
  private readonly logger: Logger;
  private readonly identity: string;
  /** Keeps each open execution's replay between its decision tasks (full replay when it cannot). */
  private readonly decider: Decider;
  /** Decisions run one at a time, whatever the number of pollers (a single-threaded decider). */
  private deciding: Promise<unknown> = Promise.resolve();
  private readonly lifecycle: PollingLifecycle;
  private readonly inFlight = new Set<Promise<void>>();
  /** Tasks that brought only new events but missed the cache, so the whole history was read. */
  historyReads = 0;

  constructor(options: DecisionWorkerOptions) {
    this.options = options;
    this.identity = options.identity ?? defaultIdentity();
    this.logger = (options.logger ?? silentLogger).child({ domain: options.domain, taskList: options.taskList });
    this.lifecycle = new PollingLifecycle('decision', options, this.logger, () => this.runOnce());
    // with a payload store, the decider may produce payloads of any size: they are stored before sending
    const serializer = options.payloads
      ? { ...(options.serializer ?? jsonSerializer), maxLength: Number.POSITIVE_INFINITY }
      : options.serializer;
    this.decider = new Decider({
      serializer,
      maxCachedExecutions: options.maxCachedExecutions,
      checkSchema,
      interceptors: options.workflowInterceptors,
    });
  }

  /** Polls with `pollers` loops until {@link stop}; resolves once stopped and idle. */
  start(): Promise<void> {
    const pollers = Math.max(1, this.options.pollers ?? 1);
    return this.lifecycle.start(pollers, { pollers, identity: this.identity }, (loops) =>
      Promise.all(loops).then(() => this.drain()),
    );
  }

  /** One long poll and, if a task came, its decision. True if a task was handled. */
  async runOnce(): Promise<boolean> {
    if (this.lifecycle.isStopping) return false;
    const task = await this.lifecycle.poll((abortSignal) =>
      pollForDecisionTask(
        this.options.client,
        { domain: this.options.domain, taskList: this.options.taskList, identity: this.identity },
        { abortSignal, startAtPreviousStartedEvent: this.options.incrementalHistory ?? true },
      ),
    );
    if (!task) return false;
    const handling = this.handle(task);
    this.inFlight.add(handling);
    try {
      await handling;
    } finally {
      this.inFlight.delete(handling);
    }
    return true;
  }

  /** Stops polling (aborting the polls in flight unless `abortPollsOnStop` is false) and waits for decisions in progress. */
  async stop(): Promise<void> {
    if (!this.lifecycle.isStopping) {
      this.logger.info(
        this.lifecycle.abortsPollsOnStop
          ? 'decision worker stopping'
          : 'decision worker stopping; waiting for the long polls in flight to return',
      );
      this.lifecycle.stopPolling();
    }
    await (this.lifecycle.running ?? this.drain());
  }

  private async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(task: DecisionTask): Promise<void> {
    const info: DecisionTaskInfo = {
      domain: this.options.domain,
      taskList: this.options.taskList,
      workflowId: task.workflowExecution.workflowId,
      runId: task.workflowExecution.runId,
      workflowType: task.workflowType,
      startedEventId: task.startedEventId,
    };
    const log = this.logger.child({
      workflowId: info.workflowId,
      runId: info.runId,
      workflowType: `${info.workflowType.name}@${info.workflowType.version}`,
    });
    const began = performance.now();
    const elapsed = () => Math.round((performance.now() - began) * 1000) / 1000;
    this.notify('decisionTaskStarted', info);
    log.debug({ eventId: task.startedEventId, events: task.events.length }, 'decision task started');

    const definition = this.options.registry.findWorkflow(info.workflowType.name, info.workflowType.version);
    if (!definition) {
      const error = new UnknownWorkflowType(
        `Workflow type "${info.workflowType.name}"@${info.workflowType.version} is not known to this worker; ` +
          `start it with the folder that defines that workflow, or check the version`,
      );
      log.error({ eventId: task.startedEventId }, `decision task not answered: ${error.message}`);
      this.notify('decisionTaskFailed', { ...info, durationMs: elapsed(), error });
      return;
    }

    const interceptors = this.options.decisionTaskInterceptors ?? [];
    let answered: 'yes' | 'no' | undefined; // set by answer(): whatever it threw is logged already
    const decideTask = interceptedDecide(interceptors, async () => {
      try {
        const outcome = await this.answer(task, definition.cls, info, log, elapsed);
        answered = 'yes';
        return outcome;
      } catch (error) {
        answered = 'no';
        throw error;
      }
    });
    const isFirstTask = !task.events.some((event) => event.eventType === 'DecisionTaskCompleted');
    try {
      // headers are read only for interceptors: no extra parsing of the input otherwise
      await decideTask({
        info,
        headers: interceptors.length > 0 ? this.runHeaders(this.runStart(task)) : {},
        isFirstTask,
      });
    } catch (caught) {
      if (answered === 'no') return;
      const error = toError(caught);
      log.error(
        { eventId: task.startedEventId, err: error },
        answered === 'yes'
          ? `a decision task interceptor threw after the task was answered: ${describeError(error)}`
          : `decision task not answered: a decision task interceptor threw ${describeError(error)}; it will time out and be retried`,
      );
      if (answered === undefined) this.notify('decisionTaskFailed', { ...info, durationMs: elapsed(), error });
    }
  }

  /** Decides the task and sends its decisions; throws (after logging and notifying) when it could not. */
  private async answer(
    task: DecisionTask,
    workflow: WorkflowDefinition['cls'],
    info: DecisionTaskInfo,
    log: Logger,
    elapsed: () => number,
  ): Promise<DecisionTaskOutcome> {
    let decisions: SdkDecision[];
    let status: DecideResult['status'];
    let executionContext: string | undefined;
    try {
      const payloads = this.options.payloads;
      const result = await this.serially(async () => {
        const history = await this.historyFor(task, workflow);
        const events = payloads ? await payloads.resolveEvents(history, task.workflowExecution) : history;
        return this.decider.decide(events, workflow, task.workflowExecution);
      });
      for (const warning of result.warnings) log.warn({ eventId: task.startedEventId }, warning);
      decisions = (payloads ? await payloads.offloadDecisions(result.decisions) : result.decisions) as SdkDecision[];
      executionContext = result.executionContext;
      status = result.status;
      if (result.status !== 'open') log.info({ eventId: task.startedEventId }, `workflow ${result.status}`);
    } catch (caught) {
      this.decider.forget(task.workflowExecution);
      const error = toError(caught);
      if (error instanceof NonDeterminismError) {
        log.error(
          { eventId: error.eventId, recorded: error.recorded, actual: error.actual },
          `non-determinism: the workflow code no longer matches the recorded history at event ${error.eventId}; ` +
            `the decision task is left to time out and will be retried once the code is fixed: ${error.message}`,
        );
        this.notify('nonDeterminism', { ...info, eventId: error.eventId, message: error.message });
      } else {
        log.error(
          { eventId: task.startedEventId, err: error },
          `decision task not answered: the decider threw ${describeError(error)}; it will time out and be retried`,
        );
      }
      this.notify('decisionTaskFailed', { ...info, durationMs: elapsed(), error });
      throw error;
    }

    try {
      await callSwf(this.options.client, 'RespondDecisionTaskCompleted', {
        taskToken: task.taskToken,
        decisions,
        executionContext,
      });
    } catch (caught) {
      // What the decider remembers was not recorded: start over from the history next time.
      this.decider.forget(task.workflowExecution);
      const error = toError(caught);
      const why = isFault(error, 'UnknownResourceFault')
        ? 'the task is no longer open (it timed out or the run closed)'
        : describeError(error);
      log.error({ eventId: task.startedEventId, err: error }, `decisions not accepted: ${why}`);
      this.notify('decisionTaskFailed', { ...info, durationMs: elapsed(), error });
      throw error;
    }
    const types = decisions.map((d) => String(d.decisionType));
    log.debug({ eventId: task.startedEventId, decisions: types }, 'decision task completed');
    this.notify('decisionTaskCompleted', { ...info, durationMs: elapsed(), decisions: types });
    this.notifyRun(info, task.events, this.runStart(task), status);
    return { decisions: types, status };
  }

  /** The headers of the run's input (WorkflowExecutionStarted, the history's first event); empty if none or unreadable. */
  /** The run's WorkflowExecutionStarted: the task's first event, or the kept replay's when the task brought only new events. */
  private runStart(task: DecisionTask): HistoryEvent | undefined {
    const first = task.events[0];
    return first?.eventId === 1 ? first : this.decider.startedEvent(task.workflowExecution);
  }

  private runHeaders(start: HistoryEvent | undefined): Headers {
    const started = start?.workflowExecutionStartedEventAttributes;
    if (!started) return {};
    try {
      return splitHeaders((this.options.serializer ?? jsonSerializer).deserialize(started.input)).headers;
    } catch {
      return {}; // the replay reports an unreadable input
    }
  }

  /** workflowStarted after a run's first decision task; workflowClosed once its close decision went out. */
  private notifyRun(
    info: DecisionTaskInfo,
    events: readonly HistoryEvent[],
    start: HistoryEvent | undefined,
    status: DecideResult['status'],
  ): void {
    const run = {
      domain: info.domain,
      taskList: info.taskList,
      workflowId: info.workflowId,
      runId: info.runId,
      workflowType: info.workflowType,
    };
    if (!events.some((event) => event.eventType === 'DecisionTaskCompleted')) this.notify('workflowStarted', run);
    if (status === 'open') return;
    // SWF_SPEC 8.3: the close decision is applied with the task, so the run closed at this task.
    const durationMs = Math.max(
      0,
      timestampMillis(events.at(-1)?.eventTimestamp) - timestampMillis(start?.eventTimestamp),
    );
    this.notify('workflowClosed', { ...run, status, durationMs });
  }

  /**
   * The task's events when they start the run or continue the kept replay; else the whole history
   * up to the task's DecisionTaskStarted, read with GetWorkflowExecutionHistory.
   */
  private async historyFor(task: DecisionTask, workflow: WorkflowClass): Promise<readonly HistoryEvent[]> {
    const first = task.events[0]?.eventId ?? 1;
    if (first <= 1 || this.decider.canContinue(task.events, workflow, task.workflowExecution)) return task.events;
    this.historyReads += 1;
    const events = await getHistory(this.options.client, this.options.domain, task.workflowExecution);
    return events.filter((e) => (e.eventId ?? 0) <= task.startedEventId);
  }

  /** Runs `work` after every decision queued before it. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.deciding.then(work, work);
    this.deciding = run.catch(() => undefined);
    return run;
  }

  private notify<
    K extends
      | 'decisionTaskStarted'
      | 'decisionTaskCompleted'
      | 'decisionTaskFailed'
      | 'nonDeterminism'
      | 'workflowStarted'
      | 'workflowClosed',
  >(hook: K, event: Parameters<NonNullable<WorkerObserver[K]>>[0]): void {
    this.lifecycle.notify(hook, event);
  }
}
