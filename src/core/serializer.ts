// How inputs and results travel through SWF's string fields, and the size guard that keeps them
// inside SWF's limits (SWF_SPEC 15: Data fields hold at most 32,768 characters).
import { PayloadTooLargeError } from './errors.ts';

/** Turns values into SWF strings and back. `undefined` travels as an absent field. */
export interface Serializer {
  serialize(value: unknown): string | undefined;
  deserialize(text: string | undefined): unknown;
  /**
   * The longest text a payload may have; default SWF's 32,768. Workers with a payload store
   * (src/payloads) lift it: they store longer payloads and send a reference instead.
   */
  maxLength?: number;
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
export function serializeChecked(
  serializer: Serializer,
  value: unknown,
  what: string,
  max = serializer.maxLength ?? MAX_DATA_LENGTH,
): string | undefined {
  const text = serializer.serialize(value);
  if (text !== undefined && text.length > max) {
    throw new PayloadTooLargeError(
      `${what} is ${groupDigits(text.length)} characters; SWF allows ${groupDigits(max)}. ` +
        'Configure a payload store (FLOWY_PAYLOADS) or pass a reference (an id, a storage key) instead of the data itself.',
    );
  }
  return text;
}

/** Cuts `text` to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
