// Everything the execution page shows about one run: DescribeWorkflowExecution, the whole
// history, the folded summary (activity attempts, timers, children) and the links around the run
// (parent, children, the continue-as-new chain).
import type { WorkflowExecutionDetail, HistoryEvent, SWFClient } from '../swf/index.ts';
import { summarizeHistory } from '../client/index.ts';
import type { ExecutionSummary } from '../client/index.ts';
import {
  describeExecution,
  getEventsAfter,
  getHistory,
  listClosedExecutions,
  listOpenExecutions,
} from '../swf/index.ts';
import { BadRequest } from './bad-request.ts';

/** A run another run points at. */
export interface RunLink {
  workflowId: string;
  runId?: string;
}

/** The execution page's data. */
export interface ExecutionView {
  execution: { workflowId: string; runId: string };
  description: WorkflowExecutionDetail;
  summary: ExecutionSummary;
  /** The events after `afterEventId` when one was given (a page refreshing what it has), else all. */
  events: HistoryEvent[];
  /** Event id the `events` follow: 0 for the whole history. */
  afterEventId: number;
  links: { parent?: RunLink; previousRun?: RunLink; nextRun?: RunLink; children: RunLink[] };
  /** Why stored payloads are shown as their references (a blob could not be read), if they are. */
  payloadProblem?: string;
}

/** What reads stored payloads in place of their references (src/payloads' PayloadStorage does). */
export interface EventResolver {
  resolveEvents(events: HistoryEvent[], execution: { workflowId: string; runId: string }): Promise<HistoryEvent[]>;
}

/**
 * Histories of the runs looked at last, so that a refresh reads only the events added since
 * (getEventsAfter), and a closed run's not at all. A few runs, the least recently used dropped.
 */
const recentHistories = new Map<string, HistoryEvent[]>();
const MAX_CACHED_HISTORIES = 4;

/** The newest run of a workflowId: the open one, else the most recently started closed one. */
export async function latestRunId(client: SWFClient, domain: string, workflowId: string): Promise<string> {
  const startTimeFilter = { oldestDate: new Date(0) };
  const open = await listOpenExecutions(client, {
    domain,
    startTimeFilter,
    executionFilter: { workflowId },
    maximumPageSize: 1,
  });
  const openRun = open.executionInfos?.[0]?.execution?.runId;
  if (openRun) return openRun;
  const closed = await listClosedExecutions(client, {
    domain,
    startTimeFilter,
    executionFilter: { workflowId },
    maximumPageSize: 1,
  });
  const closedRun = closed.executionInfos?.[0]?.execution?.runId;
  if (!closedRun)
    throw new BadRequest(
      `No execution with workflowId "${workflowId}" in domain "${domain}"; check the id and the domain`,
    );
  return closedRun;
}

async function readHistory(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  isOpen: boolean,
): Promise<HistoryEvent[]> {
  const key = `${domain}\u0000${execution.workflowId}\u0000${execution.runId}`;
  const cached = recentHistories.get(key);
  let events: HistoryEvent[];
  if (!cached) events = await getHistory(client, domain, execution);
  else if (!isOpen && isClosedHistory(cached)) events = cached;
  else {
    const added = await getEventsAfter(client, domain, execution, cached.at(-1)?.eventId ?? 0);
    events = added.length === 0 ? cached : [...cached, ...added];
  }
  recentHistories.delete(key);
  recentHistories.set(key, events);
  if (recentHistories.size > MAX_CACHED_HISTORIES) recentHistories.delete(recentHistories.keys().next().value!);
  return events;
}

function isClosedHistory(events: HistoryEvent[]): boolean {
  return /^WorkflowExecution(Completed|Failed|Canceled|Terminated|TimedOut|ContinuedAsNew)$/.test(
    events.at(-1)?.eventType ?? '',
  );
}

/**
 * Reads one run (the latest of the workflowId when `runId` is not given). With `afterEventId`
 * only the events after it are sent (the summary still covers the whole history). With `payloads`
 * the stored payloads are shown, not their references.
 */
export async function readExecutionView(
  client: SWFClient,
  domain: string,
  workflowId: string,
  runId?: string,
  afterEventId = 0,
  payloads?: EventResolver,
): Promise<ExecutionView> {
  const execution = { workflowId, runId: runId || (await latestRunId(client, domain, workflowId)) };
  const description = await describeExecution(client, domain, execution);
  const isOpen = description.executionInfo?.executionStatus === 'OPEN';
  let events = await readHistory(client, domain, execution, isOpen);
  let payloadProblem: string | undefined;
  try {
    if (payloads) events = await payloads.resolveEvents(events, execution);
  } catch (error) {
    payloadProblem = `Stored payloads are shown as their references: ${(error as Error).message}`;
  }
  const summary = summarizeHistory(events, execution);
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const parent = description.executionInfo?.parent;
  const children = summary.children.map((child) => ({ workflowId: child.workflowId, runId: child.runId }));
  return {
    execution,
    description,
    summary,
    events: afterEventId > 0 ? events.filter((event) => (event.eventId ?? 0) > afterEventId) : events,
    afterEventId: afterEventId > 0 ? afterEventId : 0,
    links: {
      parent: parent?.workflowId ? { workflowId: parent.workflowId, runId: parent.runId } : undefined,
      previousRun: started?.continuedExecutionRunId
        ? { workflowId, runId: started.continuedExecutionRunId }
        : undefined,
      nextRun: summary.close?.newRunId ? { workflowId, runId: summary.close.newRunId } : undefined,
      children,
    },
    payloadProblem,
  };
}
