// Windows on open work: at most `limit` activities (or child workflows) open at once, the calls over
// it waiting in call order and started as earlier ones close. SWF refuses more than 1,000 open
// activities and 1,000 open children per execution (OPEN_ACTIVITIES_LIMIT_EXCEEDED,
// OPEN_CHILDREN_LIMIT_EXCEEDED, SWF_SPEC 9). Slots are freed while a history event is applied, so
// the work they let start is issued at the same point on the first run and on every replay.

import { ConfigurationError } from './errors.ts';

/** SWF's limit of open activities, and of open child workflows, per execution. */
export const SWF_OPEN_LIMIT = 1000;

/** Throws a ConfigurationError naming `where` unless `value` is a whole number from 1 to 1,000. */
export function checkConcurrency(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SWF_OPEN_LIMIT) return value;
  throw new ConfigurationError(
    `${where}: concurrency must be a whole number from 1 to ${SWF_OPEN_LIMIT} (SWF's limit of open activities and children), got ${JSON.stringify(value)}`,
  );
}

/** A limit on open work with a queue of the calls waiting for a slot. */
export class Window {
  private open = 0;
  private readonly waiting: { id: string; start: () => void }[] = [];

  constructor(readonly limit: number) {}

  /** Calls `start` now when a slot is free, else once one is freed (first come, first started). */
  acquire(id: string, start: () => void): void {
    if (this.open < this.limit) {
      this.open++;
      start();
    } else {
      this.waiting.push({ id, start });
    }
  }

  /** Frees a slot and starts the calls waiting for it. */
  release(): void {
    this.open--;
    while (this.open < this.limit && this.waiting.length > 0) {
      this.open++;
      this.waiting.shift()!.start();
    }
  }

  /** Takes a waiting call out of the queue; false when it was not waiting. */
  withdraw(id: string): boolean {
    const index = this.waiting.findIndex((entry) => entry.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }
}

/** One call's passage through a series of windows (its proxy's, then the execution's). */
export class Admission {
  private readonly held: Window[] = [];
  private waitingIn: Window | undefined;

  /** Enters `windows` in order and calls `start` once a slot is held in each. */
  constructor(
    private readonly id: string,
    windows: readonly Window[],
    start: () => void,
  ) {
    const enter = (index: number): void => {
      const window = windows[index];
      if (!window) {
        this.waitingIn = undefined;
        start();
        return;
      }
      this.waitingIn = window;
      window.acquire(id, () => {
        this.held.push(window);
        enter(index + 1);
      });
    };
    enter(0);
  }

  /** True while the call waits for a slot (nothing was sent to SWF for it yet). */
  get isWaiting(): boolean {
    return this.waitingIn !== undefined;
  }

  /** Leaves every window: frees the slots held, or the place in a queue. */
  leave(): void {
    this.waitingIn?.withdraw(this.id);
    this.waitingIn = undefined;
    for (const window of this.held.splice(0).reverse()) window.release();
  }
}
