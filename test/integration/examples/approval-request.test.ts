import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApprovalRequest } from '../../../workflows/approval-request.ts';
import { runCli } from './capture.ts';
import { startStack } from './stack.ts';
import type { Stack } from './stack.ts';

describe('timer and signal example (approval request)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack.close();
  });

  test('an approve signal sent with "flowy signal" wins over the timer', async () => {
    const execution = await stack.client.startWorkflow(
      ApprovalRequest,
      { request: 'laptop', timeoutSeconds: 600 },
      { workflowId: 'approval-1' },
    );
    await stack.waitForHistory(execution, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    const signaled = await runCli([
      'signal',
      'approval-1',
      'approve',
      '--input',
      '{"by":"ana"}',
      '--endpoint',
      stack.server.url,
      '--domain',
      stack.domain,
    ]);
    assert.equal(signaled.code, 0, signaled.stderr);
    await stack.closeEvent(execution, { skipTime: false });
    assert.deepEqual(await stack.client.result(execution), {
      request: 'laptop',
      approved: true,
      by: 'ana',
      timedOut: false,
    });
  });

  test('a reject signal is reported as not approved', async () => {
    const execution = await stack.client.startWorkflow(
      ApprovalRequest,
      { request: 'car' },
      { workflowId: 'approval-2' },
    );
    await stack.waitForHistory(execution, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    await stack.client.signal(execution, 'reject', { by: 'bo', comment: 'no budget' });
    await stack.closeEvent(execution, { skipTime: false });
    assert.deepEqual(await stack.client.result(execution), {
      request: 'car',
      approved: false,
      by: 'bo',
      comment: 'no budget',
      timedOut: false,
    });
  });

  test('without a signal the request times out after its delay (time skipped on the manual clock)', async () => {
    const startedAt = stack.server.clock.now();
    const execution = await stack.client.startWorkflow(
      ApprovalRequest,
      { request: 'desk', timeoutSeconds: 86_400 },
      { workflowId: 'approval-3' },
    );
    const close = await stack.closeEvent(execution);
    assert.equal(close.eventType, 'WorkflowExecutionCompleted');
    assert.deepEqual(await stack.client.result(execution), { request: 'desk', approved: false, timedOut: true });
    const events = await stack.client.history(execution);
    const fired = events.find((e) => e.eventType === 'TimerFired');
    assert.ok(fired?.eventTimestamp && fired.eventTimestamp.getTime() - startedAt.getTime() >= 86_400_000);
  });
});
