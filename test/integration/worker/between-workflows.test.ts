import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SWFClient } from '@aws-sdk/client-swf';
import { Workflow, WorkflowCanceled, WorkflowProxy } from '../../../src/core/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { replayHistory } from '../../../src/testing/index.ts';
import { skipTimeUntil } from '../../../src/embedded/index.ts';
import { DecisionWorker } from '../../../src/worker/index.ts';

@workflow({ name: 'Receiver', taskList: 'between' })
class Receiver extends Workflow<void, unknown> {
  async run() {
    return this.signal('ping');
  }
}

@workflow({ name: 'Victim', taskList: 'between' })
class Victim extends Workflow<void, unknown> {
  async run() {
    await this.cancellation();
    throw new WorkflowCanceled('asked by the sender');
  }
}

@workflow({ name: 'BadOutput', taskList: 'between', output: { type: 'object', required: ['total'] } })
class BadOutput extends Workflow<void, unknown> {
  async run() {
    return { sum: 1 };
  }
}

@workflow({ name: 'Sender', taskList: 'between' })
class Sender extends Workflow<{ receiver: string; victim: string }, unknown> {
  async run(input: { receiver: string; victim: string }) {
    await this.signalWorkflow(input.receiver, 'ping', { from: this.workflowId });
    await this.requestCancelWorkflow(input.victim);
    const outcomes: string[] = [];
    for (const send of [() => this.signalWorkflow('nobody', 'ping'), () => this.requestCancelWorkflow('nobody')]) {
      try {
        await send();
        outcomes.push('delivered');
      } catch (error) {
        outcomes.push(`${(error as Error).name} ${(error as { reason?: string }).reason}`);
      }
    }
    return outcomes;
  }
}

describe('workflows that signal and cancel each other', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let client: FlowyClient;
  let worker: DecisionWorker;
  let running: Promise<void>;
  const registry = new Registry();
  for (const cls of [Receiver, Victim, Sender, BadOutput]) registry.addWorkflow(cls);
  const domain = 'between';

  before(async () => {
    server = await startLocalServer({ longPollMs: 200 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    await registerAll(swf, domain, registry);
    client = new FlowyClient({ client: swf, domain, registry });
    worker = new DecisionWorker({ client: swf, domain, taskList: 'between', registry });
    running = worker.start();
  });
  after(async () => {
    await worker.stop();
    await running;
    swf.destroy();
    await server.close();
  });

  test('signalWorkflow() and requestCancelWorkflow() reach the other execution; failures reject with typed errors; the history replays', async () => {
    const receiver = await client.startWorkflow(Receiver, undefined, { workflowId: 'receiver-1' });
    const victim = await client.startWorkflow(Victim, undefined, { workflowId: 'victim-1' });
    const sender = await client.startWorkflow(
      Sender,
      { receiver: 'receiver-1', victim: 'victim-1' },
      { workflowId: 'sender-1' },
    );
    const follow = { pollIntervalMs: 10, maxPollIntervalMs: 50 };
    assert.deepEqual(await client.result(sender, follow), [
      'SignalExternalWorkflowFailed UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      'RequestCancelExternalWorkflowFailed UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
    ]);
    assert.deepEqual(await client.result(receiver, follow), { from: 'sender-1' });
    assert.equal((await client.follow(victim, follow)).event.eventType, 'WorkflowExecutionCanceled');
    const history = await client.history(sender);
    assert.equal(history.filter((e) => e.eventType === 'ExternalWorkflowExecutionSignaled').length, 1);
    assert.equal(history.filter((e) => e.eventType === 'ExternalWorkflowExecutionCancelRequested').length, 1);
    assert.equal((await replayHistory(history, Sender, { execution: sender })).status, 'completed');
  });
});

let flakyRuns = 0;

@workflow({ name: 'FlakyChild', taskList: 'retrying' })
class FlakyChild extends Workflow<string, string> {
  async run(input: string) {
    if (++flakyRuns === 1) throw new Error('first run fails'); // each run is decided once: it closes in its first task
    return `done ${input}`;
  }
}

@workflow({ name: 'RetryingParent', taskList: 'retrying' })
class RetryingParent extends Workflow<void, unknown> {
  child = WorkflowProxy(FlakyChild, { retry: { maxAttempts: 2, initialInterval: 30 } });
  async run() {
    return this.child('x');
  }
}

describe('output schemas on the local server', () => {
  test('a workflow whose result does not match its output schema fails with SchemaMismatch', async () => {
    const server = await startLocalServer({ longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(BadOutput);
    await registerAll(swf, 'schemas', registry);
    const client = new FlowyClient({ client: swf, domain: 'schemas', registry });
    const worker = new DecisionWorker({ client: swf, domain: 'schemas', taskList: 'between', registry });
    const running = worker.start();
    try {
      const execution = await client.startWorkflow(BadOutput, undefined);
      await assert.rejects(client.result(execution, { pollIntervalMs: 10, maxPollIntervalMs: 50 }), (error: Error) =>
        /failed: SchemaMismatch: Result of workflow "BadOutput" does not match its output schema: total is required/.test(
          error.message,
        ),
      );
    } finally {
      await worker.stop();
      await running;
      swf.destroy();
      await server.close();
    }
  });
});

describe('a child workflow with a retry policy on the local server', () => {
  test('the failed child run is started again after its backoff timer and the parent gets the result', async () => {
    const server = await startLocalServer({ clock: 'manual', longPollMs: 200 });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const registry = new Registry();
    registry.addWorkflow(FlakyChild);
    registry.addWorkflow(RetryingParent);
    await registerAll(swf, 'retrying', registry);
    const client = new FlowyClient({ client: swf, domain: 'retrying', registry });
    const worker = new DecisionWorker({
      client: swf,
      domain: 'retrying',
      taskList: 'retrying',
      registry,
      maxCachedExecutions: 0,
    });
    const running = worker.start();
    try {
      flakyRuns = 0;
      const parent = await client.startWorkflow(RetryingParent, undefined, { workflowId: 'parent-1' });
      let closed = false;
      const result = client.result(parent, { pollIntervalMs: 10, maxPollIntervalMs: 20 }).finally(() => {
        closed = true;
      });
      while (!closed) {
        if ((await skipTimeUntil(server, () => closed, { intervalMs: 5 })) === 'idle')
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await result, 'done x');
      assert.equal(flakyRuns, 2);
      const history = await client.history(parent);
      assert.deepEqual(
        history
          .filter(
            (e) => e.eventType?.startsWith('ChildWorkflowExecution') && e.eventType !== 'ChildWorkflowExecutionStarted',
          )
          .map((e) => e.eventType),
        ['ChildWorkflowExecutionFailed', 'ChildWorkflowExecutionCompleted'],
      );
      assert.equal(
        history.find((e) => e.eventType === 'TimerStarted')?.timerStartedEventAttributes?.timerId,
        'retry--child--FlakyChild-1@2',
      );
      assert.equal((await replayHistory(history, RetryingParent, { execution: parent })).status, 'completed');
    } finally {
      await worker.stop();
      await running;
      swf.destroy();
      await server.close();
    }
  });
});
