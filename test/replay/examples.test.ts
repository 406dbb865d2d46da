// Replays every recorded history in test/fixtures/histories against today's code: an example
// changed in a way that its running executions could not survive fails here with the decision that
// differs. The examples are checked by name, so workflows a user adds to workflows/ never fail this
// file; a fixture they record with `flowy history <id> --json` is replayed like the examples'.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NonDeterminismError } from '../../src/core/index.ts';
import { scan, workflow } from '../../src/definitions/index.ts';
import type { Registry } from '../../src/definitions/index.ts';
import { replayHistory } from '../../src/testing/index.ts';
import { OrderPipeline } from '../../workflows/order-pipeline.ts';
import type { Order } from '../../activities/order-pipeline.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/histories');
const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The example workflows shipped in workflows/ (test/fixtures/record-histories.ts records them). */
const EXAMPLE_WORKFLOWS = ['ApprovalRequest', 'DocumentReview', 'JobTree', 'OrderPipeline', 'RunJob'];

interface Fixture {
  events: {
    eventType: string;
    workflowExecutionStartedEventAttributes?: { workflowType?: { name: string; version: string } };
  }[];
}

function workflowTypeOf(file: string): { name: string; version: string } {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
  const type = fixture.events.find((e) => e.eventType === 'WorkflowExecutionStarted')
    ?.workflowExecutionStartedEventAttributes?.workflowType;
  assert.ok(type, `${file} has no WorkflowExecutionStarted event`);
  return type;
}

describe("recorded example histories replay with today's code", () => {
  let registry: Registry;
  before(async () => {
    registry = await scan(['workflows', 'activities'], { cwd: ROOT });
  });

  test('every example workflow has at least one recorded history', () => {
    const recorded = new Set(files.map((file) => workflowTypeOf(file).name));
    const missing = EXAMPLE_WORKFLOWS.filter((name) => !recorded.has(name));
    assert.deepEqual(missing, [], `record them with: node --import tsx test/fixtures/record-histories.ts`);
  });

  test('every example workflow is still in workflows/', () => {
    const missing = EXAMPLE_WORKFLOWS.filter((name) => !registry.findWorkflow(name));
    assert.deepEqual(missing, []);
  });

  for (const file of files) {
    test(`${file} replays without non-determinism`, async () => {
      const type = workflowTypeOf(file);
      const definition = registry.findWorkflow(type.name, type.version);
      assert.ok(
        definition,
        `${file} is a run of ${type.name}@${type.version}, which is no longer in workflows/ (keep old versions registered while runs of them are open)`,
      );
      const report = await replayHistory(join(FIXTURES, file), definition.cls);
      assert.notEqual(report.status, 'open', `${file} should be a closed run`);
      assert.ok(report.decisionTasks > 0);
    });
  }
});

describe('the example replay check', () => {
  test('fails when an example changes the order of its steps', async () => {
    // the same workflow type, but payment is taken before the order is validated
    @workflow({ name: 'OrderPipeline', taskList: 'orders', executionStartToCloseTimeout: 600 })
    class ChargeFirst extends OrderPipeline {
      override async run(order: Order) {
        await this.charge({ orderId: order.orderId, amount: 1 });
        return super.run(order);
      }
    }
    await assert.rejects(replayHistory(join(FIXTURES, 'order-pipeline.json'), ChargeFirst), (error: unknown) => {
      assert.ok(error instanceof NonDeterminismError);
      assert.match(
        error.message,
        /Decision task 1 \(DecisionTaskCompleted event 4\) recorded:\n {2}ScheduleActivityTask ValidateOrder@1 \(id ValidateOrder-1\)/,
      );
      assert.match(
        error.message,
        /Today's code decides:\n {2}ScheduleActivityTask ChargePayment@1 \(id ChargePayment-1\)/,
      );
      return true;
    });
  });
});
