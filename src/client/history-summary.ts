/**
 * What an execution did, folded out of its history: one record per activity attempt, child,
 * timer, signal, marker and cancel request, plus the close event. Pure data, used by the
 * `flowy history` timeline and by tests that assert on what a run did.
 */
import { splitHeaders } from '../core/engine.ts';
import { readEvent, timestampMillis } from '../swf-model/index.ts';
import type { CloseStatus, EventView } from '../swf-model/index.ts';

/** The fields of a history event this module reads; core's HistoryEvent and the SDK's fit it. */
export interface HistoryEventLike {
  eventId?: number;
  eventType?: string;
  /** a Date, an ISO-8601 string, or epoch seconds (the SWF wire encoding) */
  eventTimestamp?: Date | string | number;
}

/** Final (or current) state of the run. */
export type ExecutionStatus = 'OPEN' | CloseStatus;

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
    const view = readEvent(event);
    if (!view) continue;
    const at = toDate(event.eventTimestamp);
    const eventId = view.eventId;
    switch (view.eventType) {
      case 'WorkflowExecutionStarted': {
        const a = view.attributes;
        summary.startedAt = at;
        summary.workflowType = typeRef(a.workflowType);
        summary.taskList = a.taskList?.name;
        summary.input = withoutEnvelope(a.input);
        summary.continuedFromRunId = a.continuedExecutionRunId;
        if (a.parentWorkflowExecution)
          summary.parent = { workflowId: a.parentWorkflowExecution.workflowId, runId: a.parentWorkflowExecution.runId };
        break;
      }
      case 'DecisionTaskCompleted':
        summary.decisionTasks.completed += 1;
        break;
      case 'DecisionTaskTimedOut':
        summary.decisionTasks.timedOut += 1;
        break;
      case 'ActivityTaskScheduled': {
        const activityId = view.attributes.activityId ?? `#${eventId}`;
        const attempt: ActivityAttempt = {
          activityId,
          ...splitActivityId(activityId),
          activityType: typeRef(view.attributes.activityType) ?? { name: '?', version: '?' },
          scheduledAt: at,
          outcome: { kind: 'open' },
        };
        summary.activities.push(attempt);
        activitiesByScheduledId.set(eventId, attempt);
        openActivitiesById.set(activityId, attempt);
        break;
      }
      case 'ScheduleActivityTaskFailed': {
        const activityId = view.attributes.activityId ?? `#${eventId}`;
        summary.activities.push({
          activityId,
          ...splitActivityId(activityId),
          activityType: typeRef(view.attributes.activityType) ?? { name: '?', version: '?' },
          scheduledAt: at,
          closedAt: at,
          outcome: { kind: 'start failed', reason: view.attributes.cause },
        });
        break;
      }
      case 'ActivityTaskStarted': {
        const attempt = activitiesByScheduledId.get(view.scheduledEventId ?? -1);
        if (attempt) {
          attempt.startedAt = at;
          attempt.worker = view.attributes.identity;
        }
        break;
      }
      case 'ActivityTaskCancelRequested': {
        const attempt = openActivitiesById.get(view.attributes.activityId ?? '');
        if (attempt) attempt.cancelRequestedAt = at;
        break;
      }
      case 'ActivityTaskCompleted':
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut':
      case 'ActivityTaskCanceled': {
        const attempt = activitiesByScheduledId.get(view.scheduledEventId ?? -1);
        if (!attempt) break;
        attempt.closedAt = at;
        attempt.outcome = closeOutcome(view);
        openActivitiesById.delete(attempt.activityId);
        break;
      }
      case 'StartChildWorkflowExecutionInitiated': {
        const child: ChildSummary = {
          workflowId: view.attributes.workflowId ?? `#${eventId}`,
          workflowType: typeRef(view.attributes.workflowType) ?? { name: '?', version: '?' },
          initiatedAt: at,
          outcome: { kind: 'open' },
        };
        summary.children.push(child);
        childrenByInitiatedId.set(eventId, child);
        break;
      }
      case 'ChildWorkflowExecutionStarted': {
        const child = childrenByInitiatedId.get(view.initiatedEventId ?? -1);
        if (child) {
          child.startedAt = at;
          child.runId = view.attributes.workflowExecution?.runId;
        }
        break;
      }
      case 'StartChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCompleted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionTimedOut':
      case 'ChildWorkflowExecutionCanceled':
      case 'ChildWorkflowExecutionTerminated': {
        const child = childrenByInitiatedId.get(view.initiatedEventId ?? -1);
        if (!child) break;
        child.closedAt = at;
        child.outcome = closeOutcome(view);
        break;
      }
      case 'TimerStarted': {
        const timer: TimerSummary = {
          timerId: view.attributes.timerId ?? `#${eventId}`,
          startToFireTimeout: view.attributes.startToFireTimeout,
          startedAt: at,
          outcome: { kind: 'open' },
        };
        summary.timers.push(timer);
        timersByStartedId.set(eventId, timer);
        break;
      }
      case 'StartTimerFailed':
        summary.timers.push({
          timerId: view.attributes.timerId ?? `#${eventId}`,
          startedAt: at,
          closedAt: at,
          outcome: { kind: 'start failed', reason: view.attributes.cause },
        });
        break;
      case 'TimerFired':
      case 'TimerCanceled': {
        const timer = timersByStartedId.get(view.startedEventId ?? -1);
        if (!timer) break;
        timer.closedAt = at;
        timer.outcome = { kind: view.eventType === 'TimerFired' ? 'fired' : 'canceled' };
        break;
      }
      case 'WorkflowExecutionSignaled':
        summary.events.push({
          eventId,
          at,
          kind: 'signal',
          name: view.attributes.signalName ?? '?',
          details: view.attributes.input,
        });
        break;
      case 'MarkerRecorded':
        summary.events.push({
          eventId,
          at,
          kind: 'marker',
          name: view.attributes.markerName ?? '?',
          details: view.attributes.details,
        });
        break;
      case 'WorkflowExecutionCancelRequested': {
        const external = view.attributes.externalWorkflowExecution;
        const by = external ? `by ${external.workflowId}` : (view.attributes.cause ?? 'by a client');
        summary.events.push({ eventId, at, kind: 'cancel requested', name: 'workflow', details: by });
        break;
      }
      case 'SignalExternalWorkflowExecutionInitiated':
        summary.events.push({
          eventId,
          at,
          kind: 'external signal',
          name: view.attributes.signalName ?? '?',
          details: `to ${view.attributes.workflowId}`,
        });
        break;
      case 'RequestCancelExternalWorkflowExecutionInitiated':
        summary.events.push({ eventId, at, kind: 'external cancel', name: view.attributes.workflowId ?? '?' });
        break;
      default:
        if (view.closeStatus) {
          const a = view.attributes as {
            result?: string;
            reason?: string;
            timeoutType?: string;
            cause?: string;
            details?: string;
            newExecutionRunId?: string;
          };
          summary.status = view.closeStatus;
          summary.closedAt = at;
          summary.close = {
            eventType: view.eventType,
            at,
            result: a.result,
            reason: a.reason ?? a.timeoutType ?? a.cause,
            details: a.details,
            newRunId: a.newExecutionRunId,
          };
        } else if (view.isDecisionFailure && view.kind !== 'lambda') {
          const cause = (view.attributes as { cause?: string }).cause;
          summary.events.push({
            eventId,
            at,
            kind: 'decision failed',
            name: view.eventType.replace(/Failed$/, ''),
            details: cause,
          });
        }
    }
  }
  return summary;
}

