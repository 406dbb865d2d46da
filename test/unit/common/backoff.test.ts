import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, sleep } from '../../../src/common/index.ts';

describe('Backoff', () => {
  test('grows by the factor up to the maximum and starts over after reset', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 500, factor: 2, random: () => 0.5 });
    assert.deepEqual([backoff.next(), backoff.next(), backoff.next(), backoff.next()], [100, 200, 400, 500]);
    assert.equal(backoff.failures, 4);
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  test('jitter stays within ±20%', () => {
    const low = new Backoff({ initialMs: 1000, random: () => 0 }).next();
    const high = new Backoff({ initialMs: 1000, random: () => 0.999999 }).next();
    assert.equal(low, 800);
    assert.equal(high, 1200);
  });

  test('sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
  });
});
