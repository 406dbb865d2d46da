import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalWorkflowExecutionCommand, StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import type { SWFClient } from '@aws-sdk/client-swf';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, getHistory, pollForDecisionTask, registerDomain } from '../../../src/swf/index.ts';
import { RegisterWorkflowTypeCommand } from '@aws-sdk/client-swf';

describe('paged histories', () => {
  let server: LocalServer;
  let swf: SWFClient;
  const domain = 'pages';
  before(async () => {
    server = await startLocalServer({ longPollMs: 200 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    await registerDomain(swf, domain);
    await swf.send(
      new RegisterWorkflowTypeCommand({
        domain,
        name: 'Paged',
        version: '1',
        defaultTaskList: { name: 'paged' },
        defaultExecutionStartToCloseTimeout: '600',
        defaultTaskStartToCloseTimeout: '30',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
  });
  after(async () => {
    swf.destroy();
    await server.close();
  });

  test('a decision task and a run history are read through every page', async () => {
    const started = await swf.send(
      new StartWorkflowExecutionCommand({
        domain,
        workflowId: 'paged-1',
        workflowType: { name: 'Paged', version: '1' },
      }),
    );
    for (let i = 0; i < 9; i += 1) {
      await swf.send(
        new SignalWorkflowExecutionCommand({ domain, workflowId: 'paged-1', signalName: `s${i}`, input: String(i) }),
      );
    }
    const task = await pollForDecisionTask(swf, { domain, taskList: 'paged' }, { maximumPageSize: 2 });
    assert.ok(task);
    const execution = { workflowId: 'paged-1', runId: started.runId ?? '' };
    const whole = await getHistory(swf, domain, execution);
    assert.equal(whole.length, 12); // started, scheduled, 9 signals, decision task started
    assert.deepEqual(
      task.events.map((e) => e.eventId),
      whole.map((e) => e.eventId),
    );
    assert.equal(task.startedEventId, 12);
    const paged = await getHistory(swf, domain, execution, { maximumPageSize: 5 });
    assert.deepEqual(
      paged.map((e) => e.eventId),
      whole.map((e) => e.eventId),
    );
  });
});
