// Conformance: long polling, one task per poller, decision-task history pages, tokens (SWF_SPEC 8.2, 12, 13).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import {
  createWorld,
  decide,
  history,
  pollActivity,
  pollDecision,
  rejectsWith,
  scheduleActivity,
  start,
} from './fixtures.ts';

const settledWithin = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe('long polling', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness({ longPollMs: 20_000 });
  });
  after(async () => {
    await h.close();
  });

  test('a waiting decision poll returns the task as soon as a run starts', async () => {
    const w = await createWorld(h, 'wake');
    const poll = pollDecision(w);
    assert.equal(await settledWithin(poll, 100), false, 'the poll waits while the list is empty');
    const run = await start(w, 'r');
    const task = await poll;
    assert.deepEqual(task.workflowExecution, run);
    assert.equal(task.startedEventId, 3);
  });

  test('each task goes to exactly one of many concurrent pollers', async () => {
    const w = await createWorld(h, 'fanout');
    const run = await start(w, 'r');
    const pollers = Array.from({ length: 8 }, () => pollActivity(w));
    await decide(
      w,
      [0, 1, 2, 3, 4].map((i) => scheduleActivity(`a${i}`)),
    );
    const tasks: S.ActivityTask[] = [];
    // five pollers get a task; the other three are still waiting until tasks are scheduled for them
    await new Promise((resolve) => setTimeout(resolve, 200));
    await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 'more' }));
    await decide(
      w,
      [5, 6, 7].map((i) => scheduleActivity(`a${i}`)),
    );
    for (const task of await Promise.all(pollers)) tasks.push(task);
    const ids = tasks.map((t) => t.activityId).sort();
    assert.deepEqual(ids, ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    const started = (await history(w, run)).filter((e) => e.eventType === 'ActivityTaskStarted');
    assert.equal(started.length, 8);
  });

  test('a poller that disconnected does not swallow the task (TCP)', async () => {
    const w = await createWorld(h, 'gone');
    const run = await start(w, 'r');
    const url = new URL(h.endpoint);
    const dropped = request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'SimpleWorkflowService.PollForActivityTask',
      },
    });
    dropped.on('error', () => {});
    dropped.end(JSON.stringify({ domain: w.domain, taskList: { name: w.activityList } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    dropped.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await decide(w, [scheduleActivity('only')]);
    const task = await pollActivity(w);
    assert.equal(task.activityId, 'only');
    const started = (await history(w, run)).filter((e) => e.eventType === 'ActivityTaskStarted');
    assert.equal(started.length, 1);
  });

  test('a poller aborted through the SDK does not swallow the task (in-process transport)', async (t) => {
    if (!h.server) return t.skip('needs the in-process transport');
    const client = new S.SWFClient({
      endpoint: h.server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: h.server.requestHandler,
      maxAttempts: 1,
    });
    try {
      const w = { ...(await createWorld(h, 'abort')), c: client };
      const run = await start(w, 'r');
      const controller = new AbortController();
      const aborted = client.send(
        new S.PollForActivityTaskCommand({ domain: w.domain, taskList: { name: w.activityList } }),
        { abortSignal: controller.signal },
      );
      aborted.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      await aborted.catch(() => {});
      await decide(w, [scheduleActivity('kept')]);
      const task = await pollActivity(w);
      assert.equal(task.activityId, 'kept');
      assert.equal((await history(w, run)).filter((e) => e.eventType === 'ActivityTaskStarted').length, 1);
    } finally {
      client.destroy();
    }
  });
});

