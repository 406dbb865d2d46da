// SWF's size limits on strings we send (SWF_SPEC 15): cut, never rejected for length.

/** Maximum characters of a `reason` field. */
export const MAX_REASON = 256;
/** Maximum characters of input, result, details, control and signal input (`Data`). */
export const MAX_DATA = 32_768;
/** Maximum characters of heartbeat details. */
export const MAX_HEARTBEAT_DETAILS = 2_048;

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Serializes failure details as JSON `{message, stack}` within `max` characters: the stack is cut
 * first, then the message, so the result is always valid JSON.
 */
export function failureDetails(message: string, stack: string | undefined, max = MAX_DATA): string {
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
