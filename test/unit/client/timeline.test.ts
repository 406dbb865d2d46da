import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderTimeline, formatDuration } from '../../../src/client/timeline.ts';
import { summarizeHistory, toDate } from '../../../src/client/history-summary.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
type Stamp = 'date' | 'iso' | 'epoch';

/** A hand-written history; `at` is milliseconds after T0; stamps encoded as asked. */
function history(stamp: Stamp, rows: [number, string, Record<string, unknown>?][]) {
  return rows.map(([at, eventType, attrs], i) => {
    const ms = T0 + at;
    const eventTimestamp = stamp === 'date' ? new Date(ms) : stamp === 'iso' ? new Date(ms).toISOString() : ms / 1000;
    const key = `${eventType[0]!.toLowerCase()}${eventType.slice(1)}EventAttributes`;
    return { eventId: i + 1, eventType, eventTimestamp, [key]: attrs ?? {} };
  });
}

const orderRows = (): [number, string, Record<string, unknown>?][] => [
  [
    0,
    'WorkflowExecutionStarted',
    {
      workflowType: { name: 'OrderPipeline', version: '1' },
      taskList: { name: 'main' },
      childPolicy: 'TERMINATE',
      input: '{"orderId":"o-1"}',
    },
  ],
  [0, 'DecisionTaskScheduled', { taskList: { name: 'main' } }],
  [10, 'DecisionTaskStarted', { scheduledEventId: 2 }],
  [20, 'DecisionTaskCompleted', { scheduledEventId: 2, startedEventId: 3 }],
  [
    20,
    'ActivityTaskScheduled',
    {
      activityId: 'reserve-1',
      activityType: { name: 'reserve', version: '1' },
      taskList: { name: 'main' },
      decisionTaskCompletedEventId: 4,
    },
  ],
  [
    20,
    'StartChildWorkflowExecutionInitiated',
    {
      workflowId: 'o-1-ship-2',
      workflowType: { name: 'Shipping', version: '2' },
      taskList: { name: 'main' },
      childPolicy: 'TERMINATE',
      decisionTaskCompletedEventId: 4,
    },
  ],
  [20, 'TimerStarted', { timerId: 'timer-3', startToFireTimeout: '2592000', decisionTaskCompletedEventId: 4 }],
  [50, 'ActivityTaskStarted', { scheduledEventId: 5, identity: 'host-a:123' }],
  [
    60,
    'ChildWorkflowExecutionStarted',
    {
      initiatedEventId: 6,
      workflowExecution: { workflowId: 'o-1-ship-2', runId: 'child-run' },
      workflowType: { name: 'Shipping', version: '2' },
    },
  ],
  [1250, 'ActivityTaskFailed', { scheduledEventId: 5, startedEventId: 8, reason: 'OutOfStock', details: 'sku book' }],
  [
    1300,
    'ActivityTaskScheduled',
    {
      activityId: 'reserve-1@2',
      activityType: { name: 'reserve', version: '1' },
      taskList: { name: 'main' },
      decisionTaskCompletedEventId: 4,
    },
  ],
  [1400, 'ActivityTaskStarted', { scheduledEventId: 11 }],
  [2400, 'ActivityTaskCompleted', { scheduledEventId: 11, startedEventId: 12, result: '{"reserved":true}' }],
  [3000, 'WorkflowExecutionSignaled', { signalName: 'approve', input: '{"by":"ann"}' }],
  [3100, 'MarkerRecorded', { markerName: 'sideEffect', details: '0.42', decisionTaskCompletedEventId: 4 }],
  [
    4000,
    'ChildWorkflowExecutionFailed',
    {
      initiatedEventId: 6,
      startedEventId: 9,
      workflowExecution: { workflowId: 'o-1-ship-2', runId: 'child-run' },
      workflowType: { name: 'Shipping', version: '2' },
      reason: 'NoCarrier',
    },
  ],
  [2592000020, 'TimerFired', { timerId: 'timer-3', startedEventId: 7 }],
  [2592000500, 'WorkflowExecutionCompleted', { result: '{"status":"shipped"}', decisionTaskCompletedEventId: 4 }],
];

