import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NonDeterminismError } from '../../../src/core/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT, startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';
import { ApprovalRequest } from '../../../workflows/approval-request.ts';
import { ApprovalRequest as ChangedApprovalRequest } from './fixtures/changed-approval/approval-request.ts';

describe('queries and status from the client and the CLI', () => {
  let stack: Stack;
  let flowy: (...args: string[]) => ReturnType<typeof runCli>;
  before(async () => {
    stack = await startStack();
    flowy = (...args) => runCli(args, { SWF_ENDPOINT: stack.server.url, SWF_DOMAIN: stack.domain }, ROOT);
  });
  after(async () => {
    await stack.close();
  });

  test('an open run answers a query with no worker running, and a closed run answers too', async () => {
    const run = await stack.client.startWorkflow(ApprovalRequest, { request: 'desk' }, { workflowId: 'query-1' });
    await stack.waitForHistory(run, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    await stack.stopWorkers();
    try {
      assert.deepEqual(await stack.client.query(ApprovalRequest, { workflowId: 'query-1' }, 'state'), {
        request: 'desk',
        decided: false,
      });
      const cli = await flowy('query', 'query-1', 'state');
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual(JSON.parse(cli.stdout), { request: 'desk', decided: false });
      const described = await flowy('describe', 'query-1');
      assert.match(described.stdout, /^context:\s+\{"waiting":true\}/m);
      // a signal the workflow has not decided on yet is not seen
      await stack.client.signal(run, 'approve', { by: 'ana' });
      assert.deepEqual(await stack.client.query(ApprovalRequest, run, 'state'), { request: 'desk', decided: false });
    } finally {
      stack.startWorkers();
    }
    await stack.closeEvent(run);
    const outcome = { request: 'desk', approved: true, by: 'ana', timedOut: false };
    assert.deepEqual(await stack.client.query(ApprovalRequest, run, 'state'), {
      request: 'desk',
      decided: true,
      outcome,
    });
    const cli = await flowy('query', 'query-1', 'state', '--run-id', run.runId);
    assert.deepEqual(JSON.parse(cli.stdout), { request: 'desk', decided: true, outcome });
    assert.equal((await stack.client.describe(run)).latestExecutionContext, '{"waiting":false,"approved":true}');
  });

  test('an unknown query, bad --input JSON and a run of another workflow are usage errors naming the fix', async () => {
    const run = await stack.client.startWorkflow(ApprovalRequest, { request: 'lamp' }, { workflowId: 'query-2' });
    await stack.waitForHistory(run, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    const unknown = await flowy('query', 'query-2', 'nope');
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'flowy: Workflow ApprovalRequest has no query "nope"; its queries: state\n');
    const badInput = await flowy('query', 'query-2', 'state', '--input', '{oops');
    assert.equal(badInput.code, 2);
    assert.match(badInput.stderr, /^flowy: --input is not valid JSON/);
    const { OrderPipeline } = await import('../../../workflows/order-pipeline.ts');
    await assert.rejects(
      stack.client.query(OrderPipeline, run, 'state'),
      /Execution query-2 \(run \S+\) is a run of workflow "ApprovalRequest@1", not of "OrderPipeline"/,
    );
  });

  test('code that no longer matches the history fails the query with the non-determinism replay reports', async () => {
    const run = await stack.client.startWorkflow(ApprovalRequest, { request: 'chair' }, { workflowId: 'query-3' });
    await stack.waitForHistory(run, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    await assert.rejects(stack.client.query(ChangedApprovalRequest, run, 'state'), (error: Error) => {
      assert.ok(error instanceof NonDeterminismError);
      assert.match(
        error.message,
        /^History of run \S+ of ApprovalRequest@1 \(workflowId query-3\) does not replay with today's code of ApprovalRequest\./,
      );
      assert.match(error.message, /Today's code decides:\n {2}ScheduleActivityTask NotifyApprover@1/);
      return true;
    });
    const cli = await flowy('query', 'query-3', 'state', '--folders', 'test/integration/cli/fixtures/changed-approval');
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /^non-determinism in ApprovalRequest@1 at event \d+\nHistory of run/);
  });
});
