// Decisions compared by what SWF records of them: the type and the ids an outcome event echoes
// (SWF_SPEC 9: a task's decisions are applied in order right after its DecisionTaskCompleted, each
// leaving a success or *Failed event that carries decisionTaskCompletedEventId).
import { decisionAttributesKey } from '../swf-model/index.ts';
import type { Decision, HistoryEvent } from '../swf-model/index.ts';
import { decisionKey, outcomeKey } from './command-matching.ts';
import type { KeyAttributes } from './command-matching.ts';

/** One decision as recorded in a history, or as produced by today's code. */
export interface DecisionSummary {
  /** e.g. `ScheduleActivityTask charge@1 (id charge-2)` */
  key: string;
  /** the outcome event in the history (recorded side only) */
  eventId?: number;
  eventType?: string;
}

/** The decisions of `decide()`'s answer, as keys. */
export function producedDecisions(decisions: readonly Decision[]): DecisionSummary[] {
  return decisions.map((decision) => {
    const type = String(decision.decisionType);
    const attributes = (decision as unknown as Record<string, unknown>)[decisionAttributesKey(type)];
    return { key: decisionKey(type, (attributes ?? {}) as KeyAttributes) };
  });
}

/**
 * The decisions that the task completed by event `completedEventId` sent, read from their outcomes
 * with the decider's own matching rules (so replay reports exactly what the decider would).
 */
export function recordedDecisions(events: readonly HistoryEvent[], completedEventId: number): DecisionSummary[] {
  const found: DecisionSummary[] = [];
  for (const event of events) {
    const key = outcomeKey(event, completedEventId);
    if (key !== undefined) found.push({ key, eventId: event.eventId, eventType: event.eventType });
  }
  return found;
}
