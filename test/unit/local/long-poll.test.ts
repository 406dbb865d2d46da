// Unit: waiting pollers per task list (SWF_SPEC 8.2, 13.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PollerQueues } from '../../../src/local/long-poll.ts';

test('a wake-up goes to the longest-waiting poller of that list only', async () => {
  const queues = new PollerQueues();
  const key = PollerQueues.key('d', 'activity', 'tl');
  const other = PollerQueues.key('d', 'decision', 'tl');
  const order: string[] = [];
  const first = queues.wait(key, 1_000).then((outcome) => order.push(`first:${outcome}`));
  const second = queues.wait(key, 1_000).then((outcome) => order.push(`second:${outcome}`));
  const elsewhere = queues.wait(other, 50).then((outcome) => order.push(`other:${outcome}`));
  queues.wakeOne(key);
  await first;
  assert.deepEqual(order, ['first:woken']);
  assert.equal(queues.waiting(key), 1);
  await elsewhere;
  queues.wakeOne(key);
  await second;
  assert.deepEqual(order, ['first:woken', 'other:timeout', 'second:woken']);
  assert.equal(queues.size, 0);
});

test('an aborted waiter leaves the queue, and every wake-up is counted even with nobody waiting', async () => {
  const queues = new PollerQueues();
  const key = PollerQueues.key('d', 'activity', 'tl');
  const controller = new AbortController();
  const waiting = queues.wait(key, 1_000, controller.signal);
  controller.abort();
  assert.equal(await waiting, 'aborted');
  assert.equal(queues.waiting(key), 0);
  const before = queues.generation(key);
  queues.wakeOne(key);
  assert.equal(queues.generation(key), before + 1);
  assert.equal(await queues.wait(key, 1_000, controller.signal), 'aborted', 'an already aborted signal never waits');
});
