// Reading a history for replay: its division into decision tasks, and event order. What one
// event says is read with src/swf-model's readEvent.
import { timestampMillis, type HistoryEvent } from '../swf-model/index.ts';

/** SWF terminates a run whose history reaches 25,000 events (SWF_SPEC 15). */
export const SWF_EVENT_LIMIT = 25_000;

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
