// Combinators that respect history order (DESIGN.md, "The replay model"): with results delivered
// one event at a time, the promise that settled first is the one whose event comes first in the
// history, on the first run and on every replay.
import { settlementRank, trackSettlement } from './settlement.ts';

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

function tracked<T>(values: readonly (T | Promise<T>)[]): Promise<T>[] {
  return values.map((value) => (value instanceof Promise ? value : trackSettlement(Promise.resolve(value))));
}

/**
 * Yields the results of `promises` in the order they finished in the history; a rejection is
 * thrown at its place in that order.
 *
 * ```ts
 * for await (const quote of finishOrder(suppliers.map((s) => this.quote(s)))) {
 *   if (quote.price < limit) return quote;
 * }
 * ```
 */
export async function* finishOrder<T>(promises: Iterable<T | Promise<T>>): AsyncIterable<T> {
  const list = tracked([...promises]);
  const remaining = list.map((_, index) => index);
  while (remaining.length > 0) {
    const index = await firstSettledIndex(list, remaining);
    remaining.splice(remaining.indexOf(index), 1);
    yield await list[index]!;
  }
}

/**
 * The result of whichever promise finished first in the history (its rejection if it failed).
 *
 * ```ts
 * const winner = await first([this.charge(order), this.sleep(3600).then(() => 'timeout' as const)]);
 * ```
 */
export async function first<P extends readonly unknown[] | []>(promises: P): Promise<Awaited<P[number]>>;
export async function first<T>(promises: Iterable<T | Promise<T>>): Promise<T>;
export async function first(promises: Iterable<unknown>): Promise<unknown> {
  const list = tracked([...promises]);
  if (list.length === 0) throw new RangeError('first() needs at least one promise');
  const index = await firstSettledIndex(list, list.map((_, i) => i));
  return list[index]!;
}

/**
 * All results, in the order given; rejects with the failure that comes first in the history.
 *
 * ```ts
 * const [stock, price] = await all([this.reserve(order), this.price(order)]);
 * ```
 */
export async function all<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
export async function all<T>(promises: Iterable<T | Promise<T>>): Promise<T[]>;
export async function all(promises: Iterable<unknown>): Promise<unknown[]> {
  const list = tracked([...promises]);
  for await (const _ of finishOrder(list)) {
    // each result is awaited in history order, so the first failure in the history is thrown
  }
  return Promise.all(list);
}
