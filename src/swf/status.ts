// The state of the engine as `flowy status` shows it: the domain, pending tasks per task list,
// open executions by type. Works the same on real SWF and on the local server.
import type { SWFClient } from '@aws-sdk/client-swf';
import { callSwf } from './calls.ts';

/** Pending (scheduled, not started) tasks of one task list. */
export interface TaskListStatus {
  kind: 'decision' | 'activity';
  name: string;
  pending: number;
  /** SWF stopped counting (the count is a lower bound) */
  truncated: boolean;
}

/** What {@link readEngineStatus} found. */
export interface EngineStatus {
  domain: { name: string; status: string; retentionDays: string | undefined; description: string | undefined };
  taskLists: TaskListStatus[];
  /** open executions counted by `Name@version`, most first */
  openExecutions: { type: string; count: number }[];
  /** more open executions exist than were read */
  openTruncated: boolean;
}

/** Options of {@link readEngineStatus}. */
export interface EngineStatusOptions {
  decisionTaskLists: string[];
  activityTaskLists: string[];
  /** open executions read at most; default 1000 */
  maxExecutions?: number;
}

/**
 * Describes `domain`, counts the pending tasks of the given task lists and groups the open
 * executions by type. Throws what the SDK throws (unreachable endpoint, unknown domain).
 */
export async function readEngineStatus(
  client: SWFClient,
  domain: string,
  options: EngineStatusOptions,
): Promise<EngineStatus> {
  const described = await callSwf(client, 'DescribeDomain', { name: domain });
  const counts = await Promise.all([
    ...options.decisionTaskLists.map(async (name): Promise<TaskListStatus> => {
      const answer = await callSwf(client, 'CountPendingDecisionTasks', { domain, taskList: { name } });
      return { kind: 'decision', name, pending: answer.count ?? 0, truncated: answer.truncated ?? false };
    }),
    ...options.activityTaskLists.map(async (name): Promise<TaskListStatus> => {
      const answer = await callSwf(client, 'CountPendingActivityTasks', { domain, taskList: { name } });
      return { kind: 'activity', name, pending: answer.count ?? 0, truncated: answer.truncated ?? false };
    }),
  ]);
  const max = options.maxExecutions ?? 1000;
  const byType = new Map<string, number>();
  let read = 0;
  let nextPageToken: string | undefined;
  // SWF_SPEC: a list call needs a start time filter; open runs are at most a year old.
  const startTimeFilter = { oldestDate: new Date(Date.now() - 366 * 24 * 3600 * 1000) };
  do {
    const page = await callSwf(client, 'ListOpenWorkflowExecutions', {
      domain,
      startTimeFilter,
      maximumPageSize: Math.min(1000, max - read),
      nextPageToken,
    });
    for (const info of page.executionInfos ?? []) {
      const type = `${info.workflowType?.name}@${info.workflowType?.version}`;
      byType.set(type, (byType.get(type) ?? 0) + 1);
      read += 1;
    }
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken && read < max);
  return {
    domain: {
      name: domain,
      status: described.domainInfo?.status ?? '?',
      retentionDays: described.configuration?.workflowExecutionRetentionPeriodInDays,
      description: described.domainInfo?.description,
    },
    taskLists: counts,
    openExecutions: [...byType]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    openTruncated: nextPageToken !== undefined,
  };
}
