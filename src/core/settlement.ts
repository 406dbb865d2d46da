// Records the order in which workflow promises settle. The decider applies history events one at a
// time and drains the microtask queue in between, so this order is the history order; the
// combinators use it to pick results by history order even when several promises had already
// settled before they were called.

const settledAt = new WeakMap<Promise<unknown>, number>();
let settlementCounter = 0;

/**
 * Starts tracking `promise`. The handler attached here also marks the promise as handled, so an
 * activity failure nobody awaits (the loser of a `first()`) does not crash the process.
 */
export function trackSettlement<T>(promise: Promise<T>): Promise<T> {
  const record = (): void => {
    settledAt.set(promise, ++settlementCounter);
  };
  promise.then(record, record);
  return promise;
}

/** The settlement rank of a tracked promise that has settled, else undefined. */
export function settlementRank(promise: Promise<unknown>): number | undefined {
  return settledAt.get(promise);
}

/** A promise with its settle functions, tracked for history order. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  isSettled = false;

  constructor() {
    this.promise = trackSettlement(
      new Promise<T>((resolve, reject) => {
        this.resolve = (value) => {
          this.isSettled = true;
          resolve(value);
        };
        this.reject = (error) => {
          this.isSettled = true;
          reject(error);
        };
      }),
    );
  }
}
