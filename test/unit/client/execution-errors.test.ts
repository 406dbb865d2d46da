import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { openChildren, WorkflowExecutionFailed } from '../../../src/client/index.ts';

const execution = { workflowId: 'order-1', runId: 'r1' };

describe('WorkflowExecutionFailed', () => {
  test('says what closed how, with the reason and the message of JSON details once', () => {
    const failed = new WorkflowExecutionFailed({
      closeStatus: 'FAILED',
      reason: 'CardDeclined',
      details: '{"message":"insufficient funds"}',
      execution,
    });
    assert.equal(failed.message, 'Workflow order-1 (run r1) failed: CardDeclined: insufficient funds');
    const flowyReason = new WorkflowExecutionFailed({
      closeStatus: 'FAILED',
      reason: 'OrderFailed: not shipped',
      details: '{"name":"OrderFailed","message":"not shipped"}',
      execution,
    });
    assert.equal(flowyReason.message, 'Workflow order-1 (run r1) failed: OrderFailed: not shipped');
  });

  test('names timeouts, cancellations and terminations', () => {
    assert.match(
      new WorkflowExecutionFailed({ closeStatus: 'TIMED_OUT', reason: 'START_TO_CLOSE', execution }).message,
      /timed out: START_TO_CLOSE$/,
    );
    assert.match(new WorkflowExecutionFailed({ closeStatus: 'CANCELED', execution }).message, /\) canceled$/);
    assert.match(
      new WorkflowExecutionFailed({ closeStatus: 'TERMINATED', reason: 'bad deploy', execution }).message,
      /terminated: bad deploy$/,
    );
  });
});

describe('openChildren', () => {
  test('lists started children without a close event', () => {
    const child = (id: string, initiated: number) => ({
      workflowExecution: { workflowId: id, runId: `${id}-run` },
      workflowType: { name: 'C', version: '1' },
      initiatedEventId: initiated,
    });
    const events: HistoryEvent[] = [
      {
        eventId: 6,
        eventType: 'ChildWorkflowExecutionStarted',
        eventTimestamp: new Date(),
        childWorkflowExecutionStartedEventAttributes: child('a', 5),
      },
      {
        eventId: 8,
        eventType: 'ChildWorkflowExecutionStarted',
        eventTimestamp: new Date(),
        childWorkflowExecutionStartedEventAttributes: child('b', 7),
      },
      {
        eventId: 12,
        eventType: 'ChildWorkflowExecutionCompleted',
        eventTimestamp: new Date(),
        childWorkflowExecutionCompletedEventAttributes: { ...child('a', 5), startedEventId: 6 },
      },
    ];
    assert.deepEqual(openChildren(events), [{ workflowId: 'b', runId: 'b-run' }]);
  });
});
