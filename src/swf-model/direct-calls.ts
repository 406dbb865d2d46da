// The in-process transport's shortcut: a local server running in the caller's process offers its
// operations as plain calls, so a client there (src/swf) skips the SDK's serialization, HTTP and
// deserialization. Inputs are the SDK's input objects; outputs are shaped as the SDK gives them
// (timestamps as Dates, task tokens as strings).

/** The key under which the local server's request handler carries its {@link DirectCalls}. */
export const DIRECT_CALLS: unique symbol = Symbol.for('flowy.directCalls');

/** An SWF fault, as the SDK would have read it off the wire. */
export interface DirectFault {
  /** The fault or service error name, e.g. UnknownResourceFault, ValidationException. */
  type: string;
  message: string;
  statusCode: number;
}

/** The output members of a call, or the fault it failed with. */
export type DirectAnswer = { output: Record<string, unknown> } | { fault: DirectFault };

/** One SWF operation, called in process. */
export interface DirectCalls {
  call(
    operation: string,
    input: object,
    options: { signal?: AbortSignal | undefined; region?: string | undefined },
  ): Promise<DirectAnswer>;
}

/**
 * Events from the JSON text of their wire array, with each `eventTimestamp` (epoch seconds) made
 * a Date with the SDK's own rounding.
 */
export function eventsWithDates(events: unknown): unknown {
  if (!Array.isArray(events)) return events;
  for (const event of events as { eventTimestamp?: unknown }[]) {
    if (typeof event?.eventTimestamp === 'number')
      event.eventTimestamp = new Date(Math.round(event.eventTimestamp * 1000));
  }
  return events;
}

/**
 * A copy of an SDK input as its JSON reads back: Dates as epoch seconds, undefined members and
 * functions left out, undefined array items as null. `size.chars` grows by about the length of
 * that JSON (at least one UTF-8 byte per character counted, at most six).
 */
export function wireInput(value: unknown, size: { chars: number } = { chars: 0 }): unknown {
  if (typeof value === 'string') {
    size.chars += value.length + 2;
    return value;
  }
  if (typeof value !== 'object' || value === null) {
    size.chars += 8;
    return value;
  }
  if (value instanceof Date) {
    size.chars += 16;
    return value.getTime() / 1000;
  }
  if (Array.isArray(value)) return value.map((item) => wireInput(item === undefined ? null : item, size));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || typeof member === 'function') continue;
    size.chars += key.length + 4;
    copy[key] = wireInput(member, size);
  }
  return copy;
}
