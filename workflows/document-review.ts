// The delegate example: a document waits for a human review done in another system. The
// SubmitForReview activity hands its task token over and returns without a result; the
// execution waits (durably: workers may restart meanwhile) until the verdict is delivered.
import { ActivityProxy, Workflow, workflow } from 'flowy-ts';
import { PublishDocument, SubmitForReview } from '../activities/document-review.ts';
import type { ReviewRequest, ReviewVerdict } from '../activities/document-review.ts';

/** The review's outcome. */
export interface ReviewOutcome {
  documentId: string;
  approved: boolean;
  comment?: string;
  url?: string;
}

/** Submits a document for review and publishes it if approved. */
@workflow({
  name: 'DocumentReview',
  taskList: 'reviews',
  executionStartToCloseTimeout: 172_800,
  input: { type: 'object', required: ['documentId', 'reviewer'] },
})
export class DocumentReview extends Workflow<ReviewRequest, ReviewOutcome> {
  submit = ActivityProxy(SubmitForReview);
  publish = ActivityProxy(PublishDocument, { retry: { maxAttempts: 3, initialInterval: 1 } });

  async run(request: ReviewRequest): Promise<ReviewOutcome> {
    const verdict = (await this.submit(request)) as ReviewVerdict;
    if (!verdict.approved) return { documentId: request.documentId, approved: false, comment: verdict.comment };
    const { url } = await this.publish({ documentId: request.documentId });
    return { documentId: request.documentId, approved: true, comment: verdict.comment, url };
  }
}
