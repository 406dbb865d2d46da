/**
 * What an execution did, folded out of its history: one record per activity attempt, child,
 * timer, signal, marker and cancel request, plus the close event. Pure data, used by the
 * `flowy history` timeline and by tests that assert on what a run did.
 */
import { eventAttributes, timestampMillis } from '../core/engine.ts';

/** The fields of a history event this module reads; core's HistoryEvent and the SDK's fit it. */
export interface HistoryEventLike {
  eventId?: number;
  eventType?: string;
  /** a Date, an ISO-8601 string, or epoch seconds (the SWF wire encoding) */
  eventTimestamp?: Date | string | number;
}

/** Final (or current) state of the run. */
export type ExecutionStatus = 'OPEN' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW';

/** How an activity attempt, child or timer ended (`open` = not closed yet). */
export interface Outcome {
  kind: 'completed' | 'failed' | 'timed out' | 'canceled' | 'terminated' | 'start failed' | 'fired' | 'open';
  /** failure reason, timeout type or fault cause */
  reason?: string;
  details?: string;
  result?: string;
}

/** One attempt of an activity (one ActivityTaskScheduled event and what followed it). */
export interface ActivityAttempt {
  activityId: string;
  /** `<name>-<seq>`: the id shared by every attempt of one call */
  callId: string;
  attempt: number;
  activityType: { name: string; version: string };
  scheduledAt?: Date;
  startedAt?: Date;
  closedAt?: Date;
  worker?: string;
  cancelRequestedAt?: Date;
  outcome: Outcome;
}

/** One child workflow (a StartChildWorkflowExecutionInitiated event and what followed it). */
export interface ChildSummary {
  workflowId: string;
  runId?: string;
  workflowType: { name: string; version: string };
  initiatedAt?: Date;
  startedAt?: Date;
  closedAt?: Date;
  outcome: Outcome;
}

/** One timer (TimerStarted, or a StartTimerFailed) and how it ended. */
export interface TimerSummary {
  timerId: string;
  startToFireTimeout?: string;
  startedAt?: Date;
  closedAt?: Date;
  outcome: Outcome;
}

/** A point event: a signal, a marker, a cancel request or a failed decision. */
export interface PointEvent {
  eventId: number;
  at?: Date;
  kind: 'signal' | 'marker' | 'cancel requested' | 'external signal' | 'external cancel' | 'decision failed';
  name: string;
  details?: string;
}

/** The whole run, folded. */
export interface ExecutionSummary {
  workflowType?: { name: string; version: string };
  workflowId?: string;
  runId?: string;
  taskList?: string;
  input?: string;
  parent?: { workflowId?: string; runId?: string };
  continuedFromRunId?: string;
  status: ExecutionStatus;
  startedAt?: Date;
  closedAt?: Date;
  close?: { eventType: string; at?: Date; result?: string; reason?: string; details?: string; newRunId?: string };
  decisionTasks: { completed: number; timedOut: number };
  activities: ActivityAttempt[];
  children: ChildSummary[];
  timers: TimerSummary[];
  events: PointEvent[];
  eventCount: number;
}

