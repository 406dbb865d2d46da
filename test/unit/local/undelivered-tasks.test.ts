// Unit: a task whose poll answer never reached its poller goes back to its list (engine.releaseUndelivered).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../src/local/store/store.ts';
import { ManualClock } from '../../../src/local/clock.ts';
import { SwfEngine } from '../../../src/local/engine.ts';
import type { TaskTokenClaims } from '../../../src/local/tokens.ts';
import { silentLogger } from '../../../src/common/index.ts';

type Out = Record<string, any>;
const T0 = Date.UTC(2026, 0, 1);

function setup(): { engine: SwfEngine; clock: ManualClock; runId: string; close(): void } {
  const store = new Store({ path: ':memory:' });
  const clock = new ManualClock(T0);
  const engine = new SwfEngine(store, clock, { accountId: '1', region: 'r' }, 10, silentLogger);
  engine.run('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
  engine.run('RegisterWorkflowType', {
    domain: 'd',
    name: 'wf',
    version: '1',
    defaultTaskList: { name: 'dl' },
    defaultExecutionStartToCloseTimeout: '1000',
    defaultTaskStartToCloseTimeout: '100',
    defaultChildPolicy: 'TERMINATE',
  });
  engine.run('RegisterActivityType', {
    domain: 'd',
    name: 'act',
    version: '1',
    defaultTaskList: { name: 'al' },
    defaultTaskScheduleToStartTimeout: '10',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskStartToCloseTimeout: '100',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
  const { runId } = engine.run('StartWorkflowExecution', {
    domain: 'd',
    workflowId: 'w',
    workflowType: { name: 'wf', version: '1' },
  }) as Out;
  return {
    engine,
    clock,
    runId,
    close: () => {
      engine.close();
      store.close();
    },
  };
}

/** Gives a task back the way the transports do, and waits for the engine's next turn that applies it. */
async function giveBack(engine: SwfEngine, claims: TaskTokenClaims): Promise<void> {
  engine.releaseUndelivered(claims);
  await new Promise((resolve) => setImmediate(resolve));
}

/** The events of an answer: the engine hands them on as the JSON text of the wire array. */
const eventsOf = (answer: Out): Out[] => JSON.parse(answer.events.text) as Out[];
const historyOf = (engine: SwfEngine, runId: string) =>
  eventsOf(engine.run('GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'w', runId } }) as Out);
const types = (engine: SwfEngine, runId: string) => historyOf(engine, runId).map((e) => e.eventType);
const pollDecision = (engine: SwfEngine) =>
  engine.run('PollForDecisionTask', { domain: 'd', taskList: { name: 'dl' } }) as Out | undefined;
const pollActivity = (engine: SwfEngine) =>
  engine.run('PollForActivityTask', { domain: 'd', taskList: { name: 'al' } }) as Out | undefined;

function scheduleActivity(engine: SwfEngine): void {
  const task = pollDecision(engine)!;
  engine.run('RespondDecisionTaskCompleted', {
    taskToken: engine.signTaskToken(task.taskClaims),
    decisions: [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId: 'a' },
      },
    ],
  });
}

test('an undelivered decision task is unstarted without a trace and delivered to the next poll', async () => {
  const { engine, runId, close } = setup();
  const lost = pollDecision(engine)!;
  await giveBack(engine, lost.taskClaims);
  assert.deepEqual(types(engine, runId), ['WorkflowExecutionStarted', 'DecisionTaskScheduled']);
  const again = pollDecision(engine)!;
  assert.deepEqual(
    [again.startedEventId, eventsOf(again).at(-1)!.decisionTaskStartedEventAttributes.scheduledEventId],
    [3, 2],
  );
  engine.run('RespondDecisionTaskCompleted', { taskToken: engine.signTaskToken(again.taskClaims), decisions: [] });
  await giveBack(engine, again.taskClaims); // already completed: nothing happens
  assert.deepEqual(types(engine, runId), [
    'WorkflowExecutionStarted',
    'DecisionTaskScheduled',
    'DecisionTaskStarted',
    'DecisionTaskCompleted',
  ]);
  close();
});

test('an undelivered activity task is scheduled again and keeps its schedule-to-start deadline', async () => {
  const { engine, clock, runId, close } = setup();
  scheduleActivity(engine);
  const lost = pollActivity(engine)!;
  await giveBack(engine, lost.taskClaims);
  assert.equal(types(engine, runId).at(-1), 'ActivityTaskScheduled');
  const again = pollActivity(engine)!;
  assert.deepEqual([again.activityId, again.startedEventId], ['a', lost.startedEventId]);
  await giveBack(engine, again.taskClaims);
  engine.advanceTo(T0 + 10_000, (ms) => clock.set(ms));
  const history = historyOf(engine, runId);
  const timedOut = history.find((e) => e.eventType === 'ActivityTaskTimedOut')!;
  assert.deepEqual(
    [timedOut.activityTaskTimedOutEventAttributes.timeoutType, Math.round(timedOut.eventTimestamp * 1000) - T0],
    ['SCHEDULE_TO_START', 10_000],
  );
  close();
});

test('once later events follow the start, an undelivered task times out at once instead', async () => {
  const { engine, runId, close } = setup();
  const lostDecision = pollDecision(engine)!;
  engine.run('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 's' });
  await giveBack(engine, lostDecision.taskClaims);
  assert.deepEqual(types(engine, runId).slice(2), [
    'DecisionTaskStarted',
    'WorkflowExecutionSignaled',
    'DecisionTaskScheduled',
    'DecisionTaskTimedOut',
  ]);
  scheduleActivity(engine);
  const lostActivity = pollActivity(engine)!;
  engine.run('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 's' });
  await giveBack(engine, lostActivity.taskClaims);
  const history = historyOf(engine, runId);
  assert.equal(
    history.find((e) => e.eventType === 'ActivityTaskTimedOut')?.activityTaskTimedOutEventAttributes.timeoutType,
    'START_TO_CLOSE',
  );
  assert.equal(pollActivity(engine), undefined);
  close();
});

test('several undelivered starts of one run given back together are all undone, latest first', async () => {
  const { engine, runId, close } = setup();
  const task = pollDecision(engine)!;
  engine.run('RespondDecisionTaskCompleted', {
    taskToken: engine.signTaskToken(task.taskClaims),
    decisions: ['a', 'b'].map((activityId) => ({
      decisionType: 'ScheduleActivityTask',
      scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId },
    })),
  });
  const first = pollActivity(engine)!;
  const second = pollActivity(engine)!;
  engine.releaseUndelivered(first.taskClaims);
  engine.releaseUndelivered(second.taskClaims);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(types(engine, runId).slice(-2), ['ActivityTaskScheduled', 'ActivityTaskScheduled']);
  assert.deepEqual([pollActivity(engine)?.activityId, pollActivity(engine)?.activityId], ['a', 'b']);
  close();
});
