import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow, WorkflowProxy } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { checkSchema, workflow } from '../../../src/definitions/index.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

@workflow({ name: 'Total', output: { type: 'object', required: ['total'], properties: { total: { type: 'number' } } } })
class Total extends Workflow<unknown, unknown> {
  async run(input: unknown) {
    return input;
  }
}

@workflow({ name: 'Ship', input: { type: 'object', required: ['orderId'] } })
class Ship extends Workflow<{ orderId: string }, string> {
  async run() {
    return 'shipped';
  }
}

class Parent extends Workflow<unknown, string> {
  ship = WorkflowProxy(Ship);
  async run(input: unknown) {
    try {
      return await this.ship(input as { orderId: string });
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  }
}

const run = (cls: typeof Total | typeof Parent, input: unknown, withSchemas = true) =>
  decide(
    new HistoryBuilder().started(input, { workflowType: { name: cls.name, version: '1' } }).decisionStarted().events,
    cls,
    withSchemas ? { checkSchema } : {},
  );

describe('JSON Schemas in the decider', () => {
  test('a result that does not match the output schema fails the execution, naming the field', async () => {
    const { decisions, status } = await run(Total, { total: 'ten' });
    assert.equal(status, 'failed');
    assert.deepEqual(summarize(decisions), [
      'FailWorkflowExecution SchemaMismatch: Result of workflow "Total" does not match its output schema: total must be number; fix run() or the schema',
    ]);
    assert.deepEqual(summarize((await run(Total, { total: 10 })).decisions), [
      'CompleteWorkflowExecution {"total":10}',
    ]);
  });

  test('a child input that does not match the child input schema rejects the call and starts nothing', async () => {
    const { decisions } = await run(Parent, { order: 'o-1' });
    assert.deepEqual(summarize(decisions), [
      'CompleteWorkflowExecution "SchemaMismatch: Input of child workflow \\"Ship\\" (call 1) does not match its input schema: orderId is required; nothing was started"',
    ]);
    assert.equal((await run(Parent, { orderId: 'o-1' })).decisions[0]!.decisionType, 'StartChildWorkflowExecution');
  });

  test('without checkSchema (plain decide()) no schema is checked', async () => {
    assert.equal((await run(Total, { total: 'ten' }, false)).status, 'completed');
  });
});
