// How inputs and results travel through SWF's string fields, and the size guard that keeps them
// inside SWF's limits (SWF_SPEC 15: Data fields hold at most 32,768 characters).
import { PayloadTooLargeError } from './errors.ts';

/** Turns values into SWF strings and back. `undefined` travels as an absent field. */
export interface Serializer {
  serialize(value: unknown): string | undefined;
  deserialize(text: string | undefined): unknown;
}

/** The default serializer: JSON, `undefined` ↔ absent field. */
export const jsonSerializer: Serializer = {
  serialize(value: unknown): string | undefined {
    return value === undefined ? undefined : JSON.stringify(value);
  },
  deserialize(text: string | undefined): unknown {
    return text === undefined || text === '' ? undefined : JSON.parse(text);
  },
};

/** SWF's limit for input, result, details, control and marker fields (SWF_SPEC 15, appendix G `Data`). */
export const MAX_DATA_LENGTH = 32_768;
/** SWF's limit for `reason` fields (appendix G `FailureReason`). */
export const MAX_REASON_LENGTH = 256;

const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/**
 * Serializes `value` for the SWF field described by `what` (e.g. `Input of activity "charge"
 * (call 3)`), throwing a `PayloadTooLargeError` naming it when it exceeds SWF's limit.
 */
export function serializeChecked(serializer: Serializer, value: unknown, what: string): string | undefined {
  const text = serializer.serialize(value);
  if (text !== undefined && text.length > MAX_DATA_LENGTH) {
    throw new PayloadTooLargeError(
      `${what} is ${groupDigits(text.length)} characters; SWF allows ${groupDigits(MAX_DATA_LENGTH)}. ` +
        'Pass a reference (an id, a storage key) instead of the data itself.',
    );
  }
  return text;
}

/** Cuts `text` to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
