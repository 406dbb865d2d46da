// Records the order in which workflow promises settle. The decider applies history events one at a
// time and drains the microtask queue in between, so this order is the history order; the
// combinators use it to pick results by history order even when several promises had already
// settled before they were called.
//
// Every promise the workflow API returns is a `WorkflowPromise`. Because `then`, `catch` and
// `finally` construct their result with the promise's own class (ECMAScript's species rule), a
// promise derived from one (`this.sleep(60).then(() => 'timeout')`) is a `WorkflowPromise` too and
// is ranked when it settles. Promises made elsewhere (async functions, `new Promise`,
// `Promise.all`) cannot be ranked once settled; the combinators refuse them (combinators.ts).

let settlementCounter = 0;
/** True while a WorkflowPromise attaches its own tracker: the tracker's promise is a plain Promise. */
let isAttachingTracker = false;

/**
 * A promise whose settlement is ranked in history order, as are the promises derived from it with
 * `then`/`catch`/`finally`. The tracker attached here also marks the promise as handled, so an
 * activity failure nobody awaits (the loser of a `first()`) does not crash the process.
 *
 * The rank lives on the instance (not in a WeakMap, whose entries are costly to collect), and the
 * tracker's own derived promise is a plain Promise: it is never seen by workflow code.
 */
export class WorkflowPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return isAttachingTracker ? Promise : (WorkflowPromise as unknown as PromiseConstructor);
  }

  /** Settlement rank once settled, else 0. */
  #rank = 0;
  #isRejected = false;

  /** The settlement rank of a tracked promise that has settled, else undefined. */
  static rankOf(promise: Promise<unknown>): number | undefined {
    return #rank in promise && promise.#rank !== 0 ? promise.#rank : undefined;
  }

  /** True when a tracked promise has settled by rejecting. */
  static isRejected(promise: Promise<unknown>): boolean {
    return #isRejected in promise && promise.#isRejected;
  }

  constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
    super(executor);
    isAttachingTracker = true;
    try {
      super.then(
        () => {
          this.#rank = ++settlementCounter;
        },
        () => {
          this.#rank = ++settlementCounter;
          this.#isRejected = true;
        },
      );
    } finally {
      isAttachingTracker = false;
    }
  }
}

/** `promise` as a WorkflowPromise (itself when it is one), settling with it. */
export function trackSettlement<T>(promise: Promise<T>): Promise<T> {
  if (promise instanceof WorkflowPromise) return promise;
  return new WorkflowPromise<T>((resolve, reject) => {
    promise.then(resolve, reject);
  });
}

/** True when `promise` is ranked in history order when it settles. */
export function isTracked(promise: Promise<unknown>): boolean {
  return promise instanceof WorkflowPromise;
}

/** The settlement rank of a tracked promise that has settled, else undefined. */
export function settlementRank(promise: Promise<unknown>): number | undefined {
  return WorkflowPromise.rankOf(promise);
}

/** True when a tracked promise has settled by rejecting. */
export function isRejected(promise: Promise<unknown>): boolean {
  return WorkflowPromise.isRejected(promise);
}

/** A promise with its settle functions, tracked for history order. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  isSettled = false;

  constructor() {
    this.promise = new WorkflowPromise<T>((resolve, reject) => {
      this.resolve = (value) => {
        this.isSettled = true;
        resolve(value);
      };
      this.reject = (error) => {
        this.isSettled = true;
        reject(error);
      };
    });
  }
}
