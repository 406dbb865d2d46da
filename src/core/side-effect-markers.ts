// What a side effect's marker holds: its value (side-effect-<n>), or, when its function threw, the
// error's name and message (side-effect-<n>--failed), so that replays fail the same way.
import { SideEffectFailed } from './errors.ts';
import { MAX_DATA_LENGTH, truncate } from './serializer.ts';
import type { Decision } from '../swf-model/index.ts';

/** The RecordMarker decision of a side effect and its matching key, once its function settled. */
export function markerDecision(markerName: string, details: string | undefined): { decision: Decision; key: string } {
  const attributes = details === undefined ? { markerName } : { markerName, details };
  return {
    decision: { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: attributes },
    key: `RecordMarker ${markerName}`,
  };
}

/** What a failed side effect's marker records: the error's name and message, as JSON. */
export function failureDetails(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return truncate(JSON.stringify({ name, message }), MAX_DATA_LENGTH);
}

/** The error a failed side effect rejects with, on the first run (with `cause`) and on replay alike. */
export function sideEffectFailure(markerName: string, details: string | undefined, cause?: unknown): SideEffectFailed {
  let recorded: { name?: unknown; message?: unknown } = {};
  try {
    recorded = JSON.parse(details ?? '{}') as typeof recorded;
  } catch {
    // a marker written by hand: the details stand as the message
    recorded = { message: details };
  }
  const name = typeof recorded.name === 'string' ? recorded.name : 'Error';
  const message = typeof recorded.message === 'string' ? recorded.message : '';
  return new SideEffectFailed(`sideEffect ${markerName} failed: ${name}${message ? `: ${message}` : ''}`, {
    reason: name,
    details,
    cause,
  });
}
