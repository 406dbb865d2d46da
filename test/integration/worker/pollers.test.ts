import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderPipeline } from '../../../workflows/order-pipeline.ts';
import { startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';

describe('a decision worker with several pollers', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ pollers: 3, domain: 'pollers' });
  });
  after(async () => {
    await stack.close();
  });

  test('decides many executions side by side, each to its own correct result', async () => {
    const executions = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        stack.client.startWorkflow(OrderPipeline, { orderId: `p-${n}`, items: [{ sku: 'pen', quantity: n }] }),
      ),
    );
    const closes = await Promise.all(executions.map((execution) => stack.closeEvent(execution)));
    assert.deepEqual(
      closes.map((c) => c.eventType),
      Array(6).fill('WorkflowExecutionCompleted'),
    );
    const results = (await Promise.all(executions.map((execution) => stack.client.result(execution)))) as {
      orderId: string;
      total: number;
    }[];
    assert.deepEqual(
      results.map((r) => [r.orderId, r.total]),
      [1, 2, 3, 4, 5, 6].map((n) => [`p-${n}`, 1.5 * n]),
    );
    assert.ok(!stack.logs.some((l) => l.includes('"level":50')));
  });
});
