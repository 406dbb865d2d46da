import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TimerFailed, Workflow, WorkflowCanceled } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

class Naps extends Workflow<void, string> {
  async run() {
    try {
      await this.sleep(10);
      return 'slept';
    } catch (error) {
      return `${(error as TimerFailed).name}/${(error as TimerFailed).reason}`;
    }
  }
}
class Fails extends Workflow<void, void> {
  async run() {
    throw new Error('nope');
  }
}
class Cancels extends Workflow<void, void> {
  async run() {
    throw new WorkflowCanceled('not needed');
  }
}
class Restarts extends Workflow<number, void> {
  async run(n: number) {
    this.restart(n + 1);
  }
}
class Marks extends Workflow<void, number> {
  async run() {
    return this.sideEffect(() => 7);
  }
}

const begin = (input?: unknown) => new HistoryBuilder().started(input).decisionStarted();

describe('decisions SWF refused (SWF_SPEC 9: *Failed events)', () => {
  test('StartTimerFailed rejects the sleep with TimerFailed carrying the cause', async () => {
    const h = begin()
      .decisionCompleted()
      .add('StartTimerFailed', {
        timerId: 'timer-1',
        cause: 'OPEN_TIMERS_LIMIT_EXCEEDED',
        decisionTaskCompletedEventId: 4,
      })
      .decisionTask();
    const { decisions } = await decide(h.events, Naps);
    assert.deepEqual(summarize(decisions), ['CompleteWorkflowExecution "TimerFailed/OPEN_TIMERS_LIMIT_EXCEEDED"']);
  });

  const closes: {
    name: string;
    workflow: Parameters<typeof decide>[1];
    failedEvent: string;
    expected: string;
    input?: unknown;
  }[] = [
    {
      name: 'FailWorkflowExecutionFailed',
      workflow: Fails,
      failedEvent: 'FailWorkflowExecutionFailed',
      expected: 'FailWorkflowExecution Error: nope',
    },
    {
      name: 'CancelWorkflowExecutionFailed',
      workflow: Cancels,
      failedEvent: 'CancelWorkflowExecutionFailed',
      expected: 'CancelWorkflowExecution not needed',
    },
    {
      name: 'ContinueAsNewWorkflowExecutionFailed',
      workflow: Restarts,
      failedEvent: 'ContinueAsNewWorkflowExecutionFailed',
      expected: 'ContinueAsNewWorkflowExecution 2',
      input: 1,
    },
  ];
  for (const c of closes) {
    test(`${c.name} with UNHANDLED_DECISION: the close is issued again in the next task`, async () => {
      const h = begin(c.input).signaled('meanwhile').decisionCompleted().closeFailed(c.failedEvent).decisionTask();
      const { decisions } = await decide(h.events, c.workflow);
      assert.deepEqual(summarize(decisions), [c.expected]);
    });
  }

  test('RecordMarkerFailed matches the marker decision and changes nothing else', async () => {
    const h = begin()
      .decisionCompleted()
      .add('RecordMarkerFailed', {
        markerName: 'side-effect-1',
        cause: 'OPERATION_NOT_PERMITTED',
        decisionTaskCompletedEventId: 4,
      })
      .closeFailed('CompleteWorkflowExecutionFailed')
      .decisionTask();
    const { decisions } = await decide(h.events, Marks);
    assert.deepEqual(summarize(decisions), ['CompleteWorkflowExecution 7']);
  });

  test('events nothing waits on (Lambda, external workflow events) are ignored', async () => {
    const h = begin()
      .decisionCompleted()
      .timerStarted('timer-1', 10)
      .add('LambdaFunctionScheduled', { id: 'x', name: 'fn', decisionTaskCompletedEventId: 999 })
      .add('ExternalWorkflowExecutionSignaled', { workflowExecution: { workflowId: 'w' }, initiatedEventId: 1 })
      .timerFired('timer-1')
      .decisionTask();
    const { decisions } = await decide(h.events, Naps);
    assert.deepEqual(summarize(decisions), ['CompleteWorkflowExecution "slept"']);
  });
});
