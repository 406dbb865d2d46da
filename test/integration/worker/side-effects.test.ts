import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SWFClient } from '@aws-sdk/client-swf';
import { ActivityProxy, all, Workflow } from '../../../src/core/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { replayHistory } from '../../../src/testing/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';

/** Where the async side effect reads from: a real HTTP server, answering after a short delay. */
let quoteUrl = '';
let sideEffectRuns = 0;

@activity({ name: 'Echo', taskList: 'side-effect-activities' })
class Echo {
  async run(input: string) {
    return `echo ${input}`;
  }
}

@workflow({ name: 'SideEffectBesideActivity', taskList: 'side-effect-decisions' })
class SideEffectBesideActivity extends Workflow<void, unknown> {
  echo = ActivityProxy(Echo);
  async run() {
    const p = this.sideEffect(() => ++sideEffectRuns);
    const q = this.echo('x');
    const [count, echoed] = await all([p, q]);
    return [count, echoed, await this.echo('after')];
  }
}

@workflow({ name: 'AsyncSideEffect', taskList: 'side-effect-decisions' })
class AsyncSideEffect extends Workflow<void, unknown> {
  echo = ActivityProxy(Echo);
  async run() {
    const quote = this.sideEffect(async () => {
      sideEffectRuns++;
      const response = await fetch(quoteUrl);
      return (await response.json()) as { price: number };
    });
    const first = this.echo('first');
    const { price } = await quote;
    return [price, await first, await this.echo(`price ${price}`)];
  }
}

describe('sideEffect on the local server with real workers', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let client: FlowyClient;
  let quotes: Server;
  const registry = new Registry();
  registry.addWorkflow(SideEffectBesideActivity);
  registry.addWorkflow(AsyncSideEffect);
  registry.addActivity(Echo);
  const domain = 'side-effects';

  before(async () => {
    quotes = createServer((_, response) => {
      setTimeout(() => response.end(JSON.stringify({ price: 42 })), 20);
    });
    await new Promise<void>((resolve) => quotes.listen(0, '127.0.0.1', resolve));
    quoteUrl = `http://127.0.0.1:${(quotes.address() as AddressInfo).port}/quote`;
    server = await startLocalServer({ longPollMs: 200 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    await registerAll(swf, domain, registry);
    client = new FlowyClient({ client: swf, domain, registry });
  });
  after(async () => {
    swf.destroy();
    await server.close();
    await new Promise((resolve) => quotes.close(resolve));
  });

  for (const cached of [true, false]) {
    const how = cached ? 'with the decider cache' : 'with a fresh decider per task';
    for (const [cls, expected] of [
      [SideEffectBesideActivity, [1, 'echo x', 'echo after']],
      [AsyncSideEffect, [42, 'echo first', 'echo price 42']],
    ] as const) {
      test(`${cls.name} completes ${how}, runs its side effect once, and its history replays`, async () => {
        sideEffectRuns = 0;
        const decisions = new DecisionWorker({
          client: swf,
          domain,
          taskList: 'side-effect-decisions',
          registry,
          ...(cached ? {} : { maxCachedExecutions: 0 }),
        });
        const activities = new ActivityWorker({ client: swf, domain, taskList: 'side-effect-activities', registry });
        const running = [decisions.start(), activities.start()];
        try {
          const execution = await client.startWorkflow(cls, undefined, { workflowId: `${cls.name}-${cached}` });
          assert.deepEqual(await client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }), expected);
          assert.equal(sideEffectRuns, 1);
          const history = await client.history(execution);
          const types = history.map((e) => e.eventType);
          assert.ok(
            types.indexOf('MarkerRecorded') < types.indexOf('ActivityTaskScheduled'),
            'the marker is recorded before the activity',
          );
          assert.ok(!types.includes('DecisionTaskTimedOut'), 'no decision task was left unanswered');
          const report = await replayHistory(history, cls, { execution });
          assert.equal(report.status, 'completed');
          assert.equal(sideEffectRuns, 1, 'replay used the recorded value');
        } finally {
          await decisions.stop();
          await activities.stop();
          await Promise.all(running);
        }
      });
    }
  }
});
