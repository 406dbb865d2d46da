// Time skipping: when no task is scheduled or running, nothing can happen before the next timer or
// timeout fires, so the manual clock jumps there instead of waiting. A workflow that sleeps 30 days
// finishes in milliseconds, and its history carries the skipped-ahead timestamps.

/** What the driver needs from the local server (its `pendingWork()` and manual clock). */
export interface SkippableServer {
  pendingWork(): { scheduledTasks: number; startedTasks: number; nextDeadline?: Date };
  clock: { now(): Date; advanceTo(date: Date): Promise<void> };
}

/** Options of skipTimeUntil. */
export interface SkipOptions {
  /** real milliseconds between two looks at the server; default 2 */
  intervalMs?: number;
  /** stop skipping at this (server) time, even if work is still pending after it */
  until?: Date;
  signal?: AbortSignal;
}

/** Whether nothing is scheduled or running on the server. */
export function isIdle(server: SkippableServer): boolean {
  const work = server.pendingWork();
  return work.scheduledTasks === 0 && work.startedTasks === 0;
}

/**
 * Drives the clock until `done()` is true: whenever the server is idle and a deadline is pending,
 * advances the clock to that deadline (never past `until`). Resolves when `done()` is true or the
 * signal aborts; resolves `'idle'` when idle with nothing left to skip to.
 */
export async function skipTimeUntil(
  server: SkippableServer,
  done: () => boolean,
  options: SkipOptions = {},
): Promise<'done' | 'idle' | 'aborted' | 'until'> {
  const interval = options.intervalMs ?? 2;
  for (;;) {
    if (done()) return 'done';
    if (options.signal?.aborted) return 'aborted';
    const work = server.pendingWork();
    if (work.scheduledTasks === 0 && work.startedTasks === 0) {
      const until = options.until;
      if (until && server.clock.now() >= until) return 'until';
      const next = work.nextDeadline;
      if (next === undefined) {
        if (until) {
          await server.clock.advanceTo(until);
          return 'until';
        }
        return 'idle';
      }
      await server.clock.advanceTo(until && until < next ? until : next);
      continue; // look again at once: firing a deadline schedules work atomically
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
