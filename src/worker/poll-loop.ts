// The loop every worker slot runs: poll, handle, repeat; on errors back off and say so.
import { describeError, isAbort, isFault } from '../swf/index.ts';
import { Backoff, sleep } from './backoff.ts';
import type { Logger } from './logger.ts';

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
}

/**
 * Runs `pollOnce` until `signal` aborts. A failing poll (endpoint down, throttled, unknown
 * domain) is logged with the delay before the next try; recovery is logged once.
 */
export async function runPollLoop(options: PollLoopOptions): Promise<void> {
  const backoff = options.backoff ?? new Backoff();
  const { logger, signal } = options;
  while (!signal.aborted) {
    try {
      await options.pollOnce();
      if (backoff.failures > 0) {
        logger.info(`${options.kind} poller reconnected`, { domain: options.domain, taskList: options.taskList });
        backoff.reset();
      }
    } catch (caught) {
      if (signal.aborted && isAbort(caught)) return;
      const error = caught instanceof Error ? caught : new Error(String(caught));
      options.onError(error);
      const delayMs = backoff.next();
      logger.warn(`${options.kind} poll failed: ${explainPollError(error, options.domain)}; retrying in ${(delayMs / 1000).toFixed(1)}s`, {
        domain: options.domain,
        taskList: options.taskList,
        failures: backoff.failures,
      });
      await sleep(delayMs, signal);
    }
  }
}

/** The poll error in one line, with the fix when we know it. */
export function explainPollError(error: Error, domain: string): string {
  if (isFault(error, 'UnknownResourceFault')) {
    return `${describeError(error)} (does domain "${domain}" exist? run "flowy register" or start a worker without --no-register)`;
  }
  return describeError(error);
}
