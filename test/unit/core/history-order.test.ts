import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, all, finishOrder, first, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

const Quote = { name: 'Quote', version: '1' };

class FirstQuote extends Workflow<void, string> {
  quote = ActivityProxy<string, string>(Quote);
  async run() {
    const a = this.quote('a');
    const b = this.quote('b');
    await this.sleep(10); // both may have finished by now: first() must still use history order
    return first([a, b]);
  }
}

class RaceQuote extends Workflow<void, string> {
  quote = ActivityProxy<string, string>(Quote);
  async run() {
    return first([this.quote('a'), this.quote('b'), this.quote('c')]);
  }
}

class OrderOfQuotes extends Workflow<void, string[]> {
  quote = ActivityProxy<string, string>(Quote);
  async run() {
    const seen: string[] = [];
    for await (const q of finishOrder([this.quote('a'), this.quote('b'), this.quote('c')])) seen.push(q);
    return seen;
  }
}

class AllQuotes extends Workflow<void, string> {
  quote = ActivityProxy<string, string>(Quote);
  async run() {
    try {
      return (await all([this.quote('a'), this.quote('b'), this.quote('c')])).join(',');
    } catch (error) {
      return `failed: ${(error as Error).message}`;
    }
  }
}

/** Three quotes scheduled in the first task; `finish` writes their completions. */
function threeQuotes(finish: (h: HistoryBuilder) => HistoryBuilder): HistoryBuilder {
  const h = new HistoryBuilder()
    .started()
    .decisionStarted()
    .decisionCompleted()
    .scheduled('Quote-1', 'a')
    .scheduled('Quote-2', 'b')
    .scheduled('Quote-3', 'c');
  return finish(h);
}

describe('history order', () => {
  const cases: {
    name: string;
    workflow: Parameters<typeof decide>[1];
    history: () => HistoryBuilder;
    expected: string[];
  }[] = [
    {
      name: 'first() returns the activity that completed first in history order (b, then a, in separate tasks)',
      workflow: RaceQuote,
      history: () => threeQuotes((h) => h.activityCompleted('Quote-2', 'B').decisionTask()),
      expected: ['CompleteWorkflowExecution "B"'],
    },
    {
      name: 'first() returns the earliest of several completions seen in one decision task',
      workflow: RaceQuote,
      history: () =>
        threeQuotes((h) => h.activityCompleted('Quote-3', 'C').activityCompleted('Quote-1', 'A').decisionTask()),
      expected: ['CompleteWorkflowExecution "C"'],
    },
    {
      name: 'first() over promises that had both settled before the call follows the history, not the array',
      workflow: FirstQuote,
      history: () =>
        new HistoryBuilder()
          .started()
          .decisionStarted()
          .decisionCompleted()
          .scheduled('Quote-1', 'a')
          .scheduled('Quote-2', 'b')
          .timerStarted('timer-1', 10)
          .activityCompleted('Quote-2', 'B')
          .decisionTask()
          .decisionCompleted()
          .activityCompleted('Quote-1', 'A')
          .decisionTask()
          .decisionCompleted()
          .timerFired('timer-1')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "B"'],
    },
    {
      name: 'first() rejects when the first to finish failed',
      workflow: RaceQuote,
      history: () =>
        threeQuotes((h) => h.activityFailed('Quote-1', 'NoPrice').activityCompleted('Quote-2', 'B').decisionTask()),
      expected: ['FailWorkflowExecution ActivityFailed: Activity Quote-1 failed: NoPrice'],
    },
    {
      name: 'finishOrder() yields in completion order across decision tasks',
      workflow: OrderOfQuotes,
      history: () =>
        threeQuotes((h) =>
          h
            .activityCompleted('Quote-2', 'B')
            .decisionTask()
            .decisionCompleted()
            .activityCompleted('Quote-3', 'C')
            .activityCompleted('Quote-1', 'A')
            .decisionTask(),
        ),
      expected: ['CompleteWorkflowExecution ["B","C","A"]'],
    },
    {
      name: 'all() gives results in call order',
      workflow: AllQuotes,
      history: () =>
        threeQuotes((h) =>
          h
            .activityCompleted('Quote-3', 'C')
            .activityCompleted('Quote-1', 'A')
            .activityCompleted('Quote-2', 'B')
            .decisionTask(),
        ),
      expected: ['CompleteWorkflowExecution "A,B,C"'],
    },
    {
      name: 'all() rejects with the failure that comes first in the history',
      workflow: AllQuotes,
      history: () =>
        threeQuotes((h) => h.activityFailed('Quote-3', 'Third').activityFailed('Quote-1', 'First').decisionTask()),
      expected: ['CompleteWorkflowExecution "failed: Activity Quote-3 failed: Third"'],
    },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const result = await decide(c.history().events, c.workflow);
      assert.deepEqual(summarize(result.decisions), c.expected);
    });
  }

  test('replaying the same history twice gives identical decisions', async () => {
    for (const c of cases) {
      const events = c.history().events;
      const once = await decide(events, c.workflow);
      const twice = await decide(events, c.workflow);
      assert.deepEqual(twice, once, c.name);
    }
  });

  test('first() follows the history when the same results arrive in different orders across decision tasks', async () => {
    const history = (firstId: string, secondId: string) =>
      new HistoryBuilder()
        .started()
        .decisionStarted()
        .decisionCompleted()
        .scheduled('Quote-1', 'a')
        .scheduled('Quote-2', 'b')
        .timerStarted('timer-1', 10)
        .activityCompleted(firstId, firstId === 'Quote-1' ? 'A' : 'B')
        .decisionTask()
        .decisionCompleted()
        .activityCompleted(secondId, secondId === 'Quote-1' ? 'A' : 'B')
        .decisionTask()
        .decisionCompleted()
        .timerFired('timer-1')
        .decisionTask();
    const aFirst = await decide(history('Quote-1', 'Quote-2').events, FirstQuote);
    const bFirst = await decide(history('Quote-2', 'Quote-1').events, FirstQuote);
    assert.deepEqual(summarize(aFirst.decisions), ['CompleteWorkflowExecution "A"']);
    assert.deepEqual(summarize(bFirst.decisions), ['CompleteWorkflowExecution "B"']);
  });
});
