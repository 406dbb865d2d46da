import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { ProgressPrinter } from '../../../src/cli/index.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe('ProgressPrinter', () => {
  test('prints one line per notable event with the time since the start', () => {
    const lines: string[] = [];
    const printer = new ProgressPrinter((line) => lines.push(line));
    const events: HistoryEvent[] = [
      {
        eventId: 1,
        eventType: 'WorkflowExecutionStarted',
        eventTimestamp: at(0),
        workflowExecutionStartedEventAttributes: {
          workflowType: { name: 'Order', version: '1' },
          taskList: { name: 'o' },
          childPolicy: 'TERMINATE',
        },
      },
      { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: at(0) },
      {
        eventId: 5,
        eventType: 'ActivityTaskScheduled',
        eventTimestamp: at(1),
        activityTaskScheduledEventAttributes: {
          activityId: 'Charge-1',
          activityType: { name: 'Charge', version: '1' },
          taskList: { name: 'o' },
          decisionTaskCompletedEventId: 4,
        },
      },
      {
        eventId: 7,
        eventType: 'ActivityTaskFailed',
        eventTimestamp: at(2),
        activityTaskFailedEventAttributes: {
          scheduledEventId: 5,
          startedEventId: 6,
          reason: 'CardDeclined',
          details: '{"message":"insufficient funds"}',
        },
      },
      {
        eventId: 9,
        eventType: 'TimerStarted',
        eventTimestamp: at(2),
        timerStartedEventAttributes: { timerId: 't1', startToFireTimeout: '5', decisionTaskCompletedEventId: 8 },
      },
      {
        eventId: 10,
        eventType: 'WorkflowExecutionSignaled',
        eventTimestamp: at(3),
        workflowExecutionSignaledEventAttributes: { signalName: 'approve' },
      },
      {
        eventId: 12,
        eventType: 'WorkflowExecutionCompleted',
        eventTimestamp: at(4),
        workflowExecutionCompletedEventAttributes: { decisionTaskCompletedEventId: 11 },
      },
    ];
    for (const event of events) printer.onEvent(event);
    assert.deepEqual(
      lines.map((l) => l.trim()),
      [
        '+0.00s  workflow Order@1 started',
        '+1.00s  activity Charge-1 scheduled on "o"',
        '+2.00s  activity Charge-1 failed: CardDeclined: insufficient funds',
        '+2.00s  timer t1 started (5s)',
        '+3.00s  signal "approve" received',
        '+4.00s  workflow completed',
      ],
    );
  });

  test('lines stay in columns when a skipped-ahead run reaches offsets of days', () => {
    const lines: string[] = [];
    const printer = new ProgressPrinter((line) => lines.push(line));
    printer.onEvent({
      eventId: 1,
      eventType: 'TimerStarted',
      eventTimestamp: at(0),
      timerStartedEventAttributes: { timerId: 't1', startToFireTimeout: '86400', decisionTaskCompletedEventId: 1 },
    });
    printer.onEvent({
      eventId: 2,
      eventType: 'TimerFired',
      eventTimestamp: at(86_400),
      timerFiredEventAttributes: { timerId: 't1', startedEventId: 1 },
    });
    printer.onEvent({
      eventId: 3,
      eventType: 'TimerFired',
      eventTimestamp: at(864_000),
      timerFiredEventAttributes: { timerId: 't2', startedEventId: 1 },
    });
    assert.deepEqual(
      lines.map((line) => line.indexOf('timer')),
      [13, 13, 13],
    );
    assert.match(lines[1] ?? '', /^ +\+86400\.00s {2}timer t1 fired$/);
  });
});
