// The server's notion of time: the system clock, or a manual clock that tests advance.

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  readonly kind: 'system' | 'manual';
  nowMs(): number;
}

/** The wall clock. */
export class SystemClock implements Clock {
  readonly kind = 'system' as const;
  nowMs(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to; starts at the wall-clock time of its creation. */
export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  private current: number;
  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }
  nowMs(): number {
    return this.current;
  }
  /** Moves the clock to `ms`; never backwards, so history timestamps stay monotonic. */
  set(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
}
