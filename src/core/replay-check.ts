// Checking a recorded history against today's workflow code: every decision task decided again
// and compared with what it recorded; a difference is a NonDeterminismError that names the task,
// lists both sides and the first difference. Used by replayHistory (src/testing, `flowy replay`)
// and by queries, so both report non-determinism the same way.
import { decide } from './decide.ts';
import { NonDeterminismError } from './errors.ts';
import { getWorkflowOptions, type SchemaCheck, type WorkflowClass } from './options.ts';
import { producedDecisions, recordedDecisions, type DecisionSummary } from './recorded-decisions.ts';
import type { Serializer } from './serializer.ts';
import type { HistoryEvent } from '../swf-model/index.ts';

/** The execution a recorded history belongs to (history events do not carry it). */
export interface HistoryExecution {
  workflowId?: string;
  runId?: string;
}

/** A history to check: its events in eventId order, the run's ids when known, and where it came from (for messages). */
export interface RecordedHistory {
  events: HistoryEvent[];
  execution: HistoryExecution;
  /** e.g. a file path in quotes, or "the given events" */
  source: string;
}

/** Options of checkReplay (and replayHistory). */
export interface ReplayOptions {
  /**
   * The run the history belongs to, when the file does not say: child workflow ids derive from
   * the workflowId, and `random()`/`uuid()` are seeded from both ids.
   */
  execution?: HistoryExecution;
  serializer?: Serializer;
  /**
   * Up to this many decision tasks (default 200) each task is replayed on its own prefix and its
   * decisions compared; longer histories are checked in one pass (decide() matches every replayed
   * task) and only the task that differs is replayed on its own, to explain it.
   */
  everyTaskLimit?: number;
  /** Checks inputs and outputs against schemas as the worker does (src/definitions' checkSchema); default none. */
  checkSchema?: SchemaCheck;
}

/** What a successful replay checked. */
export interface ReplayReport {
  /** decision tasks whose decisions were compared */
  decisionTasks: number;
  events: number;
  /** how today's code leaves the run after the whole history */
  status: 'open' | 'completed' | 'failed' | 'canceled' | 'continued';
}

/**
 * Replays a recorded history through today's `workflow` code: for each decision task of the
 * history, decides on the history up to that task and compares the decisions with the ones
 * recorded. Throws a NonDeterminismError naming the task, both decision lists and the first
 * difference when they differ.
 */
export async function checkReplay(
  history: RecordedHistory,
  workflow: WorkflowClass,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  checkWorkflowType(history, workflow);
  const execution = { ...history.execution, ...definedOnly(options.execution ?? {}) };
  const { events } = history;
  const tasks = completedDecisionTasks(events);
  const context: ReplayContext = {
    history,
    workflow,
    execution,
    decideOptions: { execution, serializer: options.serializer, checkSchema: options.checkSchema },
  };
  const everyTaskLimit = options.everyTaskLimit ?? 200;
  if (tasks.length <= everyTaskLimit) {
    for (const [index, task] of tasks.entries()) await checkTask(context, task, index);
  }
  let status: ReplayReport['status'];
  try {
    // one pass over the whole history: decide() itself matches every replayed task's decisions
    status = (await decide(events, workflow, context.decideOptions)).status;
  } catch (error) {
    if (!(error instanceof NonDeterminismError)) throw error;
    // long history checked in one pass: explain the task that differs with both decision lists
    const index = taskIndexOf(events, tasks, error.eventId);
    if (index !== undefined) await checkTask(context, tasks[index]!, index);
    throw explain(error, history, workflow, index === undefined ? tasks.length : index + 1, execution);
  }
  return { decisionTasks: tasks.length, events: events.length, status };
}

interface ReplayContext {
  history: RecordedHistory;
  workflow: WorkflowClass;
  execution: HistoryExecution;
  decideOptions: {
    execution: HistoryExecution;
    serializer?: Serializer | undefined;
    checkSchema?: SchemaCheck | undefined;
  };
}

/**
 * Decides on the history up to the task's DecisionTaskStarted and compares the decisions with the
 * ones the task recorded; throws an explained NonDeterminismError when they differ.
 */
async function checkTask(
  { history, workflow, execution, decideOptions }: ReplayContext,
  task: CompletedTask,
  index: number,
): Promise<void> {
  const { events } = history;
  const prefix = events.slice(0, task.startedIndex + 1);
  let produced: DecisionSummary[];
  try {
    // the side effects recorded later in the history answer the prefix's calls: replay runs none
    produced = producedDecisions(
      (await decide(prefix, workflow, { ...decideOptions, recordedMarkers: events })).decisions,
    );
  } catch (error) {
    if (error instanceof NonDeterminismError) throw explain(error, history, workflow, index + 1, execution);
    throw error;
  }
  const recorded = recordedDecisions(events, task.completedEventId);
  const difference = firstDifference(recorded, produced);
  if (difference === undefined) return;
  const recordedOne = recorded[difference];
  const producedOne = produced[difference];
  const error = new NonDeterminismError(
    recordedOne?.eventId ?? task.completedEventId,
    recordedOne
      ? `${recordedOne.eventType} for ${recordedOne.key}`
      : `no further decision (task ${index + 1} sent ${recorded.length})`,
    producedOne ? producedOne.key : 'no such decision',
  );
  throw explain(error, history, workflow, index + 1, execution, { task: task.completedEventId, recorded, produced });
}

