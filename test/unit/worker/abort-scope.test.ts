import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withChildSignal } from '../../../src/worker/abort-scope.ts';

test('many requests in flight under one worker signal raise no listener-leak warning, and all abort with it', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    const parent = new AbortController();
    const requests = Array.from({ length: 50 }, () =>
      withChildSignal(
        parent.signal,
        (signal) => new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason))),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    parent.abort('stop');
    assert.deepEqual(await Promise.all(requests), Array(50).fill('stop'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
  }
});
