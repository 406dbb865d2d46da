// RespondDecisionTaskCompleted: closes the decision task and applies its decisions in order (SWF_SPEC 8.3, 9).
import type { OperationInput } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import type { RunRecord } from '../store/records.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { findStartedDecisionTask, releaseDecisionTask } from './decision-tasks.ts';
import { requestCancelActivityTask, scheduleActivityTask } from './activity-tasks.ts';
import { cancelTimer, startTimer } from './timers.ts';
import { initiateChild } from './children.ts';
import { initiateCancel, initiateSignal } from './external-executions.ts';
import { closeRun, newRunId, startRun } from './run-lifecycle.ts';
import { MISSING_DEFAULT_CAUSE, resolveWorkflowConfig } from './type-defaults.ts';

/** The RespondDecisionTaskCompleted request (appendix B), shape-validated. */
export type RespondDecisionTaskCompletedInput = OperationInput<'RespondDecisionTaskCompleted'>;

/** One decision as sent on the wire: validated, so the attributes its type requires are there. */
type Decision = NonNullable<RespondDecisionTaskCompletedInput['decisions']>[number];

const CLOSE_FAILED_EVENT: Record<string, string> = {
  CompleteWorkflowExecution: 'CompleteWorkflowExecutionFailed',
  FailWorkflowExecution: 'FailWorkflowExecutionFailed',
  CancelWorkflowExecution: 'CancelWorkflowExecutionFailed',
  ContinueAsNewWorkflowExecution: 'ContinueAsNewWorkflowExecutionFailed',
};