/** The decision task that event `eventId` belongs to: its DecisionTaskCompleted, or the one it answers. */
function taskIndexOf(
  events: readonly HistoryEvent[],
  tasks: readonly CompletedTask[],
  eventId: number,
): number | undefined {
  const byCompleted = tasks.findIndex((t) => t.completedEventId === eventId);
  if (byCompleted >= 0) return byCompleted;
  const event = events.find((e) => e.eventId === eventId);
  const attributes = event
    ? (Object.entries(event).find(([key]) => key.endsWith('EventAttributes'))?.[1] as
        { decisionTaskCompletedEventId?: number } | undefined)
    : undefined;
  const completedId = attributes?.decisionTaskCompletedEventId;
  const index = tasks.findIndex((t) => t.completedEventId === completedId);
  return index >= 0 ? index : undefined;
}

interface CompletedTask {
  startedIndex: number;
  completedEventId: number;
}

/** DecisionTaskStarted events that were answered (a task that timed out decided nothing). */
function completedDecisionTasks(events: readonly HistoryEvent[]): CompletedTask[] {
  const completedByStartedId = new Map<number, number>();
  for (const event of events) {
    if (event.eventType === 'DecisionTaskCompleted') {
      const attributes = event.decisionTaskCompletedEventAttributes;
      completedByStartedId.set(Number(attributes?.startedEventId), event.eventId ?? 0);
    }
  }
  const tasks: CompletedTask[] = [];
  events.forEach((event, startedIndex) => {
    if (event.eventType !== 'DecisionTaskStarted') return;
    const completedEventId = completedByStartedId.get(event.eventId ?? -1);
    if (completedEventId !== undefined) tasks.push({ startedIndex, completedEventId });
  });
  return tasks;
}

function firstDifference(recorded: DecisionSummary[], produced: DecisionSummary[]): number | undefined {
  const length = Math.max(recorded.length, produced.length);
  for (let i = 0; i < length; i++) {
    if (recorded[i]?.key !== produced[i]?.key) return i;
  }
  return undefined;
}

function checkWorkflowType(history: RecordedHistory, workflow: WorkflowClass): void {
  const recorded = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
  const declared = getWorkflowOptions(workflow);
  const name = declared?.name ?? workflow.name;
  if (recorded?.name !== undefined && recorded.name !== name) {
    throw new Error(
      `History ${history.source} is a run of workflow "${recorded.name}@${recorded.version}", not of "${name}" (class ${workflow.name}); replay it with the class registered as "${recorded.name}"`,
    );
  }
}

/** Rewrites the message of `error` (keeping its class and fields) with the context of the replay. */
function explain(
  error: NonDeterminismError,
  history: RecordedHistory,
  workflow: WorkflowClass,
  taskNumber: number,
  execution: HistoryExecution,
  lists?: { task: number; recorded: DecisionSummary[]; produced: DecisionSummary[] },
): NonDeterminismError {
  const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
  const lines = [
    `History ${history.source} of ${type?.name ?? workflow.name}@${type?.version ?? '?'}` +
      (execution.workflowId ? ` (workflowId ${execution.workflowId})` : '') +
      ` does not replay with today's code of ${workflow.name}.`,
  ];
  if (lists) {
    lines.push(`Decision task ${taskNumber} (DecisionTaskCompleted event ${lists.task}) recorded:`);
    lines.push(...listLines(lists.recorded, true));
    lines.push(`Today's code decides:`);
    lines.push(...listLines(lists.produced, false));
  } else {
    lines.push(`While replaying decision task ${taskNumber}:`);
  }
  lines.push(
    `First difference at event ${error.eventId}: the history recorded ${error.recorded}, but the code did ${error.actual}.`,
  );
  lines.push(
    'The workflow code changed incompatibly with executions recorded before: guard the change with this.patched(id), ' +
      'or register the new code under a new workflow version; or the code depends on something other than its input and history.',
  );
  if (!execution.workflowId && lists?.recorded.some((d) => d.key.startsWith('StartChildWorkflowExecution'))) {
    lines.push(
      'Child workflow ids derive from the parent workflowId: pass { execution: { workflowId, runId } } if the history file does not carry them.',
    );
  }
  error.message = lines.join('\n');
  return error;
}

function listLines(decisions: DecisionSummary[], withEvents: boolean): string[] {
  if (decisions.length === 0) return ['  (no decisions)'];
  return decisions.map(
    (d) => `  ${d.key}${withEvents && d.eventId !== undefined ? `  [event ${d.eventId} ${d.eventType}]` : ''}`,
  );
}

function definedOnly(execution: HistoryExecution): HistoryExecution {
  const result: HistoryExecution = {};
  if (execution.workflowId !== undefined) result.workflowId = execution.workflowId;
  if (execution.runId !== undefined) result.runId = execution.runId;
  return result;
}
