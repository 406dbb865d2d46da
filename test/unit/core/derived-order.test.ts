import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, all, ConfigurationError, finishOrder, first, Workflow } from '../../../src/core/index.ts';
import { decide, Decider, type DecideResult, type HistoryEvent } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

const Quote = { name: 'Quote', version: '1' };
type Label = 'a' | 'b' | 'c';
interface Input {
  n: 2 | 3;
  late: boolean;
  combinator: 'first' | 'finishOrder';
}

/**
 * Results derived with then() from an activity (a), a timer (b) and a signal (c). With `late`,
 * the combinator is called only after a gate timer fired, when all of them have settled.
 */
class Derived extends Workflow<Input, unknown> {
  quote = ActivityProxy<string, string>(Quote);
  async run({ n, late, combinator }: Input) {
    const sources = [
      this.quote('a').then((v) => `A:${v}`),
      this.sleep(5).then(() => 'B'),
      ...(n === 3 ? [this.signal<string>('c').then((v) => `C:${v}`)] : []),
    ];
    if (late) await this.sleep(100);
    if (combinator === 'first') return first(sources);
    const seen: string[] = [];
    for await (const value of finishOrder(sources)) seen.push(value);
    return seen;
  }
}

const LABELS: Record<Label, string> = { a: 'A:x', b: 'B', c: 'C:y' };

function arrive(h: HistoryBuilder, label: Label): void {
  if (label === 'a') h.activityCompleted('Quote-1', 'x');
  else if (label === 'b') h.timerFired('timer-1');
  else h.signaled('c', 'y');
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The ways to split n arrivals into consecutive decision tasks, e.g. 3 → [3], [2,1], [1,2], [1,1,1]. */
function groupings(n: number): number[][] {
  if (n === 0) return [[]];
  return Array.from({ length: n }, (_, i) => i + 1).flatMap((size) =>
    groupings(n - size).map((rest) => [size, ...rest]),
  );
}

const isClose = (result: DecideResult) => result.status !== 'open';

/** Runs `Derived` with results arriving in `order`, grouped into tasks by `groups`; returns the close result. */
async function runCase(input: Input, order: Label[], groups: number[], cached: boolean): Promise<unknown> {
  const decider = new Decider();
  const execution = { workflowId: 'derived', runId: 'run' };
  const decideTask = (events: HistoryEvent[]) =>
    cached ? decider.decide(events, Derived, execution) : decide(events, Derived, { execution });
  const h = new HistoryBuilder().started(input).decisionStarted();
  let result = await decideTask([...h.events]);
  let next = 0;
  const batches = [
    ...groups.map((size) => order.slice(next, (next += size))),
    ...(input.late ? [['gate' as const]] : []),
  ];
  for (const batch of batches) {
    if (isClose(result)) break;
    h.completedWith(result.decisions);
    for (const label of batch) {
      if (label === 'gate') h.timerFired('timer-2');
      else arrive(h, label);
    }
    h.decisionTask();
    result = await decideTask([...h.events]);
  }
  assert.equal(result.status, 'completed', JSON.stringify(result.decisions));
  return JSON.parse(result.decisions.at(-1)!.completeWorkflowExecutionDecisionAttributes!.result!);
}

describe('first() and finishOrder() over promises derived with then()', () => {
  for (const n of [2, 3] as const) {
    const labels: Label[] = n === 2 ? ['a', 'b'] : ['a', 'b', 'c'];
    for (const late of [false, true]) {
      for (const combinator of ['first', 'finishOrder'] as const) {
        const when = late ? 'called after all had settled' : 'called before any settled';
        test(`${combinator}() of ${n} derived results follows history order in every arrival order and task grouping (${when})`, async () => {
          for (const order of permutations(labels)) {
            for (const groups of groupings(n)) {
              for (const cached of [false, true]) {
                const outcome = await runCase({ n, late, combinator }, order, groups, cached);
                const expected = combinator === 'first' ? LABELS[order[0]!] : order.map((label) => LABELS[label]);
                assert.deepEqual(
                  outcome,
                  expected,
                  `order ${order.join(',')}, tasks ${groups.join('+')}, ${cached ? 'cached' : 'full replay'}`,
                );
              }
            }
          }
        });
      }
    }
  }

  test('first() of all() and a derived timer follows history order', async () => {
    class AllOrTimeout extends Workflow<void, unknown> {
      quote = ActivityProxy<string, string>(Quote);
      async run() {
        const both = all([this.quote('a'), this.quote('b')]);
        const timeout = this.sleep(5).then(() => 'timeout');
        await this.sleep(100);
        return first([timeout, both]);
      }
    }
    const h = new HistoryBuilder().started().decisionStarted();
    h.completedWith((await decide([...h.events], AllOrTimeout)).decisions);
    h.activityCompleted('Quote-1', 'x')
      .activityCompleted('Quote-2', 'y')
      .timerFired('timer-1')
      .timerFired('timer-2')
      .decisionTask();
    const result = await decide([...h.events], AllOrTimeout);
    assert.equal(result.decisions.at(-1)!.completeWorkflowExecutionDecisionAttributes!.result, '["x","y"]');
  });

  test('first() refuses, when called, a promise it cannot order, naming the argument and what to pass', async () => {
    class Refused extends Workflow<void, unknown> {
      quote = ActivityProxy<string, string>(Quote);
      async run() {
        const sequence = (async () => this.quote(await this.quote('a')))();
        try {
          void first([this.sleep(60), sequence]);
          return 'accepted';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      }
    }
    const result = await decide(new HistoryBuilder().started().decisionStarted().events, Refused);
    const message = JSON.parse(result.decisions.at(-1)!.completeWorkflowExecutionDecisionAttributes!.result!) as string;
    assert.match(message, /^ConfigurationError: first\(\) cannot order argument 2 /);
    assert.match(message, /derived from it with \.then\(\)/);
    assert.throws(() => finishOrder([Promise.resolve(1)]), ConfigurationError);
    assert.throws(() => all([1, Promise.resolve(2)]), /all\(\) cannot order argument 2/);
  });
});

describe('signals received before anyone waited for them', () => {
  test('first() places a buffered signal at the time it was received, before a later activity result', async () => {
    class SignalOrQuote extends Workflow<void, unknown> {
      quote = ActivityProxy<string, string>(Quote);
      async run() {
        const quote = this.quote('a');
        await this.sleep(100); // the signal and the quote both arrive meanwhile, the signal first
        return first([quote, this.signal<string>('x')]);
      }
    }
    const h = new HistoryBuilder().started().decisionStarted();
    h.completedWith((await decide([...h.events], SignalOrQuote)).decisions);
    h.signaled('x', 'signal').decisionTask();
    h.completedWith((await decide([...h.events], SignalOrQuote)).decisions);
    h.activityCompleted('Quote-1', 'quote').decisionTask();
    h.completedWith((await decide([...h.events], SignalOrQuote)).decisions);
    h.timerFired('timer-1').decisionTask();
    const result = await decide([...h.events], SignalOrQuote);
    assert.equal(result.decisions.at(-1)!.completeWorkflowExecutionDecisionAttributes!.result, '"signal"');
  });
});
