import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import type { WorkflowInterceptorFactory } from '../../../src/core/engine.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { ActivityWorker, DecisionWorker, type ActivityInterceptor } from '../../../src/worker/index.ts';

@activity({ name: 'Whoami', taskList: 'intercepted-activities' })
class Whoami {
  async run(input: { name: string; tenant?: string }) {
    return `${input.name}@${input.tenant ?? 'nobody'}`;
  }
}

@workflow({ name: 'Tenanted', taskList: 'intercepted' })
class Tenanted extends Workflow<string, string> {
  whoami = ActivityProxy(Whoami);
  async run(name: string) {
    return this.whoami({ name });
  }
}

describe('interceptors registered on workers, on the local server', () => {
  test('a workflow interceptor adds context to activity inputs; an activity interceptor reads it and wraps the result', async () => {
    const server = await startLocalServer({ longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(Tenanted);
    registry.addActivity(Whoami);
    await registerAll(swf, 'intercepted', registry);
    const runs: string[] = [];
    const tenant: WorkflowInterceptorFactory = (info) => ({
      run(input, next) {
        runs.push(info.workflowId);
        return next(input);
      },
      scheduleActivity(input, next) {
        return next({ ...input, input: { ...(input.input as object), tenant: `tenant-of-${info.workflowId}` } });
      },
    });
    const attempts: string[] = [];
    const wrapping: ActivityInterceptor = {
      async execute(input, next) {
        attempts.push(`${input.info.activityType.name} ${input.info.workflowId} ${(input.input as { tenant: string }).tenant}`);
        return `[${String(await next(input))}]`;
      },
    };
    const decisions = new DecisionWorker({ client: swf, domain: 'intercepted', taskList: 'intercepted', registry, workflowInterceptors: [tenant], maxCachedExecutions: 0 });
    const activities = new ActivityWorker({ client: swf, domain: 'intercepted', taskList: 'intercepted-activities', registry, interceptors: [wrapping] });
    const running = [decisions.start(), activities.start()];
    try {
      const client = new FlowyClient({ client: swf, domain: 'intercepted', registry });
      const execution = await client.startWorkflow(Tenanted, 'ana', { workflowId: 't-1' });
      assert.equal(await client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }), '[ana@tenant-of-t-1]');
      assert.deepEqual(attempts, ['Whoami t-1 tenant-of-t-1']);
      assert.deepEqual(runs, ['t-1', 't-1'], 'made for each replay (no cache here): one per decision task');
    } finally {
      await decisions.stop();
      await activities.stop();
      await Promise.all(running);
      swf.destroy();
      await server.close();
    }
  });
});
