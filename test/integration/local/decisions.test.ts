// Conformance: every decision type, its success events and its failure causes (SWF_SPEC 8.3, 9, 10, 17).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import {
  complete,
  createWorld,
  decide,
  eventTypes,
  history,
  lastEvent,
  pollActivity,
  pollDecision,
  rejectsWith,
  scheduleActivity,
  start,
} from './fixtures.ts';

describe('decisions', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  test('ScheduleActivityTask records the resolved configuration and decisionTaskCompletedEventId', async () => {
    const w = await createWorld(h, 'sched');
    const run = await start(w, 'r');
    await decide(w, [
      scheduleActivity('a1', { input: 'in', control: 'ctl', heartbeatTimeout: '20', taskPriority: '3' }),
    ]);
    const events = await history(w, run);
    assert.deepEqual(
      events.map((e) => e.eventType),
      [
        'WorkflowExecutionStarted',
        'DecisionTaskScheduled',
        'DecisionTaskStarted',
        'DecisionTaskCompleted',
        'ActivityTaskScheduled',
      ],
    );
    const completed = events[3]!.decisionTaskCompletedEventAttributes!;
    assert.equal(completed.scheduledEventId, 2);
    assert.equal(completed.startedEventId, 3);
    assert.deepEqual(
      { ...events[4]!.activityTaskScheduledEventAttributes },
      {
        activityType: { name: 'act', version: '1' },
        activityId: 'a1',
        input: 'in',
        control: 'ctl',
        scheduleToStartTimeout: 'NONE',
        scheduleToCloseTimeout: 'NONE',
        startToCloseTimeout: '300',
        heartbeatTimeout: '20',
        taskList: { name: w.activityList },
        taskPriority: '3',
        decisionTaskCompletedEventId: 4,
      },
    );
    const task = await pollActivity(w);
    assert.equal(task.activityId, 'a1');
    assert.equal(task.input, 'in');
    assert.deepEqual(task.workflowExecution, run);
  });

  test('ScheduleActivityTask failure causes, each with its own event', async () => {
    const w = await createWorld(h, 'schedfail');
    await w.c.send(new S.RegisterActivityTypeCommand({ domain: w.domain, name: 'bare', version: '1' }));
    await w.c.send(new S.RegisterActivityTypeCommand({ domain: w.domain, name: 'old', version: '1' }));
    await w.c.send(
      new S.DeprecateActivityTypeCommand({ domain: w.domain, activityType: { name: 'old', version: '1' } }),
    );
    const run = await start(w, 'r');
    const bare = (extra: Partial<S.ScheduleActivityTaskDecisionAttributes>): S.Decision => ({
      decisionType: 'ScheduleActivityTask',
      scheduleActivityTaskDecisionAttributes: {
        activityType: { name: 'bare', version: '1' },
        activityId: `b${Object.keys(extra).length}`,
        ...extra,
      },
    });
    await decide(w, [
      scheduleActivity('ok'),
      scheduleActivity('ok'),
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityType: { name: 'nope', version: '1' }, activityId: 'x' },
      },
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityType: { name: 'old', version: '1' }, activityId: 'y' },
      },
      bare({}),
      bare({ taskList: { name: 'l' } }),
      bare({ taskList: { name: 'l' }, scheduleToStartTimeout: '1' }),
      bare({ taskList: { name: 'l' }, scheduleToStartTimeout: '1', scheduleToCloseTimeout: '1' }),
      bare({
        taskList: { name: 'l' },
        scheduleToStartTimeout: '1',
        scheduleToCloseTimeout: '1',
        startToCloseTimeout: '1',
      }),
    ]);
    const failures = (await history(w, run))
      .filter((e) => e.eventType === 'ScheduleActivityTaskFailed')
      .map((e) => e.scheduleActivityTaskFailedEventAttributes!);
    assert.deepEqual(
      failures.map((f) => f.cause),
      [
        'ACTIVITY_ID_ALREADY_IN_USE',
        'ACTIVITY_TYPE_DOES_NOT_EXIST',
        'ACTIVITY_TYPE_DEPRECATED',
        'DEFAULT_TASK_LIST_UNDEFINED',
        'DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED',
        'DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED',
        'DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED',
        'DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED',
      ],
    );
    assert.equal(failures[0]!.activityId, 'ok');
    assert.equal(failures[0]!.decisionTaskCompletedEventId, 4);
    // failure events ask for a decision
    assert.equal((await eventTypes(w, run)).pop(), 'DecisionTaskScheduled');
  });

  test('RequestCancelActivityTask cancels a scheduled task at once and flags a started one', async () => {
    const w = await createWorld(h, 'rcat');
    const run = await start(w, 'r');
    await decide(w, [scheduleActivity('queued'), scheduleActivity('running', { taskList: { name: 'other' } })]);
    const running = await pollActivity(w, 'other');
    await w.c.send(
      new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 'cancel-them' }),
    );
    await decide(w, [
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'queued' },
      },
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'running' },
      },
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'nope' },
      },
    ]);
    const events = await history(w, run);
    const types = events.map((e) => e.eventType);
    assert.ok(types.includes('ActivityTaskCancelRequested'));
    const canceled = events.find((e) => e.eventType === 'ActivityTaskCanceled')!.activityTaskCanceledEventAttributes!;
    assert.equal(canceled.startedEventId, 0);
    assert.ok(canceled.latestCancelRequestedEventId! > 0);
    const failed = events.find(
      (e) => e.eventType === 'RequestCancelActivityTaskFailed',
    )!.requestCancelActivityTaskFailedEventAttributes!;
    assert.deepEqual([failed.activityId, failed.cause], ['nope', 'ACTIVITY_ID_UNKNOWN']);
    assert.equal((await pollActivity(w)).taskToken, undefined, 'the canceled task is never delivered');
    const status = await w.c.send(
      new S.RecordActivityTaskHeartbeatCommand({ taskToken: running.taskToken!, details: 'half' }),
    );
    assert.equal(status.cancelRequested, true);
    await w.c.send(new S.RespondActivityTaskCanceledCommand({ taskToken: running.taskToken!, details: 'stopped' }));
    const last = await lastEvent(w, run, 'ActivityTaskCanceled');
    assert.equal(last.activityTaskCanceledEventAttributes?.details, 'stopped');
    assert.ok(last.activityTaskCanceledEventAttributes!.latestCancelRequestedEventId! > 0);
  });

  test('Complete, Fail and Cancel close the run with their event and close status', async () => {
    const w = await createWorld(h, 'close');
    const cases: [S.Decision, string, string][] = [
      [complete('r'), 'COMPLETED', 'WorkflowExecutionCompleted'],
      [
        {
          decisionType: 'FailWorkflowExecution',
          failWorkflowExecutionDecisionAttributes: { reason: 'bad', details: 'why' },
        },
        'FAILED',
        'WorkflowExecutionFailed',
      ],
      [
        { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: { details: 'd' } },
        'CANCELED',
        'WorkflowExecutionCanceled',
      ],
    ];
    for (const [decision, status, eventType] of cases) {
      const run = await start(w, `close-${status}`);
      await decide(w, [decision]);
      const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
      assert.equal(d.executionInfo?.closeStatus, status);
      assert.ok(d.executionInfo?.closeTimestamp instanceof Date);
      assert.equal((await eventTypes(w, run)).pop(), eventType);
      assert.equal(d.openCounts?.openDecisionTasks, 0);
    }
  });

  test('UNHANDLED_DECISION: a close decision fails when events arrived after the task started', async () => {
    const w = await createWorld(h, 'unhandled');
    const run = await start(w, 'r');
    const task = await pollDecision(w);
    await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 'late' }));
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: [
          { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } },
          complete('too early'),
        ],
      }),
    );
    assert.deepEqual((await eventTypes(w, run)).slice(2), [
      'DecisionTaskStarted',
      'WorkflowExecutionSignaled',
      'DecisionTaskScheduled',
      'DecisionTaskCompleted',
      'MarkerRecorded',
      'CompleteWorkflowExecutionFailed',
    ]);
    const failed = await lastEvent(w, run, 'CompleteWorkflowExecutionFailed');
    assert.deepEqual(
      { ...failed.completeWorkflowExecutionFailedEventAttributes },
      { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: 6 },
    );
    const next = await pollDecision(w);
    assert.equal(next.previousStartedEventId, 3);
    assert.equal(next.events!.at(-1)!.eventType, 'DecisionTaskStarted');
    assert.equal(next.events!.at(-1)!.decisionTaskStartedEventAttributes?.scheduledEventId, 5);
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({ taskToken: next.taskToken!, decisions: [complete('now')] }),
    );
    assert.equal((await eventTypes(w, run)).pop(), 'WorkflowExecutionCompleted');
  });

  test('ContinueAsNew closes the run and starts the next one in the same call', async () => {
    const w = await createWorld(h, 'can');
    const run = await start(w, 'r', { tagList: ['keep'] });
    await decide(w, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { input: 'next', taskStartToCloseTimeout: '15' },
      },
    ]);
    const closed = await lastEvent(w, run, 'WorkflowExecutionContinuedAsNew');
    const attrs = closed.workflowExecutionContinuedAsNewEventAttributes!;
    assert.equal(attrs.input, 'next');
    assert.equal(attrs.taskStartToCloseTimeout, '15');
    assert.equal(attrs.childPolicy, 'TERMINATE');
    assert.deepEqual(attrs.workflowType, { name: 'wf', version: '1' });
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.executionInfo?.closeStatus, 'CONTINUED_AS_NEW');
    const next = { workflowId: 'r', runId: attrs.newExecutionRunId! };
    const started = (await history(w, next))[0]!.workflowExecutionStartedEventAttributes!;
    assert.equal(started.continuedExecutionRunId, run.runId);
    assert.equal(started.input, 'next');
    assert.deepEqual(started.tagList, ['keep']);
    const task = await pollDecision(w);
    assert.deepEqual(task.workflowExecution, next);
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: [
          {
            decisionType: 'ContinueAsNewWorkflowExecution',
            continueAsNewWorkflowExecutionDecisionAttributes: { workflowTypeVersion: '9' },
          },
        ],
      }),
    );
    const failed = await lastEvent(w, next, 'ContinueAsNewWorkflowExecutionFailed');
    assert.equal(failed.continueAsNewWorkflowExecutionFailedEventAttributes?.cause, 'WORKFLOW_TYPE_DOES_NOT_EXIST');
  });

  test('RecordMarker, StartTimer and CancelTimer with their failure causes', async () => {
    const w = await createWorld(h, 'timers');
    const run = await start(w, 'r');
    await decide(w, [
      { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'side', details: '42' } },
      {
        decisionType: 'StartTimer',
        startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '60', control: 'c' },
      },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '60' } },
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 'nope' } },
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 't1' } },
    ]);
    const events = await history(w, run);
    assert.deepEqual(
      events.slice(4).map((e) => e.eventType),
      [
        'MarkerRecorded',
        'TimerStarted',
        'StartTimerFailed',
        'CancelTimerFailed',
        'TimerCanceled',
        'DecisionTaskScheduled',
      ],
    );
    assert.deepEqual(
      { ...events[4]!.markerRecordedEventAttributes },
      { markerName: 'side', details: '42', decisionTaskCompletedEventId: 4 },
    );
    assert.equal(events[6]!.startTimerFailedEventAttributes?.cause, 'TIMER_ID_ALREADY_IN_USE');
    assert.deepEqual(
      { ...events[7]!.cancelTimerFailedEventAttributes },
      { timerId: 'nope', cause: 'TIMER_ID_UNKNOWN', decisionTaskCompletedEventId: 4 },
    );
    assert.equal(events[8]!.timerCanceledEventAttributes?.startedEventId, 6);
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.openCounts?.openTimers, 0);
  });

  test('SignalExternal and RequestCancelExternal reach the target and report back', async () => {
    const w = await createWorld(h, 'external');
    const sender = await start(w, 'sender');
    await decide(w, []); // sender's first task
    const target = await start(w, 'target');
    await w.c.send(
      new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'sender', signalName: 'wake' }),
    );
    await decide(w, []); // target's first task
    await decide(w, [
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: {
          workflowId: 'target',
          signalName: 'hello',
          input: 'hi',
          control: 'c1',
        },
      },
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: { workflowId: 'ghost', signalName: 'hello' },
      },
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'target', runId: target.runId },
      },
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'ghost' },
      },
    ]);
    const senderEvents = await history(w, sender);
    const byType = (type: string) => senderEvents.filter((e) => e.eventType === type);
    const initiated = byType('SignalExternalWorkflowExecutionInitiated');
    assert.equal(initiated.length, 2);
    const signaled = byType('ExternalWorkflowExecutionSignaled')[0]!.externalWorkflowExecutionSignaledEventAttributes!;
    assert.deepEqual(signaled.workflowExecution, target);
    assert.equal(signaled.initiatedEventId, initiated[0]!.eventId);
    const signalFailed = byType('SignalExternalWorkflowExecutionFailed')[0]!
      .signalExternalWorkflowExecutionFailedEventAttributes!;
    assert.equal(signalFailed.cause, 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION');
    assert.equal(signalFailed.initiatedEventId, initiated[1]!.eventId);
    assert.equal(byType('ExternalWorkflowExecutionCancelRequested').length, 1);
    assert.equal(
      byType('RequestCancelExternalWorkflowExecutionFailed')[0]!
        .requestCancelExternalWorkflowExecutionFailedEventAttributes?.cause,
      'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
    );
    const targetEvents = await history(w, target);
    const got = targetEvents.find(
      (e) => e.eventType === 'WorkflowExecutionSignaled',
    )!.workflowExecutionSignaledEventAttributes!;
    assert.deepEqual([got.signalName, got.input, got.externalInitiatedEventId], ['hello', 'hi', initiated[0]!.eventId]);
    assert.deepEqual(got.externalWorkflowExecution, sender);
    const cancel = targetEvents.find(
      (e) => e.eventType === 'WorkflowExecutionCancelRequested',
    )!.workflowExecutionCancelRequestedEventAttributes!;
    assert.deepEqual(cancel.externalWorkflowExecution, sender);
  });

  test('StartChildWorkflowExecution: lifecycle events on both sides and the failure causes', async () => {
    const w = await createWorld(h, 'child');
    const parent = await start(w, 'parent');
    await decide(w, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'kid',
          input: 'k',
          control: 'c',
          taskList: { name: 'kids' },
        },
      },
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'kid',
        },
      },
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'nope', version: '1' },
          workflowId: 'x',
        },
      },
    ]);
    const events = await history(w, parent);
    assert.deepEqual(
      events.slice(4).map((e) => e.eventType),
      [
        'StartChildWorkflowExecutionInitiated',
        'StartChildWorkflowExecutionInitiated',
        'StartChildWorkflowExecutionFailed',
        'ChildWorkflowExecutionStarted',
        'StartChildWorkflowExecutionFailed',
        'DecisionTaskScheduled',
      ],
    );
    const notExist = events[6]!.startChildWorkflowExecutionFailedEventAttributes!;
    assert.deepEqual([notExist.cause, notExist.initiatedEventId], ['WORKFLOW_TYPE_DOES_NOT_EXIST', 0]);
    const running = events[8]!.startChildWorkflowExecutionFailedEventAttributes!;
    assert.deepEqual([running.cause, running.initiatedEventId], ['WORKFLOW_ALREADY_RUNNING', 6]);
    const childStarted = events[7]!.childWorkflowExecutionStartedEventAttributes!;
    assert.equal(childStarted.initiatedEventId, 5);
    const child = childStarted.workflowExecution!;
    const childFirst = (await history(w, child))[0]!.workflowExecutionStartedEventAttributes!;
    assert.deepEqual(childFirst.parentWorkflowExecution, parent);
    assert.equal(childFirst.parentInitiatedEventId, 5);
    assert.equal(childFirst.taskList?.name, 'kids');
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: parent }));
    assert.equal(d.openCounts?.openChildWorkflowExecutions, 1);
    const cd = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: child }));
    assert.deepEqual(cd.executionInfo?.parent, parent);
    await decide(w, [complete('kid result')], 'kids');
    const done = await lastEvent(w, parent, 'ChildWorkflowExecutionCompleted');
    assert.deepEqual(
      { ...done.childWorkflowExecutionCompletedEventAttributes },
      {
        workflowExecution: child,
        workflowType: { name: 'wf', version: '1' },
        result: 'kid result',
        initiatedEventId: 5,
        startedEventId: 8,
      },
    );
  });

  test('child policy: TERMINATE, REQUEST_CANCEL and ABANDON applied when the parent is terminated', async () => {
    for (const policy of ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'] as const) {
      const w = await createWorld(h, `policy-${policy.toLowerCase()}`);
      const parent = await start(w, 'parent', { childPolicy: policy });
      await decide(w, [
        {
          decisionType: 'StartChildWorkflowExecution',
          startChildWorkflowExecutionDecisionAttributes: {
            workflowType: { name: 'wf', version: '1' },
            workflowId: 'kid',
            taskList: { name: 'kids' },
          },
        },
      ]);
      const kid = (await lastEvent(w, parent, 'ChildWorkflowExecutionStarted'))
        .childWorkflowExecutionStartedEventAttributes!.workflowExecution!;
      await w.c.send(new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'parent' }));
      const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: kid }));
      const last = (await history(w, kid)).pop()!;
      if (policy === 'TERMINATE') {
        assert.equal(d.executionInfo?.closeStatus, 'TERMINATED');
        assert.equal(last.workflowExecutionTerminatedEventAttributes?.cause, 'CHILD_POLICY_APPLIED');
      } else if (policy === 'REQUEST_CANCEL') {
        assert.equal(d.executionInfo?.executionStatus, 'OPEN');
        assert.equal(d.executionInfo?.cancelRequested, true);
        assert.equal(last.workflowExecutionCancelRequestedEventAttributes?.cause, 'CHILD_POLICY_APPLIED');
      } else {
        assert.equal(d.executionInfo?.executionStatus, 'OPEN');
        assert.equal(d.executionInfo?.cancelRequested, false);
      }
    }
  });

  test('a failed or terminated child tells its parent', async () => {
    const w = await createWorld(h, 'childfail');
    const parent = await start(w, 'parent');
    await decide(w, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'k1',
          taskList: { name: 'kids' },
        },
      },
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'wf', version: '1' },
          workflowId: 'k2',
          taskList: { name: 'kids2' },
        },
      },
    ]);
    await decide(
      w,
      [
        {
          decisionType: 'FailWorkflowExecution',
          failWorkflowExecutionDecisionAttributes: { reason: 'r', details: 'd' },
        },
      ],
      'kids',
    );
    await w.c.send(new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'k2' }));
    const failed = await lastEvent(w, parent, 'ChildWorkflowExecutionFailed');
    assert.deepEqual(
      [
        failed.childWorkflowExecutionFailedEventAttributes?.reason,
        failed.childWorkflowExecutionFailedEventAttributes?.details,
      ],
      ['r', 'd'],
    );
    const terminated = await lastEvent(w, parent, 'ChildWorkflowExecutionTerminated');
    assert.equal(terminated.childWorkflowExecutionTerminatedEventAttributes?.workflowExecution?.workflowId, 'k2');
  });

  test('ScheduleLambdaFunction is answered with ScheduleLambdaFunctionFailed', async () => {
    const w = await createWorld(h, 'lambda');
    const run = await start(w, 'r');
    await decide(w, [
      { decisionType: 'ScheduleLambdaFunction', scheduleLambdaFunctionDecisionAttributes: { id: 'l1', name: 'fn' } },
    ]);
    const failed = await lastEvent(w, run, 'ScheduleLambdaFunctionFailed');
    assert.deepEqual(
      { ...failed.scheduleLambdaFunctionFailedEventAttributes },
      { id: 'l1', name: 'fn', cause: 'LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION', decisionTaskCompletedEventId: 4 },
    );
  });

  test('an invalid decision list is refused whole: nothing applied, the task stays started', async () => {
    const w = await createWorld(h, 'invalid');
    const run = await start(w, 'r');
    const task = await pollDecision(w);
    const before = await eventTypes(w, run);
    const e = await rejectsWith(
      w.c.send(
        new S.RespondDecisionTaskCompletedCommand({
          taskToken: task.taskToken!,
          decisions: [
            scheduleActivity('a'),
            { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: {} as S.RecordMarkerDecisionAttributes },
          ],
        }),
      ),
      'ValidationException',
    );
    assert.match(e.message, /decisions\.2\.member\.recordMarkerDecisionAttributes\.markerName/);
    await rejectsWith(
      w.c.send(
        new S.RespondDecisionTaskCompletedCommand({
          taskToken: task.taskToken!,
          decisions: [complete(), scheduleActivity('a')],
        }),
      ),
      'ValidationException',
      /last/,
    );
    await rejectsWith(
      w.c.send(
        new S.RespondDecisionTaskCompletedCommand({
          taskToken: task.taskToken!,
          decisions: [{ decisionType: 'StartTimer' }],
        }),
      ),
      'ValidationException',
      /startTimerDecisionAttributes/,
    );
    assert.deepEqual(await eventTypes(w, run), before);
    await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken!, decisions: [complete()] }));
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken!, decisions: [] })),
      'UnknownResourceFault',
    );
  });

  test('a permanent task-list override moves later decision tasks', async () => {
    const w = await createWorld(h, 'override');
    const run = await start(w, 'r');
    const task = await pollDecision(w);
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        taskList: { name: 'moved' },
        decisions: [],
      }),
    );
    await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 's' }));
    assert.equal((await pollDecision(w)).taskToken, undefined);
    const moved = await pollDecision(w, 'moved');
    assert.deepEqual(moved.workflowExecution, run);
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.executionConfiguration?.taskList?.name, 'moved');
  });

  test('history rules: consecutive ids, non-decreasing timestamps, one attributes member per event', async () => {
    const w = await createWorld(h, 'rules');
    const run = await start(w, 'r');
    await decide(w, [
      scheduleActivity('a'),
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '5' } },
    ]);
    const task = await pollActivity(w);
    await w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: task.taskToken!, result: 'r' }));
    await decide(w, [complete()]);
    const raw = await w.c.send(new S.GetWorkflowExecutionHistoryCommand({ domain: w.domain, execution: run }));
    raw.events!.forEach((event, i) => {
      assert.equal(event.eventId, i + 1);
      if (i > 0) assert.ok(event.eventTimestamp!.getTime() >= raw.events![i - 1]!.eventTimestamp!.getTime());
      const members = Object.keys(event).filter(
        (k) => k.endsWith('EventAttributes') && (event as unknown as Record<string, unknown>)[k] !== undefined,
      );
      assert.deepEqual(members, [`${event.eventType![0]!.toLowerCase()}${event.eventType!.slice(1)}EventAttributes`]);
    });
  });
  test('StartChild and ContinueAsNew report deprecated types and missing defaults', async () => {
    const w = await createWorld(h, 'childdefaults');
    await w.c.send(new S.RegisterWorkflowTypeCommand({ domain: w.domain, name: 'bare', version: '1' }));
    await w.c.send(
      new S.RegisterWorkflowTypeCommand({
        domain: w.domain,
        name: 'old',
        version: '1',
        defaultTaskList: { name: 'x' },
      }),
    );
    await w.c.send(
      new S.DeprecateWorkflowTypeCommand({ domain: w.domain, workflowType: { name: 'old', version: '1' } }),
    );
    const run = await start(w, 'r');
    const child = (name: string, extra: Partial<S.StartChildWorkflowExecutionDecisionAttributes> = {}): S.Decision => ({
      decisionType: 'StartChildWorkflowExecution',
      startChildWorkflowExecutionDecisionAttributes: {
        workflowType: { name, version: '1' },
        workflowId: `c-${name}-${Object.keys(extra).length}`,
        ...extra,
      },
    });
    await decide(w, [
      child('old'),
      child('bare'),
      child('bare', { executionStartToCloseTimeout: '10' }),
      child('bare', { executionStartToCloseTimeout: '10', taskList: { name: 't' } }),
      child('bare', { executionStartToCloseTimeout: '10', taskList: { name: 't' }, taskStartToCloseTimeout: '5' }),
    ]);
    const causes = (await history(w, run))
      .filter((e) => e.eventType === 'StartChildWorkflowExecutionFailed')
      .map((e) => e.startChildWorkflowExecutionFailedEventAttributes!.cause);
    assert.deepEqual(causes, [
      'WORKFLOW_TYPE_DEPRECATED',
      'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED',
      'DEFAULT_TASK_LIST_UNDEFINED',
      'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED',
      'DEFAULT_CHILD_POLICY_UNDEFINED',
    ]);
    await w.c.send(
      new S.DeprecateWorkflowTypeCommand({ domain: w.domain, workflowType: { name: 'wf', version: '1' } }),
    );
    await decide(w, [
      { decisionType: 'ContinueAsNewWorkflowExecution', continueAsNewWorkflowExecutionDecisionAttributes: {} },
    ]);
    assert.equal(
      (await lastEvent(w, run, 'ContinueAsNewWorkflowExecutionFailed'))
        .continueAsNewWorkflowExecutionFailedEventAttributes?.cause,
      'WORKFLOW_TYPE_DEPRECATED',
    );
  });

  test("ContinueAsNew takes each setting from the decision, else the new type's default, never from the current run", async () => {
    const w = await createWorld(h, 'candefaults');
    await w.c.send(new S.RegisterWorkflowTypeCommand({ domain: w.domain, name: 'wf', version: 'bare' }));
    const run = await start(w, 'r');
    await decide(w, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { workflowTypeVersion: 'bare' },
      },
    ]);
    const failed = await lastEvent(w, run, 'ContinueAsNewWorkflowExecutionFailed');
    assert.equal(
      failed.continueAsNewWorkflowExecutionFailedEventAttributes?.cause,
      'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED',
    );
    await decide(w, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: {
          workflowTypeVersion: 'bare',
          executionStartToCloseTimeout: '60',
          taskList: { name: w.decisionList },
          taskStartToCloseTimeout: '20',
          childPolicy: 'ABANDON',
        },
      },
    ]);
    const next = (await lastEvent(w, run, 'WorkflowExecutionContinuedAsNew'))
      .workflowExecutionContinuedAsNewEventAttributes!.newExecutionRunId!;
    const described = await w.c.send(
      new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: { workflowId: 'r', runId: next } }),
    );
    assert.deepEqual(described.executionConfiguration, {
      executionStartToCloseTimeout: '60',
      taskList: { name: w.decisionList },
      taskStartToCloseTimeout: '20',
      childPolicy: 'ABANDON',
      taskPriority: '0',
    });
  });

  test('more than 1000 open activities fail with OPEN_ACTIVITIES_LIMIT_EXCEEDED', async () => {
    const w = await createWorld(h, 'limit');
    const run = await start(w, 'r');
    await decide(
      w,
      Array.from({ length: 1001 }, (_, i) => scheduleActivity(`a${i}`)),
    );
    const events = await history(w, run);
    assert.equal(events.filter((e) => e.eventType === 'ActivityTaskScheduled').length, 1000);
    const failed = events.filter((e) => e.eventType === 'ScheduleActivityTaskFailed');
    assert.deepEqual(
      failed.map((e) => [
        e.scheduleActivityTaskFailedEventAttributes!.activityId,
        e.scheduleActivityTaskFailedEventAttributes!.cause,
      ]),
      [['a1000', 'OPEN_ACTIVITIES_LIMIT_EXCEEDED']],
    );
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.openCounts?.openActivityTasks, 1000);
  });

  test('the SDK paginators walk history and lists', async () => {
    const w = await createWorld(h, 'paginators');
    const run = await start(w, 'r');
    for (let i = 0; i < 5; i++)
      await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: `s${i}` }));
    const ids: number[] = [];
    for await (const page of S.paginateGetWorkflowExecutionHistory(
      { client: w.c, pageSize: 2 },
      { domain: w.domain, execution: run },
    ))
      ids.push(...page.events!.map((e) => e.eventId!));
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7]);
    const types: string[] = [];
    for await (const page of S.paginateListActivityTypes(
      { client: w.c, pageSize: 1 },
      { domain: w.domain, registrationStatus: 'REGISTERED' },
    ))
      types.push(...page.typeInfos!.map((t) => t.activityType!.name!));
    assert.deepEqual(types, ['act']);
  });
});
