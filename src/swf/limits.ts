// SWF's size limits on strings workers send (SWF_SPEC 15): cut, never rejected for length. The
// Data and reason limits and `truncate` are core's (MAX_DATA_LENGTH, MAX_REASON_LENGTH).
import { MAX_DATA_LENGTH, truncate } from '../core/engine.ts';

/** Maximum characters of heartbeat details. */
export const MAX_HEARTBEAT_DETAILS = 2_048;

/**
 * Serializes failure details as JSON `{message, stack}` within `max` characters: the stack is cut
 * first, then the message, so the result is always valid JSON.
 */
export function failureDetails(message: string, stack: string | undefined, max = MAX_DATA_LENGTH): string {
  const full = JSON.stringify(stack ? { message, stack } : { message });
  if (full.length <= max) return full;
  const overhead = JSON.stringify({ message, stack: '' }).length;
  if (stack && overhead + 16 < max) {
    let room = max - overhead;
    let cut = JSON.stringify({ message, stack: truncate(stack, room) });
    while (cut.length > max && room > 0) {
      room -= cut.length - max;
      cut = JSON.stringify({ message, stack: truncate(stack, Math.max(room, 1)) });
    }
    if (cut.length <= max) return cut;
  }
  let room = max - 16;
  let cut = JSON.stringify({ message: truncate(message, room) });
  while (cut.length > max && room > 1) {
    room -= cut.length - max;
    cut = JSON.stringify({ message: truncate(message, room) });
  }
  return cut;
}
