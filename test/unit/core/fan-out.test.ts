import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ActivityProxy,
  all,
  ConfigurationError,
  Workflow,
  WorkflowProxy,
  type TaskError,
  type WorkflowClass,
} from '../../../src/core/index.ts';
import { decide, Decider, type HistoryEvent } from '../../../src/core/engine.ts';
import { workflow } from '../../../src/definitions/index.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { simulate } from './helpers/simulator.ts';
import { summarize } from './helpers/summarize.ts';

const Work = { name: 'Work', version: '1' };
const Child = { name: 'Child', version: '1' };

class FiveThousand extends Workflow<number, number> {
  work = ActivityProxy<number, number>(Work);
  async run(n: number) {
    const results = await all(Array.from({ length: n }, (_, i) => this.work(i)));
    return results.reduce((sum, value, i) => (value === i * 2 ? sum + 1 : sum), 0);
  }
}

class NarrowProxy extends Workflow<number, number> {
  work = ActivityProxy<number, number>(Work, { concurrency: 50 });
  other = ActivityProxy<number, number>({ name: 'Other', version: '1' });
  async run(n: number) {
    const narrow = Array.from({ length: n }, (_, i) => this.work(i));
    const wide = Array.from({ length: 100 }, (_, i) => this.other(i));
    return (await all([...narrow, ...wide])).length;
  }
}

@workflow({ name: 'ManyChildren', concurrency: 50 })
class ManyChildren extends Workflow<number, number> {
  child = WorkflowProxy<number, number>(Child);
  work = ActivityProxy<number, number>(Work);
  async run(n: number) {
    const children = Array.from({ length: n }, (_, i) => this.child(i));
    const activities = Array.from({ length: 60 }, (_, i) => this.work(i));
    return (await all([...children, ...activities])).length;
  }
}

const script = (input: number, order: 'fifo' | 'lifo' = 'fifo') => ({
  input,
  order,
  activities: { Work: (x: unknown) => (x as number) * 2, Other: (x: unknown) => x },
  children: { Child: (x: unknown) => x },
  maxTasks: 1000,
});

const execution = { workflowId: 'fan', runId: 'run' };
const untilLastTask = (events: HistoryEvent[]) =>
  events.slice(0, events.map((e) => e.eventType).lastIndexOf('DecisionTaskStarted') + 1);
const idsOf = (
  decisions: {
    decisionType: string;
    scheduleActivityTaskDecisionAttributes?: { activityId: string };
    startChildWorkflowExecutionDecisionAttributes?: { workflowId: string };
  }[],
  type: string,
) =>
  decisions
    .filter((d) => d.decisionType === type)
    .map(
      (d) =>
        d.scheduleActivityTaskDecisionAttributes?.activityId ??
        d.startChildWorkflowExecutionDecisionAttributes!.workflowId,
    );
const seqOf = (id: string) => Number(/-(\d+)$/.exec(id)![1]);

async function fanOut(cls: WorkflowClass, input: number, order: 'fifo' | 'lifo' = 'fifo') {
  const decider = new Decider();
  const run = await simulate(script(input, order), (events) => decider.decide(events, cls, execution));
  const closing = await decide(untilLastTask(run.events), cls, { execution }); // a full replay of the finished history
  return { ...run, closing };
}