/** SWF_SPEC 8.3: records DecisionTaskCompleted, applies every decision, then the deferred steps. */
export function respondDecisionTaskCompleted(
  ctx: OperationContext,
  claims: TaskTokenClaims,
  input: RespondDecisionTaskCompletedInput,
): void {
  const { run, task, hasNewerScheduled } = findStartedDecisionTask(
    ctx,
    claims.runId,
    claims.scheduledEventId,
    claims.startedEventId,
  );
  releaseDecisionTask(ctx, run, task);
  const completedEventId = ctx.appendEvent(run, 'DecisionTaskCompleted', {
    executionContext: input.executionContext,
    scheduledEventId: task.scheduledEventId,
    startedEventId: task.startedEventId,
    taskList: input.taskList,
    taskListScheduleToStartTimeout: input.taskListScheduleToStartTimeout,
  });
  run.previousStartedEventId = task.startedEventId;
  if (input.executionContext) run.latestContext = input.executionContext;
  applyTaskListOverride(run, input);
  const deferred: (() => void)[] = [];
  for (const decision of input.decisions ?? []) {
    const step = applyDecision(ctx, run, decision, completedEventId, hasNewerScheduled);
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

function applyDecision(
  ctx: OperationContext,
  run: RunRecord,
  decision: Decision,
  completedEventId: number,
  hasNewerScheduled: boolean,
): (() => void) | undefined {
  const type = decision.decisionType;
  if (Object.hasOwn(CLOSE_FAILED_EVENT, type) && hasNewerScheduled) {
    // SWF_SPEC 8.3 UNHANDLED_DECISION: new events arrived since the task started; the run stays open
    ctx.appendEvent(run, CLOSE_FAILED_EVENT[type]!, {
      cause: 'UNHANDLED_DECISION',
      decisionTaskCompletedEventId: completedEventId,
    });
    return undefined;
  }
  switch (type) {
    // The protocol layer checked that each decision carries the attributes its type requires (SWF_SPEC 8.3).
    case 'ScheduleActivityTask':
      scheduleActivityTask(ctx, run, decision.scheduleActivityTaskDecisionAttributes!, completedEventId);
      return undefined;
    case 'RequestCancelActivityTask':
      requestCancelActivityTask(
        ctx,
        run,
        decision.requestCancelActivityTaskDecisionAttributes!.activityId,
        completedEventId,
      );
      return undefined;
    case 'CompleteWorkflowExecution': {
      const result = decision.completeWorkflowExecutionDecisionAttributes?.result;
      closeRun(
        ctx,
        run,
        'COMPLETED',
        'WorkflowExecutionCompleted',
        { result, decisionTaskCompletedEventId: completedEventId },
        { result },
      );
      return undefined;
    }
    case 'FailWorkflowExecution': {
      const { reason, details } = decision.failWorkflowExecutionDecisionAttributes ?? {};
      closeRun(
        ctx,
        run,
        'FAILED',
        'WorkflowExecutionFailed',
        { reason, details, decisionTaskCompletedEventId: completedEventId },
        { reason, details },
      );
      return undefined;
    }
    case 'CancelWorkflowExecution': {
      const details = decision.cancelWorkflowExecutionDecisionAttributes?.details;
      closeRun(
        ctx,
        run,
        'CANCELED',
        'WorkflowExecutionCanceled',
        { details, decisionTaskCompletedEventId: completedEventId },
        { details },
      );
      return undefined;
    }
    case 'ContinueAsNewWorkflowExecution':
      continueAsNew(ctx, run, decision.continueAsNewWorkflowExecutionDecisionAttributes ?? {}, completedEventId);
      return undefined;
    case 'RecordMarker': {
      const { markerName, details } = decision.recordMarkerDecisionAttributes!;
      ctx.appendEvent(run, 'MarkerRecorded', { markerName, details, decisionTaskCompletedEventId: completedEventId });
      return undefined;
    }
    case 'StartTimer':
      startTimer(ctx, run, decision.startTimerDecisionAttributes!, completedEventId);
      return undefined;
    case 'CancelTimer':
      cancelTimer(ctx, run, decision.cancelTimerDecisionAttributes!.timerId, completedEventId);
      return undefined;
    case 'SignalExternalWorkflowExecution':
      return initiateSignal(ctx, run, decision.signalExternalWorkflowExecutionDecisionAttributes!, completedEventId);
    case 'RequestCancelExternalWorkflowExecution':
      return initiateCancel(
        ctx,
        run,
        decision.requestCancelExternalWorkflowExecutionDecisionAttributes!,
        completedEventId,
      );
    case 'StartChildWorkflowExecution':
      return initiateChild(ctx, run, decision.startChildWorkflowExecutionDecisionAttributes!, completedEventId);
    case 'ScheduleLambdaFunction': {
      // There is no Lambda in the local server; SWF_SPEC 9 says to answer with this cause.
      const { id, name } = decision.scheduleLambdaFunctionDecisionAttributes!;
      ctx.appendEvent(run, 'ScheduleLambdaFunctionFailed', {
        id,
        name,
        cause: 'LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION',
        decisionTaskCompletedEventId: completedEventId,
      });
      return undefined;
    }
    default:
      throw new Error(`internal: decision type ${type} passed validation but has no handler`);
  }
}

/** SWF_SPEC 9.2: closes the run as CONTINUED_AS_NEW and starts the next run in the same call. */
function continueAsNew(
  ctx: OperationContext,
  run: RunRecord,
  a: NonNullable<Decision['continueAsNewWorkflowExecutionDecisionAttributes']>,
  completedEventId: number,
): void {
  const fail = (cause: string) =>
    ctx.appendEvent(run, 'ContinueAsNewWorkflowExecutionFailed', {
      cause,
      decisionTaskCompletedEventId: completedEventId,
    });
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
    input: a.input,
    decisionTaskCompletedEventId: completedEventId,
    newExecutionRunId,
    executionStartToCloseTimeout: config.executionStartToCloseTimeout,
    taskList: { name: config.taskList },
    taskPriority: config.taskPriority,
    taskStartToCloseTimeout: config.taskStartToCloseTimeout,
    childPolicy: config.childPolicy,
    tagList: tags.length > 0 ? tags : undefined,
    workflowType: { name: run.typeName, version },
    lambdaRole: config.lambdaRole,
  });
  startRun(ctx, {
    runId: newExecutionRunId,
    domain: run.domain,
    workflowId: run.workflowId,
    typeName: run.typeName,
    typeVersion: version,
    config,
    input: a.input,
    tags,
    parent: run.parent,
    continuedExecutionRunId: run.runId,
  });
}
