import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowExecutionFailed } from '../../../src/client/index.ts';
import { OrderPipeline } from '../../../workflows/order-pipeline.ts';
import { eventTypes, startStack } from './stack.ts';
import type { Stack } from './stack.ts';

describe('order pipeline example', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack.close();
  });

  test('runs the DAG: payment succeeds on its third attempt after backoff timers, then ships', async () => {
    const execution = await stack.client.startWorkflow(OrderPipeline, {
      orderId: 'o-1',
      items: [
        { sku: 'book', quantity: 2 },
        { sku: 'pen', quantity: 5 },
      ],
    });
    const close = await stack.closeEvent(execution);
    assert.equal(close.eventType, 'WorkflowExecutionCompleted');
    assert.deepEqual(await stack.client.result(execution), {
      orderId: 'o-1',
      total: 32.5,
      chargeId: 'ch-o-1',
      paymentAttempts: 3,
      reservationId: 'res-o-1',
      trackingNumber: 'TRK-o-1',
    });
    const events = await stack.client.history(execution);
    const scheduled = events
      .filter((e) => e.eventType === 'ActivityTaskScheduled')
      .map((e) => e.activityTaskScheduledEventAttributes?.activityId);
    assert.deepEqual(scheduled, [
      'ValidateOrder-1',
      'ReserveInventory-1',
      'ChargePayment-1',
      'ChargePayment-1@2',
      'ChargePayment-1@3',
      'ShipOrder-1',
      'SendConfirmation-1',
    ]);
    // reserve and charge were scheduled by the same decision (parallel branches)
    const branchDecisions = events
      .filter((e) =>
        ['ReserveInventory-1', 'ChargePayment-1'].includes(e.activityTaskScheduledEventAttributes?.activityId ?? ''),
      )
      .map((e) => e.activityTaskScheduledEventAttributes?.decisionTaskCompletedEventId);
    assert.equal(new Set(branchDecisions).size, 1);
    const failures = events
      .filter((e) => e.eventType === 'ActivityTaskFailed')
      .map((e) => e.activityTaskFailedEventAttributes?.reason);
    assert.deepEqual(failures, ['PaymentGatewayUnavailable', 'PaymentGatewayUnavailable']);
    // exponential backoff: 1 s, then 2 s
    const timers = events
      .filter((e) => e.eventType === 'TimerStarted')
      .map((e) => e.timerStartedEventAttributes?.startToFireTimeout);
    assert.deepEqual(timers, ['1', '2']);
  });

  test('compensates (refund and release) when shipping fails, then fails with the reason', async () => {
    const execution = await stack.client.startWorkflow(OrderPipeline, {
      orderId: 'o-2',
      items: [{ sku: 'lamp', quantity: 1 }],
      shippingAddress: 'nowhere',
    });
    const close = await stack.closeEvent(execution);
    assert.equal(close.eventType, 'WorkflowExecutionFailed');
    await assert.rejects(stack.client.result(execution), (error: unknown) => {
      assert.ok(error instanceof WorkflowExecutionFailed);
      assert.equal(error.closeStatus, 'FAILED');
      assert.match(error.reason ?? '', /^OrderFailed/);
      assert.match(error.message, /payment refunded and stock released/);
      return true;
    });
    const events = await stack.client.history(execution);
    const completed = new Set(
      events
        .filter((e) => e.eventType === 'ActivityTaskCompleted')
        .map(
          (e) =>
            events.find((s) => s.eventId === e.activityTaskCompletedEventAttributes?.scheduledEventId)
              ?.activityTaskScheduledEventAttributes?.activityType?.name,
        ),
    );
    assert.ok(completed.has('RefundPayment'));
    assert.ok(completed.has('ReleaseInventory'));
    assert.ok(!completed.has('SendConfirmation'));
    // AddressRejected is not retried
    assert.equal(eventTypes(events).filter((t) => t === 'ActivityTaskFailed').length, 3);
  });

  test('rejects an order that does not match the input schema before starting it', async () => {
    await assert.rejects(stack.client.startWorkflow(OrderPipeline, { orderId: 'o-3', items: [] }), {
      name: 'InvalidInput',
      message: /items/,
    });
  });
});