describe('renderTimeline', () => {
  test('renders header, activity attempts, child, timer, signals and close of a hand-written history', () => {
    const text = renderTimeline(history('date', orderRows()), { workflowId: 'o-1', runId: 'run-1' });
    assert.equal(
      text,
      [
        'Workflow     OrderPipeline@1',
        'Workflow id  o-1',
        'Run id       run-1',
        'Status       COMPLETED',
        'Started      2026-03-01T10:00:00.000Z',
        'Closed       2026-03-31T10:00:00.500Z',
        'Duration     30d 1s',
        'Task list    main',
        'Input        {"orderId":"o-1"}',
        'Events       18 (1 decision task)',
        '',
        'Activities (1 call, 2 attempts)',
        '  ID           TYPE       SCHEDULED  STARTED  CLOSED  DURATION  ATTEMPT  OUTCOME',
        '  reserve-1    reserve@1  +20ms      +50ms    +1.25s  1.2s      1        failed: OutOfStock (sku book)',
        '  reserve-1@2  reserve@1  +1.3s      +1.4s    +2.4s   1s        2        completed → {"reserved":true}',
        '',
        'Child workflows (1)',
        '  WORKFLOW ID                 TYPE        INITIATED  STARTED  CLOSED  DURATION  OUTCOME',
        '  o-1-ship-2 (run child-run)  Shipping@2  +20ms      +60ms    +4s     3.94s     failed: NoCarrier',
        '',
        'Timers (1)',
        '  ID       FIRES AFTER  STARTED  CLOSED  DURATION  OUTCOME',
        '  timer-3  30d          +20ms    +30d    30d       fired',
        '',
        'Signals, markers and requests',
        '  AT     EVENT  KIND    NAME        DETAILS',
        '  +3s    #14    signal  approve     {"by":"ann"}',
        '  +3.1s  #15    marker  sideEffect  0.42',
        '',
        'Closed +30d 1s: COMPLETED, result {"status":"shipped"}',
        '',
      ].join('\n'),
    );
  });

  test('reads eventTimestamp as Date, ISO string or epoch seconds alike', () => {
    const byDate = renderTimeline(history('date', orderRows()));
    assert.equal(renderTimeline(history('iso', orderRows())), byDate);
    assert.equal(renderTimeline(history('epoch', orderRows())), byDate);
  });

  test('an open run shows running, pending and scheduled work and no close', () => {
    const rows = orderRows().slice(0, 12);
    rows.push([1500, 'ActivityTaskCancelRequested', { activityId: 'reserve-1@2', decisionTaskCompletedEventId: 4 }]);
    rows.push([1600, 'WorkflowExecutionCancelRequested', {}]);
    const text = renderTimeline(history('iso', rows));
    assert.match(text, /^Status +OPEN$/m);
    assert.match(text, /reserve-1@2 .* 2 +running \(cancel requested \+1\.5s\)$/m);
    assert.match(text, /o-1-ship-2 \(run child-run\) .* running$/m);
    assert.match(text, /timer-3 .* pending$/m);
    assert.match(text, /\+1\.6s +#14 +cancel requested +workflow +by a client$/m);
    assert.match(text, /Still open: no close event yet\n$/);
    assert.doesNotMatch(text, /^Closed/m);
  });

  test('failures, timeouts and start faults name their reason', () => {
    const rows: [number, string, Record<string, unknown>?][] = [
      [0, 'WorkflowExecutionStarted', { workflowType: { name: 'Approval', version: '1' }, taskList: { name: 'main' } }],
      [
        5,
        'ScheduleActivityTaskFailed',
        {
          activityId: 'notify-1',
          activityType: { name: 'notify', version: '9' },
          cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST',
        },
      ],
      [5, 'ActivityTaskScheduled', { activityId: 'ask-2', activityType: { name: 'ask', version: '1' } }],
      [65_000, 'ActivityTaskTimedOut', { scheduledEventId: 3, startedEventId: 0, timeoutType: 'SCHEDULE_TO_START' }],
      [65_100, 'StartChildWorkflowExecutionInitiated', { workflowId: 'c', workflowType: { name: 'C', version: '1' } }],
      [
        65_200,
        'StartChildWorkflowExecutionFailed',
        { initiatedEventId: 5, workflowId: 'c', cause: 'WORKFLOW_TYPE_DOES_NOT_EXIST' },
      ],
      [65_300, 'StartTimerFailed', { timerId: 'timer-3', cause: 'TIMER_ID_ALREADY_IN_USE' }],
      [65_400, 'RecordMarkerFailed', { markerName: 'm', cause: 'OPERATION_NOT_PERMITTED' }],
      [
        70_000,
        'WorkflowExecutionFailed',
        { reason: 'ActivityTimedOut', details: 'ask-2 timed out\nwaiting for a worker' },
      ],
    ];
    const text = renderTimeline(history('epoch', rows));
    assert.match(text, /notify-1 +notify@9 .* start failed: ACTIVITY_TYPE_DOES_NOT_EXIST$/m);
    assert.match(text, /ask-2 +ask@1 +\+5ms +- +\+1m 5s +1m 5s +1 +timed out: SCHEDULE_TO_START$/m);
    assert.match(text, /^ {2}c +C@1 .* start failed: WORKFLOW_TYPE_DOES_NOT_EXIST$/m);
    assert.match(text, /timer-3 .* start failed: TIMER_ID_ALREADY_IN_USE$/m);
    assert.match(text, /decision failed +RecordMarker +OPERATION_NOT_PERMITTED$/m);
    assert.match(
      text,
      /^Closed \+1m 10s: FAILED, reason ActivityTimedOut, details ask-2 timed out waiting for a worker\n$/m,
    );
    assert.match(text, /^Duration +1m 10s$/m);
  });

  test('continue-as-new names the new run, and events are sorted by eventId', () => {
    const rows = history('date', [
      [
        0,
        'WorkflowExecutionStarted',
        { workflowType: { name: 'Loop', version: '1' }, continuedExecutionRunId: 'prev' },
      ],
      [100, 'WorkflowExecutionContinuedAsNew', { newExecutionRunId: 'next', decisionTaskCompletedEventId: 1 }],
    ]).reverse();
    const text = renderTimeline(rows);
    assert.match(text, /^Continued from +prev$/m);
    assert.match(text, /^Closed \+100ms: CONTINUED_AS_NEW, new run next$/m);
  });
});

test('shows the message of JSON failure details, and what a closed run left open', () => {
  const rows: [number, string, Record<string, unknown>?][] = [
    [0, 'WorkflowExecutionStarted', { workflowType: { name: 'Approval', version: '1' } }],
    [1, 'ActivityTaskScheduled', { activityId: 'charge-1', activityType: { name: 'charge', version: '1' } }],
    [2, 'ActivityTaskStarted', { scheduledEventId: 2 }],
    [
      3,
      'ActivityTaskFailed',
      {
        scheduledEventId: 2,
        startedEventId: 3,
        reason: 'Declined',
        details: '{"message":"card expired","stack":"Declined: card expired\\n at x"}',
      },
    ],
    [4, 'TimerStarted', { timerId: 'timer-1', startToFireTimeout: '86400' }],
    [5, 'ActivityTaskScheduled', { activityId: 'notify-2', activityType: { name: 'notify', version: '1' } }],
    [3_600_000, 'WorkflowExecutionCompleted', { result: '"approved"' }],
  ];
  const text = renderTimeline(history('date', rows));
  assert.match(text, /charge-1 .* failed: Declined \(card expired\)$/m);
  assert.match(text, /notify-2 .* open when the run closed$/m);
  assert.match(text, /timer-1 +1d .* never fired \(the run closed\)$/m);
});

describe('summarizeHistory', () => {
  test('groups attempts by call id and decodes the attempt number', () => {
    const summary = summarizeHistory(history('date', orderRows()));
    assert.deepEqual(
      summary.activities.map((a) => [a.activityId, a.callId, a.attempt, a.outcome.kind]),
      [
        ['reserve-1', 'reserve-1', 1, 'failed'],
        ['reserve-1@2', 'reserve-1', 2, 'completed'],
      ],
    );
    assert.equal(summary.activities[0]!.worker, 'host-a:123');
    assert.equal(summary.status, 'COMPLETED');
  });

  test('shows the input a traced run received, not the header envelope it travelled in', () => {
    const envelope = JSON.stringify({
      $flowyHeaders: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      input: { orderId: 'o-1' },
    });
    const rows = orderRows();
    rows[0] = [0, 'WorkflowExecutionStarted', { ...rows[0]![2], input: envelope }];
    assert.equal(summarizeHistory(history('date', rows)).input, '{"orderId":"o-1"}');
    assert.equal(summarizeHistory(history('date', orderRows())).input, '{"orderId":"o-1"}');
  });
});

describe('formatting helpers', () => {
  test('formatDuration picks readable units', () => {
    assert.deepEqual([250, 1180, 59_999, 125_500, 3 * 3600_000 + 125_000, 30 * 86_400_000, 0].map(formatDuration), [
      '250ms',
      '1.18s',
      '60s',
      '2m 5.5s',
      '3h 2m 5s',
      '30d',
      '0ms',
    ]);
  });
  test('toDate accepts Date, ISO strings, epoch seconds as number or string', () => {
    const iso = '2026-03-01T10:00:00.250Z';
    for (const value of [new Date(iso), iso, Date.parse(iso) / 1000, String(Date.parse(iso) / 1000)]) {
      assert.equal(toDate(value)?.toISOString(), iso);
    }
    assert.equal(toDate('not a date'), undefined);
    assert.equal(toDate(undefined), undefined);
  });
});

test('an event type named after an Object.prototype member leaves the run open', () => {
  for (const eventType of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const summary = summarizeHistory(history('epoch', [...orderRows().slice(0, 4), [30, eventType, {}]]));
    assert.equal(summary.status, 'OPEN', eventType);
  }
});
