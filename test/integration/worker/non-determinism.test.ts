import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SWFClient } from '@aws-sdk/client-swf';
import { FlowyClient } from '../../../src/client/index.ts';
import type { Execution } from '../../../src/client/index.ts';
import { scan } from '../../../src/definitions/index.ts';
import type { Registry } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { createLogger } from '../../../src/common/index.ts';
import type { NonDeterminismEvent } from '../../../src/common/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT } from '../examples/stack.ts';

const FIXTURES = 'test/integration/worker/fixtures';
const V1 = [`${FIXTURES}/v1`, `${FIXTURES}/common`, `${FIXTURES}/activities`];
const V2 = [`${FIXTURES}/v2`, `${FIXTURES}/common`, `${FIXTURES}/activities`];

describe('a workflow changed incompatibly while executions are open', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let client: FlowyClient;
  let v1: Registry;
  let v2: Registry;
  let activities: ActivityWorker;
  let activitiesRunning: Promise<void>;
  let dir: string;
  const domain = 'determinism';
  const logs: string[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'debug',
    stream: { write: (line: string) => logs.push(line) } as unknown as NodeJS.WritableStream,
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowy-replay-'));
    server = await startLocalServer({ clock: 'manual', longPollMs: 300 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    v1 = await scan(V1, { cwd: ROOT });
    v2 = await scan(V2, { cwd: ROOT });
    await registerAll(swf, domain, v1);
    await registerAll(swf, domain, v2);
    client = new FlowyClient({ client: swf, domain, registry: v1 });
    activities = new ActivityWorker({ client: swf, domain, taskList: 'fixture-activities', registry: v2, logger });
    activitiesRunning = activities.start();
  });
  after(async () => {
    await activities.stop();
    await activitiesRunning;
    swf.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function waitFor<T>(read: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
    for (let i = 0; i < 1000; i += 1) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  const count = async (execution: Execution, type: string) =>
    (await client.history(execution)).filter((e) => e.eventType === type).length;

  test('flowy replay reports it with the event id; the running worker fails the decision task visibly and the run survives', async () => {
    const oldWorker = new DecisionWorker({ client: swf, domain, taskList: 'fixture-decisions', registry: v1, logger });
    const execution = await client.startWorkflow(
      v1.findWorkflow('Shipment')!.cls,
      { item: 'lamp' },
      { workflowId: 'ship-1' },
    );
    assert.equal(await oldWorker.runOnce(), true);
    // Pack completes; the next decision task waits for a decider.
    await waitFor(
      async () => ((await count(execution, 'ActivityTaskCompleted')) === 1 ? true : undefined),
      'Pack to complete',
    );

    // Record the open execution's history, then replay it against both versions of the code.
    const file = join(dir, 'ship-1.json');
    const recorded = await runCli(
      ['history', 'ship-1', '--out', file, '--endpoint', server.url, '--domain', domain],
      {},
      ROOT,
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    const same = await runCli(['replay', '--history', file, '--folders', ...V1], {}, ROOT);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /reproduces the history/);
    const changed = await runCli(['replay', '--history', file, '--folders', ...V2], {}, ROOT);
    assert.equal(changed.code, 1, changed.stderr);
    assert.match(changed.stdout, /non-determinism in Shipment@1 at event \d+/);
    assert.match(changed.stdout, /Weigh/);

    // Deploy the changed code: its worker must not answer the task of ship-1.
    const seen: NonDeterminismEvent[] = [];
    const newWorker = new DecisionWorker({
      client: swf,
      domain,
      taskList: 'fixture-decisions',
      registry: v2,
      logger,
      observer: { nonDeterminism: (e) => seen.push(e) },
    });
    const newRunning = newWorker.start();
    await waitFor(() => (seen.length > 0 ? true : undefined), 'the non-determinism report');
    assert.equal(seen[0]?.workflowId, 'ship-1');
    assert.equal(seen[0]?.runId, execution.runId);
    assert.ok((seen[0]?.eventId ?? 0) > 0);
    const logged = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.level === 50 && String(l.msg).startsWith('non-determinism'));
    assert.equal(logged?.workflowId, 'ship-1');
    assert.equal(logged?.runId, execution.runId);
    assert.equal(typeof logged?.eventId, 'number');

    // The worker keeps serving other executions meanwhile.
    const greeting = await client.startWorkflow(
      v1.findWorkflow('Greeting')!.cls,
      { item: 'hello' },
      { workflowId: 'greet-1' },
    );
    assert.equal(await client.result(greeting, { pollIntervalMs: 10, maxPollIntervalMs: 50 }), 'packed hello');

    // Nothing was decided for ship-1: SWF times the task out and offers it again.
    assert.equal(await count(execution, 'ActivityTaskScheduled'), 1);
    await server.clock.advance(11);
    await waitFor(
      async () => ((await count(execution, 'DecisionTaskTimedOut')) >= 1 ? true : undefined),
      'DecisionTaskTimedOut',
    );
    await waitFor(() => (seen.length >= 2 ? true : undefined), 'the retried task to fail again');
    await newWorker.stop();
    await newRunning;

    // Roll the code back: the execution completes from where it was.
    await server.clock.advance(11);
    const fixedWorker = new DecisionWorker({
      client: swf,
      domain,
      taskList: 'fixture-decisions',
      registry: v1,
      logger,
    });
    const fixedRunning = fixedWorker.start();
    try {
      assert.deepEqual(await client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }), [
        'packed lamp',
        'labeled lamp',
      ]);
    } finally {
      await fixedWorker.stop();
      await fixedRunning;
    }
    const events = await client.history(execution);
    assert.ok(!events.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'Weigh'));
  });
});
