import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision as SdkDecision, HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-swf';
import { Workflow } from '../../../src/core/index.ts';
import { decide, timestampMillis, type Decision, type HistoryEvent } from '../../../src/core/engine.ts';

// Compile-time: the SDK's events go into decide() unchanged, and our decisions go back out as SDK decisions.
export const sdkEventsAreHistoryEvents = (events: SdkHistoryEvent[]): HistoryEvent[] => events;
export const decisionsAreSdkDecisions = (decisions: Decision[]): SdkDecision[] => decisions;

class WhatTime extends Workflow<void, string> {
  async run() {
    return this.now().toISOString();
  }
}

const history = (timestamp: Date | string | number): HistoryEvent[] => [
  {
    eventId: 1,
    eventType: 'WorkflowExecutionStarted',
    eventTimestamp: timestamp,
    workflowExecutionStartedEventAttributes: {
      childPolicy: 'TERMINATE',
      taskList: { name: 'default' },
      workflowType: { name: 'WhatTime', version: '1' },
    },
  },
  {
    eventId: 2,
    eventType: 'DecisionTaskScheduled',
    eventTimestamp: timestamp,
    decisionTaskScheduledEventAttributes: { taskList: { name: 'default' } },
  },
  {
    eventId: 3,
    eventType: 'DecisionTaskStarted',
    eventTimestamp: timestamp,
    decisionTaskStartedEventAttributes: { scheduledEventId: 2 },
  },
];

describe('SWF shapes', () => {
  test('event timestamps may be Dates, ISO strings or epoch seconds', async () => {
    const expected = '"2026-03-01T10:00:00.500Z"';
    for (const timestamp of [new Date('2026-03-01T10:00:00.500Z'), '2026-03-01T10:00:00.500Z', 1772359200.5]) {
      const { decisions } = await decide(history(timestamp), WhatTime);
      assert.equal(decisions[0]!.completeWorkflowExecutionDecisionAttributes!.result, expected, String(timestamp));
    }
    assert.equal(timestampMillis('1772359200.5'), 1772359200500);
  });

  test('a history given newest first is replayed in event order', async () => {
    const { decisions } = await decide(history(new Date(0)).reverse(), WhatTime);
    assert.equal(decisions[0]!.decisionType, 'CompleteWorkflowExecution');
  });
});
