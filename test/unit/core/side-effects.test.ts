import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { readFile } from 'node:fs/promises';
import { ActivityProxy, all, Workflow, type WorkflowClass } from '../../../src/core/index.ts';
import { decide, Decider, type HistoryEvent } from '../../../src/core/engine.ts';
import { simulate } from './helpers/simulator.ts';
import { summarize } from './helpers/summarize.ts';

const A = { name: 'A', version: '1' };
let calls = 0;

/** The case: a side effect and an activity started together. */
class SideEffectBesideActivity extends Workflow<void, unknown> {
  a = ActivityProxy<string, string>(A);
  async run() {
    const p = this.sideEffect(() => ++calls);
    const q = this.a('x');
    return all([p, q]);
  }
}

/** Side effects that await real I/O, finishing in the reverse of call order, then an activity. */
class AsyncSideEffects extends Workflow<void, unknown> {
  a = ActivityProxy<string, string>(A);
  async run() {
    const slow = this.sideEffect(async () => {
      await delay(30);
      return 'slow';
    });
    const file = this.sideEffect(async () => (await readFile(new URL(import.meta.url), 'utf8')).length > 0);
    const fast = this.sideEffect(async () => {
      await delay(1);
      return ++calls;
    });
    const values = await all([slow, file, fast]);
    const result = await this.a(String(values[2]));
    return [...values, result];
  }
}

/** A side effect whose I/O fails; the workflow carries on with the failure. */
class FailingSideEffect extends Workflow<void, unknown> {
  a = ActivityProxy<string, string>(A);
  async run() {
    let outcome: string;
    try {
      await this.sideEffect(async () => {
        calls++;
        await delay(1);
        throw new TypeError('fetch failed');
      });
      outcome = 'ok';
    } catch (error) {
      outcome = `${(error as Error).name}: ${(error as Error).message}`;
    }
    return [outcome, await this.a(outcome)];
  }
}

const script = { activities: { A: (input: unknown) => `a(${String(input)})` } };
const execution = { workflowId: 'side-1', runId: 'run-1' };

/** Runs `workflow` to its close, deciding each task with a fresh replay or one cached Decider. */
async function run(workflow: WorkflowClass, cached: boolean) {
  const decider = new Decider();
  return simulate(script, (events) =>
    cached ? decider.decide(events, workflow, execution) : decide(events, workflow, { execution }),
  );
}

/** The history up to the decision task that closed the execution. */
const untilLastTask = (events: HistoryEvent[]) =>
  events.slice(0, events.map((e) => e.eventType).lastIndexOf('DecisionTaskStarted') + 1);
const markers = (events: HistoryEvent[]) =>
  events.filter((e) => e.eventType === 'MarkerRecorded').map((e) => e.markerRecordedEventAttributes!.markerName);

describe('sideEffect', () => {
  for (const cached of [false, true]) {
    const how = cached ? 'with the decider cache' : 'with a fresh decider per task';
    test(`a side effect called before an activity is recorded before it, on the first run and on replay (${how})`, async () => {
      calls = 0;
      const { events, decisionsPerTask } = await run(SideEffectBesideActivity, cached);
      assert.deepEqual(summarize(decisionsPerTask[0]!), [
        'RecordMarker side-effect-1 1',
        'ScheduleActivityTask A-1 "x"',
      ]);
      assert.equal(events.at(-1)!.eventType, 'WorkflowExecutionCompleted');
      assert.equal(events.at(-1)!.workflowExecutionCompletedEventAttributes!.result, '[1,"a(x)"]');
      assert.equal(calls, 1, 'the side effect ran once');
      const replayed = await decide(untilLastTask(events), SideEffectBesideActivity, { execution });
      assert.equal(replayed.status, 'completed');
    });

    test(`async side effects awaiting real I/O are waited for, their markers in call order (${how})`, async () => {
      calls = 0;
      const { events, decisionsPerTask } = await run(AsyncSideEffects, cached);
      assert.deepEqual(summarize(decisionsPerTask[0]!), [
        'RecordMarker side-effect-1 "slow"',
        'RecordMarker side-effect-2 true',
        'RecordMarker side-effect-3 1',
        'ScheduleActivityTask A-1 "1"',
      ]);
      assert.deepEqual(markers(events), ['side-effect-1', 'side-effect-2', 'side-effect-3']);
      assert.equal(events.at(-1)!.workflowExecutionCompletedEventAttributes!.result, '["slow",true,1,"a(1)"]');
      assert.equal(calls, 1);
    });

    test(`a side effect that fails is recorded and fails the same way on replay without running again (${how})`, async () => {
      calls = 0;
      const { events, decisionsPerTask } = await run(FailingSideEffect, cached);
      assert.deepEqual(summarize(decisionsPerTask[0]!), [
        'RecordMarker side-effect-1--failed {"name":"TypeError","message":"fetch failed"}',
        'ScheduleActivityTask A-1 "SideEffectFailed: sideEffect side-effect-1 failed: TypeError: fetch failed"',
      ]);
      assert.equal(calls, 1);
      const replayed = await decide(untilLastTask(events), FailingSideEffect, { execution });
      assert.equal(replayed.status, 'completed');
      assert.equal(calls, 1, 'replay did not run the side effect');
      assert.match(
        events.at(-1)!.workflowExecutionCompletedEventAttributes!.result!,
        /^\["SideEffectFailed: sideEffect side-effect-1 failed: TypeError: fetch failed"/,
      );
    });
  }

  test('a side effect runs outside the deterministic clock (real time, real randomness)', async () => {
    class Clock extends Workflow<void, boolean> {
      async run() {
        const now = await this.sideEffect(() => Date.now());
        return now !== this.now().getTime();
      }
    }
    const { events } = await simulate(script, (e) => decide(e, Clock, { execution }));
    assert.equal(events.at(-1)!.workflowExecutionCompletedEventAttributes!.result, 'true');
  });
});
