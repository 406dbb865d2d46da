// The table of SWF operations: what each one does to the state, inside one transaction.
import type { OperationContext } from './context.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { unknownResource } from '../faults.ts';
import * as domains from './domains.ts';
import * as types from './types.ts';
import * as executions from './executions.ts';
import { countExecutions, listExecutions } from './visibility.ts';
import { respondDecisionTaskCompleted } from './decisions.ts';
import { closeActivityTask, recordHeartbeat } from './activity-tasks.ts';
import { pollActivityTaskOnce, pollDecisionTaskOnce } from './task-polling.ts';

/** An operation: validated input in, output members out (undefined = a poll found no task). */
export type Operation = (ctx: OperationContext, input: Record<string, any>) => object | undefined;

/** Inputs are validated against the model before an operation runs, so each may declare its own shape. */
const op = <I>(fn: (ctx: OperationContext, input: I) => object | undefined): Operation => fn as Operation;

function claimsOf(ctx: OperationContext, token: string, kind: TaskTokenClaims['kind']): TaskTokenClaims {
  const claims = ctx.tokens.readTaskToken(token);
  if (claims.kind !== kind) {
    throw unknownResource(`The taskToken belongs to ${claims.kind === 'decision' ? 'a decision' : 'an activity'} task; it cannot be used with a ${kind} task operation`);
  }
  return claims;
}

/**
 * Every one of the 39 operations of SWF_SPEC 3, keyed by name. A Map: names come from requests, and
 * a plain object would run Object's own "constructor" and answer with the call's context.
 */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(Object.entries<Operation>({
  RegisterDomain: op(domains.registerDomain),
  DescribeDomain: op(domains.describeDomain),
  ListDomains: op(domains.listDomains),
  DeprecateDomain: op(domains.deprecateDomain),
  UndeprecateDomain: op(domains.undeprecateDomain),
  RegisterWorkflowType: types.registerType('workflow'),
  RegisterActivityType: types.registerType('activity'),
  DescribeWorkflowType: types.describeType('workflow'),
  DescribeActivityType: types.describeType('activity'),
  DeprecateWorkflowType: types.deprecateType('workflow'),
  DeprecateActivityType: types.deprecateType('activity'),
  UndeprecateWorkflowType: types.undeprecateType('workflow'),
  UndeprecateActivityType: types.undeprecateType('activity'),
  DeleteWorkflowType: types.deleteType('workflow'),
  DeleteActivityType: types.deleteType('activity'),
  ListWorkflowTypes: types.listTypes('workflow'),
  ListActivityTypes: types.listTypes('activity'),
  StartWorkflowExecution: executions.startWorkflowExecution,
  DescribeWorkflowExecution: executions.describeWorkflowExecution,
  GetWorkflowExecutionHistory: executions.getWorkflowExecutionHistory,
  SignalWorkflowExecution: executions.signalWorkflowExecution,
  RequestCancelWorkflowExecution: executions.requestCancelWorkflowExecution,
  TerminateWorkflowExecution: executions.terminateWorkflowExecution,
  ListOpenWorkflowExecutions: listExecutions(true),
  ListClosedWorkflowExecutions: listExecutions(false),
  CountOpenWorkflowExecutions: countExecutions(true),
  CountClosedWorkflowExecutions: countExecutions(false),
  PollForDecisionTask: pollDecisionTaskOnce,
  RespondDecisionTaskCompleted: (ctx, input) => {
    respondDecisionTaskCompleted(ctx, claimsOf(ctx, input.taskToken, 'decision'), input);
    return {};
  },
  CountPendingDecisionTasks: (ctx, input) => {
    domains.requireDomain(ctx, input.domain);
    return { count: ctx.store.countPendingDecisionTasks(input.domain, input.taskList.name), truncated: false };
  },
  PollForActivityTask: pollActivityTaskOnce,
  RecordActivityTaskHeartbeat: (ctx, input) => ({ cancelRequested: recordHeartbeat(ctx, claimsOf(ctx, input.taskToken, 'activity'), input.details) }),
  RespondActivityTaskCompleted: (ctx, input) => {
    closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskCompleted', { result: input.result });
    return {};
  },
  RespondActivityTaskFailed: (ctx, input) => {
    closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskFailed', { reason: input.reason, details: input.details });
    return {};
  },
  RespondActivityTaskCanceled: (ctx, input) => {
    closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskCanceled', { details: input.details });
    return {};
  },
  CountPendingActivityTasks: (ctx, input) => {
    domains.requireDomain(ctx, input.domain);
    return { count: ctx.store.countPendingActivityTasks(input.domain, input.taskList.name), truncated: false };
  },
  TagResource: op(domains.tagResource),
  UntagResource: op(domains.untagResource),
  ListTagsForResource: op(domains.listTagsForResource),
}));

/** The two long-polling operations. */
export const POLL_OPERATIONS = new Set(['PollForDecisionTask', 'PollForActivityTask']);