/** How an activity attempt or child ended, from the event that closed it. */
function closeOutcome(view: EventView): Outcome {
  const a = view.attributes as {
    result?: string;
    reason?: string;
    timeoutType?: string;
    details?: string;
    cause?: string;
  };
  const eventType = view.eventType;
  if (eventType.endsWith('Completed')) return { kind: 'completed', result: a.result };
  if (eventType.endsWith('TimedOut')) return { kind: 'timed out', reason: a.timeoutType, details: a.details };
  if (eventType.endsWith('Canceled')) return { kind: 'canceled', details: a.details };
  if (eventType.endsWith('Terminated')) return { kind: 'terminated' };
  if (eventType.startsWith('Start')) return { kind: 'start failed', reason: a.cause };
  return { kind: 'failed', reason: a.reason, details: a.details };
}

function typeRef(
  type: { name?: string | undefined; version?: string | undefined } | undefined,
): { name: string; version: string } | undefined {
  return type ? { name: type.name ?? '?', version: type.version ?? '?' } : undefined;
}

/** A payload as the code sees it: headers travel in an envelope (core/headers.ts) that readers open. */
function withoutEnvelope(raw: string | undefined): string | undefined {
  if (raw === undefined) return raw;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  const { input, headers } = splitHeaders(value);
  return Object.keys(headers).length === 0 ? raw : JSON.stringify(input);
}
