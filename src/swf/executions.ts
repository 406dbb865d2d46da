// Reading and acting on executions, types and task lists one request at a time, for viewers such as
// the web UI: visibility (SWF_SPEC 10), describe, counts, and the actions a person takes on a run.
import { callSwf } from './calls.ts';
import type {
  CountClosedWorkflowExecutionsInput,
  CountOpenWorkflowExecutionsInput,
  ActivityTypeDetail,
  WorkflowExecutionDetail,
  WorkflowTypeDetail,
  DomainInfo,
  ListClosedWorkflowExecutionsInput,
  ListOpenWorkflowExecutionsInput,
  ActivityTypeInfo,
  SignalWorkflowExecutionInput,
  StartWorkflowExecutionInput,
  SWFClient,
  TerminateWorkflowExecutionInput,
  WorkflowExecution,
  WorkflowExecutionInfos,
  WorkflowTypeInfo,
} from '@aws-sdk/client-swf';

/** One page of open executions (newest first unless `reverseOrder`). */
export async function listOpenExecutions(
  client: SWFClient,
  input: ListOpenWorkflowExecutionsInput,
): Promise<WorkflowExecutionInfos> {
  return callSwf(client, 'ListOpenWorkflowExecutions', input);
}

/** One page of closed executions (newest start first unless `reverseOrder`). */
export async function listClosedExecutions(
  client: SWFClient,
  input: ListClosedWorkflowExecutionsInput,
): Promise<WorkflowExecutionInfos> {
  return callSwf(client, 'ListClosedWorkflowExecutions', input);
}

/** How many open executions match; `truncated` when SWF stopped counting. */
export async function countOpenExecutions(
  client: SWFClient,
  input: CountOpenWorkflowExecutionsInput,
): Promise<{ count: number; truncated: boolean }> {
  const output = await callSwf(client, 'CountOpenWorkflowExecutions', input);
  return { count: output.count ?? 0, truncated: output.truncated ?? false };
}

/** How many closed executions match; `truncated` when SWF stopped counting. */
export async function countClosedExecutions(
  client: SWFClient,
  input: CountClosedWorkflowExecutionsInput,
): Promise<{ count: number; truncated: boolean }> {
  const output = await callSwf(client, 'CountClosedWorkflowExecutions', input);
  return { count: output.count ?? 0, truncated: output.truncated ?? false };
}

/** DescribeWorkflowExecution: info, configuration, open counts, latest activity heartbeat time. */
export async function describeExecution(
  client: SWFClient,
  domain: string,
  execution: WorkflowExecution,
): Promise<WorkflowExecutionDetail> {
  return callSwf(client, 'DescribeWorkflowExecution', { domain, execution });
}

/** Every registered domain (all pages). */
export async function listDomains(client: SWFClient): Promise<DomainInfo[]> {
  const domains: DomainInfo[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await callSwf(client, 'ListDomains', { registrationStatus: 'REGISTERED', nextPageToken });
    domains.push(...(page.domainInfos ?? []));
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return domains;
}

/** DescribeDomain: the domain's status, description and retention. */
export async function describeDomain(client: SWFClient, name: string) {
  return callSwf(client, 'DescribeDomain', { name });
}

/** Every workflow type of a domain with the given status (all pages). */
export async function listWorkflowTypes(
  client: SWFClient,
  domain: string,
  registrationStatus: 'REGISTERED' | 'DEPRECATED',
): Promise<WorkflowTypeInfo[]> {
  const types: WorkflowTypeInfo[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await callSwf(client, 'ListWorkflowTypes', { domain, registrationStatus, nextPageToken });
    types.push(...(page.typeInfos ?? []));
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return types;
}

/** Every activity type of a domain with the given status (all pages). */
export async function listActivityTypes(
  client: SWFClient,
  domain: string,
  registrationStatus: 'REGISTERED' | 'DEPRECATED',
): Promise<ActivityTypeInfo[]> {
  const types: ActivityTypeInfo[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await callSwf(client, 'ListActivityTypes', { domain, registrationStatus, nextPageToken });
    types.push(...(page.typeInfos ?? []));
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return types;
}

/** DescribeWorkflowType: status and registered defaults. */
export async function describeWorkflowType(
  client: SWFClient,
  domain: string,
  workflowType: { name: string; version: string },
): Promise<WorkflowTypeDetail> {
  return callSwf(client, 'DescribeWorkflowType', { domain, workflowType });
}

/** DescribeActivityType: status and registered defaults. */
export async function describeActivityType(
  client: SWFClient,
  domain: string,
  activityType: { name: string; version: string },
): Promise<ActivityTypeDetail> {
  return callSwf(client, 'DescribeActivityType', { domain, activityType });
}

/** Decision and activity tasks waiting in one task list. */
export async function countPendingTasks(
  client: SWFClient,
  domain: string,
  taskList: string,
): Promise<{ decisionTasks: number; activityTasks: number }> {
  const [decisions, activities] = await Promise.all([
    callSwf(client, 'CountPendingDecisionTasks', { domain, taskList: { name: taskList } }),
    callSwf(client, 'CountPendingActivityTasks', { domain, taskList: { name: taskList } }),
  ]);
  return { decisionTasks: decisions.count ?? 0, activityTasks: activities.count ?? 0 };
}

/** SignalWorkflowExecution (no runId = the open run of the workflowId). */
export async function signalExecution(client: SWFClient, input: SignalWorkflowExecutionInput): Promise<void> {
  await callSwf(client, 'SignalWorkflowExecution', input);
}

/** RequestCancelWorkflowExecution: the decider decides what cancelling means. */
export async function requestCancelExecution(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId?: string },
): Promise<void> {
  await callSwf(client, 'RequestCancelWorkflowExecution', {
    domain,
    workflowId: execution.workflowId,
    runId: execution.runId,
  });
}

/** TerminateWorkflowExecution: closes the run at once. */
export async function terminateExecution(client: SWFClient, input: TerminateWorkflowExecutionInput): Promise<void> {
  await callSwf(client, 'TerminateWorkflowExecution', input);
}

/** StartWorkflowExecution: returns the new run's id. */
export async function startExecution(client: SWFClient, input: StartWorkflowExecutionInput): Promise<string> {
  const output = await callSwf(client, 'StartWorkflowExecution', input);
  return output.runId ?? '';
}
