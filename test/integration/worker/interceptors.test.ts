import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import type { WorkflowInterceptorFactory } from '../../../src/core/engine.ts';
import { FlowyClient, type ClientInterceptor } from '../../../src/client/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import {
  ActivityWorker,
  DecisionWorker,
  type ActivityInterceptor,
  type DecisionTaskInterceptor,
} from '../../../src/worker/index.ts';

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
        attempts.push(
          `${input.info.activityType.name} ${input.info.workflowId} ${(input.input as { tenant: string }).tenant}`,
        );
        return `[${String(await next(input))}]`;
      },
    };
    const decisions = new DecisionWorker({
      client: swf,
      domain: 'intercepted',
      taskList: 'intercepted',
      registry,
      workflowInterceptors: [tenant],
      maxCachedExecutions: 0,
    });
    const activities = new ActivityWorker({
      client: swf,
      domain: 'intercepted',
      taskList: 'intercepted-activities',
      registry,
      interceptors: [wrapping],
    });
    const running = [decisions.start(), activities.start()];
    try {
      const client = new FlowyClient({ client: swf, domain: 'intercepted', registry });
      const execution = await client.startWorkflow(Tenanted, 'ana', { workflowId: 't-1' });
      assert.equal(
        await client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }),
        '[ana@tenant-of-t-1]',
      );
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

  test('headers travel from the client to the run, from the workflow to the activity, and decision-task interceptors see each task', async () => {
    const server = await startLocalServer({ longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(Tenanted);
    registry.addActivity(Whoami);
    await registerAll(swf, 'headers', registry);
    const runHeaders: unknown[] = [];
    const forwarding: WorkflowInterceptorFactory = () => ({
      run(input, next) {
        runHeaders.push(input.headers);
        return next(input);
      },
      scheduleActivity: (input, next) => next({ ...input, headers: { tenant: 'acme' } }),
    });
    const activityHeaders: unknown[] = [];
    const reading: ActivityInterceptor = {
      execute(input, next) {
        activityHeaders.push(input.headers);
        return next(input);
      },
    };
    const tasks: string[] = [];
    const perTask: DecisionTaskInterceptor = {
      async decide(input, next) {
        const outcome = await next(input);
        tasks.push(
          `${input.isFirstTask ? 'first' : 'later'} ${JSON.stringify(input.headers)} ${outcome.decisions.join(',')} ${outcome.status}`,
        );
        return outcome;
      },
    };
    const decisions = new DecisionWorker({
      client: swf,
      domain: 'headers',
      taskList: 'intercepted',
      registry,
      workflowInterceptors: [forwarding],
      decisionTaskInterceptors: [perTask],
    });
    const activities = new ActivityWorker({
      client: swf,
      domain: 'headers',
      taskList: 'intercepted-activities',
      registry,
      interceptors: [reading],
    });
    const running = [decisions.start(), activities.start()];
    try {
      const auditing: ClientInterceptor = {
        startWorkflow: (input, next) => next({ ...input, headers: { ...input.headers, user: 'ana' } }),
      };
      const client = new FlowyClient({ client: swf, domain: 'headers', registry, interceptors: [auditing] });
      const execution = await client.startWorkflow(Tenanted, 'bo', { workflowId: 'h-1', headers: { request: 'r-7' } });
      assert.equal(
        await client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }),
        'bo@nobody',
        'the input reached the activity as it was',
      );
      assert.deepEqual(runHeaders, [{ request: 'r-7', user: 'ana' }]);
      assert.deepEqual(activityHeaders, [{ tenant: 'acme' }]);
      assert.deepEqual(tasks, [
        'first {"request":"r-7","user":"ana"} ScheduleActivityTask open',
        'later {"request":"r-7","user":"ana"} CompleteWorkflowExecution completed',
      ]);
    } finally {
      await decisions.stop();
      await activities.stop();
      await Promise.all(running);
      swf.destroy();
      await server.close();
    }
  });

  test('a decision-task interceptor that throws before next leaves the task unanswered; after next, the answer stands', async () => {
    const server = await startLocalServer({ longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(Tenanted);
    registry.addActivity(Whoami);
    await registerAll(swf, 'throwing', registry);
    const failed: string[] = [];
    const worker = (decisionTaskInterceptors: DecisionTaskInterceptor[]) =>
      new DecisionWorker({
        client: swf,
        domain: 'throwing',
        taskList: 'intercepted',
        registry,
        decisionTaskInterceptors,
        observer: { decisionTaskFailed: (e) => failed.push(e.error.message) },
      });
    try {
      const client = new FlowyClient({ client: swf, domain: 'throwing', registry });
      const before = await client.startWorkflow(Tenanted, 'a', { workflowId: 'throw-before' });
      assert.equal(await worker([{ decide: () => Promise.reject(new Error('no tracer')) }]).runOnce(), true);
      assert.ok(!(await client.history(before)).some((e) => e.eventType === 'DecisionTaskCompleted'), 'not answered');
      assert.deepEqual(failed, ['no tracer']);

      await client.terminate(before);
      const after = await client.startWorkflow(Tenanted, 'b', { workflowId: 'throw-after' });
      const late: DecisionTaskInterceptor = {
        async decide(input, next) {
          await next(input);
          throw new Error('exporter down');
        },
      };
      assert.equal(await worker([late]).runOnce(), true);
      const events = (await client.history(after)).map((e) => e.eventType);
      assert.ok(events.includes('DecisionTaskCompleted') && events.includes('ActivityTaskScheduled'), events.join(' '));
      assert.deepEqual(failed, ['no tracer'], 'an answered task is not reported as failed');
    } finally {
      swf.destroy();
      await server.close();
    }
  });
});
