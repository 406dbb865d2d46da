// Execution operations: start, describe, history, signal, cancel request, terminate (SWF_SPEC 6).
import type { OperationInput } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';
import { SwfFault, unknownResource, validationError } from '../faults.ts';
import { requireActiveDomain, requireDomain } from './domains.ts';
import { requireType } from './types.ts';
import { resolveWorkflowConfig } from './type-defaults.ts';
import { startRun, terminateRun } from './run-lifecycle.ts';
import { MAX_EXECUTION_SECONDS } from './durations.ts';
import { historyPageWithToken } from './history.ts';

/** SWF_SPEC 15: open executions per domain. */
const OPEN_EXECUTIONS_LIMIT = 100_000;

/**
 * SWF_SPEC 6.1: executionStartToCloseTimeout is a number of seconds, at most one year. A value the
 * caller gave is refused before this (shape check); one from the type's default (a type registered
 * before defaults were checked) is reported as the type's.
 */
function checkExecutionTimeout(value: string, type: { name: string; version: string }): void {
  if (value === 'NONE' || Number(value) > MAX_EXECUTION_SECONDS) {
    throw validationError(
      `The defaultExecutionStartToCloseTimeout '${value}' of WorkflowType=[name=${type.name}, version=${type.version}] is not a number of seconds no larger than ${MAX_EXECUTION_SECONDS}; pass executionStartToCloseTimeout, or register a version with a default of at most one year`,
    );
  }
}

/** StartWorkflowExecution, with the checks in the order of SWF_SPEC 6.1. */
export function startWorkflowExecution(ctx: OperationContext, input: OperationInput<'StartWorkflowExecution'>): object {
  requireActiveDomain(ctx, input.domain);
  const type = requireType(ctx, input.domain, 'workflow', input.workflowType);
  if (type.status === 'DEPRECATED') {
    throw new SwfFault(
      'TypeDeprecatedFault',
      `WorkflowType=[name=${type.name}, version=${type.version}] is deprecated; start a registered version`,
    );
  }
  if (ctx.findOpenRun(input.domain, input.workflowId)) {
    throw new SwfFault(
      'WorkflowExecutionAlreadyStartedFault',
      `An open execution with workflowId ${input.workflowId} already exists in domain ${input.domain}`,
    );
  }
  const resolved = resolveWorkflowConfig(type, input);
  if ('missing' in resolved) {
    throw new SwfFault(
      'DefaultUndefinedFault',
      `${resolved.missing} was not given and WorkflowType=[name=${type.name}, version=${type.version}] has no default for it`,
    );
  }
  checkExecutionTimeout(resolved.config.executionStartToCloseTimeout, type);
  if (ctx.store.countOpenRuns(input.domain) >= OPEN_EXECUTIONS_LIMIT) {
    throw new SwfFault(
      'LimitExceededFault',
      `Domain ${input.domain} already has ${OPEN_EXECUTIONS_LIMIT} open executions`,
    );
  }
  const run = startRun(ctx, {
    domain: input.domain,
    workflowId: input.workflowId,
    typeName: type.name,
    typeVersion: type.version,
    config: resolved.config,
    input: input.input,
    tags: input.tagList ?? [],
  });
  return { runId: run.runId };
}

/** A run of the domain by workflowId and runId, open or closed, or UnknownResourceFault. */
export function requireRun(
  ctx: OperationContext,
  domain: string,
  execution: { workflowId: string; runId: string },
): RunRecord {
  const run = ctx.loadRun(execution.runId);
  if (!run || run.domain !== domain || run.workflowId !== execution.workflowId) {
    throw unknownResource(
      `Unknown execution: WorkflowExecution=[workflowId=${execution.workflowId}, runId=${execution.runId}] in domain ${domain}`,
    );
  }
  return run;
}

/** SWF_SPEC 6.4-6.6: the open run addressed by workflowId and optional runId. */
function requireOpenRun(
  ctx: OperationContext,
  domain: string,
  workflowId: string,
  runId: string | undefined,
): RunRecord {
  requireDomain(ctx, domain);
  const run = runId ? ctx.loadRun(runId) : ctx.findOpenRun(domain, workflowId);
  if (!run || !run.isOpen || run.domain !== domain || run.workflowId !== workflowId) {
    throw unknownResource(
      `Unknown execution: WorkflowExecution=[workflowId=${workflowId}, runId=${runId ?? '(open run)'}] is not open in domain ${domain}`,
    );
  }
  return run;
}