describe('polling', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  test('activity tasks are handed out most urgent first, then in the order they were scheduled', async () => {
    const w = await createWorld(h, 'urgency');
    await start(w, 'r');
    await decide(w, [
      scheduleActivity('low-1', { taskPriority: '-5' }),
      scheduleActivity('normal-1'),
      scheduleActivity('high-1', { taskPriority: '10' }),
      scheduleActivity('normal-2'),
      scheduleActivity('high-2', { taskPriority: '10' }),
    ]);
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) order.push((await pollActivity(w)).activityId);
    assert.deepEqual(order, ['high-1', 'high-2', 'normal-1', 'normal-2', 'low-1']);
  });

  test('empty polls answer without a taskToken after the wait', async () => {
    const w = await createWorld(h, 'empty');
    const d = await pollDecision(w);
    assert.equal(d.taskToken, undefined);
    assert.equal(d.startedEventId, 0);
    assert.equal(d.previousStartedEventId ?? 0, 0);
    const a = await pollActivity(w);
    assert.equal(a.taskToken, undefined);
    assert.equal(a.startedEventId, 0);
  });

  test('decision task history comes in pages of the same task, forwards and reversed', async () => {
    const w = await createWorld(h, 'pages');
    const run = await start(w, 'r');
    for (let i = 0; i < 6; i++)
      await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: `s${i}` }));
    const first = await pollDecision(w, w.decisionList, { maximumPageSize: 4 });
    assert.equal(first.events!.length, 4);
    assert.ok(first.nextPageToken);
    const all = [...first.events!];
    let token: string | undefined = first.nextPageToken;
    while (token) {
      const page = await pollDecision(w, w.decisionList, { maximumPageSize: 4, nextPageToken: token });
      assert.equal(page.taskToken, first.taskToken);
      assert.equal(page.startedEventId, first.startedEventId);
      all.push(...page.events!);
      token = page.nextPageToken;
    }
    assert.deepEqual(
      all.map((e) => e.eventId),
      Array.from({ length: first.startedEventId! }, (_, i) => i + 1),
    );
    assert.equal(all.at(-1)!.eventType, 'DecisionTaskStarted');
    assert.equal(
      (await history(w, run)).filter((e) => e.eventType === 'DecisionTaskStarted').length,
      1,
      'paging starts no other task',
    );
    const paginated: S.HistoryEvent[] = [];
    for await (const page of S.paginatePollForDecisionTask(
      { client: w.c, pageSize: 3 },
      { domain: w.domain, taskList: { name: w.decisionList } },
    )) {
      paginated.push(...(page.events ?? []));
      if (!page.taskToken) break;
    }
    await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: first.taskToken!, decisions: [] }));
    await w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: 'again' }));
    const reversed = await pollDecision(w, w.decisionList, { reverseOrder: true });
    assert.equal(reversed.events![0]!.eventType, 'DecisionTaskStarted');
    assert.equal(reversed.events![0]!.eventId, reversed.startedEventId);
    assert.equal(reversed.previousStartedEventId, first.startedEventId);
  });

  test('counts of pending tasks are scheduled-but-not-started tasks of the list', async () => {
    const w = await createWorld(h, 'counts');
    await start(w, 'r1');
    await start(w, 'r2');
    let count = await w.c.send(
      new S.CountPendingDecisionTasksCommand({ domain: w.domain, taskList: { name: w.decisionList } }),
    );
    assert.deepEqual([count.count, count.truncated], [2, false]);
    await decide(w, [scheduleActivity('a'), scheduleActivity('b')]);
    count = await w.c.send(
      new S.CountPendingDecisionTasksCommand({ domain: w.domain, taskList: { name: w.decisionList } }),
    );
    assert.equal(count.count, 1);
    const acts = await w.c.send(
      new S.CountPendingActivityTasksCommand({ domain: w.domain, taskList: { name: w.activityList } }),
    );
    assert.equal(acts.count, 2);
    const unused = await w.c.send(
      new S.CountPendingActivityTasksCommand({ domain: w.domain, taskList: { name: 'never-used' } }),
    );
    assert.equal(unused.count, 0);
  });

  test('task tokens: forged is ValidationException, wrong kind or reused is UnknownResourceFault', async () => {
    const w = await createWorld(h, 'tokens');
    await start(w, 'r');
    const decision = await pollDecision(w);
    await rejectsWith(
      w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: decision.taskToken! })),
      'UnknownResourceFault',
    );
    const forged = `${decision.taskToken!.slice(0, -2)}xx`;
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: forged })),
      'ValidationException',
    );
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: 'not-a-token' })),
      'ValidationException',
    );
    await w.c.send(
      new S.RespondDecisionTaskCompletedCommand({ taskToken: decision.taskToken!, decisions: [scheduleActivity('a')] }),
    );
    const activity = await pollActivity(w);
    await rejectsWith(
      w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: activity.taskToken! })),
      'UnknownResourceFault',
    );
    await w.c.send(
      new S.RespondActivityTaskFailedCommand({ taskToken: activity.taskToken!, reason: 'r', details: 'd' }),
    );
    await rejectsWith(
      w.c.send(new S.RecordActivityTaskHeartbeatCommand({ taskToken: activity.taskToken! })),
      'UnknownResourceFault',
    );
    await rejectsWith(
      w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: activity.taskToken! })),
      'UnknownResourceFault',
    );
  });
});

test('closing the server answers waiting polls at once and refuses later calls', async (t) => {
  const h = await openHarness({ longPollMs: 30_000 });
  if (!h.server) {
    await h.close();
    return t.skip('needs the local server');
  }
  const client = new S.SWFClient({
    endpoint: h.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: h.server.requestHandler,
    maxAttempts: 1,
  });
  try {
    const w = { ...(await createWorld(h, 'close')), c: client };
    const waiting = pollActivity(w);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.server.close();
    assert.equal((await waiting).taskToken, undefined);
    await rejectsWith(pollActivity(w), 'ServiceUnavailableException', /shut down/);
  } finally {
    client.destroy();
    await h.close();
  }
});
