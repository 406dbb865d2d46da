// Activities of the delegate example (workflows/document-review.ts). SubmitForReview hands its
// task token to an outside review system and returns without a result; the reviewer's answer
// arrives later through `flowy complete --task-token T --result JSON` (or the client API).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { activity } from 'flowy-ts';
import type { ActivityContext } from 'flowy-ts';

/** A document to review. */
export interface ReviewRequest {
  documentId: string;
  reviewer: string;
}

/** The reviewer's answer, delivered with the task token. */
export interface ReviewVerdict {
  approved: boolean;
  comment?: string;
}

/** What the outside system receives: everything it needs to answer later. */
export interface ReviewTicket extends ReviewRequest {
  taskToken: string;
  workflowId: string;
}

/** The outside system of this example: a folder of tickets (FLOWY_REVIEW_INBOX, default .flowy/review-inbox). */
export function reviewInbox(): string {
  return process.env.FLOWY_REVIEW_INBOX ?? join('.flowy', 'review-inbox');
}

/** File name of the ticket of one workflow. */
export function ticketFile(workflowId: string): string {
  return join(reviewInbox(), `${workflowId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/**
 * Writes a ticket with the task token to the review inbox and completes asynchronously: the
 * task stays open (up to a day) until someone delivers the verdict with the token.
 */
@activity({
  name: 'SubmitForReview',
  taskList: 'reviews',
  scheduleToStartTimeout: 300,
  startToCloseTimeout: 86_400,
  scheduleToCloseTimeout: 86_700,
  input: {
    type: 'object',
    required: ['documentId', 'reviewer'],
    properties: { documentId: { type: 'string' }, reviewer: { type: 'string' } },
  },
})
export class SubmitForReview {
  async run(request: ReviewRequest, context: ActivityContext): Promise<ReviewVerdict | symbol> {
    const ticket: ReviewTicket = {
      ...request,
      taskToken: context.taskToken,
      workflowId: context.workflowExecution.workflowId,
    };
    await mkdir(reviewInbox(), { recursive: true });
    await writeFile(ticketFile(ticket.workflowId), `${JSON.stringify(ticket, null, 2)}\n`);
    return context.completeAsynchronously();
  }
}

/** Publishes an approved document. */
@activity({ name: 'PublishDocument', taskList: 'reviews', startToCloseTimeout: 30 })
export class PublishDocument {
  async run(input: { documentId: string }): Promise<{ url: string }> {
    return { url: `https://docs.example.com/${encodeURIComponent(input.documentId)}` };
  }
}
