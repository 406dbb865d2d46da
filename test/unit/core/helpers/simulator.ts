// A tiny SWF for decider tests: runs an execution to its close by asking a decide function for
// each decision task, recording the decisions' outcomes (SWF_SPEC 9) and then completing the open
// activities, timers and children as a script says. Produces complete, realistic histories.
import type { Decision, DecideResult, HistoryEvent } from '../../../../src/core/engine.ts';
import { eventAttributes } from '../../../../src/core/engine.ts';
import { HistoryBuilder } from './history-builder.ts';

/** A failure an activity or child script returns instead of a result. */
export interface ScriptedFailure {
  fail: string;
}

/** What the outside world does during a simulated execution. */
export interface SimulationScript {
  input?: unknown;
  /** Activity results by activity type name; `attempt` counts from 1. */
  activities: Record<string, (input: unknown, attempt: number) => unknown | ScriptedFailure>;
  /** Child workflow results by workflow type name. */
  children?: Record<string, (input: unknown) => unknown>;
  /** Signals sent before decision task `beforeTask` (counted from 2), ahead of the work completed then. */
  signals?: { beforeTask: number; name: string; payload?: unknown }[];
  /** Completion order of the work that is open after a decision task. */
  order?: 'fifo' | 'lifo';
  maxTasks?: number;
}

type OpenWork =
  | { kind: 'activity'; id: string; name: string; input: unknown }
  | { kind: 'timer'; id: string }
  | { kind: 'child'; id: string; name: string; input: unknown };

const isFailure = (value: unknown): value is ScriptedFailure =>
  typeof value === 'object' && value !== null && 'fail' in value;

/** Runs the execution to its close; returns its complete history and the decisions of every task. */
export async function simulate(
  script: SimulationScript,
  decideTask: (events: HistoryEvent[]) => Promise<DecideResult>,
): Promise<{ events: HistoryEvent[]; decisionsPerTask: Decision[][] }> {
  const h = new HistoryBuilder().started(script.input).decisionStarted();
  const decisionsPerTask: Decision[][] = [];
  let open: OpenWork[] = [];
  for (let task = 1; task <= (script.maxTasks ?? 100); task++) {
    const { decisions } = await decideTask([...h.events]);
    decisionsPerTask.push(decisions);
    h.completedWith(decisions);
    if (
      decisions.some(
        (d) => /WorkflowExecution$/.test(d.decisionType) && d.decisionType !== 'StartChildWorkflowExecution',
      )
    ) {
      return { events: h.events, decisionsPerTask };
    }
    for (const d of decisions) open.push(...openedBy(d));
    const signals = (script.signals ?? []).filter((s) => s.beforeTask === task + 1);
    if (open.length === 0 && signals.length === 0) throw new Error(`simulation stuck after task ${task}: nothing open`);
    const batch = script.order === 'lifo' ? [...open].reverse() : open;
    open = [];
    for (const s of signals) h.signaled(s.name, s.payload);
    for (const work of batch) complete(h, script, work);
    h.decisionTask();
  }
  throw new Error('simulation did not close');
}

function openedBy(d: Decision): OpenWork[] {
  if (d.scheduleActivityTaskDecisionAttributes) {
    const a = d.scheduleActivityTaskDecisionAttributes;
    return [
      {
        kind: 'activity',
        id: a.activityId,
        name: a.activityType.name,
        input: a.input === undefined ? undefined : JSON.parse(a.input),
      },
    ];
  }
  if (d.startTimerDecisionAttributes) return [{ kind: 'timer', id: d.startTimerDecisionAttributes.timerId }];
  if (d.startChildWorkflowExecutionDecisionAttributes) {
    const a = d.startChildWorkflowExecutionDecisionAttributes;
    return [
      {
        kind: 'child',
        id: a.workflowId,
        name: a.workflowType.name,
        input: a.input === undefined ? undefined : JSON.parse(a.input),
      },
    ];
  }
  return [];
}

function complete(h: HistoryBuilder, script: SimulationScript, work: OpenWork): void {
  if (work.kind === 'timer') {
    h.timerFired(work.id);
  } else if (work.kind === 'child') {
    const result = script.children?.[work.name]?.(work.input);
    h.childClosed(
      'ChildWorkflowExecutionCompleted',
      work.id,
      result === undefined ? {} : { result: JSON.stringify(result) },
    );
  } else {
    const attempt = Number(/@(\d+)$/.exec(work.id)?.[1] ?? 1);
    const result = script.activities[work.name]!(work.input, attempt);
    if (isFailure(result)) h.activityFailed(work.id, result.fail);
    else h.activityCompleted(work.id, result);
  }
}

const DECISION_OF: Record<string, string> = {
  ActivityTaskScheduled: 'ScheduleActivityTask',
  TimerStarted: 'StartTimer',
  MarkerRecorded: 'RecordMarker',
  StartChildWorkflowExecutionInitiated: 'StartChildWorkflowExecution',
  WorkflowExecutionCompleted: 'CompleteWorkflowExecution',
  WorkflowExecutionFailed: 'FailWorkflowExecution',
  WorkflowExecutionCanceled: 'CancelWorkflowExecution',
  WorkflowExecutionContinuedAsNew: 'ContinueAsNewWorkflowExecution',
};

/** The decisions recorded by the DecisionTaskCompleted at `events[completedIndex]`, rebuilt from its outcome events. */
export function recordedDecisions(events: readonly HistoryEvent[], completedIndex: number): Decision[] {
  const completedId = events[completedIndex]!.eventId;
  const decisions: Decision[] = [];
  for (let i = completedIndex + 1; i < events.length && events[i]!.eventType !== 'DecisionTaskCompleted'; i++) {
    const event = events[i]!;
    const decisionType = DECISION_OF[event.eventType ?? ''];
    const { decisionTaskCompletedEventId, newExecutionRunId, workflowType, ...attributes } = eventAttributes(
      event,
    ) as Record<string, unknown>;
    if (!decisionType || decisionTaskCompletedEventId !== completedId) continue;
    if (
      event.eventType === 'StartChildWorkflowExecutionInitiated' ||
      event.eventType === 'WorkflowExecutionContinuedAsNew'
    ) {
      if (event.eventType === 'StartChildWorkflowExecutionInitiated') attributes.workflowType = workflowType;
    }
    const key = `${decisionType.charAt(0).toLowerCase()}${decisionType.slice(1)}DecisionAttributes`;
    decisions.push({ decisionType, [key]: attributes } as unknown as Decision);
  }
  return decisions;
}
