import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startEmbeddedStack } from '../../../src/embedded/index.ts';

@activity({ name: 'EmbeddedDouble', taskList: 'embedded-activities' })
class Double {
  async run(n: number): Promise<number> {
    return n * 2;
  }
}

@workflow({
  name: 'EmbeddedSleepThenDouble',
  taskList: 'embedded-decisions',
  executionStartToCloseTimeout: 7 * 24 * 3600,
})
class SleepThenDouble extends Workflow<number, number> {
  double = ActivityProxy(Double);
  async run(n: number): Promise<number> {
    await this.sleep(3 * 24 * 3600);
    return this.double(n);
  }
}

function registry(): Registry {
  const r = new Registry();
  r.addWorkflow(SleepThenDouble);
  r.addActivity(Double);
  return r;
}

describe('startEmbeddedStack', () => {
  test('runs a workflow end to end in one process, skipping a three-day timer on the manual clock', async () => {
    const stack = await startEmbeddedStack({ registry: registry(), domain: 'embedded', clock: 'manual' });
    try {
      const run = await stack.client.startWorkflow(SleepThenDouble, 21);
      const result = stack.client.result(run, { pollIntervalMs: 10, maxPollIntervalMs: 20 });
      await stack.skipTimeWhile(result);
      assert.equal(await result, 42);
    } finally {
      await stack.close();
    }
  });

  test('an override replaces the activity, and workers start only when asked', async () => {
    const stack = await startEmbeddedStack({
      registry: registry(),
      domain: 'embedded',
      clock: 'manual',
      startWorkers: false,
      overrides: { EmbeddedDouble: async (n) => (n as number) + 1 },
    });
    try {
      const run = await stack.client.startWorkflow(SleepThenDouble, 41);
      assert.equal(stack.server.pendingWork().scheduledTasks, 1); // the first decision task waits for a worker
      stack.startWorkers();
      const result = stack.client.result(run, { pollIntervalMs: 10, maxPollIntervalMs: 20 });
      await stack.skipTimeWhile(result);
      assert.equal(await result, 42);
    } finally {
      await stack.close();
    }
  });
});
