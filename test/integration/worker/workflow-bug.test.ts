import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SWFClient } from '@aws-sdk/client-swf';
import { Workflow } from '../../../src/core/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { createLogger } from '../../../src/common/index.ts';
import type { DecisionTaskFailedEvent } from '../../../src/common/index.ts';
import { DecisionWorker } from '../../../src/worker/index.ts';

/** Its constructor throws: a bug outside run(), which must not produce any decision. */
@workflow({ name: 'Broken', taskList: 'broken', taskStartToCloseTimeout: 10 })
class Broken extends Workflow<unknown, number> {
  constructor() {
    super();
    throw new TypeError('cannot read the configuration');
  }
  async run(): Promise<number> {
    return 1;
  }
}

/** Fails in run(): that is the workflow failing, recorded as such. */
@workflow({ name: 'Failing', taskList: 'broken' })
class Failing extends Workflow<unknown, number> {
  async run(): Promise<number> {
    throw new RangeError('quantity out of range');
  }
}

describe('workflow code that throws', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let client: FlowyClient;
  let registry: Registry;
  const logs: string[] = [];
  const failures: DecisionTaskFailedEvent[] = [];
  let worker: DecisionWorker;

  before(async () => {
    server = await startLocalServer({ clock: 'manual', longPollMs: 200 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    registry = new Registry();
    registry.addWorkflow(Broken);
    registry.addWorkflow(Failing);
    await registerAll(swf, 'bugs', registry);
    client = new FlowyClient({ client: swf, domain: 'bugs', registry });
    const logger = createLogger({
      format: 'json',
      level: 'debug',
      stream: { write: (l: string) => logs.push(l) } as unknown as NodeJS.WritableStream,
    });
    worker = new DecisionWorker({
      client: swf,
      domain: 'bugs',
      taskList: 'broken',
      registry,
      logger,
      observer: { decisionTaskFailed: (e) => failures.push(e) },
    });
  });
  after(async () => {
    await worker.stop();
    swf.destroy();
    await server.close();
  });

  test('an unexpected throw leaves the decision task unanswered and logged; a throw in run() fails the workflow', async () => {
    const broken = await client.startWorkflow(Broken, {}, { workflowId: 'broken-1' });
    assert.equal(await worker.runOnce(), true);
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.workflowId, 'broken-1');
    assert.match(failures[0]?.error.message ?? '', /cannot read the configuration/);
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 50);
    assert.equal(line?.workflowId, 'broken-1');
    assert.equal(line?.runId, broken.runId);
    assert.match(
      String(line?.msg),
      /decision task not answered.*cannot read the configuration.*will time out and be retried/,
    );
    const events = await client.history(broken);
    assert.equal(events.at(-1)?.eventType, 'DecisionTaskStarted');
    await server.clock.advance(11);
    assert.equal((await client.history(broken)).at(-2)?.eventType, 'DecisionTaskTimedOut');

    const failing = await client.startWorkflow(Failing, {}, { workflowId: 'failing-1' });
    // the worker takes the tasks in order: broken-1 again (fails again), then failing-1
    while ((await client.describe(failing)).executionInfo?.executionStatus === 'OPEN') await worker.runOnce();
    await assert.rejects(client.result(failing), /RangeError: quantity out of range/);
  });
});
