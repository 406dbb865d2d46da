// Unit: the state machine behind the protocol, on an in-memory or file store and a manual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../src/local/store/store.ts';
import { ManualClock } from '../../../src/local/clock.ts';
import { SwfEngine } from '../../../src/local/engine.ts';
import { createLogger, silentLogger } from '../../../src/common/index.ts';
import type { Logger } from '../../../src/common/index.ts';

type Out = Record<string, any>;
const T0 = Date.UTC(2026, 0, 1);

function engineOn(
  path: string,
  clock = new ManualClock(T0),
  logger: Logger = silentLogger,
): { engine: SwfEngine; clock: ManualClock; store: Store } {
  const store = new Store({ path });
  return { engine: new SwfEngine(store, clock, { accountId: '1', region: 'r' }, 10, logger), clock, store };
}

function world(engine: SwfEngine): void {
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
    defaultTaskScheduleToStartTimeout: 'NONE',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskStartToCloseTimeout: '100',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
}

/** The events of an answer: the engine hands them on as the JSON text of the wire array. */
const eventsOf = (answer: Out): Out[] => JSON.parse(answer.events.text) as Out[];
const history = (engine: SwfEngine, runId: string) =>
  eventsOf(engine.run('GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'w', runId } }) as Out);
const pollDecision = (engine: SwfEngine) =>
  engine.run('PollForDecisionTask', { domain: 'd', taskList: { name: 'dl' } }) as Out | undefined;

test('at most one scheduled and one started decision task; the waiting one is delivered without a new event', () => {
  const { engine, store } = engineOn(':memory:');
  world(engine);
  const { runId } = engine.run('StartWorkflowExecution', {
    domain: 'd',
    workflowId: 'w',
    workflowType: { name: 'wf', version: '1' },
  }) as Out;
  const task = pollDecision(engine)!;
  engine.run('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 'a' });
  engine.run('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 'b' });
  assert.deepEqual(
    history(engine, runId).map((e) => e.eventType),
    [
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'WorkflowExecutionSignaled',
      'DecisionTaskScheduled',
      'WorkflowExecutionSignaled',
    ],
  );
  assert.equal(pollDecision(engine), undefined, 'not deliverable while another task of the run is started');
  engine.run('RespondDecisionTaskCompleted', { taskToken: engine.signTaskToken(task.taskClaims), decisions: [] });
  const next = pollDecision(engine)!;
  assert.equal(eventsOf(next).at(-1)!.decisionTaskStartedEventAttributes.scheduledEventId, 5);
  assert.equal(next.previousStartedEventId, 3);
  store.close();
});

test('due deadlines fire in due order, each event stamped with its own deadline', () => {
  const { engine, clock, store } = engineOn(':memory:');
  world(engine);
  const { runId } = engine.run('StartWorkflowExecution', {
    domain: 'd',
    workflowId: 'w',
    workflowType: { name: 'wf', version: '1' },
  }) as Out;
  const task = pollDecision(engine)!;
  engine.run('RespondDecisionTaskCompleted', {
    taskToken: engine.signTaskToken(task.taskClaims),
    decisions: [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'late', startToFireTimeout: '30' } },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'early', startToFireTimeout: '10' } },
    ],
  });
  engine.advanceTo(T0 + 60_000, (ms) => clock.set(ms));
  const fired = history(engine, runId).filter((e) => e.eventType === 'TimerFired');
  assert.deepEqual(
    fired.map((e) => [e.timerFiredEventAttributes.timerId, Math.round(e.eventTimestamp * 1000) - T0]),
    [
      ['early', 10_000],
      ['late', 30_000],
    ],
  );
  assert.equal(clock.nowMs(), T0 + 60_000);
  store.close();
});