/** The WorkflowExecutionInfo of a run (SWF_SPEC 6.2). */
export function executionInfo(run: RunRecord): Record<string, unknown> {
  return {
    execution: { workflowId: run.workflowId, runId: run.runId },
    workflowType: { name: run.typeName, version: run.typeVersion },
    startTimestamp: new Date(run.startMs),
    closeTimestamp: run.closeMs === undefined ? undefined : new Date(run.closeMs),
    executionStatus: run.isOpen ? 'OPEN' : 'CLOSED',
    closeStatus: run.closeStatus,
    parent: run.parent ? { workflowId: run.parent.workflowId, runId: run.parent.runId } : undefined,
    tagList: run.tags.length > 0 ? run.tags : undefined,
    cancelRequested: run.cancelRequested,
  };
}

/** DescribeWorkflowExecution. */
export function describeWorkflowExecution(
  ctx: OperationContext,
  input: OperationInput<'DescribeWorkflowExecution'>,
): object {
  requireDomain(ctx, input.domain);
  const run = requireRun(ctx, input.domain, input.execution);
  const c = run.config;
  return {
    executionInfo: executionInfo(run),
    executionConfiguration: {
      taskStartToCloseTimeout: c.taskStartToCloseTimeout,
      executionStartToCloseTimeout: c.executionStartToCloseTimeout,
      taskList: { name: c.taskList },
      taskPriority: c.taskPriority,
      childPolicy: c.childPolicy,
      lambdaRole: c.lambdaRole,
    },
    openCounts: {
      openActivityTasks: ctx.store.countOpenActivityTasks(run.runId),
      openDecisionTasks: ctx.store.decisionTasksOf(run.runId).length > 0 ? 1 : 0,
      openTimers: ctx.store.countTimers(run.runId),
      openChildWorkflowExecutions: ctx.store.countOpenChildren(run.runId),
      openLambdaFunctions: 0,
    },
    latestActivityTaskTimestamp: run.latestActivityMs === undefined ? undefined : new Date(run.latestActivityMs),
    latestExecutionContext: run.latestContext,
  };
}

/** GetWorkflowExecutionHistory. */
export function getWorkflowExecutionHistory(
  ctx: OperationContext,
  input: OperationInput<'GetWorkflowExecutionHistory'>,
): object {
  requireDomain(ctx, input.domain);
  const run = requireRun(ctx, input.domain, input.execution);
  const query = {
    op: 'GetWorkflowExecutionHistory',
    domain: input.domain,
    runId: run.runId,
    reverse: !!input.reverseOrder,
  };
  return historyPageWithToken(ctx, run, input, query);
}

/** SignalWorkflowExecution. */
export function signalWorkflowExecution(
  ctx: OperationContext,
  input: OperationInput<'SignalWorkflowExecution'>,
): object {
  const run = requireOpenRun(ctx, input.domain, input.workflowId, input.runId || undefined);
  ctx.appendEvent(run, 'WorkflowExecutionSignaled', { signalName: input.signalName, input: input.input });
  return {};
}

/** RequestCancelWorkflowExecution: recorded again if one was already requested (SWF_SPEC 6.5). */
export function requestCancelWorkflowExecution(
  ctx: OperationContext,
  input: OperationInput<'RequestCancelWorkflowExecution'>,
): object {
  const run = requireOpenRun(ctx, input.domain, input.workflowId, input.runId || undefined);
  run.cancelRequested = true;
  ctx.appendEvent(run, 'WorkflowExecutionCancelRequested', {});
  return {};
}

/** TerminateWorkflowExecution. */
export function terminateWorkflowExecution(
  ctx: OperationContext,
  input: OperationInput<'TerminateWorkflowExecution'>,
): object {
  const run = requireOpenRun(ctx, input.domain, input.workflowId, input.runId || undefined);
  terminateRun(ctx, run, {
    reason: input.reason,
    details: input.details,
    childPolicy: input.childPolicy,
    cause: 'OPERATOR_INITIATED',
  });
  return {};
}
