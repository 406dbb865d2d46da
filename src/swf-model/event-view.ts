// One typed view of an SWF history event (SWF_SPEC 17, appendices D and F): its attributes, the
// earlier events it refers to, and what it means for the run (closes it, needs a decision,
// reports a decision SWF refused). Every reader of histories uses it: the decider, the client,
// the CLI, the timeline, and the local server when it writes events.
import type { EventType, HistoryEvent } from './swf-types.ts';

/** Which part of a run an event is about. */
export type EventKind =
  'run' | 'decisionTask' | 'activity' | 'timer' | 'child' | 'signal' | 'marker' | 'external' | 'lambda';

/** How a run closed, named after the event that closed it (SWF_SPEC 9; the API's CloseStatus). */
export type CloseStatus = 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW';

/** The member of an event of type `T` that holds its attributes. */
export type EventAttributesKey<T extends string> = `${Uncapitalize<T>}EventAttributes`;

/** The attributes of an event of type `T`, as the mirror in swf-types.ts declares them. */
export type AttributesOf<T extends EventType> =
  EventAttributesKey<T> extends keyof HistoryEvent
    ? NonNullable<HistoryEvent[EventAttributesKey<T>]>
    : Record<string, unknown>;

interface EventFacts {
  kind: EventKind;
  /** Set on the events that close the run. */
  closeStatus?: CloseStatus;
  /** SWF_SPEC 8.1: after this event the run needs a decision task. */
  needsDecision?: true;
  /** The event reports a decision SWF could not carry out (it names the decision task that sent it). */
  isDecisionFailure?: true;
}

const FACTS: Record<EventType, EventFacts> = {
  WorkflowExecutionStarted: { kind: 'run', needsDecision: true },
  WorkflowExecutionCancelRequested: { kind: 'run', needsDecision: true },
  WorkflowExecutionCompleted: { kind: 'run', closeStatus: 'COMPLETED' },
  CompleteWorkflowExecutionFailed: { kind: 'run', needsDecision: true, isDecisionFailure: true },
  WorkflowExecutionFailed: { kind: 'run', closeStatus: 'FAILED' },
  FailWorkflowExecutionFailed: { kind: 'run', needsDecision: true, isDecisionFailure: true },
  WorkflowExecutionTimedOut: { kind: 'run', closeStatus: 'TIMED_OUT' },
  WorkflowExecutionCanceled: { kind: 'run', closeStatus: 'CANCELED' },
  CancelWorkflowExecutionFailed: { kind: 'run', needsDecision: true, isDecisionFailure: true },
  WorkflowExecutionContinuedAsNew: { kind: 'run', closeStatus: 'CONTINUED_AS_NEW' },
  ContinueAsNewWorkflowExecutionFailed: { kind: 'run', needsDecision: true, isDecisionFailure: true },
  WorkflowExecutionTerminated: { kind: 'run', closeStatus: 'TERMINATED' },
  DecisionTaskScheduled: { kind: 'decisionTask' },
  DecisionTaskStarted: { kind: 'decisionTask' },
  DecisionTaskCompleted: { kind: 'decisionTask' },
  DecisionTaskTimedOut: { kind: 'decisionTask', needsDecision: true },
  ActivityTaskScheduled: { kind: 'activity' },
  ScheduleActivityTaskFailed: { kind: 'activity', needsDecision: true, isDecisionFailure: true },
  ActivityTaskStarted: { kind: 'activity' },
  ActivityTaskCompleted: { kind: 'activity', needsDecision: true },
  ActivityTaskFailed: { kind: 'activity', needsDecision: true },
  ActivityTaskTimedOut: { kind: 'activity', needsDecision: true },
  ActivityTaskCanceled: { kind: 'activity', needsDecision: true },
  ActivityTaskCancelRequested: { kind: 'activity' },
  RequestCancelActivityTaskFailed: { kind: 'activity', needsDecision: true, isDecisionFailure: true },
  WorkflowExecutionSignaled: { kind: 'signal', needsDecision: true },
  MarkerRecorded: { kind: 'marker' },
  RecordMarkerFailed: { kind: 'marker', needsDecision: true, isDecisionFailure: true },
  TimerStarted: { kind: 'timer' },
  StartTimerFailed: { kind: 'timer', needsDecision: true, isDecisionFailure: true },
  TimerFired: { kind: 'timer', needsDecision: true },
  TimerCanceled: { kind: 'timer' },
  CancelTimerFailed: { kind: 'timer', needsDecision: true, isDecisionFailure: true },
  StartChildWorkflowExecutionInitiated: { kind: 'child' },
  StartChildWorkflowExecutionFailed: { kind: 'child', needsDecision: true, isDecisionFailure: true },
  ChildWorkflowExecutionStarted: { kind: 'child', needsDecision: true },
  ChildWorkflowExecutionCompleted: { kind: 'child', needsDecision: true },
  ChildWorkflowExecutionFailed: { kind: 'child', needsDecision: true },
  ChildWorkflowExecutionTimedOut: { kind: 'child', needsDecision: true },
  ChildWorkflowExecutionCanceled: { kind: 'child', needsDecision: true },
  ChildWorkflowExecutionTerminated: { kind: 'child', needsDecision: true },
  SignalExternalWorkflowExecutionInitiated: { kind: 'external' },
  SignalExternalWorkflowExecutionFailed: { kind: 'external', needsDecision: true, isDecisionFailure: true },
  ExternalWorkflowExecutionSignaled: { kind: 'external', needsDecision: true },
  RequestCancelExternalWorkflowExecutionInitiated: { kind: 'external' },
  RequestCancelExternalWorkflowExecutionFailed: { kind: 'external', needsDecision: true, isDecisionFailure: true },
  ExternalWorkflowExecutionCancelRequested: { kind: 'external', needsDecision: true },
  LambdaFunctionScheduled: { kind: 'lambda' },
  LambdaFunctionStarted: { kind: 'lambda' },
  LambdaFunctionCompleted: { kind: 'lambda' },
  LambdaFunctionFailed: { kind: 'lambda' },
  LambdaFunctionTimedOut: { kind: 'lambda' },
  ScheduleLambdaFunctionFailed: { kind: 'lambda', needsDecision: true, isDecisionFailure: true },
  StartLambdaFunctionFailed: { kind: 'lambda', needsDecision: true, isDecisionFailure: true },
};

