// RespondDecisionTaskCompleted: closes the decision task and applies its decisions in order (SWF_SPEC 8.3, 9).
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { findStartedDecisionTask, releaseDecisionTask } from './decision-tasks.ts';
import { requestCancelActivityTask, scheduleActivityTask, type ScheduleActivityTaskAttributes } from './activity-tasks.ts';
import { cancelTimer, startTimer } from './timers.ts';
import { initiateChild, type StartChildAttributes } from './children.ts';
import { initiateCancel, initiateSignal } from './external-executions.ts';
import { closeRun, newRunId, startRun } from './run-lifecycle.ts';
import { MISSING_DEFAULT_CAUSE, resolveWorkflowConfig } from './type-defaults.ts';

/** One decision as sent on the wire (already shape-validated). */
export interface Decision {
  decisionType: string;
  [attributesKey: string]: unknown;
}

/** The RespondDecisionTaskCompleted request (appendix B). */
export interface RespondDecisionTaskCompletedInput {
  decisions?: Decision[];
  executionContext?: string;
  taskList?: { name: string };
  taskListScheduleToStartTimeout?: string;
}

type Attrs = Record<string, any>;

const CLOSE_FAILED_EVENT: Record<string, string> = {
  CompleteWorkflowExecution: 'CompleteWorkflowExecutionFailed',
  FailWorkflowExecution: 'FailWorkflowExecutionFailed',
  CancelWorkflowExecution: 'CancelWorkflowExecutionFailed',
  ContinueAsNewWorkflowExecution: 'ContinueAsNewWorkflowExecutionFailed',
};

/** SWF_SPEC 8.3: records DecisionTaskCompleted, applies every decision, then the deferred steps. */
export function respondDecisionTaskCompleted(ctx: OperationContext, claims: TaskTokenClaims, input: RespondDecisionTaskCompletedInput): void {
  const { run, task, hasNewerScheduled } = findStartedDecisionTask(ctx, claims.runId, claims.scheduledEventId, claims.startedEventId);
  releaseDecisionTask(ctx, run, task);
  const completedEventId = ctx.appendEvent(run, 'DecisionTaskCompleted', {
    executionContext: input.executionContext, scheduledEventId: task.scheduledEventId, startedEventId: task.startedEventId,
    taskList: input.taskList, taskListScheduleToStartTimeout: input.taskListScheduleToStartTimeout,
  });
  run.previousStartedEventId = task.startedEventId;
  if (input.executionContext) run.latestContext = input.executionContext;
  applyTaskListOverride(run, input);
  const deferred: (() => void)[] = [];
  for (const decision of input.decisions ?? []) {
    const attributes = (decision[`${decision.decisionType[0]!.toLowerCase()}${decision.decisionType.slice(1)}DecisionAttributes`] ?? {}) as Attrs;
    const step = applyDecision(ctx, run, decision.decisionType, attributes, completedEventId, hasNewerScheduled);
    if (step) deferred.push(step);
  }
  for (const step of deferred) step();
}

/** SWF_SPEC 8.3 step 4: permanent or temporary decision task-list override. */
function applyTaskListOverride(run: RunRecord, input: RespondDecisionTaskCompletedInput): void {
  if (!input.taskList) return;
  if (input.taskListScheduleToStartTimeout !== undefined && input.taskListScheduleToStartTimeout !== 'NONE') {
    run.temporaryTaskList = input.taskList.name;
    run.temporaryScheduleToStart = input.taskListScheduleToStartTimeout;
  } else {
    run.config = { ...run.config, taskList: input.taskList.name };
    run.decisionTaskList = input.taskList.name;
  }
}

