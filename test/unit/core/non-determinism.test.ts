import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, NonDeterminismError, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

const A = { name: 'A', version: '1' };
const B = { name: 'B', version: '1' };

class CallsA extends Workflow<void, void> {
  a = ActivityProxy(A);
  async run() {
    await this.a(1);
  }
}
class CallsB extends Workflow<void, void> {
  b = ActivityProxy(B);
  async run() {
    await this.b(1);
  }
}
class CallsAv2 extends Workflow<void, void> {
  a = ActivityProxy({ name: 'A', version: '2' });
  async run() {
    await this.a(1);
  }
}
class Sleeps extends Workflow<void, void> {
  async run() {
    await this.sleep(5);
  }
}
class DoesNothing extends Workflow<void, void> {
  async run() {
    await new Promise(() => {});
  }
}
class CallsAThenB extends Workflow<void, void> {
  a = ActivityProxy(A);
  b = ActivityProxy(B);
  async run() {
    await Promise.all([this.a(1), this.b(1)]);
  }
}

/** History recorded by CallsA: the first task scheduled A-1 (event 5). */
const recordedA = () =>
  new HistoryBuilder().started().decisionStarted().decisionCompleted().scheduled('A-1', 1).decisionTask();

describe('non-determinism detection', () => {
  const cases: {
    name: string;
    workflow: Parameters<typeof decide>[1];
    eventId: number;
    recorded: string;
    actual: string;
  }[] = [
    {
      name: 'another activity name',
      workflow: CallsB,
      eventId: 5,
      recorded: 'ActivityTaskScheduled for ScheduleActivityTask A@1 (id A-1)',
      actual: 'ScheduleActivityTask B@1 (id B-1)',
    },
    {
      name: 'another activity version',
      workflow: CallsAv2,
      eventId: 5,
      recorded: 'ActivityTaskScheduled for ScheduleActivityTask A@1 (id A-1)',
      actual: 'ScheduleActivityTask A@2 (id A-1)',
    },
    {
      name: 'another kind of decision',
      workflow: Sleeps,
      eventId: 5,
      recorded: 'ActivityTaskScheduled for ScheduleActivityTask A@1 (id A-1)',
      actual: 'StartTimer (id timer-1)',
    },
    {
      name: 'a recorded decision the code no longer makes',
      workflow: DoesNothing,
      eventId: 5,
      recorded: 'ActivityTaskScheduled for ScheduleActivityTask A@1 (id A-1)',
      actual: 'no such decision',
    },
    {
      name: 'a decision the history does not have',
      workflow: CallsAThenB,
      eventId: 4,
      recorded: 'DecisionTaskCompleted with 1 decision(s)',
      actual: 'an additional decision ScheduleActivityTask B@1 (id B-1)',
    },
  ];
  for (const c of cases) {
    test(`reports ${c.name}, naming the event, the recorded side and the code's side`, async () => {
      await assert.rejects(decide(recordedA().events, c.workflow), (error: unknown) => {
        assert.ok(error instanceof NonDeterminismError);
        assert.equal(error.name, 'NonDeterminismError');
        assert.equal(error.eventId, c.eventId);
        assert.equal(error.recorded, c.recorded);
        assert.equal(error.actual, c.actual);
        assert.match(error.message, new RegExp(`event ${c.eventId} recorded`));
        return true;
      });
    });
  }

  test('the matching code replays without error', async () => {
    const result = await decide(recordedA().events, CallsA);
    assert.deepEqual(result.decisions, []);
  });
});
