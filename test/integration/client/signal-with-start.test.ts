import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SWFClient } from '@aws-sdk/client-swf';
import { Workflow } from '../../../src/core/index.ts';
import { FlowyClient, InvalidInput } from '../../../src/client/index.ts';
import { Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';

@workflow({ name: 'Cart', taskList: 'carts', input: { type: 'object', required: ['user'] } })
class Cart extends Workflow<{ user: string }, unknown> {
  async run() {
    return this.signal('checkout');
  }
}

describe('signal-with-start from the client', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let client: FlowyClient;
  const registry = new Registry();
  registry.addWorkflow(Cart);
  const domain = 'signal-with-start';

  before(async () => {
    server = await startLocalServer({});
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    await registerAll(swf, domain, registry);
    client = new FlowyClient({ client: swf, domain, registry });
  });
  after(async () => {
    swf.destroy();
    await server.close();
  });

  const signals = async (workflowId: string) =>
    (await client.history({ workflowId }))
      .filter((e) => e.eventType === 'WorkflowExecutionSignaled')
      .map((e) => JSON.parse(e.workflowExecutionSignaledEventAttributes!.input!) as unknown);

  test('starts the execution when none is open, then signals it; signals the open run otherwise', async () => {
    const first = await client.signalWithStart(
      Cart,
      { user: 'ana' },
      { name: 'add', payload: 'pen' },
      { workflowId: 'cart-1' },
    );
    assert.equal(first.started, true);
    const second = await client.signalWithStart(
      Cart,
      { user: 'ana' },
      { name: 'add', payload: 'ink' },
      { workflowId: 'cart-1' },
    );
    assert.deepEqual(second, { workflowId: 'cart-1', runId: first.runId, started: false });
    assert.deepEqual(await signals('cart-1'), ['pen', 'ink']);
  });

  test('a start that loses the race with another starter signals the run that won', async () => {
    const racing = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const rival = new FlowyClient({ client: swf, domain, registry });
    let rivalRunId = '';
    // Just before this client's start reaches the server, another starter starts the same id.
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'StartWorkflowExecutionCommand' && !rivalRunId) {
          rivalRunId = (await rival.startWorkflow(Cart, { user: 'rival' }, { workflowId: 'cart-2' })).runId;
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const loser = new FlowyClient({ client: racing, domain, registry });
    const outcome = await loser.signalWithStart(
      Cart,
      { user: 'bo' },
      { name: 'add', payload: 'lamp' },
      { workflowId: 'cart-2' },
    );
    racing.destroy();
    assert.deepEqual(outcome, { workflowId: 'cart-2', runId: rivalRunId, started: false });
    assert.deepEqual(await signals('cart-2'), ['lamp']);
  });

  test('concurrent callers start one run and every signal arrives', async () => {
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        client.signalWithStart(Cart, { user: 'cy' }, { name: 'add', payload: n }, { workflowId: 'cart-3' }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.started).length, 1);
    assert.equal(new Set(outcomes.map((o) => o.runId)).size, 1);
    assert.deepEqual(((await signals('cart-3')) as number[]).sort(), [1, 2, 3, 4, 5]);
  });

  test('bad input is refused before anything is sent, even when the run is open', async () => {
    await assert.rejects(
      client.signalWithStart(Cart, {}, { name: 'add', payload: 'x' }, { workflowId: 'cart-1' }),
      InvalidInput,
    );
    assert.deepEqual(await signals('cart-1'), ['pen', 'ink']);
  });
});
