// Shared steps of the conformance tests, all through @aws-sdk/client-swf.
import * as S from '@aws-sdk/client-swf';
import type { Harness } from './harness.ts';

/** A domain with one workflow type ("wf" 1) and one activity type ("act" 1), all defaults set. */
export interface World {
  h: Harness;
  c: S.SWFClient;
  domain: string;
  decisionList: string;
  activityList: string;
}

/** Registers a fresh domain with a workflow type and an activity type that have every default. */
export async function createWorld(
  h: Harness,
  label: string,
  overrides: {
    activityDefaults?: Partial<S.RegisterActivityTypeInput>;
    workflowDefaults?: Partial<S.RegisterWorkflowTypeInput>;
  } = {},
): Promise<World> {
  const domain = h.domainName(label);
  const c = h.client;
  const decisionList = `${label}-decisions`;
  const activityList = `${label}-activities`;
  await c.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  await c.send(
    new S.RegisterWorkflowTypeCommand({
      domain,
      name: 'wf',
      version: '1',
      defaultTaskList: { name: decisionList },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '30',
      defaultChildPolicy: 'TERMINATE',
      ...overrides.workflowDefaults,
    }),
  );
  await c.send(
    new S.RegisterActivityTypeCommand({
      domain,
      name: 'act',
      version: '1',
      defaultTaskList: { name: activityList },
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: 'NONE',
      defaultTaskStartToCloseTimeout: '300',
      defaultTaskHeartbeatTimeout: 'NONE',
      ...overrides.activityDefaults,
    }),
  );
  return { h, c, domain, decisionList, activityList };
}

/** Starts a run of "wf" 1 and returns its execution. */
export async function start(
  w: World,
  workflowId: string,
  extra: Partial<S.StartWorkflowExecutionInput> = {},
): Promise<S.WorkflowExecution> {
  const { runId } = await w.c.send(
    new S.StartWorkflowExecutionCommand({
      domain: w.domain,
      workflowId,
      workflowType: { name: 'wf', version: '1' },
      ...extra,
    }),
  );
  return { workflowId, runId: runId! };
}

/** Polls the decision list once (the short test long-poll). */
export function pollDecision(
  w: World,
  taskList = w.decisionList,
  extra: Partial<S.PollForDecisionTaskInput> = {},
): Promise<S.DecisionTask> {
  return w.c.send(
    new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: taskList }, identity: 'decider', ...extra }),
  );
}

/** Polls the activity list once. */
export function pollActivity(w: World, taskList = w.activityList): Promise<S.ActivityTask> {
  return w.c.send(
    new S.PollForActivityTaskCommand({ domain: w.domain, taskList: { name: taskList }, identity: 'worker' }),
  );
}

/** Polls a decision task that must exist and answers it with `decisions`. */
export async function decide(w: World, decisions: S.Decision[], taskList = w.decisionList): Promise<S.DecisionTask> {
  const task = await pollDecision(w, taskList);
  if (!task.taskToken) throw new Error(`no decision task on ${taskList}`);
  await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
  return task;
}

/** The whole history of a run. */
export async function history(w: World, execution: S.WorkflowExecution): Promise<S.HistoryEvent[]> {
  const events: S.HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await w.c.send(
      new S.GetWorkflowExecutionHistoryCommand({ domain: w.domain, execution, nextPageToken }),
    );
    events.push(...(page.events ?? []));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return events;
}

/** Event types of a run, in order. */
export async function eventTypes(w: World, execution: S.WorkflowExecution): Promise<string[]> {
  return (await history(w, execution)).map((e) => e.eventType!);
}

/** The last event of a type in a run's history. */
export async function lastEvent(w: World, execution: S.WorkflowExecution, type: string): Promise<S.HistoryEvent> {
  const event = (await history(w, execution)).filter((e) => e.eventType === type).pop();
  if (!event) throw new Error(`no ${type} in history`);
  return event;
}

/** A ScheduleActivityTask decision for "act" 1. */
export function scheduleActivity(
  activityId: string,
  extra: Partial<S.ScheduleActivityTaskDecisionAttributes> = {},
): S.Decision {
  return {
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId, ...extra },
  };
}

/** A CompleteWorkflowExecution decision. */
export function complete(result?: string): S.Decision {
  return { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result } };
}

/** Expects `promise` to reject with the named SWF error. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error;
    if (e.name !== name) throw new Error(`expected ${name}, got ${e.name}: ${e.message}`, { cause: error });
    if (message && !message.test(e.message))
      throw new Error(`expected ${name} message to match ${message}, got: ${e.message}`, { cause: error });
    return e;
  }
  throw new Error(`expected ${name}, but the call succeeded`);
}

/** Raw HTTP requests are unsigned; only the local server answers them with SWF faults. */
export const RAW_HTTP_SKIP = process.env.SWF_ENDPOINT ? 'sends unsigned raw HTTP (SWF_ENDPOINT is set)' : false;

/** What a refused request must not change: the registered domains and types, and the history of `run`. */
export async function stateSnapshot(w: World, run: S.WorkflowExecution): Promise<string> {
  return JSON.stringify([
    (await w.c.send(new S.ListDomainsCommand({ registrationStatus: 'REGISTERED' }))).domainInfos,
    (await w.c.send(new S.ListWorkflowTypesCommand({ domain: w.domain, registrationStatus: 'REGISTERED' }))).typeInfos,
    await eventTypes(w, run),
  ]);
}
