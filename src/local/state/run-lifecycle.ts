// Starting and closing runs: the parts every way of creating or ending an execution shares.
import { randomBytes } from 'node:crypto';
import type { OperationContext } from './context.ts';
import type { ChildPolicy, ParentLink, RunConfig, RunRecord } from '../store/records.ts';
import { durationMs } from './durations.ts';

/** What a new run is started with (configuration already resolved). */
export interface NewRun {
  /** Preset runId (continue-as-new names the new run in the old run's close event). */
  runId?: string;
  domain: string;
  workflowId: string;
  typeName: string;
  typeVersion: string;
  config: RunConfig;
  input?: string;
  tags: string[];
  parent?: Omit<ParentLink, 'startedEventId'> & { startedEventId?: number };
  continuedExecutionRunId?: string;
}

/** SWF_SPEC 2: runIds are opaque, at most 64 characters, unique. */
export function newRunId(): string {
  return randomBytes(18).toString('base64url');
}

/** SWF_SPEC 6.1: creates the run, records WorkflowExecutionStarted, starts the execution clock. */
export function startRun(ctx: OperationContext, spec: NewRun): RunRecord {
  const run: RunRecord = {
    runId: spec.runId ?? newRunId(),
    domain: spec.domain,
    workflowId: spec.workflowId,
    typeName: spec.typeName,
    typeVersion: spec.typeVersion,
    isOpen: true,
    startMs: ctx.nowMs,
    tags: spec.tags,
    cancelRequested: false,
    parent: spec.parent ? { ...spec.parent, startedEventId: spec.parent.startedEventId ?? 0 } : undefined,
    config: spec.config,
    nextEventId: 1,
    lastEventMs: ctx.nowMs,
    decisionTaskList: spec.config.taskList,
    previousStartedEventId: 0,
  };
  ctx.store.insertRun(run);
  ctx.adoptRun(run);
  ctx.appendEvent(run, 'WorkflowExecutionStarted', {
    input: spec.input,
    executionStartToCloseTimeout: spec.config.executionStartToCloseTimeout,
    taskStartToCloseTimeout: spec.config.taskStartToCloseTimeout,
    childPolicy: spec.config.childPolicy,
    taskList: { name: spec.config.taskList },
    taskPriority: spec.config.taskPriority,
    workflowType: { name: spec.typeName, version: spec.typeVersion },
    tagList: spec.tags.length > 0 ? spec.tags : undefined,
    continuedExecutionRunId: spec.continuedExecutionRunId,
    parentWorkflowExecution: spec.parent ? { workflowId: spec.parent.workflowId, runId: spec.parent.runId } : undefined,
    parentInitiatedEventId: spec.parent?.initiatedEventId,
    lambdaRole: spec.config.lambdaRole,
  });
  const timeout = durationMs(spec.config.executionStartToCloseTimeout);
  if (timeout !== undefined) ctx.addDeadline(ctx.nowMs + timeout, 'execution-start-to-close', run.runId, 0);
  return run;
}

const CHILD_EVENT_BY_CLOSE: Record<string, string> = {
  COMPLETED: 'ChildWorkflowExecutionCompleted',
  FAILED: 'ChildWorkflowExecutionFailed',
  CANCELED: 'ChildWorkflowExecutionCanceled',
  TIMED_OUT: 'ChildWorkflowExecutionTimedOut',
  TERMINATED: 'ChildWorkflowExecutionTerminated',
};

/**
 * SWF_SPEC 6.7: records the close event, closes the run, discards its tasks, timers and deadlines,
 * and tells the parent. `childAttributes` are the members the parent's event copies (result, ...).
 */
export function closeRun(
  ctx: OperationContext,
  run: RunRecord,
  closeStatus: string,
  eventType: string,
  attributes: Record<string, unknown>,
  childAttributes: Record<string, unknown> = {},
): number {
  const eventId = ctx.appendEvent(run, eventType, attributes);
  run.isOpen = false;
  run.closeStatus = closeStatus;
  run.closeMs = run.lastEventMs;
  ctx.needsDecision.delete(run.runId);
  ctx.store.deleteOpenWorkOf(run.runId);
  scheduleRetention(ctx, run);
  ctx.saveRun(run);
  if (run.parent && closeStatus !== 'CONTINUED_AS_NEW') {
    const parent = ctx.loadRun(run.parent.runId);
    if (parent?.isOpen) {
      ctx.appendEvent(parent, CHILD_EVENT_BY_CLOSE[closeStatus]!, {
        workflowExecution: { workflowId: run.workflowId, runId: run.runId },
        workflowType: { name: run.typeName, version: run.typeVersion },
        ...childAttributes,
        initiatedEventId: run.parent.initiatedEventId,
        startedEventId: run.parent.startedEventId,
      });
    }
  }
  return eventId;
}

/** SWF_SPEC 4: closed runs disappear `retention` days after closing. */
function scheduleRetention(ctx: OperationContext, run: RunRecord): void {
  const domain = ctx.store.getDomain(run.domain);
  const days = !domain || domain.retention === 'NONE' ? 0 : Number(domain.retention);
  ctx.addDeadline(run.closeMs! + days * 86_400_000, 'retention', run.runId, 0);
}

/** SWF_SPEC 6.6 / 10.2: terminates an open run and applies the child policy to its children. */
export function terminateRun(
  ctx: OperationContext,
  run: RunRecord,
  options: {
    reason?: string;
    details?: string;
    childPolicy?: ChildPolicy;
    cause?: string;
  },
): void {
  const childPolicy = options.childPolicy ?? run.config.childPolicy;
  closeRun(ctx, run, 'TERMINATED', 'WorkflowExecutionTerminated', {
    reason: options.reason,
    details: options.details,
    childPolicy,
    cause: options.cause,
  });
  applyChildPolicy(ctx, run, childPolicy);
}

/** SWF_SPEC 10.2: TERMINATE closes each open child, REQUEST_CANCEL asks it to cancel, ABANDON leaves it. */
export function applyChildPolicy(ctx: OperationContext, run: RunRecord, policy: ChildPolicy): void {
  if (policy === 'ABANDON') return;
  for (const stored of ctx.store.openChildren(run.runId)) {
    const child = ctx.loadRun(stored.runId);
    if (!child?.isOpen) continue;
    if (policy === 'TERMINATE') {
      terminateRun(ctx, child, { cause: 'CHILD_POLICY_APPLIED' });
    } else {
      child.cancelRequested = true;
      ctx.appendEvent(child, 'WorkflowExecutionCancelRequested', { cause: 'CHILD_POLICY_APPLIED' });
    }
  }
}
