// A schedule survives its workers and its server restarting: no fire time missed or run twice.
// The server keeps its state in a SQLite file; the clock is manual and skips idle time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowyClient } from '../../../src/client/index.ts';
import { Workflow } from '../../../src/core/index.ts';
import { Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { ScheduleWorkflow } from '../../../src/schedules/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { isIdle, skipTimeUntil } from '../../../src/embedded/index.ts';
import { DecisionWorker } from '../../../src/worker/index.ts';

const START = new Date('2027-06-01T00:00:00Z');
const domain = 'schedules';

@workflow({ name: 'Beat', taskList: 'beats', executionStartToCloseTimeout: 3600 })
class Beat extends Workflow<void, string> {
  async run(): Promise<string> {
    return this.now().toISOString();
  }
}

const registry = new Registry();
registry.addWorkflow(ScheduleWorkflow);
registry.addWorkflow(Beat);

/** A server on `db` with decision workers for the schedule and Beat; `stopWorkers` and `close` stop them. */
async function startNode(db: string, at?: Date) {
  const server = await startLocalServer({ db, clock: 'manual', longPollMs: 500 });
  await server.clock.advanceTo(at ?? START);
  const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
  await registerAll(swf, domain, registry);
  const client = new FlowyClient({ client: swf, domain, registry });
  let workers: DecisionWorker[] = [];
  let running: Promise<unknown> = Promise.resolve();
  const startWorkers = () => {
    workers = ['flowy-schedules', 'beats'].map(
      (taskList) => new DecisionWorker({ client: swf, domain, taskList, registry }),
    );
    running = Promise.all(workers.map((w) => w.start()));
  };
  const stopWorkers = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await running;
  };
  startWorkers();
  return { server, client, startWorkers, stopWorkers, close: async () => (await stopWorkers(), await server.close()) };
}

/** Lets `seconds` of schedule time pass, then waits until the work it caused is done. */
async function pass(server: LocalServer, seconds: number): Promise<void> {
  await skipTimeUntil(server, () => false, { until: new Date(server.clock.now().getTime() + seconds * 1000) });
  while (!isIdle(server)) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function beats(client: FlowyClient): Promise<string[]> {
  const runs = await client.list({
    closed: true,
    workflowType: { name: 'Beat' },
    startedAfter: START,
    maxResults: 1000,
  });
  return runs.map((r) => r.execution!.workflowId!).sort();
}

const expected = (minutes: number) =>
  Array.from(
    { length: minutes },
    (_, i) => `schedule-beat-${new Date(START.getTime() + (i + 1) * 60_000).toISOString().replace(/[-:]|\.\d+/g, '')}`,
  );

describe('schedules across restarts', () => {
  test('stopping the workers and starting new ones (no cached replays) misses and doubles nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-schedule-'));
    const node = await startNode(join(dir, 'swf.db'));
    try {
      await node.client.createSchedule('beat', { cron: '* * * * *', workflow: { name: 'Beat', version: '1' } });
      await pass(node.server, 30 * 60);
      await node.stopWorkers();
      // the next fire time comes while no worker runs: its decision task waits for one
      await node.server.clock.advance(60);
      assert.equal(node.server.pendingWork().scheduledTasks, 1);
      node.startWorkers();
      await pass(node.server, 29 * 60);
      assert.deepEqual(await beats(node.client), expected(60));
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('restarting the server on the same database misses and doubles nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-schedule-'));
    const db = join(dir, 'swf.db');
    let node = await startNode(db);
    try {
      await node.client.createSchedule('beat', { cron: '* * * * *', workflow: { name: 'Beat', version: '1' } });
      await pass(node.server, 30 * 60);
      const stoppedAt = node.server.clock.now();
      await node.close();
      node = await startNode(db, stoppedAt);
      await pass(node.server, 30 * 60);
      assert.deepEqual(await beats(node.client), expected(60));
      const described = await node.client.describeSchedule('beat');
      assert.deepEqual(described.counts, { started: 60, skipped: 0, missed: 0 });
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fire times missed by more than the catch-up window are skipped; within it they run late', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-schedule-'));
    const node = await startNode(join(dir, 'swf.db'));
    try {
      await node.client.createSchedule('beat', {
        cron: '* * * * *',
        workflow: { name: 'Beat', version: '1' },
        catchupWindow: 300,
        overlap: 'allow',
      });
      await pass(node.server, 10 * 60);
      await node.stopWorkers();
      await node.server.clock.advance(10 * 60 + 30); // workers down from 00:10 to 00:20:30: ten fire times pass
      node.startWorkers();
      await pass(node.server, 60);
      const described = await node.client.describeSchedule('beat');
      // 00:11-00:15 are more than 300 s late at 00:20:30: missed; 00:16-00:20 run late (all of them: overlap allow); then 00:21 on time
      assert.deepEqual(described.counts, { started: 10 + 5 + 1, skipped: 0, missed: 5 });
      const ids = await beats(node.client);
      assert.ok(!ids.includes('schedule-beat-20270601T001500Z') && ids.includes('schedule-beat-20270601T001600Z'));
      assert.ok(ids.includes('schedule-beat-20270601T002100Z'));
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
