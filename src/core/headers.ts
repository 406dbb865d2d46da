// Headers: small string maps that travel with a payload (a workflow's input, an activity's or a
// child's input) for context that is not the payload itself, such as a trace context. SWF has no
// header fields, so a payload with headers travels in an envelope `{ "$flowyHeaders": {...},
// "input": <payload> }`; the receiving side takes the envelope apart before anything else (schema
// checks, interceptors, run()) sees the payload. A payload without headers is sent as it is.

/** Header names to values, e.g. `{ traceparent: '00-…-01' }`. */
export type Headers = Readonly<Record<string, string>>;

/** The envelope's marker key; a value with it (and at most `input` besides) is an envelope. */
export const HEADERS_KEY = '$flowyHeaders';

/** `input` as it is serialized: in an envelope when `headers` has any entry, else unchanged. */
export function withHeaders(input: unknown, headers: Headers | undefined): unknown {
  if (!headers || Object.keys(headers).length === 0) return input;
  return input === undefined ? { [HEADERS_KEY]: { ...headers } } : { [HEADERS_KEY]: { ...headers }, input };
}

/** The payload and the headers of a deserialized value (an envelope is opened; anything else has no headers). */
export function splitHeaders(value: unknown): { input: unknown; headers: Headers } {
  if (!isEnvelope(value)) return { input: value, headers: {} };
  return { input: value.input, headers: value[HEADERS_KEY] };
}

function isEnvelope(value: unknown): value is { [HEADERS_KEY]: Record<string, string>; input?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, HEADERS_KEY))
    return false;
  if (Object.keys(value).some((key) => key !== HEADERS_KEY && key !== 'input')) return false;
  const headers = (value as Record<string, unknown>)[HEADERS_KEY];
  return (
    typeof headers === 'object' &&
    headers !== null &&
    !Array.isArray(headers) &&
    Object.values(headers).every((v) => typeof v === 'string')
  );
}
