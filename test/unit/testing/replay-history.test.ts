import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workflow, ActivityProxy, NonDeterminismError } from '../../../src/core/index.ts';
import type { HistoryEvent } from '../../../src/core/engine.ts';
import { workflow } from '../../../src/definitions/index.ts';
import { replayHistory } from '../../../src/testing/index.ts';

@workflow({ name: 'Greet', version: '1' })
class Greet extends Workflow<{ name: string }, string> {
  hello = ActivityProxy<{ name: string }, string>({ name: 'hello', version: '1' });
  async run(input: { name: string }): Promise<string> {
    return await this.hello(input);
  }
}

// the same workflow type, changed incompatibly: another activity first
@workflow({ name: 'Greet', version: '1' })
class GreetChanged extends Workflow<{ name: string }, string> {
  wave = ActivityProxy<{ name: string }, string>({ name: 'wave', version: '1' });
  hello = ActivityProxy<{ name: string }, string>({ name: 'hello', version: '1' });
  async run(input: { name: string }): Promise<string> {
    await this.wave(input);
    return await this.hello(input);
  }
}

// the same type, changed incompatibly later on: sleeps before completing
@workflow({ name: 'Greet', version: '1' })
class GreetThenSleep extends Workflow<{ name: string }, string> {
  hello = ActivityProxy<{ name: string }, string>({ name: 'hello', version: '1' });
  async run(input: { name: string }): Promise<string> {
    const greeting = await this.hello(input);
    await this.sleep(60);
    return greeting;
  }
}

@workflow({ name: 'Other', version: '1' })
class Other extends Workflow<unknown, void> {
  async run(): Promise<void> {}
}

const T0 = Date.parse('2026-04-01T08:00:00Z');
function greetHistory(stamp: (ms: number) => Date | string | number = (ms) => new Date(ms)): HistoryEvent[] {
  const rows: [string, Record<string, unknown>][] = [
    [
      'WorkflowExecutionStarted',
      {
        workflowType: { name: 'Greet', version: '1' },
        taskList: { name: 'default' },
        childPolicy: 'TERMINATE',
        input: '{"name":"ann"}',
      },
    ],
    ['DecisionTaskScheduled', { taskList: { name: 'default' } }],
    ['DecisionTaskStarted', { scheduledEventId: 2 }],
    ['DecisionTaskCompleted', { scheduledEventId: 2, startedEventId: 3 }],
    [
      'ActivityTaskScheduled',
      {
        activityId: 'hello-1',
        activityType: { name: 'hello', version: '1' },
        taskList: { name: 'default' },
        input: '{"name":"ann"}',
        decisionTaskCompletedEventId: 4,
      },
    ],
    ['ActivityTaskStarted', { scheduledEventId: 5 }],
    ['ActivityTaskCompleted', { scheduledEventId: 5, startedEventId: 6, result: '"hi ann"' }],
    ['DecisionTaskScheduled', { taskList: { name: 'default' } }],
    ['DecisionTaskStarted', { scheduledEventId: 8 }],
    ['DecisionTaskCompleted', { scheduledEventId: 8, startedEventId: 9 }],
    ['WorkflowExecutionCompleted', { result: '"hi ann"', decisionTaskCompletedEventId: 10 }],
  ];
  return rows.map(([eventType, attributes], i) => ({
    eventId: i + 1,
    eventType,
    eventTimestamp: stamp(T0 + i * 1000),
    [`${eventType[0]!.toLowerCase()}${eventType.slice(1)}EventAttributes`]: attributes,
  })) as HistoryEvent[];
}

