import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, ConfigurationError, NonDeterminismError, Workflow } from '../../../src/core/index.ts';
import { checkReplay, decide, queryMethods, queryWorkflow } from '../../../src/core/engine.ts';
import { query, workflow } from '../../../src/definitions/index.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

const Step = { name: 'Step', version: '1' };
const COUNTER = { workflowType: { name: 'Counter', version: '1' } };

@workflow({ name: 'Counter' })
class Counter extends Workflow<{ steps: number }, number> {
  step = ActivityProxy(Step);
  done: number[] = [];
  received: string[] = [];

  async run(input: { steps: number }): Promise<number> {
    this.onSignal<string>('note', (note) => {
      this.received.push(note);
    });
    for (let i = 1; i <= input.steps; i++) {
      this.done.push((await this.step(i)) as number);
      this.setStatus({ done: this.done.length, of: input.steps });
    }
    return this.done.length;
  }

  @query()
  progress(): { done: number[]; notes: string[] } {
    return { done: this.done, notes: this.received };
  }

  @query('item')
  itemAt(index: number): number | undefined {
    return this.done[index];
  }

  @query()
  schedules(): unknown {
    void this.step(99);
    return 'scheduled';
  }

  @query()
  sleeps(): unknown {
    void this.sleep(10);
    return 'slept';
  }

  @query()
  asynchronous(): Promise<number> {
    return Promise.resolve(1);
  }

  @query()
  publishes(): void {
    this.setStatus('x');
  }
}

@workflow({ name: 'Counter' })
class CounterWithOtherStep extends Counter {
  override step = ActivityProxy({ name: 'OtherStep', version: '1' });
}

/** Step 1 and 2 completed and decided on; optional trailing events not decided yet. */
function twoStepsDone(): HistoryBuilder {
  return new HistoryBuilder()
    .started({ steps: 3 }, COUNTER)
    .decisionStarted()
    .decisionCompleted()
    .scheduled('Step-1', 1)
    .activityStarted('Step-1')
    .activityCompleted('Step-1', 10)
    .decisionTask()
    .decisionCompleted()
    .scheduled('Step-2', 2)
    .activityStarted('Step-2')
    .activityCompleted('Step-2', 20)
    .signaled('note', 'hello')
    .decisionTask()
    .decisionCompleted()
    .scheduled('Step-3', 3);
}

