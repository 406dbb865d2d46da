// Wire shapes of answers (SWF_SPEC 1.3): the state layer answers with Dates and task claims; here
// they become epoch seconds and signed task tokens.
import type { TaskTokenClaims } from '../tokens.ts';
import { JsonText } from '../store/records.ts';

/**
 * A copy of `value` as it goes on the wire: every Date becomes epoch seconds with a fraction, and a
 * `taskClaims` member becomes `taskToken`, signed by `sign`, in the same place. Done before
 * JSON.stringify, which would turn a Date into an ISO string before any replacer sees it.
 */
export function toWire(value: unknown, sign: (claims: TaskTokenClaims) => string): unknown {
  if (value instanceof JsonText) return value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map((item) => toWire(item, sign));
  if (typeof value !== 'object' || value === null) return value;
  const wire: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'taskClaims') wire.taskToken = sign(member as TaskTokenClaims);
    else wire[key] = toWire(member, sign);
  }
  return wire;
}

/**
 * The JSON of an answer. A member that is JsonText (a page of events) is written as it is, not
 * parsed and encoded again; answers hold it only at the top level.
 */
export function encodeAnswer(answer: object): string {
  let json = '';
  for (const [key, member] of Object.entries(answer)) {
    if (member === undefined) continue;
    const text = member instanceof JsonText ? member.text : JSON.stringify(member);
    json += `${json === '' ? '{' : ','}${JSON.stringify(key)}:${text}`;
  }
  return json === '' ? '{}' : `${json}}`;
}
