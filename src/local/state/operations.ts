// The table of SWF operations: what each one does to the state, inside one transaction.
import type { OperationInput } from '../../swf-model/index.ts';
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
export type Operation = (ctx: OperationContext, input: Record<string, unknown>) => object | undefined;

/** Inputs are validated against the model before an operation runs, so each may declare its own shape. */
const op = <I>(fn: (ctx: OperationContext, input: I) => object | undefined): Operation => fn as Operation;

function claimsOf(ctx: OperationContext, token: string, kind: TaskTokenClaims['kind']): TaskTokenClaims {
  const claims = ctx.tokens.readTaskToken(token);
  if (claims.kind !== kind) {
    throw unknownResource(
      `The taskToken belongs to ${claims.kind === 'decision' ? 'a decision' : 'an activity'} task; it cannot be used with a ${kind} task operation`,
    );
  }
  return claims;
}

/**
 * Every one of the 39 operations of SWF_SPEC 3, keyed by name. A Map: names come from requests, and
 * a plain object would run Object's own "constructor" and answer with the call's context.
 */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.entries<Operation>({
    RegisterDomain: op(domains.registerDomain),
    DescribeDomain: op(domains.describeDomain),
    ListDomains: op(domains.listDomains),
    DeprecateDomain: op(domains.deprecateDomain),
    UndeprecateDomain: op(domains.undeprecateDomain),
    RegisterWorkflowType: op(types.registerType('workflow')),
    RegisterActivityType: op(types.registerType('activity')),
    DescribeWorkflowType: op(types.describeType('workflow')),
    DescribeActivityType: op(types.describeType('activity')),
    DeprecateWorkflowType: op(types.deprecateType('workflow')),
    DeprecateActivityType: op(types.deprecateType('activity')),
    UndeprecateWorkflowType: op(types.undeprecateType('workflow')),
    UndeprecateActivityType: op(types.undeprecateType('activity')),
    DeleteWorkflowType: op(types.deleteType('workflow')),
    DeleteActivityType: op(types.deleteType('activity')),
    ListWorkflowTypes: op(types.listTypes('workflow')),
    ListActivityTypes: op(types.listTypes('activity')),
    StartWorkflowExecution: op(executions.startWorkflowExecution),
    DescribeWorkflowExecution: op(executions.describeWorkflowExecution),
    GetWorkflowExecutionHistory: op(executions.getWorkflowExecutionHistory),
    SignalWorkflowExecution: op(executions.signalWorkflowExecution),
    RequestCancelWorkflowExecution: op(executions.requestCancelWorkflowExecution),
    TerminateWorkflowExecution: op(executions.terminateWorkflowExecution),
    ListOpenWorkflowExecutions: op(listExecutions(true)),
    ListClosedWorkflowExecutions: op(listExecutions(false)),
    CountOpenWorkflowExecutions: op(countExecutions(true)),
    CountClosedWorkflowExecutions: op(countExecutions(false)),
    PollForDecisionTask: op(pollDecisionTaskOnce),
    RespondDecisionTaskCompleted: op((ctx, input: OperationInput<'RespondDecisionTaskCompleted'>) => {
      respondDecisionTaskCompleted(ctx, claimsOf(ctx, input.taskToken, 'decision'), input);
      return {};
    }),
    CountPendingDecisionTasks: op((ctx, input: OperationInput<'CountPendingDecisionTasks'>) => {
      domains.requireDomain(ctx, input.domain);
      return { count: ctx.store.countPendingDecisionTasks(input.domain, input.taskList.name), truncated: false };
    }),
    PollForActivityTask: op(pollActivityTaskOnce),
    RecordActivityTaskHeartbeat: op((ctx, input: OperationInput<'RecordActivityTaskHeartbeat'>) => ({
      cancelRequested: recordHeartbeat(ctx, claimsOf(ctx, input.taskToken, 'activity'), input.details),
    })),
    RespondActivityTaskCompleted: op((ctx, input: OperationInput<'RespondActivityTaskCompleted'>) => {
      closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskCompleted', {
        result: input.result,
      });
      return {};
    }),
    RespondActivityTaskFailed: op((ctx, input: OperationInput<'RespondActivityTaskFailed'>) => {
      closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskFailed', {
        reason: input.reason,
        details: input.details,
      });
      return {};
    }),
    RespondActivityTaskCanceled: op((ctx, input: OperationInput<'RespondActivityTaskCanceled'>) => {
      closeActivityTask(ctx, claimsOf(ctx, input.taskToken, 'activity'), 'ActivityTaskCanceled', {
        details: input.details,
      });
      return {};
    }),
    CountPendingActivityTasks: op((ctx, input: OperationInput<'CountPendingActivityTasks'>) => {
      domains.requireDomain(ctx, input.domain);
      return { count: ctx.store.countPendingActivityTasks(input.domain, input.taskList.name), truncated: false };
    }),
    TagResource: op(domains.tagResource),
    UntagResource: op(domains.untagResource),
    ListTagsForResource: op(domains.listTagsForResource),
  }),
);

/**
 * The operations that only read. They change nothing, so they need no commit of their own: they
 * are answered once what they saw is on disk (see Store.read).
 */
export const READ_OPERATIONS: ReadonlySet<string> = new Set([
  'DescribeDomain',
  'ListDomains',
  'DescribeWorkflowType',
  'DescribeActivityType',
  'ListWorkflowTypes',
  'ListActivityTypes',
  'DescribeWorkflowExecution',
  'GetWorkflowExecutionHistory',
  'ListOpenWorkflowExecutions',
  'ListClosedWorkflowExecutions',
  'CountOpenWorkflowExecutions',
  'CountClosedWorkflowExecutions',
  'CountPendingDecisionTasks',
  'CountPendingActivityTasks',
  'ListTagsForResource',
]);

/** The two long-polling operations. */
export const POLL_OPERATIONS = new Set(['PollForDecisionTask', 'PollForActivityTask']);