/** The typed view of one event: switch on `eventType` and `attributes` has that event's shape. */
export type EventView = {
  [T in EventType]: {
    eventType: T;
    eventId: number;
    /** Epoch milliseconds; NaN when the timestamp is missing or unreadable. */
    timestampMillis: number;
    kind: EventKind;
    attributes: AttributesOf<T>;
    /** The ActivityTaskScheduled (or DecisionTaskScheduled) event this one follows from. */
    scheduledEventId: number | undefined;
    /** The *Started (TimerStarted, ActivityTaskStarted, ...) event this one follows from. */
    startedEventId: number | undefined;
    /** The *Initiated event (a child or an external workflow request) this one follows from. */
    initiatedEventId: number | undefined;
    /** The DecisionTaskCompleted whose decision produced this event. */
    decisionTaskCompletedEventId: number | undefined;
    closeStatus: CloseStatus | undefined;
    needsDecision: boolean;
    isDecisionFailure: boolean;
  };
}[EventType];

const attributeKeys = new Map<string, string>();

/** The member of an event that holds its attributes: `<lowerCamel(eventType)>EventAttributes` (SWF_SPEC 17.2). */
export function eventAttributesKey(eventType: string): string {
  let key = attributeKeys.get(eventType);
  if (key === undefined) {
    key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    attributeKeys.set(eventType, key);
  }
  return key;
}

/** The member of a decision that holds its attributes: `<lowerCamel(decisionType)>DecisionAttributes` (appendix E). */
export function decisionAttributesKey(decisionType: string): string {
  return `${decisionType.charAt(0).toLowerCase()}${decisionType.slice(1)}DecisionAttributes`;
}

/** The attribute object of any `event` (empty when it has none). */
export function eventAttributes(event: HistoryEvent): Record<string, unknown> {
  const key = eventAttributesKey(event.eventType ?? '');
  return ((event as Record<string, unknown>)[key] as Record<string, unknown> | undefined) ?? {};
}

/** Epoch milliseconds of an event timestamp given as a Date, an ISO string or epoch seconds. */
export function timestampMillis(timestamp: Date | string | number | undefined): number {
  if (timestamp === undefined) return 0;
  if (timestamp instanceof Date) return timestamp.getTime();
  if (typeof timestamp === 'number') return timestamp * 1000; // SWF JSON: epoch seconds (SWF_SPEC 1.3)
  if (/^\d+(\.\d+)?$/.test(timestamp)) return Number(timestamp) * 1000;
  return new Date(timestamp).getTime();
}

/** Whether `eventType` is one of SWF's event types (appendix F). */
export function isEventType(eventType: string | undefined): eventType is EventType {
  return eventType !== undefined && Object.hasOwn(FACTS, eventType);
}

/** The close status the run gets from an event of this type, or undefined when it does not close the run. */
export function closeStatusOf(eventType: string | undefined): CloseStatus | undefined {
  return isEventType(eventType) ? FACTS[eventType].closeStatus : undefined;
}

/** SWF_SPEC 8.1: whether the run needs a decision task after an event of this type. */
export function needsDecision(eventType: string | undefined): boolean {
  return isEventType(eventType) && FACTS[eventType].needsDecision === true;
}

/** The typed view of `event`, or undefined for an event type SWF does not define. */
export function readEvent(event: HistoryEvent): EventView | undefined {
  const eventType = event.eventType;
  if (!isEventType(eventType)) return undefined;
  const facts = FACTS[eventType];
  const attributes = eventAttributes(event);
  const id = (name: string): number | undefined =>
    typeof attributes[name] === 'number' ? (attributes[name] as number) : undefined;
  return {
    eventType,
    eventId: event.eventId ?? 0,
    timestampMillis: event.eventTimestamp === undefined ? Number.NaN : timestampMillis(event.eventTimestamp),
    kind: facts.kind,
    attributes,
    scheduledEventId: id('scheduledEventId'),
    startedEventId: id('startedEventId'),
    initiatedEventId: id('initiatedEventId'),
    decisionTaskCompletedEventId: id('decisionTaskCompletedEventId'),
    closeStatus: facts.closeStatus,
    needsDecision: facts.needsDecision === true,
    isDecisionFailure: facts.isDecisionFailure === true,
  } as EventView;
}
