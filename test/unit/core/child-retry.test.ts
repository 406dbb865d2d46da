import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow, WorkflowProxy, type TaskError } from '../../../src/core/index.ts';
import { decide, Decider, type DecideResult, type HistoryEvent } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

const Ship = { name: 'Ship', version: '1' };
const CHILD = 'order-1--Ship-1';

class Parent extends Workflow<void, string> {
  ship = WorkflowProxy<string, string>(Ship, {
    retry: { maxAttempts: 3, initialInterval: 10, nonRetryable: ['NoSuchAddress'] },
  });
  async run() {
    try {
      return await this.ship('o-1');
    } catch (error) {
      return `${(error as TaskError).name}/${(error as TaskError).reason}`;
    }
  }
}

type Close =
  | 'ChildWorkflowExecutionFailed'
  | 'ChildWorkflowExecutionTimedOut'
  | 'ChildWorkflowExecutionCompleted'
  | 'ChildWorkflowExecutionTerminated';
const extras: Record<Close, Record<string, unknown>> = {
  ChildWorkflowExecutionFailed: { reason: 'Busy', details: '{}' },
  ChildWorkflowExecutionTimedOut: { timeoutType: 'START_TO_CLOSE' },
  ChildWorkflowExecutionCompleted: { result: '"shipped"' },
  ChildWorkflowExecutionTerminated: {},
};

/** Runs the parent while each child run closes as `closes` says; returns each task's decisions. */
async function drive(closes: { type: Close; extra?: Record<string, unknown> }[], cached: boolean): Promise<string[][]> {
  const decider = new Decider();
  const execution = { workflowId: 'order-1', runId: 'r' };
  const decideTask = (events: HistoryEvent[]): Promise<DecideResult> =>
    cached ? decider.decide(events, Parent, execution) : decide(events, Parent, { execution });
  const h = new HistoryBuilder().started().decisionStarted();
  const tasks: string[][] = [];
  let result = await decideTask([...h.events]);
  for (const close of closes) {
    tasks.push(summarize(result.decisions));
    h.completedWith(result.decisions);
    h.childStarted(CHILD)
      .childClosed(close.type, CHILD, { ...extras[close.type], ...close.extra })
      .decisionTask();
    result = await decideTask([...h.events]);
    if (result.status !== 'open') break;
    const timer = result.decisions.find((d) => d.decisionType === 'StartTimer');
    if (!timer) continue;
    tasks.push(summarize(result.decisions));
    h.completedWith(result.decisions).timerFired(timer.startTimerDecisionAttributes!.timerId).decisionTask();
    result = await decideTask([...h.events]);
  }
  tasks.push(summarize(result.decisions));
  return tasks;
}

const START = 'StartChildWorkflowExecution Ship order-1--Ship-1 "o-1"';

describe('child workflow retry policy', () => {
  for (const cached of [false, true]) {
    const how = cached ? 'cached decider' : 'full replay';
    test(`a failed or timed-out child run is started again after a durable backoff timer (${how})`, async () => {
      const tasks = await drive(
        [
          { type: 'ChildWorkflowExecutionFailed' },
          { type: 'ChildWorkflowExecutionTimedOut' },
          { type: 'ChildWorkflowExecutionCompleted' },
        ],
        cached,
      );
      assert.deepEqual(tasks, [
        [START],
        ['StartTimer retry--child--Ship-1@2 10s'],
        [START],
        ['StartTimer retry--child--Ship-1@3 20s'],
        [START],
        ['CompleteWorkflowExecution "shipped"'],
      ]);
    });

    test(`the last attempt's failure is final (${how})`, async () => {
      const tasks = await drive(
        [
          { type: 'ChildWorkflowExecutionFailed' },
          { type: 'ChildWorkflowExecutionFailed' },
          { type: 'ChildWorkflowExecutionFailed', extra: { reason: 'Third' } },
        ],
        cached,
      );
      assert.deepEqual(tasks.at(-1), ['CompleteWorkflowExecution "ChildWorkflowFailed/Third"']);
      assert.equal(tasks.filter((t) => t[0] === START).length, 3);
    });

    test(`non-retryable reasons and terminated children are not retried (${how})`, async () => {
      assert.deepEqual(
        await drive([{ type: 'ChildWorkflowExecutionFailed', extra: { reason: 'NoSuchAddress' } }], cached),
        [[START], ['CompleteWorkflowExecution "ChildWorkflowFailed/NoSuchAddress"']],
      );
      assert.deepEqual(await drive([{ type: 'ChildWorkflowExecutionTerminated' }], cached), [
        [START],
        ['CompleteWorkflowExecution "ChildWorkflowTerminated/undefined"'],
      ]);
    });
  }
});
