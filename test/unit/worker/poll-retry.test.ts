import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../../src/common/index.ts';
import { RECONNECT_INTERVAL_MS, retryDelayMs } from '../../../src/worker/poll-loop.ts';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7766'), { code: 'ECONNREFUSED' });
}

function throttled(): Error {
  const error = new Error('Rate exceeded');
  error.name = 'ThrottlingException';
  return Object.assign(error, { $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

test('a worker that cannot reach the endpoint keeps trying at least every second, however long it was down', () => {
  const backoff = new Backoff({ random: () => 1 });
  const delays = Array.from({ length: 12 }, () => retryDelayMs(refused(), backoff));
  assert.ok(
    delays.every((delay) => delay <= RECONNECT_INTERVAL_MS),
    delays.join(', '),
  );
  assert.equal(RECONNECT_INTERVAL_MS, 1000);
});

test('faults the endpoint answered with still back off fully', () => {
  const backoff = new Backoff({ random: () => 0.5 });
  const delays = Array.from({ length: 6 }, () => retryDelayMs(throttled(), backoff));
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000]);
});
