import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ActivityProxy,
  ConfigurationError,
  first,
  Workflow,
  WorkflowCanceled,
  WorkflowProxy,
} from '../../../src/core/index.ts';
import { decide, type Decision } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

const Work = { name: 'Work', version: '1' };
const CANCELED = 'canceled' as const;

/** Stops its activity when the execution is canceled. */
class StopsWork extends Workflow<void, string> {
  work = ActivityProxy<null, string>(Work, { retry: { maxAttempts: 3, initialInterval: 60 } });
  async run() {
    const work = this.work(null);
    const outcome = await first([work, this.cancellation().then(() => CANCELED)]);
    if (outcome !== CANCELED) return outcome;
    this.cancel(work);
    try {
      await work;
    } catch (error) {
      throw new WorkflowCanceled(`work stopped: ${(error as Error).name}`);
    }
    return 'finished anyway';
  }
}

/** Waits for a signal for at most a day, and cancels the timer when the signal wins. */
class TidyTimer extends Workflow<void, string> {
  async run() {
    const timer = this.sleep(86_400);
    const outcome = await first([this.signal<string>('go'), timer.then(() => 'timeout')]);
    this.cancel(timer);
    try {
      await timer;
    } catch (error) {
      return `${outcome}, timer ${(error as Error).name}`;
    }
    return outcome;
  }
}

/** Cancels its child when the execution is canceled. */
class StopsChild extends Workflow<void, string> {
  child = WorkflowProxy<null, string>({ name: 'Child', version: '1' });
  async run() {
    const child = this.child(null, { workflowId: 'child-1' });
    await first([child, this.cancellation()]);
    this.cancel(child);
    return child.catch((error: Error) => error.name);
  }
}

const cancelActivity: Decision = {
  decisionType: 'RequestCancelActivityTask',
  requestCancelActivityTaskDecisionAttributes: { activityId: 'Work-1' },
};
const begin = () => new HistoryBuilder().started().decisionStarted();

describe('cancelling work the workflow started', () => {
  test('cancel(activity) requests cancellation of the open attempt', async () => {
    const h = begin()
      .decisionCompleted()
      .scheduled('Work-1', null)
      .activityStarted('Work-1')
      .cancelRequested()
      .decisionTask();
    const { decisions } = await decide(h.events, StopsWork);
    assert.deepEqual(decisions, [cancelActivity]);
  });

  test('the activity rejects with ActivityCanceled once SWF records it; it is not retried', async () => {
    const h = begin()
      .decisionCompleted()
      .scheduled('Work-1', null)
      .activityStarted('Work-1')
      .cancelRequested()
      .decisionTask()
      .completedWith([cancelActivity])
      .activityCanceled('Work-1')
      .decisionTask();
    const result = await decide(h.events, StopsWork);
    assert.deepEqual(summarize(result.decisions), ['CancelWorkflowExecution work stopped: ActivityCanceled']);
    assert.equal(result.status, 'canceled');
  });

  test('an activity waiting to retry is stopped by canceling its retry timer', async () => {
    const h = begin()
      .decisionCompleted()
      .scheduled('Work-1', null)
      .activityFailed('Work-1', 'Busy')
      .decisionTask()
      .decisionCompleted()
      .timerStarted('retry--Work-1@2', 60)
      .cancelRequested()
      .decisionTask();
    const result = await decide(h.events, StopsWork);
    assert.deepEqual(summarize(result.decisions), [
      'CancelTimer retry--Work-1@2',
      'CancelWorkflowExecution work stopped: ActivityCanceled',
    ]);
  });

  test('cancel(sleep) cancels the timer and rejects it with TimerCanceled at once', async () => {
    const h = begin().decisionCompleted().timerStarted('timer-1', 86_400).signaled('go', 'went').decisionTask();
    const result = await decide(h.events, TidyTimer);
    assert.deepEqual(summarize(result.decisions), [
      'CancelTimer timer-1',
      'CompleteWorkflowExecution "went, timer TimerCanceled"',
    ]);
  });

  test('cancel() of a timer that already fired does nothing', async () => {
    const h = begin()
      .decisionCompleted()
      .timerStarted('timer-1', 86_400)
      .timerFired('timer-1')
      .signaled('go', 'went')
      .decisionTask();
    const result = await decide(h.events, TidyTimer);
    assert.deepEqual(summarize(result.decisions), ['CompleteWorkflowExecution "timeout"']);
  });

  test('cancel(child) asks the child to cancel; its ChildWorkflowExecutionCanceled rejects the call', async () => {
    const h = begin()
      .decisionCompleted()
      .childInitiated('child-1', 'Child')
      .childStarted('child-1')
      .cancelRequested()
      .decisionTask();
    const first = await decide(h.events, StopsChild);
    assert.deepEqual(first.decisions, [
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'child-1' },
      },
    ]);
    h.completedWith(first.decisions).childClosed('ChildWorkflowExecutionCanceled', 'child-1').decisionTask();
    const second = await decide(h.events, StopsChild);
    assert.deepEqual(summarize(second.decisions), ['CompleteWorkflowExecution "ChildWorkflowCanceled"']);
  });

  test('cancel() of a derived promise is a ConfigurationError that says which promises it takes', async () => {
    class Wrong extends Workflow<void, void> {
      work = ActivityProxy(Work);
      async run() {
        this.cancel(this.work(null).then(() => 1));
      }
    }
    const { decisions } = await decide(begin().events, Wrong);
    const reason = decisions.at(-1)!.failWorkflowExecutionDecisionAttributes!.reason!;
    assert.match(
      reason,
      /^ConfigurationError: cancel\(\) takes a promise returned by an ActivityProxy, a WorkflowProxy or sleep\(\)/,
    );
    assert.equal(new ConfigurationError('x').name, 'ConfigurationError');
  });
});