/** Reads an eventTimestamp in any of its encodings; undefined when absent or unreadable. */
export function toDate(value: unknown): Date | undefined {
  if (!(value instanceof Date) && typeof value !== 'number' && typeof value !== 'string') return undefined;
  const ms = timestampMillis(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The attempt number encoded in an activityId: `name-3` is attempt 1, `name-3@2` attempt 2. */
export function splitActivityId(activityId: string): { callId: string; attempt: number } {
  const match = /^(.*)@(\d+)$/.exec(activityId);
  if (!match) return { callId: activityId, attempt: 1 };
  return { callId: match[1]!, attempt: Number(match[2]) };
}

const CLOSE_STATUS: Record<string, ExecutionStatus> = {
  WorkflowExecutionCompleted: 'COMPLETED',
  WorkflowExecutionFailed: 'FAILED',
  WorkflowExecutionCanceled: 'CANCELED',
  WorkflowExecutionTerminated: 'TERMINATED',
  WorkflowExecutionTimedOut: 'TIMED_OUT',
  WorkflowExecutionContinuedAsNew: 'CONTINUED_AS_NEW',
};

// events whose only meaning here is "a decision the decider sent was refused"
const FAILED_DECISION_EVENTS = new Set([
  'CompleteWorkflowExecutionFailed', 'FailWorkflowExecutionFailed', 'CancelWorkflowExecutionFailed',
  'ContinueAsNewWorkflowExecutionFailed', 'RecordMarkerFailed', 'CancelTimerFailed',
  'RequestCancelActivityTaskFailed', 'SignalExternalWorkflowExecutionFailed', 'RequestCancelExternalWorkflowExecutionFailed',
]);

type Attributes = Record<string, unknown>;

/**
 * Folds `events` (in any order; they are sorted by eventId) into an ExecutionSummary.
 * `execution` supplies the ids, which history events do not carry.
 */
export function summarizeHistory(
  events: readonly HistoryEventLike[],
  execution: { workflowId?: string; runId?: string } = {},
): ExecutionSummary {
  const sorted = [...events].sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
  const summary: ExecutionSummary = {
    workflowId: execution.workflowId,
    runId: execution.runId,
    status: 'OPEN',
    decisionTasks: { completed: 0, timedOut: 0 },
    activities: [],
    children: [],
    timers: [],
    events: [],
    eventCount: sorted.length,
  };
  const activitiesByScheduledId = new Map<number, ActivityAttempt>();
  const openActivitiesById = new Map<string, ActivityAttempt>();
  const childrenByInitiatedId = new Map<number, ChildSummary>();
  const timersByStartedId = new Map<number, TimerSummary>();
  for (const event of sorted) {
    const type = event.eventType ?? 'Unknown';
    const at = toDate(event.eventTimestamp);
    const eventId = event.eventId ?? 0;
    const attrs = eventAttributes(event) as Attributes;
    switch (type) {
      case 'WorkflowExecutionStarted': {
        summary.startedAt = at;
        summary.workflowType = typeRef(attrs.workflowType);
        summary.taskList = str((attrs.taskList as Attributes | undefined)?.name);
        summary.input = str(attrs.input);
        summary.continuedFromRunId = str(attrs.continuedExecutionRunId);
        const parent = attrs.parentWorkflowExecution as Attributes | undefined;
        if (parent) summary.parent = { workflowId: str(parent.workflowId), runId: str(parent.runId) };
        break;
      }
      case 'DecisionTaskCompleted':
        summary.decisionTasks.completed += 1;
        break;
      case 'DecisionTaskTimedOut':
        summary.decisionTasks.timedOut += 1;
        break;
      case 'ActivityTaskScheduled': {
        const activityId = str(attrs.activityId) ?? `#${eventId}`;
        const attempt: ActivityAttempt = {
          activityId,
          ...splitActivityId(activityId),
          activityType: typeRef(attrs.activityType) ?? { name: '?', version: '?' },
          scheduledAt: at,
          outcome: { kind: 'open' },
        };
        summary.activities.push(attempt);
        activitiesByScheduledId.set(eventId, attempt);
        openActivitiesById.set(activityId, attempt);
        break;
      }
      case 'ScheduleActivityTaskFailed': {
        const activityId = str(attrs.activityId) ?? `#${eventId}`;
        summary.activities.push({
          activityId,
          ...splitActivityId(activityId),
          activityType: typeRef(attrs.activityType) ?? { name: '?', version: '?' },
          scheduledAt: at,
          closedAt: at,
          outcome: { kind: 'start failed', reason: str(attrs.cause) },
        });
        break;
      }
      case 'ActivityTaskStarted': {
        const attempt = activitiesByScheduledId.get(num(attrs.scheduledEventId));
        if (attempt) {
          attempt.startedAt = at;
          attempt.worker = str(attrs.identity);
        }
        break;
      }
      case 'ActivityTaskCancelRequested': {
        const attempt = openActivitiesById.get(str(attrs.activityId) ?? '');
        if (attempt) attempt.cancelRequestedAt = at;
        break;
      }
      case 'ActivityTaskCompleted':
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut':
      case 'ActivityTaskCanceled': {
        const attempt = activitiesByScheduledId.get(num(attrs.scheduledEventId));
        if (!attempt) break;
        attempt.closedAt = at;
        attempt.outcome = closeOutcome(type, attrs);
        openActivitiesById.delete(attempt.activityId);
        break;
      }
      case 'StartChildWorkflowExecutionInitiated': {
        const child: ChildSummary = {
          workflowId: str(attrs.workflowId) ?? `#${eventId}`,
          workflowType: typeRef(attrs.workflowType) ?? { name: '?', version: '?' },
          initiatedAt: at,
          outcome: { kind: 'open' },
        };
        summary.children.push(child);
        childrenByInitiatedId.set(eventId, child);
        break;
      }
      case 'ChildWorkflowExecutionStarted': {
        const child = childrenByInitiatedId.get(num(attrs.initiatedEventId));
        if (child) {
          child.startedAt = at;
          child.runId = str((attrs.workflowExecution as Attributes | undefined)?.runId);
        }
        break;
      }
      case 'StartChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCompleted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionTimedOut':
      case 'ChildWorkflowExecutionCanceled':
      case 'ChildWorkflowExecutionTerminated': {
        const child = childrenByInitiatedId.get(num(attrs.initiatedEventId));
        if (!child) break;
        child.closedAt = at;
        child.outcome = closeOutcome(type, attrs);
        break;
      }
      case 'TimerStarted': {
        const timer: TimerSummary = {
          timerId: str(attrs.timerId) ?? `#${eventId}`,
          startToFireTimeout: str(attrs.startToFireTimeout),
          startedAt: at,
          outcome: { kind: 'open' },
        };
        summary.timers.push(timer);
        timersByStartedId.set(eventId, timer);
        break;
      }
      case 'StartTimerFailed':
        summary.timers.push({ timerId: str(attrs.timerId) ?? `#${eventId}`, startedAt: at, closedAt: at, outcome: { kind: 'start failed', reason: str(attrs.cause) } });
        break;
      case 'TimerFired':
      case 'TimerCanceled': {
        const timer = timersByStartedId.get(num(attrs.startedEventId));
        if (!timer) break;
        timer.closedAt = at;
        timer.outcome = { kind: type === 'TimerFired' ? 'fired' : 'canceled' };
        break;
      }
      case 'WorkflowExecutionSignaled':
        summary.events.push({ eventId, at, kind: 'signal', name: str(attrs.signalName) ?? '?', details: str(attrs.input) });
        break;
      case 'MarkerRecorded':
        summary.events.push({ eventId, at, kind: 'marker', name: str(attrs.markerName) ?? '?', details: str(attrs.details) });
        break;
      case 'WorkflowExecutionCancelRequested': {
        const external = attrs.externalWorkflowExecution as Attributes | undefined;
        const by = external ? `by ${str(external.workflowId)}` : str(attrs.cause) ?? 'by a client';
        summary.events.push({ eventId, at, kind: 'cancel requested', name: 'workflow', details: by });
        break;
      }
      case 'SignalExternalWorkflowExecutionInitiated':
        summary.events.push({ eventId, at, kind: 'external signal', name: str(attrs.signalName) ?? '?', details: `to ${str(attrs.workflowId)}` });
        break;
      case 'RequestCancelExternalWorkflowExecutionInitiated':
        summary.events.push({ eventId, at, kind: 'external cancel', name: str(attrs.workflowId) ?? '?' });
        break;
      default:
        if (Object.hasOwn(CLOSE_STATUS, type)) {
          summary.status = CLOSE_STATUS[type]!;
          summary.closedAt = at;
          summary.close = {
            eventType: type,
            at,
            result: str(attrs.result),
            reason: str(attrs.reason) ?? str(attrs.timeoutType) ?? str(attrs.cause),
            details: str(attrs.details),
            newRunId: str(attrs.newExecutionRunId),
          };
        } else if (FAILED_DECISION_EVENTS.has(type)) {
          summary.events.push({ eventId, at, kind: 'decision failed', name: type.replace(/Failed$/, ''), details: str(attrs.cause) });
        }
    }
  }
  return summary;
}

function closeOutcome(eventType: string, attrs: Attributes): Outcome {
  if (eventType.endsWith('Completed')) return { kind: 'completed', result: str(attrs.result) };
  if (eventType.endsWith('TimedOut')) return { kind: 'timed out', reason: str(attrs.timeoutType), details: str(attrs.details) };
  if (eventType.endsWith('Canceled')) return { kind: 'canceled', details: str(attrs.details) };
  if (eventType.endsWith('Terminated')) return { kind: 'terminated' };
  if (eventType.startsWith('Start')) return { kind: 'start failed', reason: str(attrs.cause) };
  return { kind: 'failed', reason: str(attrs.reason), details: str(attrs.details) };
}

function typeRef(value: unknown): { name: string; version: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { name, version } = value as Attributes;
  return { name: str(name) ?? '?', version: str(version) ?? '?' };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