describe('queries by replay', () => {
  test('@query() registers methods by their name or the given one', () => {
    assert.deepEqual([...queryMethods(Counter).entries()].sort(), [
      ['asynchronous', 'asynchronous'],
      ['item', 'itemAt'],
      ['progress', 'progress'],
      ['publishes', 'publishes'],
      ['schedules', 'schedules'],
      ['sleeps', 'sleeps'],
    ]);
  });

  test('@query() works as a TC39 method decorator too', () => {
    class Plain extends Workflow<void, void> {
      async run() {}
      answer() {
        return 42;
      }
    }
    (query('the-answer') as (method: unknown, context: unknown) => void)(Plain.prototype.answer, {
      kind: 'method',
      name: 'answer',
    });
    assert.deepEqual([...queryMethods(Plain).entries()], [['the-answer', 'answer']]);
  });

  test('a query answers from the state the workflow last decided on, with arguments', async () => {
    const { events } = twoStepsDone();
    assert.deepEqual(await queryWorkflow(events, Counter, 'progress'), { done: [10, 20], notes: ['hello'] });
    assert.equal(await queryWorkflow(events, Counter, 'item', [1]), 20);
  });

  test('query interceptors wrap each query: they see name and arguments, may change them and the answer', async () => {
    const { events } = twoStepsDone();
    const seen: unknown[] = [];
    const interceptors = [
      (info: { workflowId: string }) => ({
        query(
          input: { name: string; args: readonly unknown[] },
          next: (input: { name: string; args: readonly unknown[] }) => unknown,
        ) {
          seen.push([info.workflowId, input.name, input.args]);
          if (input.name === 'item') return next({ name: 'item', args: [0] });
          return { wrapped: next(input) };
        },
      }),
    ];
    const execution = { workflowId: 'counter-1', runId: 'r1' };
    assert.equal(await queryWorkflow(events, Counter, 'item', [1], { interceptors, execution }), 10);
    assert.deepEqual(await queryWorkflow(events, Counter, 'progress', [], { interceptors, execution }), {
      wrapped: { done: [10, 20], notes: ['hello'] },
    });
    assert.deepEqual(seen, [
      ['counter-1', 'item', [1]],
      ['counter-1', 'progress', []],
    ]);
  });

  test('events the workflow has not decided on yet are not seen by a query', async () => {
    const h = twoStepsDone()
      .activityStarted('Step-3')
      .activityCompleted('Step-3', 30)
      .signaled('note', 'late')
      .decisionScheduled();
    assert.deepEqual(await queryWorkflow(h.events, Counter, 'progress'), { done: [10, 20], notes: ['hello'] });
    // once decided, they are
    h.decisionStarted().decisionCompleted().completedExecution(3);
    assert.deepEqual(await queryWorkflow(h.events, Counter, 'progress'), {
      done: [10, 20, 30],
      notes: ['hello', 'late'],
    });
  });

  test('a query before the first decision sees the workflow as run() left it at its first await', async () => {
    const { events } = new HistoryBuilder().started({ steps: 2 }, COUNTER);
    assert.deepEqual(await queryWorkflow(events, Counter, 'progress'), { done: [], notes: [] });
  });

  test('the answer is a JSON copy, not the workflow state itself', async () => {
    const answer = (await queryWorkflow(twoStepsDone().events, Counter, 'progress')) as { done: number[] };
    assert.deepEqual(Object.getPrototypeOf(answer), Object.prototype);
    answer.done.push(99);
    assert.deepEqual(await queryWorkflow(twoStepsDone().events, Counter, 'progress'), {
      done: [10, 20],
      notes: ['hello'],
    });
  });

  test('a query method that schedules an activity or a timer fails naming the query', async () => {
    const { events } = twoStepsDone();
    await assert.rejects(queryWorkflow(events, Counter, 'schedules'), (error: Error) => {
      assert.ok(error instanceof ConfigurationError);
      assert.match(
        error.message,
        /^Query "schedules" tried ScheduleActivityTask Step@1 \(id Step-4\); query methods are synchronous and read-only/,
      );
      return true;
    });
    await assert.rejects(queryWorkflow(events, Counter, 'sleeps'), /Query "sleeps" tried StartTimer \(id timer-1\)/);
    await assert.rejects(queryWorkflow(events, Counter, 'publishes'), /Query "publishes" tried setStatus\(\)/);
  });

  test('a query of a closed run that schedules still fails (nothing is silently dropped)', async () => {
    const h = twoStepsDone()
      .activityStarted('Step-3')
      .activityCompleted('Step-3', 30)
      .decisionTask()
      .decisionCompleted()
      .completedExecution(3);
    await assert.rejects(queryWorkflow(h.events, Counter, 'schedules'), /Query "schedules" tried ScheduleActivityTask/);
  });

  test('a query method that returns a promise fails: queries are synchronous', async () => {
    await assert.rejects(
      queryWorkflow(twoStepsDone().events, Counter, 'asynchronous'),
      /Query "asynchronous" of Counter returned a promise; query methods are synchronous/,
    );
  });

  test('an unknown query names the queries the workflow has', async () => {
    await assert.rejects(
      queryWorkflow(twoStepsDone().events, Counter, 'nope'),
      /^ConfigurationError: Workflow Counter has no query "nope"; its queries: progress, item, schedules, sleeps, asynchronous, publishes$/,
    );
  });

  test('code that no longer matches the history fails with the NonDeterminismError replay gives', async () => {
    const { events } = twoStepsDone();
    const source = 'of run r-1';
    let replayed: NonDeterminismError | undefined;
    try {
      await checkReplay({ events, execution: { workflowId: 'w-1', runId: 'r-1' }, source }, CounterWithOtherStep);
    } catch (error) {
      replayed = error as NonDeterminismError;
    }
    assert.ok(replayed instanceof NonDeterminismError);
    await assert.rejects(
      queryWorkflow(events, CounterWithOtherStep, 'progress', [], {
        execution: { workflowId: 'w-1', runId: 'r-1' },
        source,
      }),
      (error: Error) => {
        assert.ok(error instanceof NonDeterminismError);
        assert.equal(error.message, replayed!.message);
        assert.match(
          error.message,
          /Decision task 1 \(DecisionTaskCompleted event 4\) recorded:\n {2}ScheduleActivityTask Step@1/,
        );
        return true;
      },
    );
  });

  test('setStatus is sent as the executionContext of the decision task answer', async () => {
    const h = twoStepsDone().activityStarted('Step-3').activityCompleted('Step-3', 30).decisionTask();
    const result = await decide(h.events, Counter);
    assert.equal(result.executionContext, JSON.stringify({ done: 3, of: 3 }));
    const first = await decide(new HistoryBuilder().started({ steps: 3 }, COUNTER).decisionStarted().events, Counter);
    assert.equal(first.executionContext, undefined);
  });

  test("setStatus refuses a status over SWF's 32,768 characters", async () => {
    class Chatty extends Workflow<void, void> {
      async run() {
        this.setStatus('x'.repeat(40_000));
      }
    }
    const result = await decide(new HistoryBuilder().started().decisionStarted().events, Chatty);
    assert.equal(result.decisions[0]?.decisionType, 'FailWorkflowExecution');
    assert.match(
      String(result.decisions[0]?.failWorkflowExecutionDecisionAttributes?.details),
      /Status of workflow workflow \(setStatus\) is 40 002 characters/,
    );
  });
});
