// The loop every worker slot runs: poll, handle, repeat; on errors back off and say so.
import { describeError, isAbort, isConnectionError, isFault } from '../swf/index.ts';
import { Backoff, sleep, notifyObserver } from '../common/index.ts';
import type { Logger, WorkerObserver } from '../common/index.ts';
import { PollHealth } from './poll-health.ts';
import { toError } from '../core/engine.ts';

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
  /** Spaces polls that come back empty at once (an endpoint that does not long-poll). */
  emptyPollBackoff?: Backoff;
  /** An empty poll answered within this many ms did not long-poll; default {@link INSTANT_EMPTY_POLL_MS}. */
  instantEmptyPollMs?: number;
  /** How the loop waits; tests may record the delays. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Shared by the slots of one worker, so that failures are reported once per worker. */
  health?: PollHealth;
}

/**
 * An empty poll answered faster than this did not long-poll: SWF holds an empty poll for 60 s
 * (SWF_SPEC 8.2), and no long-polling server is configured below a few hundred milliseconds.
 */
export const INSTANT_EMPTY_POLL_MS = 100;

/**
 * Runs `pollOnce` until `signal` aborts. A failing poll (endpoint down, throttled, unknown
 * domain) waits with backoff and is reported through `health`; recovery is reported once. Polls
 * that come back empty at once (a server without long polling) are spaced by a short backoff
 * instead of repeated many times a second.
 */
export async function runPollLoop(options: PollLoopOptions): Promise<void> {
  const backoff = options.backoff ?? new Backoff();
  const emptyBackoff = options.emptyPollBackoff ?? new Backoff({ initialMs: 200, maxMs: 2000 });
  const sleepFor = options.sleep ?? sleep;
  const { logger, signal } = options;
  const health = options.health ?? new PollHealth(logger, options.kind);
  const fields = { domain: options.domain, taskList: options.taskList };
  while (!signal.aborted) {
    try {
      const startedMs = Date.now();
      const hadTask = await options.pollOnce();
      backoff.reset();
      health.succeeded(fields);
      if (
        hadTask ||
        Date.now() - startedMs >= (options.instantEmptyPollMs ?? INSTANT_EMPTY_POLL_MS) ||
        signal.aborted
      ) {
        emptyBackoff.reset();
      } else {
        if (emptyBackoff.failures === 0) {
          logger.debug(
            fields,
            `the ${options.kind} poll came back empty at once: the endpoint does not long-poll; spacing polls`,
          );
        }
        await sleepFor(emptyBackoff.next(), signal);
      }
    } catch (caught) {
      if (signal.aborted && isAbort(caught)) return;
      const error = toError(caught);
      options.onError(error);
      const delayMs = retryDelayMs(error, backoff);
      health.failed(explainPollError(error, options.domain), delayMs, fields);
      await sleepFor(delayMs, signal);
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
    notifyObserver(
      observer,
      'pollError',
      { domain: loop.domain, taskList: loop.taskList, kind: loop.kind, error },
      onObserverError,
    );
  return Array.from({ length: Math.max(1, count) }, () => runPollLoop({ ...loop, health, onError }));
}

/** The poll error in one line, with the fix when we know it. */
export function explainPollError(error: Error, domain: string): string {
  if (isFault(error, 'UnknownResourceFault')) {
    return `${describeError(error)} (does domain "${domain}" exist? run "flowy register" or start a worker without --no-register)`;
  }
  return describeError(error);
}
