// Conformance: starting, describing, signaling, canceling, terminating and listing executions (SWF_SPEC 6, 7, 11).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import {
  createWorld,
  decide,
  eventTypes,
  history,
  lastEvent,
  pollDecision,
  rejectsWith,
  start,
  complete,
  type World,
} from './fixtures.ts';

describe('executions', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  test('start records WorkflowExecutionStarted with resolved defaults, then DecisionTaskScheduled', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'start-1', { input: 'in', tagList: ['t1'], taskPriority: '5' });
    const events = await history(w, run);
    assert.deepEqual(
      events.map((e) => e.eventId),
      [1, 2],
    );
    const started = events[0]!.workflowExecutionStartedEventAttributes!;
    assert.equal(started.input, 'in');
    assert.equal(started.childPolicy, 'TERMINATE');
    assert.equal(started.taskList?.name, w.decisionList);
    assert.equal(started.executionStartToCloseTimeout, '3600');
    assert.equal(started.taskStartToCloseTimeout, '30');
    assert.equal(started.taskPriority, '5');
    assert.deepEqual(started.tagList, ['t1']);
    assert.equal(events[1]!.eventType, 'DecisionTaskScheduled');
    assert.equal(events[1]!.decisionTaskScheduledEventAttributes?.startToCloseTimeout, '30');
    assert.ok(events[0]!.eventTimestamp instanceof Date);
  });

  test('start faults: unknown type, deprecated type, already started, default undefined', async () => {
    const w = await createWorld(h, 'exec');
    await rejectsWith(
      w.c.send(
        new S.StartWorkflowExecutionCommand({
          domain: w.domain,
          workflowId: 'x',
          workflowType: { name: 'nope', version: '1' },
        }),
      ),
      'UnknownResourceFault',
      /Unknown type/,
    );
    await start(w, 'dup');
    await rejectsWith(start(w, 'dup'), 'WorkflowExecutionAlreadyStartedFault');
    await w.c.send(new S.RegisterWorkflowTypeCommand({ domain: w.domain, name: 'bare', version: '1' }));
    const e = await rejectsWith(
      w.c.send(
        new S.StartWorkflowExecutionCommand({
          domain: w.domain,
          workflowId: 'bare',
          workflowType: { name: 'bare', version: '1' },
        }),
      ),
      'DefaultUndefinedFault',
    );
    assert.match(e.message, /executionStartToCloseTimeout/);
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
    await rejectsWith(
      w.c.send(
        new S.StartWorkflowExecutionCommand({
          domain: w.domain,
          workflowId: 'old',
          workflowType: { name: 'old', version: '1' },
        }),
      ),
      'TypeDeprecatedFault',
    );
    await rejectsWith(
      start(w, 'forever', { executionStartToCloseTimeout: 'NONE' }),
      'ValidationException',
      /executionStartToCloseTimeout/,
    );
  });

  test('describe reports info, configuration, open counts and the latest execution context', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'describe-1', { tagList: ['a', 'b'] });
    let d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.executionInfo?.executionStatus, 'OPEN');
    assert.deepEqual(d.executionInfo?.tagList, ['a', 'b']);
    assert.equal(d.executionInfo?.cancelRequested, false);
    assert.equal(d.executionConfiguration?.taskList?.name, w.decisionList);
    assert.equal(d.executionConfiguration?.childPolicy, 'TERMINATE');
    assert.equal(d.openCounts?.openDecisionTasks, 1);
    const task = await pollDecision(w);
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        executionContext: 'ctx-1',
        decisions: [
          {
            decisionType: 'ScheduleActivityTask',
            scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId: 'a' },
          },
          { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '100' } },
        ],
      }),
    );
    d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.deepEqual(
      { ...d.openCounts },
      {
        openActivityTasks: 1,
        openDecisionTasks: 0,
        openTimers: 1,
        openChildWorkflowExecutions: 0,
        openLambdaFunctions: 0,
      },
    );
    assert.equal(d.latestExecutionContext, 'ctx-1');
    assert.ok(d.latestActivityTaskTimestamp instanceof Date);
    await rejectsWith(
      w.c.send(
        new S.DescribeWorkflowExecutionCommand({
          domain: w.domain,
          execution: { workflowId: 'describe-1', runId: 'nope' },
        }),
      ),
      'UnknownResourceFault',
    );
  });

  test('history pages with maximumPageSize and nextPageToken, forwards and in reverse', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'paging-1');
    for (let i = 0; i < 7; i++)
      await w.c.send(
        new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'paging-1', signalName: `s${i}` }),
      );
    const ids = async (reverseOrder: boolean) => {
      const out: number[] = [];
      let nextPageToken: string | undefined;
      do {
        const page = await w.c.send(
          new S.GetWorkflowExecutionHistoryCommand({
            domain: w.domain,
            execution: run,
            maximumPageSize: 3,
            reverseOrder,
            nextPageToken,
          }),
        );
        assert.ok(page.events!.length > 0 && page.events!.length <= 3);
        out.push(...page.events!.map((e) => e.eventId!));
        nextPageToken = page.nextPageToken;
      } while (nextPageToken);
      return out;
    };
    assert.deepEqual(await ids(false), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(await ids(true), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const full = await w.c.send(new S.GetWorkflowExecutionHistoryCommand({ domain: w.domain, execution: run }));
    assert.equal(full.nextPageToken, undefined);
    assert.equal(full.events!.length, 9);
  });

  test('signal appends WorkflowExecutionSignaled and schedules only one decision task', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'signal-1');
    await w.c.send(
      new S.SignalWorkflowExecutionCommand({
        domain: w.domain,
        workflowId: 'signal-1',
        signalName: 'go',
        input: 'payload',
      }),
    );
    await w.c.send(
      new S.SignalWorkflowExecutionCommand({
        domain: w.domain,
        workflowId: 'signal-1',
        runId: run.runId,
        signalName: 'go2',
      }),
    );
    assert.deepEqual(await eventTypes(w, run), [
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'WorkflowExecutionSignaled',
      'WorkflowExecutionSignaled',
    ]);
    const signaled = await lastEvent(w, run, 'WorkflowExecutionSignaled');
    assert.equal(signaled.workflowExecutionSignaledEventAttributes?.signalName, 'go2');
    await rejectsWith(
      w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'no-such', signalName: 'x' })),
      'UnknownResourceFault',
    );
  });

  test('request cancel records the request and sets cancelRequested; the decider cancels', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'cancel-1');
    await w.c.send(new S.RequestCancelWorkflowExecutionCommand({ domain: w.domain, workflowId: 'cancel-1' }));
    const d = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(d.executionInfo?.cancelRequested, true);
    await decide(w, [
      { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: { details: 'bye' } },
    ]);
    const closed = await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
    assert.equal(closed.executionInfo?.closeStatus, 'CANCELED');
    await rejectsWith(
      w.c.send(
        new S.RequestCancelWorkflowExecutionCommand({ domain: w.domain, workflowId: 'cancel-1', runId: run.runId }),
      ),
      'UnknownResourceFault',
    );
  });

  test('terminate closes at once with OPERATOR_INITIATED and the same workflowId can start again', async () => {
    const w = await createWorld(h, 'exec');
    const run = await start(w, 'term-1');
    const task = await pollDecision(w);
    await w.c.send(
      new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'term-1', reason: 'r', details: 'd' }),
    );
    const event = await lastEvent(w, run, 'WorkflowExecutionTerminated');
    assert.deepEqual(
      { ...event.workflowExecutionTerminatedEventAttributes },
      { reason: 'r', details: 'd', childPolicy: 'TERMINATE', cause: 'OPERATOR_INITIATED' },
    );
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken!, decisions: [] })),
      'UnknownResourceFault',
    );
    await rejectsWith(
      w.c.send(new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'term-1' })),
      'UnknownResourceFault',
    );
    const again = await start(w, 'term-1');
    assert.notEqual(again.runId, run.runId);
  });
});

