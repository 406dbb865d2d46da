// The loop every worker slot runs: poll, handle, repeat; on errors back off and say so.
import { describeError, isAbort, isConnectionError, isFault } from '../swf/index.ts';
import { Backoff, sleep } from './backoff.ts';
import type { Logger } from './logger.ts';
import { notifyObserver } from './observer.ts';
import type { WorkerObserver } from './observer.ts';
import { PollHealth } from './poll-health.ts';

/** What a poll loop needs from its worker. */
export interface PollLoopOptions {
  kind: 'decision' | 'activity';
  domain: string;
  taskList: string;
  logger: Logger;
  /** Aborted when the worker stops: ends the loop (and the poll in flight). */
  signal: AbortSignal;
  /** One poll and, when a task came, its handling; true if a task was handled. */
  pollOnce: () => Promise<boolean>;
  /** Told about every failed poll before the loop waits. */
  onError: (error: Error) => void;
  backoff?: Backoff;
  /** Shared by the slots of one worker, so that failures are reported once per worker. */
  health?: PollHealth;
}

/**
 * Runs `pollOnce` until `signal` aborts. A failing poll (endpoint down, throttled, unknown
 * domain) waits with backoff and is reported through `health`; recovery is reported once.
 */
export async function runPollLoop(options: PollLoopOptions): Promise<void> {
  const backoff = options.backoff ?? new Backoff();
  const { logger, signal } = options;
  const health = options.health ?? new PollHealth(logger, options.kind);
  const fields = { domain: options.domain, taskList: options.taskList };
  while (!signal.aborted) {
    try {
      await options.pollOnce();
      backoff.reset();
      health.succeeded(fields);
    } catch (caught) {
      if (signal.aborted && isAbort(caught)) return;
      const error = caught instanceof Error ? caught : new Error(String(caught));
      options.onError(error);
      const delayMs = retryDelayMs(error, backoff);
      health.failed(explainPollError(error, options.domain), delayMs, fields);
      await sleep(delayMs, signal);
    }
  }
}

/**
 * While the endpoint cannot be reached a worker tries again at least this often, so that it
 * resumes within a second or two of a restarted server answering again.
 */
export const RECONNECT_INTERVAL_MS = 1000;

/**
 * How long a slot waits after a failed poll: the backoff, but never more than
 * {@link RECONNECT_INTERVAL_MS} for connection failures (trying a closed port costs nothing);
 * faults the endpoint answered with (throttling, an unknown domain) back off fully.
 */
export function retryDelayMs(error: Error, backoff: Backoff): number {
  const delayMs = backoff.next();
  return isConnectionError(error) ? Math.min(delayMs, RECONNECT_INTERVAL_MS) : delayMs;
}

/** What `startPollLoops` needs: a loop's options less what the slots of one worker share. */
export interface PollLoopsOptions extends Omit<PollLoopOptions, 'onError' | 'health'> {
  /** Told about every failed poll (`pollError`). */
  observer?: WorkerObserver | undefined;
  /** Told when the observer itself throws. */
  onObserverError: (error: unknown) => void;
}

/**
 * Starts `count` poll loops (a worker's slots) that share one `PollHealth`, so a failing endpoint
 * is reported once per worker, and that tell the observer about every failed poll.
 */
export function startPollLoops(count: number, options: PollLoopsOptions): Promise<void>[] {
  const { observer, onObserverError, ...loop } = options;
  const health = new PollHealth(loop.logger, loop.kind);
  const onError = (error: Error) =>
    notifyObserver(observer, 'pollError', { domain: loop.domain, taskList: loop.taskList, kind: loop.kind, error }, onObserverError);
  return Array.from({ length: Math.max(1, count) }, () => runPollLoop({ ...loop, health, onError }));
}

/** The poll error in one line, with the fix when we know it. */
export function explainPollError(error: Error, domain: string): string {
  if (isFault(error, 'UnknownResourceFault')) {
    return `${describeError(error)} (does domain "${domain}" exist? run "flowy register" or start a worker without --no-register)`;
  }
  return describeError(error);
}
