// The reference a history holds instead of a payload that lives in the payload store. Versioned:
// readers accept every version up to PAYLOAD_REFERENCE_VERSION, and refuse newer ones by name.
//
//   {"$flowyPayload":1,"key":"<sha256 hex of the payload>[.<codec>...]","length":<characters>,"codecs":["gzip"]}
//
// `key` names the blob in the store (content-addressed: the same payload gives the same key, so a
// retried write writes nothing new); `codecs` are applied in order before storing and undone in
// reverse when reading; `length` is the payload's size in characters, for people reading histories.
// A payload that is itself a JSON object starting with `{"$flowyPayload":` is always stored, so
// it is never mistaken for a reference.

/** The reference format's version written by this code. */
export const PAYLOAD_REFERENCE_VERSION = 1;

const PREFIX = '{"$flowyPayload":';

/** A parsed reference. */
export interface PayloadReference {
  version: number;
  key: string;
  length: number;
  codecs: string[];
}

/** True when `text` has the shape of a payload reference (cheap: a prefix test). */
export function isReference(text: string | undefined): text is string {
  return text !== undefined && text.startsWith(PREFIX);
}

/** The text of a reference, as the history holds it. */
export function formatReference(reference: Omit<PayloadReference, 'version'>): string {
  return JSON.stringify({
    $flowyPayload: PAYLOAD_REFERENCE_VERSION,
    key: reference.key,
    length: reference.length,
    codecs: reference.codecs,
  });
}

/** Parses a reference; throws an Error naming `where` when it is malformed or of a newer version. */
export function parseReference(text: string, where: string): PayloadReference {
  let value: { $flowyPayload?: unknown; key?: unknown; length?: unknown; codecs?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw new Error(`Payload reference in ${where} is not JSON: ${text.slice(0, 120)}`);
  }
  const version = value.$flowyPayload;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error(`Payload reference in ${where} has no valid version: ${text.slice(0, 120)}`);
  }
  if (version > PAYLOAD_REFERENCE_VERSION) {
    throw new Error(
      `Payload reference in ${where} is of version ${version}; this flowy reads up to version ${PAYLOAD_REFERENCE_VERSION}: upgrade flowy-ts`,
    );
  }
  const codecs = value.codecs ?? [];
  if (
    typeof value.key !== 'string' ||
    !/^[0-9a-f]{64}(\.[A-Za-z0-9_-]+)*$/.test(value.key) ||
    !Array.isArray(codecs) ||
    codecs.some((c) => typeof c !== 'string')
  ) {
    throw new Error(`Payload reference in ${where} is malformed (key and codecs): ${text.slice(0, 120)}`);
  }
  return {
    version,
    key: value.key,
    length: typeof value.length === 'number' ? value.length : -1,
    codecs: codecs as string[],
  };
}