test('reopening the database file resumes open runs, pending tasks and timers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowy-state-'));
  try {
    const path = join(dir, 'swf.db');
    const first = engineOn(path);
    world(first.engine);
    const { runId } = first.engine.run('StartWorkflowExecution', {
      domain: 'd',
      workflowId: 'w',
      workflowType: { name: 'wf', version: '1' },
    }) as Out;
    const task = pollDecision(first.engine)!;
    first.engine.run('RespondDecisionTaskCompleted', {
      taskToken: first.engine.signTaskToken(task.taskClaims),
      decisions: [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId: 'a' },
        },
        { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '5' } },
      ],
    });
    first.engine.close();
    first.store.close();

    const second = engineOn(path, new ManualClock(T0 + 1000));
    const activity = second.engine.run('PollForActivityTask', { domain: 'd', taskList: { name: 'al' } }) as Out;
    assert.equal(activity.activityId, 'a');
    second.engine.advanceTo(T0 + 5_000, (ms) => second.clock.set(ms));
    second.engine.run('RespondActivityTaskCompleted', {
      taskToken: second.engine.signTaskToken(activity.taskClaims),
      result: 'r',
    });
    const types = history(second.engine, runId).map((e) => e.eventType);
    assert.deepEqual(types.slice(4), [
      'ActivityTaskScheduled',
      'TimerStarted',
      'ActivityTaskStarted',
      'TimerFired',
      'DecisionTaskScheduled',
      'ActivityTaskCompleted',
    ]);
    second.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run whose history reaches 25 000 events is terminated with EVENT_LIMIT_EXCEEDED', () => {
  const { engine, store } = engineOn(':memory:');
  world(engine);
  const { runId } = engine.run('StartWorkflowExecution', {
    domain: 'd',
    workflowId: 'w',
    workflowType: { name: 'wf', version: '1' },
  }) as Out;
  for (let i = 3; i <= 25_000; i++)
    engine.run('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 's' });
  const d = engine.run('DescribeWorkflowExecution', { domain: 'd', execution: { workflowId: 'w', runId } }) as Out;
  assert.equal(d.executionInfo.closeStatus, 'TERMINATED');
  const last = eventsOf(
    engine.run('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution: { workflowId: 'w', runId },
      reverseOrder: true,
      maximumPageSize: 1,
    }) as Out,
  )[0]!;
  assert.equal(last.workflowExecutionTerminatedEventAttributes.cause, 'EVENT_LIMIT_EXCEEDED');
  assert.equal(last.eventId, 25_001);
  store.close();
});

test('an operation that throws leaves no trace (one transaction per call)', () => {
  const { engine, store } = engineOn(':memory:');
  world(engine);
  engine.run('StartWorkflowExecution', { domain: 'd', workflowId: 'w', workflowType: { name: 'wf', version: '1' } });
  const task = pollDecision(engine)!;
  const before = JSON.stringify(store.db.prepare('SELECT * FROM events ORDER BY run_id, event_id').all());
  assert.throws(() =>
    engine.run('RespondDecisionTaskCompleted', {
      taskToken: engine.signTaskToken(task.taskClaims),
      decisions: [{ decisionType: 'NoSuchDecision' }],
    }),
  );
  assert.equal(JSON.stringify(store.db.prepare('SELECT * FROM events ORDER BY run_id, event_id').all()), before);
  store.close();
});

test('a deadline that cannot fire is put off without holding back the others', (t) => {
  const logger = createLogger({ level: 'silent' });
  const errors = t.mock.method(logger, 'error');
  const { engine, clock, store } = engineOn(':memory:', new ManualClock(T0), logger);
  world(engine);
  const runs = ['w', 'x'].map(
    (workflowId) =>
      (
        engine.run('StartWorkflowExecution', {
          domain: 'd',
          workflowId,
          workflowType: { name: 'wf', version: '1' },
        }) as Out
      ).runId as string,
  );
  for (let i = 0; i < 2; i++) {
    const task = pollDecision(engine)!;
    engine.run('RespondDecisionTaskCompleted', {
      taskToken: engine.signTaskToken(task.taskClaims),
      decisions: [
        { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '5' } },
      ],
    });
  }
  store.db.prepare('UPDATE runs SET config = ? WHERE run_id = ?').run('not json', runs[0]);
  engine.advanceTo(T0 + 10_000, (ms) => clock.set(ms));
  const fired = eventsOf(
    engine.run('GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'x', runId: runs[1] } }) as Out,
  );
  assert.ok(fired.some((e) => e.eventType === 'TimerFired'));
  const kept = store.db.prepare("SELECT due_ms FROM deadlines WHERE run_id = ? AND kind = 'timer'").get(runs[0]) as {
    due_ms: number;
  };
  assert.ok(kept.due_ms > T0 + 10_000, 'the failing deadline is kept, later');
  assert.equal(errors.mock.callCount(), 1);
  store.close();
});
