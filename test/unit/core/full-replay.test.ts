import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, all, finishOrder, first, Workflow, WorkflowProxy } from '../../../src/core/index.ts';
import { decide, Decider, type HistoryEvent } from '../../../src/core/engine.ts';
import { activity, workflow } from '../../../src/definitions/index.ts';
import { recordedDecisions, simulate, type SimulationScript } from './helpers/simulator.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

@activity({ name: 'Reserve', taskList: 'stock' })
class Reserve {
  async run(item: string) {
    return `r-${item}`;
  }
}
@activity({ name: 'Charge', startToCloseTimeout: 30 })
class Charge {
  async run(input: { total: number }) {
    return input.total;
  }
}
@activity({ name: 'Notify' })
class Notify {
  async run(who: string) {
    return who;
  }
}
@workflow({ name: 'ShipOrder', taskList: 'shipping' })
class ShipOrder extends Workflow<{ orderId: string }, string> {
  async run() {
    return 'tracking';
  }
}

interface OrderInput {
  items: string[];
}

/** Uses every kind of decision: markers, parallel activities, retries, timers, signals, children. */
@workflow({ name: 'Order' })
class Order extends Workflow<OrderInput, unknown> {
  reserve = ActivityProxy(Reserve);
  charge = ActivityProxy(Charge, { retry: { maxAttempts: 3, initialInterval: 2 } });
  notify = ActivityProxy(Notify);
  ship = WorkflowProxy(ShipOrder);

  async run(input: OrderInput) {
    const orderId = await this.sideEffect(() => this.uuid());
    const reserved = await all(input.items.map((item) => this.reserve(item)));
    const paid = await this.charge({ total: reserved.length });
    const approval = await first([this.signal<string>('approve'), this.sleep(30).then(() => 'auto')]);
    const tracking = this.patched('ship-as-child') ? await this.ship({ orderId }) : 'none';
    const notified: string[] = [];
    for await (const who of finishOrder([this.notify('customer'), this.notify('warehouse')])) notified.push(who);
    return { orderId, reserved, paid, approval, tracking, notified, at: this.now().toISOString() };
  }
}

const script = (order: 'fifo' | 'lifo', signalBeforeTask?: number): SimulationScript => ({
  input: { items: ['book', 'pen', 'ink'] },
  order,
  activities: {
    Reserve: (item) => `r-${item}`,
    Charge: (input, attempt) => (attempt === 1 ? { fail: 'Busy' } : (input as { total: number }).total * 10),
    Notify: (who) => who,
  },
  children: { ShipOrder: () => 'TRACK-1' },
  signals: signalBeforeTask === undefined ? [] : [{ beforeTask: signalBeforeTask, name: 'approve', payload: 'ann' }],
});

const scenarios = [
  { name: 'completions in scheduling order, approval by timer', script: script('fifo') },
  { name: 'completions in reverse order, approval by signal', script: script('lifo', 6) },
];

const execution = { workflowId: 'order-1', runId: 'run-1' };
const fullReplay = (events: HistoryEvent[]) => decide(events, Order, { execution });

/** Indexes of the DecisionTaskCompleted events and of the DecisionTaskStarted each one completed. */
function completedTasks(events: readonly HistoryEvent[]): { startedIndex: number; completedIndex: number }[] {
  return events.flatMap((event, completedIndex) => {
    if (event.eventType !== 'DecisionTaskCompleted') return [];
    const startedId = event.decisionTaskCompletedEventAttributes!.startedEventId;
    return [{ startedIndex: events.findIndex((e) => e.eventId === startedId), completedIndex }];
  });
}

