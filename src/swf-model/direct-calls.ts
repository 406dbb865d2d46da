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
