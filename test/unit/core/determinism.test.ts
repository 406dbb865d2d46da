import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

const Log = { name: 'Log', version: '1' };

/** Logs what the clock and the random sources say, before and after a timer. */
class Clocks extends Workflow<void, void> {
  log = ActivityProxy(Log);
  async run() {
    await this.log({
      now: this.now().toISOString(),
      date: new Date().toISOString(),
      dateNow: Date.now(),
      typeofDate: typeof Date(),
    });
    await this.sleep(60);
    await this.log({ now: this.now().toISOString(), date: new Date().toISOString() });
  }
}

class Randoms extends Workflow<void, void> {
  log = ActivityProxy(Log);
  async run() {
    await this.log({ random: this.random(), uuid: this.uuid(), math: Math.random() });
  }
}

class SideEffects extends Workflow<void, void> {
  log = ActivityProxy(Log);
  calls = 0;
  async run() {
    const value = await this.sideEffect(() => ++globalCalls);
    await this.log(value);
  }
}
let globalCalls = 0;

/** v1 logged "a" only; v2 (patched) also logs "b" before "a". */
class Patched extends Workflow<void, void> {
  log = ActivityProxy(Log);
  async run() {
    if (this.patched('log-b')) await this.log('b');
    await this.log('a');
    await this.sleep(1);
    if (this.patched('log-b')) await this.log('b again');
  }
}

const begin = () => new HistoryBuilder().started().decisionStarted();
const inputOf = (decisions: Awaited<ReturnType<typeof decide>>['decisions'], i = 0) =>
  JSON.parse(decisions[i]!.scheduleActivityTaskDecisionAttributes!.input!);

describe('deterministic time, randomness and side effects', () => {
  test('now(), new Date() and Date.now() are the time of the decision task being replayed', async () => {
    const h = begin();
    const startedAt = h.events.at(-1)!.eventTimestamp as Date;
    const first = await decide(h.events, Clocks);
    assert.deepEqual(inputOf(first.decisions), {
      now: startedAt.toISOString(),
      date: startedAt.toISOString(),
      dateNow: startedAt.getTime(),
      typeofDate: 'string',
    });

    h.decisionCompleted().scheduled('Log-1', inputOf(first.decisions)).activityCompleted('Log-1').decisionTask();
    h.decisionCompleted().timerStarted('timer-1', 60).advance(60).timerFired('timer-1').decisionTask();
    const laterAt = h.events.at(-1)!.eventTimestamp as Date;
    const second = await decide(h.events, Clocks);
    assert.deepEqual(inputOf(second.decisions), { now: laterAt.toISOString(), date: laterAt.toISOString() });
  });

  test('outside workflow code Date and Math.random are the originals', () => {
    const before = Date.now();
    assert.ok(Math.abs(new Date().getTime() - before) < 5_000);
    assert.ok(new Date(0) instanceof Date);
    assert.equal(new Date(0).getTime(), 0);
    const r = Math.random();
    assert.ok(r >= 0 && r < 1);
  });

  test('random(), uuid() and Math.random() repeat on replay and differ between runs', async () => {
    const h = begin();
    const one = inputOf(
      (await decide(h.events, Randoms, { execution: { workflowId: 'w', runId: 'run-1' } })).decisions,
    );
    const again = inputOf(
      (await decide(h.events, Randoms, { execution: { workflowId: 'w', runId: 'run-1' } })).decisions,
    );
    const other = inputOf(
      (await decide(h.events, Randoms, { execution: { workflowId: 'w', runId: 'run-2' } })).decisions,
    );
    assert.deepEqual(again, one);
    assert.notDeepEqual(other, one);
    assert.match(one.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('sideEffect() runs once and records a marker; replays use the recorded value', async () => {
    globalCalls = 41;
    const first = await decide(begin().events, SideEffects);
    assert.deepEqual(summarize(first.decisions), ['RecordMarker side-effect-1 42', 'ScheduleActivityTask Log-1 42']);
    globalCalls = 100;
    const h = begin()
      .decisionCompleted()
      .markerRecorded('side-effect-1', 42)
      .scheduled('Log-1', 42)
      .activityCompleted('Log-1')
      .decisionTask();
    const replayed = await decide(h.events, SideEffects);
    assert.deepEqual(summarize(replayed.decisions), ['CompleteWorkflowExecution']);
    assert.equal(globalCalls, 100, 'the side effect did not run again');
  });

  test('patched() is true in new executions and records a marker once', async () => {
    const first = await decide(begin().events, Patched);
    assert.deepEqual(summarize(first.decisions), ['RecordMarker patch--log-b', 'ScheduleActivityTask Log-1 "b"']);
  });

  test('patched() replays as true where the marker was recorded, and is remembered later', async () => {
    const h = begin()
      .decisionCompleted()
      .markerRecorded('patch--log-b')
      .scheduled('Log-1', 'b')
      .activityCompleted('Log-1')
      .decisionTask()
      .decisionCompleted()
      .scheduled('Log-2', 'a')
      .activityCompleted('Log-2')
      .decisionTask()
      .decisionCompleted()
      .timerStarted('timer-1', 1)
      .timerFired('timer-1')
      .decisionTask();
    const result = await decide(h.events, Patched);
    assert.deepEqual(summarize(result.decisions), ['ScheduleActivityTask Log-3 "b again"']);
  });

  test('patched() is false when replaying a history recorded before the change, and stays false', async () => {
    const h = begin()
      .decisionCompleted()
      .scheduled('Log-1', 'a')
      .activityCompleted('Log-1')
      .decisionTask()
      .decisionCompleted()
      .timerStarted('timer-1', 1)
      .timerFired('timer-1')
      .decisionTask();
    const result = await decide(h.events, Patched);
    assert.deepEqual(summarize(result.decisions), ['CompleteWorkflowExecution']);
  });
});

describe('retiring a patch', () => {
  /** Patched, after the check was removed: the new path only. */
  class PatchRetired extends Workflow<void, void> {
    log = ActivityProxy(Log);
    async run() {
      await this.log('b');
      await this.log('a');
      await this.sleep(1);
      await this.log('b again');
    }
  }

  test('histories recorded with the patch marker replay once the patched() check is removed', async () => {
    const h = begin()
      .decisionCompleted()
      .markerRecorded('patch--log-b')
      .scheduled('Log-1', 'b')
      .activityCompleted('Log-1')
      .decisionTask()
      .decisionCompleted()
      .scheduled('Log-2', 'a')
      .activityCompleted('Log-2')
      .decisionTask()
      .decisionCompleted()
      .timerStarted('timer-1', 1)
      .timerFired('timer-1')
      .decisionTask();
    const result = await decide(h.events, PatchRetired);
    assert.deepEqual(summarize(result.decisions), ['ScheduleActivityTask Log-3 "b again"']);
  });

  test('other markers are still matched strictly', async () => {
    const h = begin().decisionCompleted().markerRecorded('side-effect-1', 1).scheduled('Log-1', 'b').decisionTask();
    await assert.rejects(decide(h.events, PatchRetired), { name: 'NonDeterminismError' });
  });
});
