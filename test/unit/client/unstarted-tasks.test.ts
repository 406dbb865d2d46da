import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { unstartedTasks } from '../../../src/client/index.ts';

const run = { workflowId: 'w', runId: 'r' };
const started: HistoryEvent = {
  eventId: 1,
  eventType: 'WorkflowExecutionStarted',
  eventTimestamp: new Date(0),
  workflowExecutionStartedEventAttributes: {
    workflowType: { name: 'Order', version: '2' },
    taskList: { name: 'orders' },
    childPolicy: 'TERMINATE',
  },
};
const scheduled = (eventId: number, taskList: string): HistoryEvent => ({
  eventId,
  eventType: 'ActivityTaskScheduled',
  eventTimestamp: new Date(0),
  activityTaskScheduledEventAttributes: {
    activityId: `a${eventId}`,
    activityType: { name: 'Charge', version: '1' },
    taskList: { name: taskList },
    decisionTaskCompletedEventId: 4,
  },
});

test('a scheduled task is waiting until it starts or closes without starting', () => {
  const events: HistoryEvent[] = [
    started,
    {
      eventId: 2,
      eventType: 'DecisionTaskScheduled',
      eventTimestamp: new Date(0),
      decisionTaskScheduledEventAttributes: { taskList: { name: 'orders' } },
    },
  ];
  assert.deepEqual(unstartedTasks(events, run), [
    { kind: 'decision', taskList: 'orders', execution: run, type: 'Order@2', scheduledEventId: 2 },
  ]);
  events.push(
    {
      eventId: 3,
      eventType: 'DecisionTaskStarted',
      eventTimestamp: new Date(0),
      decisionTaskStartedEventAttributes: { scheduledEventId: 2 },
    },
    scheduled(5, 'payments'),
    scheduled(6, 'payments'),
    scheduled(7, 'agent-a'),
    {
      eventId: 8,
      eventType: 'ActivityTaskStarted',
      eventTimestamp: new Date(0),
      activityTaskStartedEventAttributes: { scheduledEventId: 5 },
    },
    {
      eventId: 9,
      eventType: 'ActivityTaskTimedOut',
      eventTimestamp: new Date(0),
      activityTaskTimedOutEventAttributes: { scheduledEventId: 6, startedEventId: 0, timeoutType: 'SCHEDULE_TO_START' },
    },
  );
  assert.deepEqual(unstartedTasks(events, run), [
    { kind: 'activity', taskList: 'agent-a', execution: run, type: 'Charge@1', scheduledEventId: 7 },
  ]);
});
