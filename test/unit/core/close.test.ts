import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, PayloadTooLargeError, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

/** Counts to 3 across runs with restart(). */
class Counter extends Workflow<number, number> {
  async run(n: number) {
    await this.sleep(1);
    if (n < 3) this.restart(n + 1);
    return n;
  }
}

class Quick extends Workflow<void, string> {
  async run() {
    return 'done';
  }
}

const Store = { name: 'Store', version: '1' };

class Oversized extends Workflow<void, string> {
  store = ActivityProxy(Store);
  async run() {
    await this.store('small');
    try {
      await this.store('x'.repeat(40_000));
      return 'sent';
    } catch (error) {
      return (error as Error).message;
    }
  }
}

class HugeResult extends Workflow<void, string> {
  async run() {
    return 'y'.repeat(33_000);
  }
}

describe('closing the execution', () => {
  test('restart(input) continues as new with the input and the current run configuration', async () => {
    const h = new HistoryBuilder()
      .started(1, { tagList: ['t1'] })
      .decisionStarted()
      .decisionCompleted()
      .timerStarted('timer-1', 1)
      .timerFired('timer-1')
      .decisionTask();
    const result = await decide(h.events, Counter);
    assert.equal(result.status, 'continued');
    assert.deepEqual(result.decisions, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: {
          input: '2',
          executionStartToCloseTimeout: '3600',
          taskList: { name: 'default' },
          taskStartToCloseTimeout: '30',
          childPolicy: 'TERMINATE',
          tagList: ['t1'],
        },
      },
    ]);
  });

  test('the last run of a restarted chain completes', async () => {
    const h = new HistoryBuilder()
      .started(3)
      .decisionStarted()
      .decisionCompleted()
      .timerStarted('timer-1', 1)
      .timerFired('timer-1')
      .decisionTask();
    const result = await decide(h.events, Counter);
    assert.deepEqual(summarize(result.decisions), ['CompleteWorkflowExecution 3']);
  });

  test('a close refused with UNHANDLED_DECISION is issued again after the new events', async () => {
    const h = new HistoryBuilder()
      .started()
      .decisionStarted()
      .signaled('late', 1)
      .decisionCompleted()
      .closeFailed('CompleteWorkflowExecutionFailed')
      .decisionTask();
    const result = await decide(h.events, Quick);
    assert.deepEqual(summarize(result.decisions), ['CompleteWorkflowExecution "done"']);
    assert.equal(result.status, 'completed');
  });

  test('a history whose close was recorded decides nothing more', async () => {
    const h = new HistoryBuilder().started().decisionStarted().decisionCompleted().completedExecution('done');
    const result = await decide(h.events, Quick);
    assert.deepEqual(result.decisions, []);
    assert.equal(result.status, 'completed');
  });

  test('an activity input over 32,768 characters is rejected naming the call, before anything is sent', async () => {
    const h = new HistoryBuilder().started().decisionStarted();
    const first = await decide(h.events, Oversized);
    assert.deepEqual(summarize(first.decisions), ['ScheduleActivityTask Store-1 "small"']);
    h.decisionCompleted().scheduled('Store-1', 'small').activityCompleted('Store-1', 'ok').decisionTask();
    const second = await decide(h.events, Oversized);
    assert.deepEqual(summarize(second.decisions), [
      'CompleteWorkflowExecution "Input of activity \\"Store\\" (call 2) is 40 002 characters; SWF allows 32 768. Configure a payload store (FLOWY_PAYLOADS) or pass a reference (an id, a storage key) instead of the data itself."',
    ]);
  });

  test('a workflow result over the limit fails the execution with PayloadTooLargeError', async () => {
    const result = await decide(new HistoryBuilder().started().decisionStarted().events, HugeResult);
    const fail = result.decisions[0]!.failWorkflowExecutionDecisionAttributes!;
    assert.equal(result.status, 'failed');
    assert.match(
      fail.reason!,
      /^PayloadTooLargeError: Result of workflow "Test" is 33 002 characters; SWF allows 32 768/,
    );
    assert.ok(new PayloadTooLargeError('x') instanceof Error);
  });

  test('a history nearing 25,000 events carries a warning that suggests restart()', async () => {
    const h = new HistoryBuilder().started().decisionStarted();
    const quiet = await decide(h.events, Counter);
    assert.deepEqual(quiet.warnings, []);
    const warned = await decide(h.events, Counter, { eventLimitWarningAt: 3 });
    assert.equal(warned.warnings.length, 1);
    assert.match(warned.warnings[0]!, /has 3 events; SWF terminates a run at 25,000\. Call this\.restart\(input\)/);
  });

  test('an error thrown by run() fails the execution with reason and details', async () => {
    class Broken extends Workflow<void, void> {
      async run() {
        throw new RangeError('quantity must be positive');
      }
    }
    const result = await decide(new HistoryBuilder().started().decisionStarted().events, Broken);
    assert.deepEqual(result.decisions, [
      {
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: {
          reason: 'RangeError: quantity must be positive',
          details: '{"name":"RangeError","message":"quantity must be positive"}',
        },
      },
    ]);
  });
});

describe('errors that are not decisions', () => {
  test('a workflow constructor that throws makes decide() throw, producing no decisions', async () => {
    class BadField extends Workflow<void, void> {
      config = JSON.parse('{not json');
      async run() {}
    }
    await assert.rejects(decide(new HistoryBuilder().started().decisionStarted().events, BadField), SyntaxError);
  });

  test('an input that cannot be deserialized fails the execution', async () => {
    const h = new HistoryBuilder().started().decisionStarted();
    h.events[0]!.workflowExecutionStartedEventAttributes!.input = '{broken';
    const result = await decide(h.events, Quick);
    assert.equal(result.status, 'failed');
    assert.match(result.decisions[0]!.failWorkflowExecutionDecisionAttributes!.reason!, /^SyntaxError: /);
  });
});
