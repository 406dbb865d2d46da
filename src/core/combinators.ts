// Combinators that respect history order (DESIGN.md, "The replay model"): with results delivered
// one event at a time, the promise that settled first is the one whose event comes first in the
// history, on the first run and on every replay. They accept the promises of the workflow API and
// promises derived from them with then/catch/finally (settlement.ts), plus plain values; any other
// promise is refused when the combinator is called, since its place in the history is unknown.
import { ConfigurationError } from './errors.ts';
import { isTracked, settlementRank, trackSettlement, WorkflowPromise } from './settlement.ts';

/** Index of the promise that settled first in history order, waiting if none has settled yet. */
async function firstSettledIndex(promises: readonly Promise<unknown>[], candidates: readonly number[]): Promise<number> {
  let best: number | undefined;
  let bestRank = Infinity;
  for (const index of candidates) {
    const rank = settlementRank(promises[index]!);
    if (rank !== undefined && rank < bestRank) {
      best = index;
      bestRank = rank;
    }
  }
  if (best !== undefined) return best;
  return Promise.race(candidates.map((index) => promises[index]!.then(() => index, () => index)));
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
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
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

async function* inFinishOrder<T>(list: Promise<T>[]): AsyncIterable<T> {
  const remaining = list.map((_, index) => index);
  while (remaining.length > 0) {
    const index = await firstSettledIndex(list, remaining);
    remaining.splice(remaining.indexOf(index), 1);
    yield await list[index]!;
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
  return trackSettlement(firstSettledIndex(list, list.map((_, i) => i)).then((index) => list[index]!));
}

/**
 * All results, in the order given; rejects with the failure that comes first in the history.
 * Throws at once for a promise it cannot order (see above).
 *
 * ```ts
 * const [stock, price] = await all([this.reserve(order), this.price(order)]);
 * ```
 */
export function all<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
export function all<T>(promises: Iterable<T | Promise<T>>): Promise<T[]>;
export function all(promises: Iterable<unknown>): Promise<unknown[]> {
  const list = ordered([...promises], 'all');
  return trackSettlement(allInOrder(list));
}

async function allInOrder(list: Promise<unknown>[]): Promise<unknown[]> {
  for await (const _ of inFinishOrder(list)) {
    // each result is awaited in history order, so the first failure in the history is thrown
  }
  return Promise.all(list);
}