function applyDecision(ctx: OperationContext, run: RunRecord, type: string, a: Attrs, completedEventId: number, hasNewerScheduled: boolean): (() => void) | undefined {
  if (Object.hasOwn(CLOSE_FAILED_EVENT, type) && hasNewerScheduled) {
    // SWF_SPEC 8.3 UNHANDLED_DECISION: new events arrived since the task started; the run stays open
    ctx.appendEvent(run, CLOSE_FAILED_EVENT[type]!, { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: completedEventId });
    return undefined;
  }
  switch (type) {
    case 'ScheduleActivityTask':
      scheduleActivityTask(ctx, run, a as ScheduleActivityTaskAttributes, completedEventId);
      return undefined;
    case 'RequestCancelActivityTask':
      requestCancelActivityTask(ctx, run, a.activityId, completedEventId);
      return undefined;
    case 'CompleteWorkflowExecution':
      closeRun(ctx, run, 'COMPLETED', 'WorkflowExecutionCompleted', { result: a.result, decisionTaskCompletedEventId: completedEventId }, { result: a.result });
      return undefined;
    case 'FailWorkflowExecution':
      closeRun(ctx, run, 'FAILED', 'WorkflowExecutionFailed', { reason: a.reason, details: a.details, decisionTaskCompletedEventId: completedEventId }, { reason: a.reason, details: a.details });
      return undefined;
    case 'CancelWorkflowExecution':
      closeRun(ctx, run, 'CANCELED', 'WorkflowExecutionCanceled', { details: a.details, decisionTaskCompletedEventId: completedEventId }, { details: a.details });
      return undefined;
    case 'ContinueAsNewWorkflowExecution':
      continueAsNew(ctx, run, a, completedEventId);
      return undefined;
    case 'RecordMarker':
      ctx.appendEvent(run, 'MarkerRecorded', { markerName: a.markerName, details: a.details, decisionTaskCompletedEventId: completedEventId });
      return undefined;
    case 'StartTimer':
      startTimer(ctx, run, a as { timerId: string; startToFireTimeout: string }, completedEventId);
      return undefined;
    case 'CancelTimer':
      cancelTimer(ctx, run, a.timerId, completedEventId);
      return undefined;
    case 'SignalExternalWorkflowExecution':
      return initiateSignal(ctx, run, a as { workflowId: string; signalName: string }, completedEventId);
    case 'RequestCancelExternalWorkflowExecution':
      return initiateCancel(ctx, run, a as { workflowId: string }, completedEventId);
    case 'StartChildWorkflowExecution':
      return initiateChild(ctx, run, a as StartChildAttributes, completedEventId);
    case 'ScheduleLambdaFunction':
      // There is no Lambda in the local server; SWF_SPEC 9 says to answer with this cause.
      ctx.appendEvent(run, 'ScheduleLambdaFunctionFailed', {
        id: a.id, name: a.name, cause: 'LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION', decisionTaskCompletedEventId: completedEventId,
      });
      return undefined;
    default:
      throw new Error(`internal: decision type ${type} passed validation but has no handler`);
  }
}

/** SWF_SPEC 9.2: closes the run as CONTINUED_AS_NEW and starts the next run in the same call. */
function continueAsNew(ctx: OperationContext, run: RunRecord, a: Attrs, completedEventId: number): void {
  const fail = (cause: string) => ctx.appendEvent(run, 'ContinueAsNewWorkflowExecutionFailed', { cause, decisionTaskCompletedEventId: completedEventId });
  const version = a.workflowTypeVersion ?? run.typeVersion;
  const type = ctx.store.getType(run.domain, 'workflow', run.typeName, version);
  if (!type) return void fail('WORKFLOW_TYPE_DOES_NOT_EXIST');
  if (type.status === 'DEPRECATED') return void fail('WORKFLOW_TYPE_DEPRECATED');
  const resolved = resolveWorkflowConfig(type, a);
  if ('missing' in resolved) return void fail(MISSING_DEFAULT_CAUSE[resolved.missing]);
  const { config } = resolved;
  // tags are inherited when the decision gives none (SWF_SPEC 9.2 leaves this open)
  const tags: string[] = a.tagList ?? run.tags;
  const newExecutionRunId = newRunId();
  closeRun(ctx, run, 'CONTINUED_AS_NEW', 'WorkflowExecutionContinuedAsNew', {
    input: a.input, decisionTaskCompletedEventId: completedEventId, newExecutionRunId,
    executionStartToCloseTimeout: config.executionStartToCloseTimeout, taskList: { name: config.taskList },
    taskPriority: config.taskPriority, taskStartToCloseTimeout: config.taskStartToCloseTimeout,
    childPolicy: config.childPolicy, tagList: tags.length > 0 ? tags : undefined,
    workflowType: { name: run.typeName, version }, lambdaRole: config.lambdaRole,
  });
  startRun(ctx, {
    runId: newExecutionRunId, domain: run.domain, workflowId: run.workflowId, typeName: run.typeName, typeVersion: version,
    config, input: a.input, tags, parent: run.parent, continuedExecutionRunId: run.runId,
  });
}
