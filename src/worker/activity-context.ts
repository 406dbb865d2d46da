// The context handed to an activity's run(input, context): heartbeats, cancellation and the
// "I will be completed later by my task token" switch.
import { ASYNC_COMPLETION } from '../definitions/index.ts';
import type { ActivityContext } from '../definitions/index.ts';
import { jsonSerializer } from '../core/index.ts';
import { truncate } from '../core/engine.ts';
import { callSwf, describeError, isFault, MAX_HEARTBEAT_DETAILS } from '../swf/index.ts';
import type { SWFClient } from '../swf/index.ts';
import type { Logger } from '../common/index.ts';

/** Heartbeats sent to SWF are at least this far apart. */
const HEARTBEAT_INTERVAL_MS = 1000;

/** The reason an activity's `signal` carries when it is aborted (the DOM's name for aborts). */
export class AbortError extends Error {
  override readonly name = 'AbortError';
}

/** Why an activity's signal was aborted. */
export type AbortCause = 'cancelRequested' | 'taskClosed' | 'workerShutdown';

/** Fields of a task needed to build its context. */
export interface ActivityContextInit {
  client: SWFClient;
  /** the domain of the task (signals to its run go there) */
  domain: string;
  taskToken: string;
  activityId: string;
  attempt: number;
  workflowExecution: { workflowId: string; runId: string };
  logger: Logger;
}

/** The worker's implementation of {@link ActivityContext} for one activity task. */
export class WorkerActivityContext implements ActivityContext {
  readonly taskToken: string;
  readonly activityId: string;
  readonly attempt: number;
  readonly workflowExecution: { workflowId: string; runId: string };
  private readonly controller = new AbortController();
  private readonly client: SWFClient;
  private readonly domain: string;
  private readonly logger: Logger;
  private wasCancelRequested = false;
  private failedHeartbeats = 0;
  private lastSentAt = -Infinity;
  private pending: { text: string | undefined } | undefined;
  private trailing: NodeJS.Timeout | undefined;
  private isClosed = false;
  /** Set when the activity chose asynchronous completion. */
  isAsynchronous = false;
  /** Why the signal aborted, if it did. */
  abortCause: AbortCause | undefined;

  constructor(init: ActivityContextInit) {
    this.client = init.client;
    this.domain = init.domain;
    this.taskToken = init.taskToken;
    this.activityId = init.activityId;
    this.attempt = init.attempt;
    this.workflowExecution = init.workflowExecution;
    this.logger = init.logger;
  }

  /** True once SWF reported (through a heartbeat) that the workflow asked to cancel this task. */
  get cancelRequested(): boolean {
    return this.wasCancelRequested;
  }

  /** Aborts when cancellation is requested, when the task is no longer open, or on worker shutdown. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Records a heartbeat with `details` (JSON, at most 2,048 characters) and refreshes
   * `cancelRequested`. At most one heartbeat per second goes to SWF (which throttles them):
   * one sooner is sent at the end of that second with the latest details. A task that is no
   * longer open (timed out, run closed) aborts the signal. Network failures are logged, not
   * thrown: a missed heartbeat is not the activity's failure.
   */
  async heartbeat(details?: unknown): Promise<void> {
    if (this.isClosed) return;
    const text = jsonSerializer.serialize(details);
    const wait = this.lastSentAt + HEARTBEAT_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.pending = { text };
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        const latest = this.pending;
        this.pending = undefined;
        if (latest && !this.isClosed) void this.send(latest.text);
      }, wait);
      return;
    }
    await this.send(text);
  }

  /** Called by the worker when the task ended: no more heartbeats are sent for it. */
  close(): void {
    this.isClosed = true;
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    this.pending = undefined;
  }

  private async send(text: string | undefined): Promise<void> {
    this.lastSentAt = performance.now();
    try {
      const answer = await callSwf(this.client, 'RecordActivityTaskHeartbeat', {
        taskToken: this.taskToken,
        details: text === undefined ? undefined : truncate(text, MAX_HEARTBEAT_DETAILS),
      });
      if (this.failedHeartbeats > 0) {
        this.logger.info(`heartbeats go through again after ${this.failedHeartbeats} failed`);
        this.failedHeartbeats = 0;
      }
      if (answer.cancelRequested && !this.wasCancelRequested) {
        this.wasCancelRequested = true;
        this.logger.info('cancellation requested by the workflow');
        this.abortWith('cancelRequested');
      }
    } catch (error) {
      if (isFault(error, 'UnknownResourceFault')) {
        if (!this.isClosed)
          this.logger.warn(
            'heartbeat refused: the task is no longer open (timed out or its run closed); aborting the activity',
          );
        this.abortWith('taskClosed');
        return;
      }
      // Say it once, not on every beat, while the endpoint is unreachable.
      this.failedHeartbeats += 1;
      if (this.failedHeartbeats === 1)
        this.logger.warn(`heartbeat failed: ${describeError(error)}; the activity goes on`);
      else this.logger.debug(`heartbeat failed: ${describeError(error)}`);
    }
  }

  /** Signals the run that scheduled this activity (errors are thrown: the activity decides what a lost message means). */
  async signalWorkflow(name: string, input?: unknown): Promise<void> {
    await callSwf(this.client, 'SignalWorkflowExecution', {
      domain: this.domain,
      workflowId: this.workflowExecution.workflowId,
      runId: this.workflowExecution.runId,
      signalName: name,
      input: jsonSerializer.serialize(input),
    });
  }

  /** Return this value from run(): the task is finished later with its token (`flowy complete`). */
  completeAsynchronously(): typeof ASYNC_COMPLETION {
    this.isAsynchronous = true;
    return ASYNC_COMPLETION;
  }

  /** Aborts the signal once, remembering the first cause. */
  abortWith(cause: AbortCause): void {
    if (this.controller.signal.aborted) return;
    this.abortCause = cause;
    const message =
      cause === 'cancelRequested'
        ? 'Activity cancellation was requested'
        : cause === 'taskClosed'
          ? 'Activity task is no longer open'
          : 'Worker is shutting down';
    this.controller.abort(new AbortError(message));
  }
}
