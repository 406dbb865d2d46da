// SWF's size limits on strings workers send (SWF_SPEC 15): cut, never rejected for length. The
// Data and reason limits, `truncate` and failure details are core's (serializer.ts, failure.ts).

/** Maximum characters of heartbeat details. */
export const MAX_HEARTBEAT_DETAILS = 2_048;
