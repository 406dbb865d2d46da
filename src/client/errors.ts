// Errors the client throws about executions (as opposed to SWF faults, which pass through).
import { failureMessage, truncate } from '../core/engine.ts';

/** How a run closed other than with a result. */
export type FailedCloseStatus = 'FAILED' | 'CANCELED' | 'TERMINATED' | 'TIMED_OUT';

/** The workflow did not complete: it failed, was canceled or terminated, or timed out. */
export class WorkflowExecutionFailed extends Error {
  override readonly name = 'WorkflowExecutionFailed';
  readonly closeStatus: FailedCloseStatus;
  readonly reason: string | undefined;
  readonly details: string | undefined;
  readonly execution: { workflowId: string; runId: string };

  constructor(init: {
    closeStatus: FailedCloseStatus;
    reason?: string;
    details?: string;
    execution: { workflowId: string; runId: string };
  }) {
    const what =
      init.closeStatus === 'FAILED'
        ? 'failed'
        : init.closeStatus === 'TIMED_OUT'
          ? 'timed out'
          : init.closeStatus.toLowerCase();
    const message = messageOf(init.details);
    // flowy's own failure reasons already end with the message ("OrderFailed: ..."): say it once.
    const why =
      init.reason && message && init.reason.includes(message.slice(0, 40))
        ? init.reason
        : [init.reason, message].filter(Boolean).join(': ');
    super(`Workflow ${init.execution.workflowId} (run ${init.execution.runId}) ${what}${why ? `: ${why}` : ''}`);
    this.closeStatus = init.closeStatus;
    this.reason = init.reason;
    this.details = init.details;
    this.execution = init.execution;
  }
}

/** No execution with that workflowId (and runId) exists in the domain. */
export class UnknownExecution extends Error {
  override readonly name = 'UnknownExecution';
  constructor(
    readonly domain: string,
    readonly workflowId: string,
    readonly runId?: string,
  ) {
    super(
      `No execution with workflowId "${workflowId}"${runId ? ` and runId "${runId}"` : ''} in domain "${domain}"; ` +
        `check the id with "flowy list --closed" or the domain with --domain`,
    );
  }
}

/** The input given to startWorkflow does not match the workflow's input schema. */
export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';
}

/** Details are JSON `{message, ...}` when flowy wrote them; show the message, else the text. */
function messageOf(details: string | undefined): string | undefined {
  if (!details) return undefined;
  return failureMessage(details) ?? truncate(details, 200);
}