describe('replay of complete histories', () => {
  for (const scenario of scenarios) {
    test(`replaying a finished execution yields exactly the decisions recorded in it (${scenario.name})`, async () => {
      const { events } = await simulate(scenario.script, fullReplay);
      assert.equal(events.at(-1)!.eventType, 'WorkflowExecutionCompleted');
      const tasks = completedTasks(events);
      assert.ok(tasks.length >= 8, `expected a long execution, got ${tasks.length} decision tasks`);
      for (const { startedIndex, completedIndex } of tasks) {
        const { decisions } = await decide(events.slice(0, startedIndex + 1), Order, { execution });
        assert.deepEqual(
          decisions,
          recordedDecisions(events, completedIndex),
          `decision task started at event ${events[startedIndex]!.eventId}`,
        );
      }
      const whole = await decide(events, Order, { execution });
      assert.deepEqual(whole.decisions, []);
      assert.equal(whole.status, 'completed');
    });

    test(`the caching Decider and full replay produce identical decisions (${scenario.name})`, async () => {
      const replayed = await simulate(scenario.script, fullReplay);
      const decider = new Decider();
      const cached = await simulate(scenario.script, (events) => decider.decide(events, Order, execution));
      assert.deepEqual(cached.decisionsPerTask, replayed.decisionsPerTask);
      assert.equal(
        decider.cacheHits,
        replayed.decisionsPerTask.length - 1,
        'every task after the first continued the cached state',
      );
    });

    test(`the caching Decider given only the events since the previous task decides as full replay (${scenario.name})`, async () => {
      const replayed = await simulate(scenario.script, fullReplay);
      const decider = new Decider();
      let previousStartedId = 0;
      const cached = await simulate(scenario.script, (events) => {
        // what a poll with startAtPreviousStartedEvent brings
        const newest = events.filter((e) => e.eventId! >= previousStartedId);
        previousStartedId = events.at(-1)!.eventId!;
        return decider.decide(newest, Order, execution);
      });
      assert.deepEqual(cached.decisionsPerTask, replayed.decisionsPerTask);
      assert.equal(decider.cacheHits, replayed.decisionsPerTask.length - 1);
    });
  }

  test('the result records every step of the execution', async () => {
    const { events } = await simulate(script('lifo', 6), fullReplay);
    const result = JSON.parse(events.at(-1)!.workflowExecutionCompletedEventAttributes!.result!);
    assert.deepEqual(
      { ...result, orderId: typeof result.orderId, at: typeof result.at },
      {
        orderId: 'string',
        reserved: ['r-book', 'r-pen', 'r-ink'],
        paid: 30,
        approval: 'ann',
        tracking: 'TRACK-1',
        notified: ['warehouse', 'customer'],
        at: 'string',
      },
    );
  });

  test('the Decider falls back to a full replay when the task it answered timed out', async () => {
    const decider = new Decider();
    const h = new HistoryBuilder().started({ items: ['book'] }).decisionStarted();
    const first = await decider.decide(h.events, Order, execution);
    // the answer never reached SWF: the task timed out and a new one was scheduled
    h.decisionTimedOut().decisionTask();
    const again = await decider.decide(h.events, Order, execution);
    assert.equal(decider.cacheHits, 0);
    assert.deepEqual(again.decisions, first.decisions);
    assert.deepEqual(again, await decide(h.events, Order, { execution }));
  });

  test('the Decider refuses a history that neither starts the run nor continues its kept state', async () => {
    const decider = new Decider();
    const h = new HistoryBuilder().started({ items: ['book'] }).decisionStarted();
    const newest = h.events.slice(1);
    assert.equal(decider.canContinue(newest, Order, execution), false);
    await assert.rejects(decider.decide(newest, Order, execution), /pass the whole history/);
  });

  test('the Decider keeps at most maxCachedExecutions executions', async () => {
    const decider = new Decider({ maxCachedExecutions: 1 });
    const h = new HistoryBuilder().started({ items: ['book'] }).decisionStarted();
    const one = { workflowId: 'a', runId: '1' };
    const two = { workflowId: 'b', runId: '1' };
    const answer = await decider.decide(h.events, Order, one);
    await decider.decide(h.events, Order, two); // evicts `one`
    h.completedWith(answer.decisions).decisionTask();
    await decider.decide(h.events, Order, one);
    assert.equal(decider.cacheHits, 0);
  });
});
