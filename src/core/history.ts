// Reading a history: event attributes, timestamps, and its division into decision tasks.
import type { HistoryEvent } from './swf-types.ts';

/** SWF terminates a run whose history reaches 25,000 events (SWF_SPEC 15). */
export const SWF_EVENT_LIMIT = 25_000;

const attributeKeys = new Map<string, string>();

/** The attribute object of `event`, under `<lowerCamel(eventType)>EventAttributes` (SWF_SPEC 17.2). */
export function eventAttributes(event: HistoryEvent): Record<string, unknown> {
  const type = event.eventType ?? '';
  let key = attributeKeys.get(type);
  if (key === undefined) {
    key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
    attributeKeys.set(type, key);
  }
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

/** A decision task of the history that the code runs at: its DecisionTaskStarted and, when replayed, its DecisionTaskCompleted. */
export interface DecisionTaskBoundary {
  startedIndex: number;
  /** Index of the DecisionTaskCompleted of this task; undefined for the task being decided now. */
  completedIndex: number | undefined;
  /** Time of the task (`Workflow.now()`), epoch milliseconds. */
  nowMillis: number;
}

/**
 * The decision tasks at which workflow code runs: every DecisionTaskStarted that was completed,
 * and the last DecisionTaskStarted when it was not (the task being decided). Tasks that timed out
 * (SWF_SPEC 14) produced nothing; their events are seen by the next task.
 */
export function decisionTaskBoundaries(events: readonly HistoryEvent[], from = 0): DecisionTaskBoundary[] {
  // `from` lets a resumed replay look only at the events from its last boundary on.
  const completedIndexByStartedId = new Map<number, number>();
  let lastStartedIndex = -1;
  for (let index = from; index < events.length; index++) {
    const event = events[index]!;
    if (event.eventType === 'DecisionTaskCompleted') {
      completedIndexByStartedId.set(event.decisionTaskCompletedEventAttributes?.startedEventId ?? -1, index);
    } else if (event.eventType === 'DecisionTaskStarted') {
      lastStartedIndex = index;
    }
  }
  const boundaries: DecisionTaskBoundary[] = [];
  for (let index = from; index < events.length; index++) {
    const event = events[index]!;
    if (event.eventType !== 'DecisionTaskStarted') continue;
    const completedIndex = completedIndexByStartedId.get(event.eventId ?? -1);
    if (completedIndex === undefined && index !== lastStartedIndex) continue;
    boundaries.push({ startedIndex: index, completedIndex, nowMillis: timestampMillis(event.eventTimestamp) });
  }
  return boundaries;
}

/** The events in event-id order (SDK pages may come in reverse order). */
export function inEventOrder(history: readonly HistoryEvent[]): readonly HistoryEvent[] {
  for (let i = 1; i < history.length; i++) {
    if ((history[i]!.eventId ?? 0) < (history[i - 1]!.eventId ?? 0)) {
      return [...history].sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
    }
  }
  return history;
}
