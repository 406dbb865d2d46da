import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowExecutionFailed } from '../../../src/client/index.ts';
import type { Execution } from '../../../src/client/index.ts';
import { ticketFile } from '../../../activities/document-review.ts';
import type { ReviewTicket } from '../../../activities/document-review.ts';
import { DocumentReview } from '../../../workflows/document-review.ts';
import { runCli } from './capture.ts';
import { startStack } from './stack.ts';
import type { Stack } from './stack.ts';

describe('delegate example (document review)', () => {
  let stack: Stack;
  let inbox: string;
  const previousInbox = process.env.FLOWY_REVIEW_INBOX;
  before(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'flowy-review-'));
    process.env.FLOWY_REVIEW_INBOX = inbox;
    stack = await startStack();
  });
  after(async () => {
    await stack.close();
    if (previousInbox === undefined) delete process.env.FLOWY_REVIEW_INBOX;
    else process.env.FLOWY_REVIEW_INBOX = previousInbox;
    await rm(inbox, { recursive: true, force: true });
  });

  async function ticketOf(execution: Execution): Promise<ReviewTicket> {
    for (let i = 0; i < 500; i += 1) {
      try {
        return JSON.parse(await readFile(ticketFile(execution.workflowId), 'utf8')) as ReviewTicket;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    throw new Error(`no review ticket for ${execution.workflowId}`);
  }

  test('the workflow waits for "flowy complete" with the task token, even across a worker restart', async () => {
    const execution = await stack.client.startWorkflow(
      DocumentReview,
      { documentId: 'handbook', reviewer: 'ana' },
      { workflowId: 'review-1' },
    );
    const ticket = await ticketOf(execution);
    assert.equal(ticket.reviewer, 'ana');

    // The activity returned without a result: the task stays open, the run waits.
    const waiting = await stack.client.describe(execution);
    assert.equal(waiting.executionInfo?.executionStatus, 'OPEN');
    assert.equal(waiting.openCounts?.openActivityTasks, 1);

    // Restart the workers while the review is pending.
    await stack.stopWorkers();
    stack.startWorkers();

    const completed = await runCli(
      [
        'complete',
        '--task-token',
        ticket.taskToken,
        '--result',
        '{"approved":true,"comment":"ship it"}',
        '--endpoint',
        stack.server.url,
        '--domain',
        stack.domain,
      ],
      {},
    );
    assert.equal(completed.code, 0, completed.stderr);
    await stack.closeEvent(execution);
    assert.deepEqual(await stack.client.result(execution), {
      documentId: 'handbook',
      approved: true,
      comment: 'ship it',
      url: 'https://docs.example.com/handbook',
    });
  });

  test('a rejection delivered through the client API skips publishing', async () => {
    const execution = await stack.client.startWorkflow(
      DocumentReview,
      { documentId: 'memo', reviewer: 'bo' },
      { workflowId: 'review-2' },
    );
    const ticket = await ticketOf(execution);
    await stack.client.completeActivity(ticket.taskToken, { approved: false, comment: 'too long' });
    await stack.closeEvent(execution);
    assert.deepEqual(await stack.client.result(execution), {
      documentId: 'memo',
      approved: false,
      comment: 'too long',
    });
  });

  test('"flowy complete --fail" fails the task and the workflow sees the reason', async () => {
    const execution = await stack.client.startWorkflow(
      DocumentReview,
      { documentId: 'draft', reviewer: 'cy' },
      { workflowId: 'review-3' },
    );
    const ticket = await ticketOf(execution);
    const failed = await runCli([
      'complete',
      '--task-token',
      ticket.taskToken,
      '--fail',
      '--reason',
      'ReviewerUnavailable',
      '--endpoint',
      stack.server.url,
      '--domain',
      stack.domain,
    ]);
    assert.equal(failed.code, 0, failed.stderr);
    await stack.closeEvent(execution);
    await assert.rejects(
      stack.client.result(execution),
      (error: unknown) => error instanceof WorkflowExecutionFailed && /ReviewerUnavailable/.test(error.message),
    );
    const again = await runCli([
      'complete',
      '--task-token',
      ticket.taskToken,
      '--result',
      '{}',
      '--endpoint',
      stack.server.url,
      '--domain',
      stack.domain,
    ]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^flowy: UnknownResourceFault/);
  });
});
