import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

class Signals extends Workflow<string, unknown> {
  async run(target: string) {
    await Promise.all([
      this.signalWorkflow(target, 'go', { n: 1 }, { runId: 'r-1' }),
      this.requestCancelWorkflow(target),
    ]);
    return 'sent';
  }
}

describe('signalWorkflow() and requestCancelWorkflow()', () => {
  test('each becomes its decision with a control naming the call', async () => {
    const result = await decide(new HistoryBuilder().started('other-1').decisionStarted().events, Signals);
    assert.deepEqual(result.decisions, [
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: {
          workflowId: 'other-1',
          signalName: 'go',
          control: 'signal-1',
          runId: 'r-1',
          input: '{"n":1}',
        },
      },
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'other-1', control: 'cancel-1' },
      },
    ]);
  });

  test('an invalid workflow id is refused at the call, naming the fix, and nothing is sent', async () => {
    const result = await decide(new HistoryBuilder().started('a:b').decisionStarted().events, Signals);
    assert.equal(result.decisions.length, 1);
    assert.equal(result.decisions[0]!.decisionType, 'FailWorkflowExecution');
    assert.match(result.decisions[0]!.failWorkflowExecutionDecisionAttributes!.reason!, /ConfigurationError/);
    assert.match(
      result.decisions[0]!.failWorkflowExecutionDecisionAttributes!.details!,
      /signalWorkflow\(\): workflow id \\"a:b\\" must not contain ':'/,
    );
  });
});