describe('replayHistory', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowy-replay-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("replays a history that today's code still matches and reports what it checked", async () => {
    const report = await replayHistory(greetHistory(), Greet);
    assert.deepEqual(report, { decisionTasks: 2, events: 11, status: 'completed' });
  });

  test('reads a file holding a plain array (flowy history --json) or the raw { events } output', async () => {
    const arrayFile = join(dir, 'array.json');
    const rawFile = join(dir, 'raw.json');
    await writeFile(arrayFile, JSON.stringify(greetHistory((ms) => new Date(ms).toISOString())));
    await writeFile(
      rawFile,
      JSON.stringify({ events: greetHistory((ms) => ms / 1000).reverse(), nextPageToken: undefined }),
    );
    assert.equal((await replayHistory(arrayFile, Greet)).status, 'completed');
    assert.equal((await replayHistory(rawFile, Greet)).status, 'completed');
    assert.equal((await replayHistory({ events: greetHistory() }, Greet)).decisionTasks, 2);
  });

  test('throws a NonDeterminismError naming the task, both decision lists and the first difference', async () => {
    const error = await replayHistory(greetHistory(), GreetChanged).then(
      () => assert.fail('expected a NonDeterminismError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NonDeterminismError);
    assert.equal(error.name, 'NonDeterminismError');
    assert.equal(error.eventId, 5);
    assert.equal(error.recorded, 'ActivityTaskScheduled for ScheduleActivityTask hello@1 (id hello-1)');
    assert.equal(error.actual, 'ScheduleActivityTask wave@1 (id wave-1)');
    assert.match(
      error.message,
      /^History the given events of Greet@1 does not replay with today's code of GreetChanged\.$/m,
    );
    assert.match(
      error.message,
      /^Decision task 1 \(DecisionTaskCompleted event 4\) recorded:\n {2}ScheduleActivityTask hello@1 \(id hello-1\) {2}\[event 5 ActivityTaskScheduled\]\nToday's code decides:\n {2}ScheduleActivityTask wave@1 \(id wave-1\)$/m,
    );
    assert.match(error.message, /guard the change with this\.patched\(id\)/);
  });

  test('finds a difference in a later decision task and names the file', async () => {
    const file = join(dir, 'greet.json');
    await writeFile(file, JSON.stringify(greetHistory()));
    await assert.rejects(replayHistory(file, GreetThenSleep), (error: unknown) => {
      assert.ok(error instanceof NonDeterminismError);
      assert.equal(error.eventId, 11);
      assert.match(error.message, new RegExp(`^History "${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" of Greet@1`));
      assert.match(
        error.message,
        /Decision task 2 \(DecisionTaskCompleted event 10\) recorded:\n {2}CompleteWorkflowExecution {2}\[event 11 WorkflowExecutionCompleted\]\nToday's code decides:\n {2}StartTimer \(id timer-\d+\)/,
      );
      return true;
    });
  });

  test('a long history checked in one pass still explains the task that differs', async () => {
    assert.equal((await replayHistory(greetHistory(), Greet, { everyTaskLimit: 0 })).status, 'completed');
    await assert.rejects(replayHistory(greetHistory(), GreetThenSleep, { everyTaskLimit: 0 }), (error: unknown) => {
      assert.ok(error instanceof NonDeterminismError);
      assert.match(
        error.message,
        /Decision task 2 \(DecisionTaskCompleted event 10\) recorded:\n {2}CompleteWorkflowExecution/,
      );
      return true;
    });
  });

  test('refuses a history of another workflow type, naming both', async () => {
    await assert.rejects(
      replayHistory(greetHistory(), Other),
      /History the given events is a run of workflow "Greet@1", not of "Other" \(class Other\)/,
    );
  });

  test('refuses what is not a history with the expected shape', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ executionInfo: {} }));
    await assert.rejects(
      replayHistory(file, Greet),
      /History ".*bad\.json" is not a history: expected an array of events or \{ events: \[\.\.\.\] \}/,
    );
    await assert.rejects(
      replayHistory(join(dir, 'missing.json'), Greet),
      /Cannot read history file ".*missing\.json" \(ENOENT\)/,
    );
    await assert.rejects(replayHistory(greetHistory().slice(2), Greet), /does not begin with WorkflowExecutionStarted/);
  });
});
