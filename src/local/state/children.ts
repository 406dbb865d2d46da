// Child workflow executions started by decisions (SWF_SPEC 10.2).
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';
import { MISSING_DEFAULT_CAUSE, resolveWorkflowConfig } from './type-defaults.ts';
import { startRun } from './run-lifecycle.ts';

/** SWF_SPEC 15: open child executions per run. */
const OPEN_CHILDREN_LIMIT = 1000;

/** The StartChildWorkflowExecution decision attributes (appendix E). */
export interface StartChildAttributes {
  workflowType: { name: string; version: string };
  workflowId: string;
  control?: string;
  input?: string;
  executionStartToCloseTimeout?: string;
  taskList?: { name: string };
  taskPriority?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  tagList?: string[];
  lambdaRole?: string;
}

/**
 * Records StartChildWorkflowExecutionInitiated (or the failure that has no Initiated event) and
 * returns the step that creates the child, to run after the whole decision list.
 */
export function initiateChild(
  ctx: OperationContext,
  run: RunRecord,
  a: StartChildAttributes,
  decisionTaskCompletedEventId: number,
): (() => void) | undefined {
  const fail = (cause: string, initiatedEventId: number) =>
    ctx.appendEvent(run, 'StartChildWorkflowExecutionFailed', {
      workflowType: a.workflowType,
      cause,
      workflowId: a.workflowId,
      initiatedEventId,
      decisionTaskCompletedEventId,
      control: a.control,
    });
  const type = ctx.store.getType(run.domain, 'workflow', a.workflowType.name, a.workflowType.version);
  if (!type) return void fail('WORKFLOW_TYPE_DOES_NOT_EXIST', 0);
  if (type.status === 'DEPRECATED') return void fail('WORKFLOW_TYPE_DEPRECATED', 0);
  if (ctx.store.countOpenChildren(run.runId) >= OPEN_CHILDREN_LIMIT)
    return void fail('OPEN_CHILDREN_LIMIT_EXCEEDED', 0);
  const resolved = resolveWorkflowConfig(type, a);
  if ('missing' in resolved) return void fail(MISSING_DEFAULT_CAUSE[resolved.missing], 0);
  const { config } = resolved;
  const tags = a.tagList ?? [];
  const initiatedEventId = ctx.appendEvent(run, 'StartChildWorkflowExecutionInitiated', {
    workflowId: a.workflowId,
    workflowType: a.workflowType,
    control: a.control,
    input: a.input,
    executionStartToCloseTimeout: config.executionStartToCloseTimeout,
    taskList: { name: config.taskList },
    taskPriority: config.taskPriority,
    decisionTaskCompletedEventId,
    childPolicy: config.childPolicy,
    taskStartToCloseTimeout: config.taskStartToCloseTimeout,
    tagList: tags.length > 0 ? tags : undefined,
    lambdaRole: config.lambdaRole,
  });
  return () => {
    if (ctx.findOpenRun(run.domain, a.workflowId)) {
      // SWF_SPEC 9: this cause comes after the Initiated event and points to it
      if (run.isOpen) fail('WORKFLOW_ALREADY_RUNNING', initiatedEventId);
      return;
    }
    const child = startRun(ctx, {
      domain: run.domain,
      workflowId: a.workflowId,
      typeName: a.workflowType.name,
      typeVersion: a.workflowType.version,
      config,
      input: a.input,
      tags,
      parent: { workflowId: run.workflowId, runId: run.runId, initiatedEventId },
    });
    if (!run.isOpen) return;
    child.parent!.startedEventId = ctx.appendEvent(run, 'ChildWorkflowExecutionStarted', {
      workflowExecution: { workflowId: child.workflowId, runId: child.runId },
      workflowType: a.workflowType,
      initiatedEventId,
    });
    ctx.touch(child);
  };
}
