import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, all, Workflow } from '../../../src/core/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { replayHistory } from '../../../src/testing/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';

@activity({ name: 'Double', taskList: 'fan-out-activities' })
class Double {
  async run(n: number) {
    return n * 2;
  }
}

@workflow({ name: 'WideFanOut', taskList: 'fan-out' })
class WideFanOut extends Workflow<number, number> {
  double = ActivityProxy(Double);
  async run(n: number) {
    const results = await all(Array.from({ length: n }, (_, i) => this.double(i)));
    return results.reduce((sum, value) => sum + value, 0);
  }
}

describe('wide fan-out on the local server', () => {
  test('a 1,200-way all() completes: at most 1,000 activities are open, none is refused, and the history replays', async () => {
    const server = await startLocalServer({ longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(WideFanOut);
    registry.addActivity(Double);
    await registerAll(swf, 'fan-out', registry);
    const client = new FlowyClient({ client: swf, domain: 'fan-out', registry });
    const decisions = new DecisionWorker({ client: swf, domain: 'fan-out', taskList: 'fan-out', registry });
    const activities = new ActivityWorker({
      client: swf,
      domain: 'fan-out',
      taskList: 'fan-out-activities',
      registry,
      concurrency: 8,
    });
    const running = [decisions.start(), activities.start()];
    try {
      const execution = await client.startWorkflow(WideFanOut, 1200, { workflowId: 'wide-1' });
      assert.equal(await client.result(execution, { pollIntervalMs: 50, maxPollIntervalMs: 200 }), 1199 * 1200);
      const history = await client.history(execution);
      assert.equal(history.filter((e) => e.eventType === 'ScheduleActivityTaskFailed').length, 0);
      let open = 0;
      let mostOpen = 0;
      for (const event of history) {
        if (event.eventType === 'ActivityTaskScheduled') mostOpen = Math.max(mostOpen, ++open);
        if (event.eventType === 'ActivityTaskCompleted') open--;
      }
      assert.equal(mostOpen, 1000);
      assert.equal((await replayHistory(history, WideFanOut, { execution })).status, 'completed');
    } finally {
      await decisions.stop();
      await activities.stop();
      await Promise.all(running);
      swf.destroy();
      await server.close();
    }
  });
});
