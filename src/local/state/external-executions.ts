// Signals and cancel requests that one run's decisions send to another (SWF_SPEC 9).
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';

/** The open target run: by runId when given, else the open run of the workflowId. */
function findTarget(
  ctx: OperationContext,
  domain: string,
  workflowId: string,
  runId: string | undefined,
): RunRecord | undefined {
  if (!runId) return ctx.findOpenRun(domain, workflowId);
  const run = ctx.loadRun(runId);
  return run && run.isOpen && run.domain === domain && run.workflowId === workflowId ? run : undefined;
}

/** Records SignalExternalWorkflowExecutionInitiated; returns the delivery step. */
export function initiateSignal(
  ctx: OperationContext,
  run: RunRecord,
  a: { workflowId: string; runId?: string; signalName: string; input?: string; control?: string },
  decisionTaskCompletedEventId: number,
): () => void {
  const runId = a.runId || undefined;
  const initiatedEventId = ctx.appendEvent(run, 'SignalExternalWorkflowExecutionInitiated', {
    workflowId: a.workflowId,
    runId,
    signalName: a.signalName,
    input: a.input,
    decisionTaskCompletedEventId,
    control: a.control,
  });
  return () => {
    const target = findTarget(ctx, run.domain, a.workflowId, runId);
    if (!target) {
      if (run.isOpen) {
        ctx.appendEvent(run, 'SignalExternalWorkflowExecutionFailed', {
          workflowId: a.workflowId,
          runId,
          cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
          initiatedEventId,
          decisionTaskCompletedEventId,
          control: a.control,
        });
      }
      return;
    }
    ctx.appendEvent(target, 'WorkflowExecutionSignaled', {
      signalName: a.signalName,
      input: a.input,
      externalWorkflowExecution: { workflowId: run.workflowId, runId: run.runId },
      externalInitiatedEventId: initiatedEventId,
    });
    if (run.isOpen) {
      ctx.appendEvent(run, 'ExternalWorkflowExecutionSignaled', {
        workflowExecution: { workflowId: target.workflowId, runId: target.runId },
        initiatedEventId,
      });
    }
  };
}

/** Records RequestCancelExternalWorkflowExecutionInitiated; returns the delivery step. */
export function initiateCancel(
  ctx: OperationContext,
  run: RunRecord,
  a: { workflowId: string; runId?: string; control?: string },
  decisionTaskCompletedEventId: number,
): () => void {
  const runId = a.runId || undefined;
  const initiatedEventId = ctx.appendEvent(run, 'RequestCancelExternalWorkflowExecutionInitiated', {
    workflowId: a.workflowId,
    runId,
    decisionTaskCompletedEventId,
    control: a.control,
  });
  return () => {
    const target = findTarget(ctx, run.domain, a.workflowId, runId);
    if (!target) {
      if (run.isOpen) {
        ctx.appendEvent(run, 'RequestCancelExternalWorkflowExecutionFailed', {
          workflowId: a.workflowId,
          runId,
          cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
          initiatedEventId,
          decisionTaskCompletedEventId,
          control: a.control,
        });
      }
      return;
    }
    target.cancelRequested = true;
    ctx.appendEvent(target, 'WorkflowExecutionCancelRequested', {
      externalWorkflowExecution: { workflowId: run.workflowId, runId: run.runId },
      externalInitiatedEventId: initiatedEventId,
    });
    if (run.isOpen) {
      ctx.appendEvent(run, 'ExternalWorkflowExecutionCancelRequested', {
        workflowExecution: { workflowId: target.workflowId, runId: target.runId },
        initiatedEventId,
      });
    }
  };
}
