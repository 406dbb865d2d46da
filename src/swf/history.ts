// Reading histories through every page: for a run (GetWorkflowExecutionHistory) and for a decision
// task (PollForDecisionTask repeated with nextPageToken, SWF_SPEC 8.2 and 11).
import { callSwf } from './calls.ts';
import type { HistoryEvent, SWFClient, WorkflowExecution, WorkflowType } from '@aws-sdk/client-swf';

/** A decision task with its whole history assembled from all pages. */
export interface DecisionTask {
  taskToken: string;
  startedEventId: number;
  previousStartedEventId: number;
  workflowExecution: { workflowId: string; runId: string };
  workflowType: { name: string; version: string };
  events: HistoryEvent[];
}

/** Where a decision poll listens. */
export interface PollTarget {
  domain: string;
  taskList: string;
  identity?: string;
}

/** Returns every event of one run, oldest first, following `nextPageToken` to the end. */
export async function getHistory(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  options: { abortSignal?: AbortSignal; maximumPageSize?: number } = {},
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await callSwf(
      client,
      'GetWorkflowExecutionHistory',
      { domain, execution, nextPageToken, maximumPageSize: options.maximumPageSize ?? 1000 },
      { abortSignal: options.abortSignal },
    );
    events.push(...(page.events ?? []));
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return events;
}

/**
 * Events of a run with `eventId > afterEventId`, oldest first: pages in reverse order until the
 * known event id (GetWorkflowExecutionHistory has no "after id" parameter).
 */
export async function getEventsAfter(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  afterEventId: number,
): Promise<HistoryEvent[]> {
  const newest: HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  for (;;) {
    const page = await callSwf(client, 'GetWorkflowExecutionHistory', {
      domain,
      execution,
      reverseOrder: true,
      maximumPageSize: 100,
      nextPageToken,
    });
    for (const event of page.events ?? []) {
      if ((event.eventId ?? 0) <= afterEventId) return newest.reverse();
      newest.push(event);
    }
    nextPageToken = page.nextPageToken || undefined;
    if (!nextPageToken) return newest.reverse();
  }
}

/** Returns the last event of a run (one small request), or undefined for an empty history. */
export async function getLastEvent(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
): Promise<HistoryEvent | undefined> {
  const page = await callSwf(client, 'GetWorkflowExecutionHistory', {
    domain,
    execution,
    reverseOrder: true,
    maximumPageSize: 1,
  });
  return page.events?.[0];
}

/**
 * Long-polls one decision task list. Returns undefined when the poll ended without a task
 * (SWF answers an empty task without or with an empty taskToken); otherwise the task with the
 * history of all pages, which are fetched by polling again with the page token. With
 * `startAtPreviousStartedEvent` the history holds only the events stamped since the previous
 * DecisionTaskStarted (the whole history on a run's first task).
 */
export async function pollForDecisionTask(
  client: SWFClient,
  target: PollTarget,
  options: { abortSignal?: AbortSignal; maximumPageSize?: number; startAtPreviousStartedEvent?: boolean } = {},
): Promise<DecisionTask | undefined> {
  const request = {
    domain: target.domain,
    taskList: { name: target.taskList },
    identity: target.identity,
    maximumPageSize: options.maximumPageSize ?? 1000,
    ...(options.startAtPreviousStartedEvent ? { startAtPreviousStartedEvent: true } : {}),
  };
  const first = await callSwf(client, 'PollForDecisionTask', request, { abortSignal: options.abortSignal });
  if (!first.taskToken) return undefined;
  const events = [...(first.events ?? [])];
  let nextPageToken = first.nextPageToken || undefined;
  while (nextPageToken) {
    // Further pages must not be aborted: the task is already started and is ours to answer.
    const page = await callSwf(client, 'PollForDecisionTask', { ...request, nextPageToken });
    events.push(...(page.events ?? []));
    nextPageToken = page.nextPageToken || undefined;
  }
  return {
    taskToken: first.taskToken,
    startedEventId: first.startedEventId ?? 0,
    previousStartedEventId: first.previousStartedEventId ?? 0,
    workflowExecution: executionOf(first.workflowExecution),
    workflowType: typeOf(first.workflowType),
    events,
  };
}

function executionOf(execution: WorkflowExecution | undefined): { workflowId: string; runId: string } {
  return { workflowId: execution?.workflowId ?? '', runId: execution?.runId ?? '' };
}

function typeOf(type: WorkflowType | undefined): { name: string; version: string } {
  return { name: type?.name ?? '', version: type?.version ?? '' };
}
