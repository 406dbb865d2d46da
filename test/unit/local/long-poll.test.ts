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

test('an aborted waiter leaves the queue, and an already aborted signal never waits', async () => {
  const queues = new PollerQueues();
  const key = PollerQueues.key('d', 'activity', 'tl');
  const controller = new AbortController();
  const waiting = queues.wait(key, 1_000, controller.signal);
  controller.abort();
  assert.equal(await waiting, 'aborted');
  assert.equal(queues.waiting(key), 0);
  assert.equal(await queues.wait(key, 1_000, controller.signal), 'aborted', 'an already aborted signal never waits');
});

test('a wake-up with nobody waiting sends back one poller that was looking, not all of them', () => {
  const queues = new PollerQueues();
  const key = PollerQueues.key('d', 'activity', 'tl');
  queues.wakeOne(key); // nobody looking: nothing to remember
  queues.beginLook(key);
  queues.beginLook(key);
  queues.beginLook(key);
  queues.wakeOne(key);
  const missed = [queues.endLook(key), queues.endLook(key), queues.endLook(key)];
  assert.deepEqual(missed, [true, false, false]);
  queues.beginLook(key);
  assert.equal(queues.endLook(key), false, 'a wake-up is looked for once');
});

test('wake-ups kept for lookers never outnumber them', () => {
  const queues = new PollerQueues();
  const key = PollerQueues.key('d', 'decision', 'tl');
  queues.beginLook(key);
  queues.beginLook(key);
  for (let i = 0; i < 5; i++) queues.wakeOne(key);
  assert.deepEqual([queues.endLook(key), queues.endLook(key)], [true, true]);
});
