import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow, WorkflowProxy, type TaskError } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { workflow } from '../../../src/definitions/index.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

@workflow({
  name: 'Ship',
  version: '2',
  taskList: 'shipping',
  executionStartToCloseTimeout: 600,
  childPolicy: 'ABANDON',
})
class Ship extends Workflow<string, string> {
  async run(order: string) {
    return `shipped ${order}`;
  }
}

class Parent extends Workflow<void, string> {
  ship = WorkflowProxy(Ship, { childPolicy: 'REQUEST_CANCEL' });
  async run() {
    try {
      return await this.ship('o-1');
    } catch (error) {
      const e = error as TaskError;
      return `${e.name}/${e.reason}`;
    }
  }
}

const CHILD_ID = 'order-7--Ship-1';
const execution = { workflowId: 'order-7', runId: 'r1' };
const begin = () => new HistoryBuilder().started().decisionStarted();
const initiated = () => begin().decisionCompleted().childInitiated(CHILD_ID, 'Ship', '2');

describe('child workflows', () => {
  test('a WorkflowProxy call starts the child with a derived id, the child type options and the proxy child policy', async () => {
    const { decisions } = await decide(begin().events, Parent, { execution });
    assert.deepEqual(decisions, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'Ship', version: '2' },
          workflowId: CHILD_ID,
          input: '"o-1"',
          taskList: { name: 'shipping' },
          executionStartToCloseTimeout: '600',
          taskStartToCloseTimeout: '30',
          childPolicy: 'REQUEST_CANCEL',
        },
      },
    ]);
    assert.ok(!CHILD_ID.includes(':'), 'SWF ids cannot contain ":"');
  });

  const cases: { name: string; history: () => HistoryBuilder; expected: string[] }[] = [
    {
      name: 'ChildWorkflowExecutionStarted alone decides nothing',
      history: () => initiated().childStarted(CHILD_ID).decisionTask(),
      expected: [],
    },
    {
      name: 'ChildWorkflowExecutionCompleted resolves with the child result',
      history: () =>
        initiated()
          .childClosed('ChildWorkflowExecutionCompleted', CHILD_ID, { result: '"shipped o-1"' })
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "shipped o-1"'],
    },
    {
      name: 'ChildWorkflowExecutionFailed rejects with ChildWorkflowFailed and the reason',
      history: () =>
        initiated()
          .childClosed('ChildWorkflowExecutionFailed', CHILD_ID, { reason: 'NoStock', details: '{}' })
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "ChildWorkflowFailed/NoStock"'],
    },
    {
      name: 'ChildWorkflowExecutionTimedOut rejects with ChildWorkflowTimedOut',
      history: () =>
        initiated()
          .childClosed('ChildWorkflowExecutionTimedOut', CHILD_ID, { timeoutType: 'START_TO_CLOSE' })
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "ChildWorkflowTimedOut/START_TO_CLOSE"'],
    },
    {
      name: 'ChildWorkflowExecutionTerminated rejects with ChildWorkflowTerminated',
      history: () => initiated().childClosed('ChildWorkflowExecutionTerminated', CHILD_ID).decisionTask(),
      expected: ['CompleteWorkflowExecution "ChildWorkflowTerminated/undefined"'],
    },
    {
      name: 'ChildWorkflowExecutionCanceled rejects with ChildWorkflowCanceled',
      history: () => initiated().childClosed('ChildWorkflowExecutionCanceled', CHILD_ID).decisionTask(),
      expected: ['CompleteWorkflowExecution "ChildWorkflowCanceled/undefined"'],
    },
    {
      name: 'StartChildWorkflowExecutionFailed rejects with StartChildWorkflowFailed and the SWF cause',
      history: () =>
        begin()
          .decisionCompleted()
          .startChildFailed(CHILD_ID, 'Ship', '2', 'WORKFLOW_TYPE_DOES_NOT_EXIST')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "StartChildWorkflowFailed/WORKFLOW_TYPE_DOES_NOT_EXIST"'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const result = await decide(c.history().events, Parent, { execution });
      assert.deepEqual(summarize(result.decisions), c.expected);
    });
  }

  test('an uncaught child failure fails the parent', async () => {
    class Careless extends Workflow<void, string> {
      ship = WorkflowProxy<string, string>({ name: 'Ship', version: '2' });
      async run() {
        return this.ship('o-1', { workflowId: 'ship-o-1' });
      }
    }
    const h = begin()
      .decisionCompleted()
      .childInitiated('ship-o-1', 'Ship', '2')
      .childClosed('ChildWorkflowExecutionFailed', 'ship-o-1', { reason: 'NoStock' })
      .decisionTask();
    const result = await decide(h.events, Careless, { execution });
    assert.deepEqual(summarize(result.decisions), [
      'FailWorkflowExecution ChildWorkflowFailed: Child workflow ship-o-1 failed: NoStock',
    ]);
  });

  test('a child workflow id SWF would refuse is rejected naming the call, before anything is sent', async () => {
    class Colon extends Workflow<void, string> {
      ship = WorkflowProxy<string, string>({ name: 'Ship', version: '2' });
      async run() {
        return this.ship('o-1', { workflowId: 'orders:o-1' }).catch(
          (error: Error) => `${error.name}: ${error.message}`,
        );
      }
    }
    const result = await decide(begin().events, Colon, { execution });
    assert.deepEqual(summarize(result.decisions), [
      `CompleteWorkflowExecution "ConfigurationError: Child workflow id \\"orders:o-1\\" of \\"Ship\\" (call 1) must not contain ':', '/', '|' or control characters"`,
    ]);
  });
});
