// Tasks that SWF scheduled and no worker has taken: the usual reason a run "hangs" (nobody polls
// its task list, or the workers started before its type was registered). Found from the
// histories of a run and of its open children.
import type { HistoryEvent } from '../core/engine.ts';
import type { Execution, ExecutionRef, FlowyClient } from './flowy-client.ts';
import { openChildren } from './flowy-client.ts';

/** A task scheduled and not started. */
export interface UnstartedTask {
  kind: 'decision' | 'activity';
  taskList: string;
  /** the run that waits for it */
  execution: Execution;
  /** `Name@version` of the workflow (decision) or activity */
  type: string;
  /** eventId of the DecisionTaskScheduled / ActivityTaskScheduled event */
  scheduledEventId: number;
}

/** Options of {@link watchUnstartedTasks}. */
export interface UnstartedTaskWatchOptions {
  /** a task waiting longer than this (first seen by the watch) is reported; default 5000 ms */
  afterMs?: number;
  /** how often the histories are read while a task waits; default 1000 ms (up to 10 times less often while none does) */
  intervalMs?: number;
  /** ends the watch */
  signal: AbortSignal;
  /** called once per kind and task list */
  onUnstarted: (task: UnstartedTask, waitedMs: number) => void;
  /** children followed below the run (depth); default 3 */
  maxDepth?: number;
}

/** The tasks of one history that were scheduled and have not started (nor closed before starting). */
export function unstartedTasks(events: HistoryEvent[], execution: Execution): UnstartedTask[] {
  let workflowType = '?';
  const decisions = new Map<number, UnstartedTask>();
  const activities = new Map<number, UnstartedTask>();
  for (const event of events) {
    const id = event.eventId ?? 0;
    switch (event.eventType) {
      case 'WorkflowExecutionStarted': {
        const type = event.workflowExecutionStartedEventAttributes?.workflowType;
        workflowType = `${type?.name}@${type?.version}`;
        break;
      }
      case 'DecisionTaskScheduled':
        decisions.set(id, {
          kind: 'decision',
          taskList: event.decisionTaskScheduledEventAttributes?.taskList?.name ?? '?',
          execution,
          type: workflowType,
          scheduledEventId: id,
        });
        break;
      case 'DecisionTaskStarted':
        decisions.delete(event.decisionTaskStartedEventAttributes?.scheduledEventId ?? -1);
        break;
      case 'DecisionTaskTimedOut':
        decisions.delete(event.decisionTaskTimedOutEventAttributes?.scheduledEventId ?? -1);
        break;
      case 'ActivityTaskScheduled': {
        const a = event.activityTaskScheduledEventAttributes;
        activities.set(id, {
          kind: 'activity',
          taskList: a?.taskList?.name ?? '?',
          execution,
          type: `${a?.activityType?.name}@${a?.activityType?.version}`,
          scheduledEventId: id,
        });
        break;
      }
      default: {
        // Started, or closed without starting (canceled, schedule-to-start timeout): no longer waiting.
        const scheduled =
          event.activityTaskStartedEventAttributes?.scheduledEventId ??
          event.activityTaskCanceledEventAttributes?.scheduledEventId ??
          event.activityTaskTimedOutEventAttributes?.scheduledEventId;
        if (scheduled !== undefined) activities.delete(scheduled);
      }
    }
  }
  return [...decisions.values(), ...activities.values()];
}

/**
 * Reads the history of `execution` and of its open children every `intervalMs` until `signal`
 * aborts, and reports each task list once when a task on it waited more than `afterMs` without a
 * worker taking it. Read errors end nothing: the watch only adds explanations to a wait.
 */
export async function watchUnstartedTasks(
  client: FlowyClient,
  execution: ExecutionRef,
  options: UnstartedTaskWatchOptions,
): Promise<void> {
  const afterMs = options.afterMs ?? 5000;
  const intervalMs = options.intervalMs ?? 1000;
  const firstSeen = new Map<string, number>();
  const reported = new Set<string>();
  let delayMs = intervalMs;
  while (!options.signal.aborted) {
    try {
      const tasks = await collect(client, execution, options.maxDepth ?? 3);
      // a run that waits on a timer or a signal for days is read less and less often (history reads are throttled on SWF)
      delayMs = tasks.length > 0 ? intervalMs : Math.min(delayMs * 1.5, intervalMs * 10);
      for (const task of tasks) {
        const key = `${task.execution.workflowId}/${task.execution.runId}/${task.scheduledEventId}`;
        const seen = firstSeen.get(key) ?? Date.now();
        firstSeen.set(key, seen);
        const listKey = `${task.kind}:${task.taskList}`;
        const waited = Date.now() - seen;
        if (waited >= afterMs && !reported.has(listKey) && !options.signal.aborted) {
          reported.add(listKey);
          options.onUnstarted(task, waited);
        }
      }
    } catch {
      // the run may have closed or moved on (continue-as-new): the waiting code reports that
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delayMs);
      function done(): void {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', done);
        resolve();
      }
      options.signal.addEventListener('abort', done, { once: true });
    });
  }
}

async function collect(client: FlowyClient, execution: ExecutionRef, depth: number): Promise<UnstartedTask[]> {
  const events = await client.history(execution);
  const tasks = unstartedTasks(events, { workflowId: execution.workflowId, runId: execution.runId ?? '' });
  if (depth > 0) {
    for (const child of openChildren(events).slice(0, 20)) tasks.push(...(await collect(client, child, depth - 1)));
  }
  return tasks;
}