describe('wide fan-out', () => {
  test('5,000 parallel activities run at most 1,000 at a time, scheduled in call order, and the history replays', async () => {
    const { events, decisionsPerTask, closing } = await fanOut(FiveThousand, 5000, 'lifo');
    const perTask = decisionsPerTask.map((d) => idsOf(d, 'ScheduleActivityTask'));
    assert.deepEqual(
      perTask.map((ids) => ids.length),
      [1000, 1000, 1000, 1000, 1000, 0],
    );
    assert.deepEqual(
      perTask.flat().map(seqOf),
      Array.from({ length: 5000 }, (_, i) => i + 1),
    );
    assert.equal(events.at(-1)!.workflowExecutionCompletedEventAttributes!.result, '5000');
    assert.deepEqual(summarize(closing.decisions), ['CompleteWorkflowExecution 5000']);
  });

  test('a proxy with concurrency: 50 keeps 50 of its calls open; other proxies use the execution window', async () => {
    const { decisionsPerTask, closing } = await fanOut(NarrowProxy, 300);
    const work = decisionsPerTask.map(
      (d) => idsOf(d, 'ScheduleActivityTask').filter((id) => id.startsWith('Work-')).length,
    );
    const other = decisionsPerTask.map(
      (d) => idsOf(d, 'ScheduleActivityTask').filter((id) => id.startsWith('Other-')).length,
    );
    assert.deepEqual(work, [50, 50, 50, 50, 50, 50, 0]);
    assert.deepEqual(other, [100, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(summarize(closing.decisions), ['CompleteWorkflowExecution 400']);
  });

  test('500 children under @workflow({ concurrency: 50 }): 50 children and 50 activities open at a time, in call order', async () => {
    const { decisionsPerTask, closing } = await fanOut(ManyChildren, 500);
    const children = decisionsPerTask.map((d) => idsOf(d, 'StartChildWorkflowExecution'));
    assert.ok(children.every((ids) => ids.length <= 50));
    assert.equal(children.flat().length, 500);
    assert.deepEqual(
      children.flat().map(seqOf),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    assert.deepEqual(decisionsPerTask.map((d) => idsOf(d, 'ScheduleActivityTask').length).slice(0, 3), [50, 10, 0]);
    assert.deepEqual(summarize(closing.decisions), ['CompleteWorkflowExecution 560']);
  });

  test('a call waiting for a slot is canceled at once, without a decision', async () => {
    class CancelQueued extends Workflow<void, string> {
      work = ActivityProxy<number, number>(Work, { concurrency: 1 });
      async run() {
        const first = this.work(1);
        const second = this.work(2);
        this.cancel(second);
        const outcome = await second.then(
          () => 'ran',
          (error: TaskError) => error.name,
        );
        return `${outcome} ${await first}`;
      }
    }
    const h = new HistoryBuilder().started().decisionStarted();
    const firstTask = await decide([...h.events], CancelQueued);
    assert.deepEqual(summarize(firstTask.decisions), ['ScheduleActivityTask Work-1 1']);
    h.completedWith(firstTask.decisions).activityCompleted('Work-1', 2).decisionTask();
    assert.deepEqual(summarize((await decide([...h.events], CancelQueued)).decisions), [
      'CompleteWorkflowExecution "ActivityCanceled 2"',
    ]);
  });

  test('concurrency outside 1..1,000 is refused naming the option', () => {
    assert.throws(
      () => ActivityProxy(Work, { concurrency: 0 }),
      (error: Error) =>
        error instanceof ConfigurationError &&
        /ActivityProxy options: concurrency must be a whole number from 1 to 1000/.test(error.message),
    );
    assert.throws(
      () =>
        workflow({ concurrency: 1001 })(
          class extends Workflow {
            async run() {}
          },
        ),
      /@workflow on .*concurrency must be/,
    );
  });
});

describe('transient refusals', () => {
  class One extends Workflow<void, unknown> {
    work = ActivityProxy<number, number>(Work);
    child = WorkflowProxy<number, number>(Child);
    async run() {
      return all([this.work(1), this.child(2)]);
    }
  }

  test('ScheduleActivityTaskFailed and StartChildWorkflowExecutionFailed with transient causes are retried after a backoff timer', async () => {
    for (const cached of [false, true]) {
      const decider = new Decider();
      const decideTask = (events: HistoryEvent[]) =>
        cached ? decider.decide(events, One, execution) : decide(events, One, { execution });
      const h = new HistoryBuilder().started().decisionStarted().decisionCompleted();
      h.scheduleActivityFailed('Work-1', 'Work', '1', 'OPEN_ACTIVITIES_LIMIT_EXCEEDED');
      h.startChildFailed('fan--Child-1', 'Child', '1', 'CHILD_CREATION_RATE_EXCEEDED');
      h.decisionTask();
      const retried = await decideTask([...h.events]);
      assert.deepEqual(summarize(retried.decisions), [
        'StartTimer throttled--Work-1--1 1s',
        'StartTimer throttled--child--Child-1@1--1 1s',
      ]);
      h.completedWith(retried.decisions)
        .timerFired('throttled--Work-1--1')
        .timerFired('throttled--child--Child-1@1--1')
        .decisionTask();
      const again = await decideTask([...h.events]);
      assert.deepEqual(summarize(again.decisions), [
        'ScheduleActivityTask Work-1 1',
        'StartChildWorkflowExecution Child fan--Child-1 2',
      ]);
    }
  });

  test('a cause that is not transient fails the call with advice that fits it', async () => {
    const h = new HistoryBuilder().started().decisionStarted().decisionCompleted();
    h.scheduleActivityFailed('Work-1', 'Work', '1', 'ACTIVITY_TYPE_DOES_NOT_EXIST')
      .childInitiated('fan--Child-1', 'Child')
      .decisionTask();
    const failed = await decide([...h.events], One, { execution });
    assert.match(
      failed.decisions.at(-1)!.failWorkflowExecutionDecisionAttributes!.details!,
      /ACTIVITY_TYPE_DOES_NOT_EXIST\. Run \\"flowy register\\"/,
    );
  });
});