describe('visibility', () => {
  let h: Harness;
  let w: World;
  const epoch = new Date(0);
  before(async () => {
    h = await openHarness();
    w = await createWorld(h, 'vis');
    await w.c.send(
      new S.RegisterWorkflowTypeCommand({
        domain: w.domain,
        name: 'other',
        version: '2',
        defaultTaskList: { name: 'other' },
        defaultExecutionStartToCloseTimeout: '60',
        defaultTaskStartToCloseTimeout: '10',
        defaultChildPolicy: 'ABANDON',
      }),
    );
    await start(w, 'v-open-1', { tagList: ['red'] });
    await h.server?.clock.advance(1);
    await start(w, 'v-open-2', { tagList: ['blue'] });
    await h.server?.clock.advance(1);
    await w.c.send(
      new S.StartWorkflowExecutionCommand({
        domain: w.domain,
        workflowId: 'v-other',
        workflowType: { name: 'other', version: '2' },
      }),
    );
    await h.server?.clock.advance(1);
    await start(w, 'v-done');
    await h.server?.clock.advance(1);
    await w.c.send(new S.TerminateWorkflowExecutionCommand({ domain: w.domain, workflowId: 'v-done' }));
    await decide(w, [complete('ok')]); // completes v-open-1, the oldest pending decision task
  });
  after(async () => {
    await h.close();
  });

  const ids = (infos: S.WorkflowExecutionInfo[] | undefined) => (infos ?? []).map((i) => i.execution!.workflowId);

  test('list open runs newest first, reverse oldest first, with each filter', async () => {
    const open = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({ domain: w.domain, startTimeFilter: { oldestDate: epoch } }),
    );
    assert.deepEqual(ids(open.executionInfos), ['v-other', 'v-open-2']);
    const reversed = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        reverseOrder: true,
      }),
    );
    assert.deepEqual(ids(reversed.executionInfos), ['v-open-2', 'v-other']);
    const byType = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        typeFilter: { name: 'other' },
      }),
    );
    assert.deepEqual(ids(byType.executionInfos), ['v-other']);
    const byTag = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        tagFilter: { tag: 'blue' },
      }),
    );
    assert.deepEqual(ids(byTag.executionInfos), ['v-open-2']);
    const byId = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        executionFilter: { workflowId: 'v-other' },
      }),
    );
    assert.deepEqual(ids(byId.executionInfos), ['v-other']);
    const none = await w.c.send(
      new S.ListOpenWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: new Date(Date.now() + 86_400_000 * 365) },
      }),
    );
    assert.deepEqual(ids(none.executionInfos), []);
  });

  test('list closed runs by start or close time and close status, and page them', async () => {
    const closed = await w.c.send(
      new S.ListClosedWorkflowExecutionsCommand({ domain: w.domain, startTimeFilter: { oldestDate: epoch } }),
    );
    assert.deepEqual(ids(closed.executionInfos), ['v-done', 'v-open-1']);
    const byStatus = await w.c.send(
      new S.ListClosedWorkflowExecutionsCommand({
        domain: w.domain,
        closeTimeFilter: { oldestDate: epoch },
        closeStatusFilter: { status: 'TERMINATED' },
      }),
    );
    assert.deepEqual(ids(byStatus.executionInfos), ['v-done']);
    assert.equal(byStatus.executionInfos![0]!.closeStatus, 'TERMINATED');
    const first = await w.c.send(
      new S.ListClosedWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        maximumPageSize: 1,
      }),
    );
    assert.deepEqual(ids(first.executionInfos), ['v-done']);
    const second = await w.c.send(
      new S.ListClosedWorkflowExecutionsCommand({
        domain: w.domain,
        startTimeFilter: { oldestDate: epoch },
        maximumPageSize: 1,
        nextPageToken: first.nextPageToken,
      }),
    );
    assert.deepEqual(ids(second.executionInfos), ['v-open-1']);
    assert.equal(second.nextPageToken, undefined);
  });

  test('counts match the lists', async () => {
    const open = await w.c.send(
      new S.CountOpenWorkflowExecutionsCommand({ domain: w.domain, startTimeFilter: { oldestDate: epoch } }),
    );
    assert.equal(open.count, 2);
    assert.equal(open.truncated, false);
    const closed = await w.c.send(
      new S.CountClosedWorkflowExecutionsCommand({
        domain: w.domain,
        closeTimeFilter: { oldestDate: epoch },
        closeStatusFilter: { status: 'COMPLETED' },
      }),
    );
    assert.equal(closed.count, 1);
  });

  test('two exclusive filters, or both time filters, are a ValidationException', async () => {
    await rejectsWith(
      w.c.send(
        new S.ListOpenWorkflowExecutionsCommand({
          domain: w.domain,
          startTimeFilter: { oldestDate: epoch },
          typeFilter: { name: 'wf' },
          tagFilter: { tag: 'x' },
        }),
      ),
      'ValidationException',
    );
    await rejectsWith(
      w.c.send(
        new S.ListClosedWorkflowExecutionsCommand({
          domain: w.domain,
          startTimeFilter: { oldestDate: epoch },
          closeTimeFilter: { oldestDate: epoch },
        }),
      ),
      'ValidationException',
    );
    await rejectsWith(
      w.c.send(new S.CountClosedWorkflowExecutionsCommand({ domain: w.domain })),
      'ValidationException',
    );
    await rejectsWith(
      w.c.send(
        new S.CountOpenWorkflowExecutionsCommand({
          domain: h.domainName('nope'),
          startTimeFilter: { oldestDate: epoch },
        }),
      ),
      'UnknownResourceFault',
    );
  });
});
