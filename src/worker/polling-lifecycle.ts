// What the decision and activity workers share between start() and stop(): the poll loops, the
// signals that end them and abort their polls, and telling the observer. Each worker keeps its own
// shutdown (draining decisions, or a grace period for activities).
import { describeError } from '../swf/index.ts';
import { notifyObserver } from '../common/index.ts';
import type { Logger, WorkerObserver } from '../common/index.ts';
import { withChildSignal } from './abort-scope.ts';
import { startPollLoops } from './poll-loop.ts';

/** The options of a worker that its {@link PollingLifecycle} reads. */
export interface PollingOptions {
  domain: string;
  taskList: string;
  observer?: WorkerObserver | undefined;
  /** On stop, abort long polls in flight; default true. */
  abortPollsOnStop?: boolean | undefined;
}

/** The poll loops of one worker, owned by it: started once, stopped once. */
export class PollingLifecycle {
  private readonly kind: 'decision' | 'activity';
  private readonly options: PollingOptions;
  private readonly logger: Logger;
  /** One poll and, when a task came, its handling; true if a task was handled. */
  private readonly pollOnce: () => Promise<boolean>;
  /** Aborted by stop(): no new polls. */
  private readonly stopRequested = new AbortController();
  /** Aborts the poll requests in flight. */
  private readonly pollAbort = new AbortController();
  private started: Promise<void> | undefined;

  constructor(
    kind: 'decision' | 'activity',
    options: PollingOptions,
    logger: Logger,
    pollOnce: () => Promise<boolean>,
  ) {
    this.kind = kind;
    this.options = options;
    this.logger = logger;
    this.pollOnce = pollOnce;
  }

  /** Aborted once stop was requested. */
  get signal(): AbortSignal {
    return this.stopRequested.signal;
  }

  /** True once stop was requested: no new polls. */
  get isStopping(): boolean {
    return this.stopRequested.signal.aborted;
  }

  /** What {@link start} returned, if it was called. */
  get running(): Promise<void> | undefined {
    return this.started;
  }

  /** Whether stopping aborts the polls in flight (`abortPollsOnStop`, default true). */
  get abortsPollsOnStop(): boolean {
    return this.options.abortPollsOnStop ?? true;
  }

  /**
   * Starts `count` poll loops once, logging "<kind> worker polling" with `fields`; `settle` turns
   * the loops into what start() resolves with. Later calls return the same promise.
   */
  start(
    count: number,
    fields: Record<string, unknown>,
    settle: (loops: Promise<void>[]) => Promise<void>,
  ): Promise<void> {
    if (this.started) return this.started;
    const { kind, logger } = this;
    const { domain, taskList, observer } = this.options;
    logger.info(fields, `${kind} worker polling`);
    const loops = startPollLoops(count, {
      kind,
      domain,
      taskList,
      logger,
      signal: this.stopRequested.signal,
      pollOnce: this.pollOnce,
      observer,
      onObserverError: (e) => this.observerFailed(e),
    });
    this.started = settle(loops);
    return this.started;
  }

  /** Runs one poll request with a signal that aborts when the polls in flight are aborted. */
  poll<T>(request: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return withChildSignal(this.pollAbort.signal, request);
  }

  /** No new polls; aborts the polls in flight unless `abortPollsOnStop` is false. */
  stopPolling(): void {
    this.stopRequested.abort();
    if (this.abortsPollsOnStop) this.pollAbort.abort();
  }

  /** Tells the observer; an observer that throws is logged, never rethrown. */
  notify<K extends keyof WorkerObserver>(hook: K, event: Parameters<NonNullable<WorkerObserver[K]>>[0]): void {
    notifyObserver(this.options.observer, hook, event, (e) => this.observerFailed(e));
  }

  private observerFailed(error: unknown): void {
    this.logger.warn(`worker observer threw: ${describeError(error)}`);
  }
}
