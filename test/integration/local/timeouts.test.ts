// Conformance: every timeout of SWF_SPEC 14, driven by the local server's manual clock.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, needsTestClock, type Harness } from './harness.ts';
import {
  createWorld,
  decide,
  history,
  lastEvent,
  pollActivity,
  pollDecision,
  rejectsWith,
  scheduleActivity,
  start,
  type World,
} from './fixtures.ts';

describe('timeouts', { skip: needsTestClock() }, () => {
  let h: Harness;
  before(async () => {
    h = await openHarness({ clock: 'manual' });
  });
  after(async () => {
    await h.close();
  });

  const advance = (seconds: number) => h.server!.clock.advance(seconds);

  async function scheduled(
    w: World,
    timeouts: Partial<S.ScheduleActivityTaskDecisionAttributes>,
  ): Promise<{ run: S.WorkflowExecution; scheduledAt: number }> {
    const run = await start(w, 'r');
    await decide(w, [scheduleActivity('a', timeouts)]);
    return { run, scheduledAt: (await lastEvent(w, run, 'ActivityTaskScheduled')).eventTimestamp!.getTime() };
  }

  test('activity SCHEDULE_TO_START fires at the deadline with startedEventId 0', async () => {
    const w = await createWorld(h, 's2s');
    const { run, scheduledAt } = await scheduled(w, { scheduleToStartTimeout: '10' });
    await advance(9);
    assert.equal(
      (await history(w, run)).some((e) => e.eventType === 'ActivityTaskTimedOut'),
      false,
    );
    await advance(1);
    const timedOut = await lastEvent(w, run, 'ActivityTaskTimedOut');
    assert.deepEqual(
      { ...timedOut.activityTaskTimedOutEventAttributes },
      { timeoutType: 'SCHEDULE_TO_START', scheduledEventId: 5, startedEventId: 0 },
    );
    assert.equal(timedOut.eventTimestamp!.getTime(), scheduledAt + 10_000);
    assert.equal((await history(w, run)).pop()!.eventType, 'DecisionTaskScheduled');
    assert.equal((await pollActivity(w)).taskToken, undefined, 'a timed-out task is not delivered');
  });

  test('activity START_TO_CLOSE fires and a late response is UnknownResourceFault', async () => {
    const w = await createWorld(h, 'stc');
    const { run } = await scheduled(w, { startToCloseTimeout: '30' });
    const task = await pollActivity(w);
    await advance(30);
    const timedOut = await lastEvent(w, run, 'ActivityTaskTimedOut');
    assert.equal(timedOut.activityTaskTimedOutEventAttributes?.timeoutType, 'START_TO_CLOSE');
    assert.equal(timedOut.activityTaskTimedOutEventAttributes?.startedEventId, task.startedEventId);
    await rejectsWith(
      w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: task.taskToken! })),
      'UnknownResourceFault',
    );
  });

  test('activity SCHEDULE_TO_CLOSE covers queue time and run time', async () => {
    const w = await createWorld(h, 's2c');
    const { run, scheduledAt } = await scheduled(w, { scheduleToCloseTimeout: '20' });
    await advance(15);
    await pollActivity(w);
    await advance(5);
    const timedOut = await lastEvent(w, run, 'ActivityTaskTimedOut');
    assert.equal(timedOut.activityTaskTimedOutEventAttributes?.timeoutType, 'SCHEDULE_TO_CLOSE');
    assert.equal(timedOut.eventTimestamp!.getTime(), scheduledAt + 20_000);
  });

  test('activity HEARTBEAT is reset by each heartbeat and reports the last details', async () => {
    const w = await createWorld(h, 'hb');
    const { run } = await scheduled(w, { heartbeatTimeout: '10' });
    const task = await pollActivity(w);
    await advance(6);
    await w.c.send(new S.RecordActivityTaskHeartbeatCommand({ taskToken: task.taskToken!, details: 'p1' }));
    await advance(6);
    assert.equal(
      (await history(w, run)).some((e) => e.eventType === 'ActivityTaskTimedOut'),
      false,
    );
    await advance(4);
    const timedOut = await lastEvent(w, run, 'ActivityTaskTimedOut');
    assert.deepEqual(
      [
        timedOut.activityTaskTimedOutEventAttributes?.timeoutType,
        timedOut.activityTaskTimedOutEventAttributes?.details,
      ],
      ['HEARTBEAT', 'p1'],
    );
    assert.equal(
      (await history(w, run)).filter((e) => e.eventType === 'ActivityTaskTimedOut').length,
      1,
      'one timeout event per task',
    );
  });

  test('decision START_TO_CLOSE times out, a new task is scheduled, the late response is refused', async () => {
    const w = await createWorld(h, 'dstc');
    const run = await start(w, 'r');
    const task = await pollDecision(w);
    await advance(30);
    const types = (await history(w, run)).map((e) => e.eventType);
    assert.deepEqual(types, [
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskTimedOut',
      'DecisionTaskScheduled',
    ]);
    const timedOut = await lastEvent(w, run, 'DecisionTaskTimedOut');
    assert.deepEqual(
      { ...timedOut.decisionTaskTimedOutEventAttributes },
      { timeoutType: 'START_TO_CLOSE', scheduledEventId: 2, startedEventId: 3 },
    );
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken! })),
      'UnknownResourceFault',
    );
    const next = await pollDecision(w);
    assert.equal(next.startedEventId, 6);
  });

  test('decision SCHEDULE_TO_START on a temporary task list reverts to the run list', async () => {
    const w = await createWorld(h, 'ds2s');
    const run = await start(w, 'r');
    const task = await pollDecision(w);
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        taskList: { name: 'special' },
        taskListScheduleToStartTimeout: '5',
        decisions: [],
      }),
    );
    await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 's' }));
    assert.equal(
      (await lastEvent(w, run, 'DecisionTaskScheduled')).decisionTaskScheduledEventAttributes?.taskList?.name,
      'special',
    );
    await advance(5);
    const timedOut = await lastEvent(w, run, 'DecisionTaskTimedOut');
    assert.deepEqual(
      [
        timedOut.decisionTaskTimedOutEventAttributes?.timeoutType,
        timedOut.decisionTaskTimedOutEventAttributes?.startedEventId,
      ],
      ['SCHEDULE_TO_START', 0],
    );
    assert.equal(
      (await lastEvent(w, run, 'DecisionTaskScheduled')).decisionTaskScheduledEventAttributes?.taskList?.name,
      w.decisionList,
    );
    assert.ok((await pollDecision(w)).taskToken);
  });

  test('execution START_TO_CLOSE times the run out and tells the parent', async () => {
    const w = await createWorld(h, 'exec');
    const parent = await start(w, 'parent');
    await decide(w, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'kid',
          executionStartToCloseTimeout: '100',
          taskList: { name: 'kids' },
        },
      },
    ]);
    const kid = (await lastEvent(w, parent, 'ChildWorkflowExecutionStarted'))
      .childWorkflowExecutionStartedEventAttributes!.workflowExecution!;
    await advance(100);
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: kid }));
    assert.equal(d.executionInfo?.closeStatus, 'TIMED_OUT');
    const event = (await history(w, kid)).pop()!;
    assert.deepEqual(
      { ...event.workflowExecutionTimedOutEventAttributes },
      { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' },
    );
    const told = await lastEvent(w, parent, 'ChildWorkflowExecutionTimedOut');
    assert.equal(told.childWorkflowExecutionTimedOutEventAttributes?.timeoutType, 'START_TO_CLOSE');
  });

  test('a timer fires at its deadline; pendingWork reports the next deadline', async () => {
    const w = await createWorld(h, 'timer');
    const run = await start(w, 'r');
    await decide(w, [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '50' } },
    ]);
    const startedAt = (await lastEvent(w, run, 'TimerStarted')).eventTimestamp!.getTime();
    const pending = h.server!.pendingWork();
    assert.ok(pending.nextDeadline && pending.nextDeadline.getTime() <= startedAt + 50_000);
    await advance(50);
    const fired = await lastEvent(w, run, 'TimerFired');
    assert.deepEqual({ ...fired.timerFiredEventAttributes }, { timerId: 't', startedEventId: 5 });
    assert.equal(fired.eventTimestamp!.getTime(), startedAt + 50_000);
    assert.equal((await history(w, run)).pop()!.eventType, 'DecisionTaskScheduled');
  });

  test('the HTTP test controls advance the clock and reset the state', async () => {
    const w = await createWorld(h, 'controls');
    const run = await start(w, 'r');
    await decide(w, [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '7' } },
    ]);
    const before = (await (await fetch(`${h.endpoint}/_local/clock`)).json()) as { now: number };
    const after = (await (
      await fetch(`${h.endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 7 }) })
    ).json()) as { now: number };
    assert.equal(Math.round(after.now - before.now), 7);
    assert.ok(await lastEvent(w, run, 'TimerFired'));
    const other = await openHarness({ clock: 'manual' });
    try {
      const name = other.domainName('reset');
      await other.client.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
      assert.equal((await fetch(`${other.endpoint}/_local/reset`, { method: 'POST' })).status, 200);
      await rejectsWith(other.client.send(new S.DescribeDomainCommand({ name })), 'UnknownResourceFault');
    } finally {
      await other.close();
    }
  });

  test('closed runs disappear when their retention period ends', async () => {
    const w = await createWorld(h, 'retention');
    const run = await start(w, 'r');
    await w.c.send(new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r' }));
    await advance(86_399);
    await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    await advance(1);
    await rejectsWith(
      w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run })),
      'UnknownResourceFault',
    );
  });
});

test(
  'a server on the system clock refuses to advance time with a message saying how',
  { skip: needsTestClock() },
  async () => {
    const h = await openHarness({ clock: 'system' });
    try {
      const response = await fetch(`${h.endpoint}/_local/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceSeconds: 1 }),
      });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { message: string }).message, /clock: "manual"/);
      await assert.rejects(h.server!.clock.advance(1), /clock: "manual"/);
    } finally {
      await h.close();
    }
  },
);
