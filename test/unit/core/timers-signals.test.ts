import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, first, Workflow, WorkflowCanceled } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

class Sleeper extends Workflow<void, string> {
  async run() {
    await this.sleep(30);
    await this.sleep(1.5);
    return 'rested';
  }
}

/** Waits for an approval signal for at most an hour. */
class Approval extends Workflow<void, string> {
  async run() {
    const outcome = await first([
      this.signal<{ by: string }>('approve').then((p) => `approved by ${p.by}`),
      this.sleep(3600).then(() => 'expired'),
    ]);
    return outcome;
  }
}

/** Collects 'item' signals with a handler until a 'done' signal arrives. */
class Collector extends Workflow<void, string[]> {
  async run() {
    const items: string[] = [];
    this.onSignal<string>('item', (item) => {
      items.push(item);
    });
    await this.signal('done');
    return items;
  }
}

/** Registers its handler late: signals received before are buffered for it. */
class LateListener extends Workflow<void, string[]> {
  async run() {
    await this.sleep(10);
    const items: string[] = [];
    this.onSignal<string>('item', (item) => void items.push(item));
    const next = await this.signal<string>('other');
    return [...items, next];
  }
}

const Cleanup = { name: 'Cleanup', version: '1' };
const Work = { name: 'Work', version: '1' };

/** Works until canceled; on cancellation cleans up and closes as canceled. */
class Cancellable extends Workflow<void, string> {
  work = ActivityProxy(Work);
  cleanup = ActivityProxy(Cleanup);
  async run() {
    const done = await first([this.work(null).then(() => 'done'), this.cancellation().then(() => 'canceled')]);
    if (done === 'canceled') {
      await this.cleanup(null);
      throw new WorkflowCanceled('stopped by request');
    }
    return done;
  }
}

/** Ignores cancellation and reports whether it was asked. */
class Stubborn extends Workflow<void, boolean> {
  async run() {
    await this.sleep(5);
    return this.cancelRequested;
  }
}

const begin = () => new HistoryBuilder().started().decisionStarted();

describe('timers, signals and cancellation', () => {
  const cases: {
    name: string;
    workflow: Parameters<typeof decide>[1];
    history: () => HistoryBuilder;
    expected: string[];
    status?: string;
  }[] = [
    {
      name: 'sleep() starts a timer in whole seconds',
      workflow: Sleeper,
      history: begin,
      expected: ['StartTimer timer-1 30s'],
    },
    {
      name: 'a fired timer resumes the code; fractions of seconds round up',
      workflow: Sleeper,
      history: () => begin().decisionCompleted().timerStarted('timer-1', 30).timerFired('timer-1').decisionTask(),
      expected: ['StartTimer timer-2 2s'],
    },
    {
      name: 'timer + signal race: the signal arrives first',
      workflow: Approval,
      history: () =>
        begin().decisionCompleted().timerStarted('timer-1', 3600).signaled('approve', { by: 'ann' }).decisionTask(),
      expected: ['CompleteWorkflowExecution "approved by ann"'],
    },
    {
      name: 'timer + signal race: the timer fires first',
      workflow: Approval,
      history: () => begin().decisionCompleted().timerStarted('timer-1', 3600).timerFired('timer-1').decisionTask(),
      expected: ['CompleteWorkflowExecution "expired"'],
    },
    {
      name: 'timer + signal race: both in the same decision task, history order decides (timer first)',
      workflow: Approval,
      history: () =>
        begin()
          .decisionCompleted()
          .timerStarted('timer-1', 3600)
          .timerFired('timer-1')
          .signaled('approve', { by: 'bob' })
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "expired"'],
    },
    {
      name: 'timer + signal race: both in the same decision task, history order decides (signal first)',
      workflow: Approval,
      history: () =>
        begin()
          .decisionCompleted()
          .timerStarted('timer-1', 3600)
          .signaled('approve', { by: 'bob' })
          .timerFired('timer-1')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "approved by bob"'],
    },
    {
      name: 'a signal received while the first decision task ran is seen by the next one',
      workflow: Approval,
      history: () =>
        begin().signaled('approve', { by: 'cy' }).decisionCompleted().timerStarted('timer-1', 3600).decisionTask(),
      expected: ['CompleteWorkflowExecution "approved by cy"'],
    },
    {
      name: 'onSignal handlers receive every signal; signal() waits for the next one',
      workflow: Collector,
      history: () =>
        begin()
          .signaled('item', 'x')
          .signaled('item', 'y')
          .decisionCompleted()
          .decisionTask()
          .decisionCompleted()
          .signaled('item', 'z')
          .signaled('done')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution ["x","y","z"]'],
    },
    {
      name: 'signals received before a handler or waiter exists are buffered for it',
      workflow: LateListener,
      history: () =>
        begin()
          .decisionCompleted()
          .timerStarted('timer-1', 10)
          .signaled('item', 'early')
          .signaled('other', 'o')
          .decisionTask()
          .decisionCompleted()
          .timerFired('timer-1')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution ["early","o"]'],
    },
    {
      name: 'cancellation resolves cancellation(): the workflow cleans up first',
      workflow: Cancellable,
      history: () => begin().decisionCompleted().scheduled('Work-1', null).cancelRequested().decisionTask(),
      expected: ['ScheduleActivityTask Cleanup-1 null'],
    },
    {
      name: 'throwing WorkflowCanceled closes the execution as canceled',
      workflow: Cancellable,
      history: () =>
        begin()
          .decisionCompleted()
          .scheduled('Work-1', null)
          .cancelRequested()
          .decisionTask()
          .decisionCompleted()
          .scheduled('Cleanup-1', null)
          .activityCompleted('Cleanup-1')
          .decisionTask(),
      expected: ['CancelWorkflowExecution stopped by request'],
      status: 'canceled',
    },
    {
      name: 'a workflow may ignore cancellation and complete normally; cancelRequested tells it',
      workflow: Stubborn,
      history: () =>
        begin()
          .decisionCompleted()
          .timerStarted('timer-1', 5)
          .cancelRequested()
          .decisionTask()
          .decisionCompleted()
          .timerFired('timer-1')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution true'],
      status: 'completed',
    },
    {
      name: 'a decision task that timed out produced nothing: the next one decides again',
      workflow: Sleeper,
      history: () => begin().decisionTimedOut().decisionTask(),
      expected: ['StartTimer timer-1 30s'],
    },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const result = await decide(c.history().events, c.workflow);
      assert.deepEqual(summarize(result.decisions), c.expected);
      if (c.status) assert.equal(result.status, c.status);
    });
  }

  test('a signal handler that throws fails the execution', async () => {
    class Fussy extends Workflow<void, void> {
      async run() {
        this.onSignal('bad', () => {
          throw new Error('cannot handle');
        });
        await this.sleep(100);
      }
    }
    const h = begin().decisionCompleted().timerStarted('timer-1', 100).signaled('bad', 1).decisionTask();
    const result = await decide(h.events, Fussy);
    assert.deepEqual(summarize(result.decisions), ['FailWorkflowExecution Error: cannot handle']);
  });
});
