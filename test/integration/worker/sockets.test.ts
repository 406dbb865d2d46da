import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowyClient } from '../../../src/client/index.ts';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, getHistory, registerAll } from '../../../src/swf/index.ts';
import type { SWFClient } from '../../../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';

const DOMAIN = 'sockets';

/** Returns at once. */
@activity({ name: 'Instant', taskList: 'socket-activities', startToCloseTimeout: 5, scheduleToStartTimeout: 600 })
class Instant {
  async run(n: number): Promise<number> {
    return n;
  }
}

/** One instant activity, not retried: a timed-out activity fails the run. */
@workflow({ name: 'OneInstant', taskList: 'socket-decisions', executionStartToCloseTimeout: 600 })
class OneInstant extends Workflow<number, number> {
  instant = ActivityProxy(Instant, { retry: { maxAttempts: 1 } });
  async run(n: number): Promise<number> {
    return this.instant(n);
  }
}

describe('an activity worker with more slots than the SDK has sockets by default (50)', () => {
  let server: LocalServer;
  let inProcess: SWFClient;
  let overHttp: SWFClient;
  let workers: (ActivityWorker | DecisionWorker)[] = [];
  let running: Promise<unknown>;
  const registry = new Registry();
  registry.addWorkflow(OneInstant);
  registry.addActivity(Instant);

  before(async () => {
    // polls that find nothing are held for the SWF default of 60 s
    server = await startLocalServer();
    inProcess = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, maxAttempts: 1 });
    // the activity worker talks HTTP through a client built with the defaults, as the CLI's is
    overHttp = createSwfClient({ endpoint: server.url });
    await registerAll(inProcess, DOMAIN, registry);
    workers = [
      new DecisionWorker({ client: inProcess, domain: DOMAIN, taskList: 'socket-decisions', registry }),
      new ActivityWorker({
        client: overHttp,
        domain: DOMAIN,
        taskList: 'socket-activities',
        registry,
        concurrency: 120,
      }),
    ];
    running = Promise.all(workers.map((w) => w.start()));
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await running;
    overHttp.destroy();
    inProcess.destroy();
    await server.close();
  });

  test(
    'reports every result while its idle slots hold long polls: no completion waits for a socket',
    { timeout: 120_000 },
    async () => {
      const client = new FlowyClient({ client: inProcess, domain: DOMAIN, registry });
      const executions = await Promise.all(Array.from({ length: 60 }, (_, n) => client.startWorkflow(OneInstant, n)));
      const results = await Promise.all(executions.map((execution) => client.result(execution)));
      assert.deepEqual(
        results,
        Array.from({ length: 60 }, (_, n) => n),
      );
      for (const execution of executions) {
        const types = (await getHistory(inProcess, DOMAIN, execution)).map((e) => e.eventType);
        assert.ok(!types.includes('ActivityTaskTimedOut'), `${execution.workflowId}: ${types.join(', ')}`);
      }
    },
  );
});
