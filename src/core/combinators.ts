// Combinators that respect history order (DESIGN.md, "The replay model"): with results delivered
// one event at a time, the promise that settled first is the one whose event comes first in the
// history, on the first run and on every replay. They accept the promises of the workflow API and
// promises derived from them with then/catch/finally (settlement.ts), plus plain values; any other
// promise is refused when the combinator is called, since its place in the history is unknown.
import { ConfigurationError } from './errors.ts';
import { isRejected, isTracked, settlementRank, trackSettlement, WorkflowPromise } from './settlement.ts';

/** Indexes of the promises that have settled, in history order (by settlement rank). */
function settledInOrder(promises: readonly Promise<unknown>[]): number[] {
  const ranked: [index: number, rank: number][] = [];
  promises.forEach((promise, index) => {
    const rank = settlementRank(promise);
    if (rank !== undefined) ranked.push([index, rank]);
  });
  return ranked.sort((a, b) => a[1] - b[1]).map(([index]) => index);
}

/** The arguments as ranked promises; throws naming the first argument that cannot be ranked. */
function ordered<T>(values: readonly (T | Promise<T>)[], combinator: string): Promise<T>[] {
  return values.map((value, index) => {
    if (isTracked(value as Promise<T>)) return value as Promise<T>;
    if (!isThenable(value)) return WorkflowPromise.resolve(value) as Promise<T>;
    throw new ConfigurationError(
      `${combinator}() cannot order argument ${index + 1} (counting from 1) by history: it is a promise made by an async function, ` +
        'new Promise or Promise.all/race, not by the workflow API. Pass the promise of an activity or child workflow call, sleep(), ' +
        "signal() or cancellation(), one derived from it with .then()/.catch()/.finally() (e.g. this.sleep(60).then(() => 'timeout')), " +
        "or flowy's all()/first() instead",
    );
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Yields the results of `promises` in the order they finished in the history; a rejection is
 * thrown at its place in that order. Throws at once for a promise it cannot order (see above).
 *
 * ```ts
 * for await (const quote of finishOrder(suppliers.map((s) => this.quote(s)))) {
 *   if (quote.price < limit) return quote;
 * }
 * ```
 */
export function finishOrder<T>(promises: Iterable<T | Promise<T>>): AsyncIterable<T> {
  return inFinishOrder(ordered([...promises], 'finishOrder'));
}

// One handler per promise: the ones still pending report in the order they settle, which is the
// history order, after the ones already settled (sorted by rank). Linear in the number of promises.
async function* inFinishOrder<T>(list: Promise<T>[]): AsyncIterable<T> {
  const queue = settledInOrder(list);
  const isQueued = new Set(queue);
  let notify: (() => void) | undefined;
  list.forEach((promise, index) => {
    if (isQueued.has(index)) return;
    const arrived = (): void => {
      queue.push(index);
      const wake = notify;
      notify = undefined;
      wake?.();
    };
    promise.then(arrived, arrived);
  });
  for (let yielded = 0; yielded < list.length; yielded++) {
    while (queue.length === 0) {
      await new Promise<void>((resolve) => {
        notify = resolve;
      });
    }
    yield await list[queue.shift()!]!;
  }
}

/**
 * The result of whichever promise finished first in the history (its rejection if it failed).
 * Throws at once for a promise it cannot order (see above).
 *
 * ```ts
 * const winner = await first([this.charge(order), this.sleep(3600).then(() => 'timeout' as const)]);
 * ```
 */
export function first<P extends readonly unknown[] | []>(promises: P): Promise<Awaited<P[number]>>;
export function first<T>(promises: Iterable<T | Promise<T>>): Promise<T>;
export function first(promises: Iterable<unknown>): Promise<unknown> {
  const list = ordered([...promises], 'first');
  if (list.length === 0) throw new RangeError('first() needs at least one promise');
  const earliest = settledInOrder(list)[0];
  return trackSettlement(earliest === undefined ? Promise.race(list) : list[earliest]!);
}

/**
 * All results, in the order given; rejects with the failure that comes first in the history.
 * Throws at once for a promise it cannot order (see above).
 *
 * ```ts
 * const [stock, price] = await all([this.reserve(order), this.price(order)]);
 * ```
 */
export function all<T extends readonly unknown[] | []>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
export function all<T>(promises: Iterable<T | Promise<T>>): Promise<T[]>;
export function all(promises: Iterable<unknown>): Promise<unknown[]> {
  const list = ordered([...promises], 'all');
  return trackSettlement(allInOrder(list));
}

function allInOrder(list: Promise<unknown>[]): Promise<unknown[]> {
  const failedAlready = settledInOrder(list).find((index) => isRejected(list[index]!));
  if (failedAlready !== undefined) return list[failedAlready]!.then(() => []);
  // Only fulfilled ones have settled: the first rejection to come is the first failure in the history.
  return new Promise((resolve, reject) => {
    const values: unknown[] = new Array(list.length);
    let left = list.length;
    if (left === 0) resolve(values);
    list.forEach((promise, index) => {
      promise.then((value) => {
        values[index] = value;
        if (--left === 0) resolve(values);
      }, reject);
    });
  });
}
