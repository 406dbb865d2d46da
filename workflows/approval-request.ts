// The timer and signal example: a request waits for an "approve" or "reject" signal, or gives
// up after a delay (a durable SWF timer), whichever comes first in the history.
import { first, query, Workflow, workflow } from 'flowy-ts';

/** What needs approving, and how long to wait (seconds, default 3600). */
export interface ApprovalInput {
  request: string;
  timeoutSeconds?: number;
}

/** The payload of the approve and reject signals. */
export interface ApprovalSignal {
  by?: string;
  comment?: string;
}

/** The decision, and who made it (or that nobody did in time). */
export interface ApprovalOutcome {
  request: string;
  approved: boolean;
  by?: string;
  comment?: string;
  timedOut: boolean;
}

/** Waits for `flowy signal <id> approve|reject --input '{"by":"ana"}'` or times out. */
@workflow({
  name: 'ApprovalRequest',
  taskList: 'approvals',
  executionStartToCloseTimeout: 604_800,
  input: {
    type: 'object',
    required: ['request'],
    properties: { request: { type: 'string' }, timeoutSeconds: { type: 'integer', minimum: 1 } },
  },
})
export class ApprovalRequest extends Workflow<ApprovalInput, ApprovalOutcome> {
  private request = '';
  private outcome: ApprovalOutcome | undefined;

  async run(input: ApprovalInput): Promise<ApprovalOutcome> {
    this.request = input.request;
    this.setStatus({ waiting: true });
    const answer = await first<Omit<ApprovalOutcome, 'request'>>([
      this.signal<ApprovalSignal | undefined>('approve').then((s) => ({
        approved: true,
        by: s?.by,
        comment: s?.comment,
        timedOut: false,
      })),
      this.signal<ApprovalSignal | undefined>('reject').then((s) => ({
        approved: false,
        by: s?.by,
        comment: s?.comment,
        timedOut: false,
      })),
      this.sleep(input.timeoutSeconds ?? 3600).then(() => ({ approved: false, timedOut: true })),
    ]);
    this.outcome = { request: input.request, ...answer };
    this.setStatus({ waiting: false, approved: answer.approved });
    return this.outcome;
  }

  /** `flowy query <id> state`: what is being approved and, once decided, the outcome. */
  @query()
  state(): { request: string; decided: boolean; outcome?: ApprovalOutcome } {
    return {
      request: this.request,
      decided: this.outcome !== undefined,
      ...(this.outcome ? { outcome: this.outcome } : {}),
    };
  }
}
