// Long-poll waiters: per task list, a FIFO of pollers waiting for a task (SWF_SPEC 8.2, 13.1).

interface Waiter {
  wake(): void;
  /** Whether this poller waits a turn of the event loop before it claims (see SwfEngine.poll). */
  claimsAfterATurn: boolean;
}

/** Why a wait ended. */
export type WaitOutcome = 'woken' | 'timeout' | 'aborted';

/** Waiter queues keyed by (domain, kind, task list). */
export class PollerQueues {
  private readonly queues = new Map<string, Waiter[]>();
  /**
   * Per list: pollers looking for a task (not yet waiting), and wake-ups that found none of them
   * waiting. A poller that found nothing takes one missed wake-up and looks again, so each task
   * sends one poller back to look, not all of them.
   */
  private readonly looks = new Map<string, { looking: number; missed: number }>();

  /** The queue key of a task list. */
  static key(domain: string, kind: 'decision' | 'activity', taskList: string): string {
    return `${kind}\u0000${domain}\u0000${taskList}`;
  }

  /** Waits until woken, `timeoutMs` passes, or `signal` aborts (the poller disconnected). */
  wait(key: string, timeoutMs: number, signal?: AbortSignal, claimsAfterATurn = false): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve('aborted');
      let queue = this.queues.get(key);
      if (!queue) this.queues.set(key, (queue = []));
      const finish = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.remove(key, waiter);
        resolve(outcome);
      };
      const waiter: Waiter = { wake: () => finish('woken'), claimsAfterATurn };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  private remove(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(key);
  }

  /**
   * Wakes the longest-waiting poller of a list; each deliverable task wakes exactly one. With
   * none waiting, the wake-up is kept for a poller still looking (see {@link endLook}).
   */
  wakeOne(key: string): { claimsAfterATurn: boolean } {
    const waiter = this.queues.get(key)?.[0];
    if (waiter) {
      waiter.wake();
      return { claimsAfterATurn: waiter.claimsAfterATurn };
    }
    const look = this.looks.get(key);
    if (look && look.missed < look.looking) look.missed += 1;
    return { claimsAfterATurn: false };
  }

  /** A poller starts looking for a task on the list. */
  beginLook(key: string): void {
    const look = this.looks.get(key);
    if (look) look.looking += 1;
    else this.looks.set(key, { looking: 1, missed: 0 });
  }

  /** The poller is done looking; true if a task arrived meanwhile that it must look for again. */
  endLook(key: string): boolean {
    const look = this.looks.get(key);
    if (!look) return false;
    look.looking -= 1;
    const isMissed = look.missed > 0;
    if (isMissed) look.missed -= 1;
    if (look.looking === 0) this.looks.delete(key);
    else look.missed = Math.min(look.missed, look.looking);
    return isMissed;
  }

  /** Wakes every waiter (used on close and reset so that polls answer at once). */
  wakeAll(): void {
    for (const queue of [...this.queues.values()]) for (const waiter of [...queue]) waiter.wake();
  }

  /** Number of pollers waiting on one list. */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /** Number of pollers currently waiting. */
  get size(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }
}
