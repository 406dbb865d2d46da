// The failure codec: how an error becomes SWF's `reason` and `details`, and how flowy reads them
// back. Every layer that writes a failure (the decider closing a run, the activity worker) or
// shows one (errors thrown to workflow code, the client, the CLI) goes through here.
//
// details is JSON with the fields that apply, in this order: { name, message, stack, reason, details }.
// Workflow failures write { name, message, reason?, details? }; activity failures { message, stack? }.
// Readers only rely on `message`. Details stay valid JSON within SWF's 32,768 characters (SWF_SPEC 15).
import { MAX_DATA_LENGTH, MAX_REASON_LENGTH, truncate } from './serializer.ts';
import { TaskError } from './errors.ts';

/** The fields flowy writes into a failure's details. */
export interface FailureFields {
  name?: string | undefined;
  message: string;
  stack?: string | undefined;
  /** The reason and details of the failure this one wraps (a TaskError's). */
  reason?: string | undefined;
  details?: string | undefined;
}

/** A failure as SWF records it, and the message it carries. */
export interface TaskFailure {
  reason: string;
  details: string;
  message: string;
}

/** What was thrown, as an Error: itself when it is one, else an Error whose message describes it. */
export function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(describeThrown(thrown));
}

/** The class name of an error: its `name` when set, else its constructor's name. */
export function errorClassName(error: Error): string {
  if (error.name && error.name !== 'Error') return error.name;
  const ctor = error.constructor?.name;
  return ctor && ctor !== 'Object' ? ctor : 'Error';
}

/**
 * Details JSON for `fields` within `max` characters: the stack is cut first, then the wrapped
 * details, then the message, so the result is always valid JSON.
 */
export function encodeFailureDetails(fields: FailureFields, max = MAX_DATA_LENGTH): string {
  let current = ordered(fields);
  const full = JSON.stringify(current);
  if (full.length <= max) return full;
  for (const key of ['stack', 'details', 'message'] as const) {
    const value = current[key];
    if (value === undefined) continue;
    const cut = cutToFit(current, key, value, max);
    if (cut !== undefined) return cut;
    if (key !== 'message') {
      current = { ...current, [key]: undefined };
      const without = JSON.stringify(current);
      if (without.length <= max) return without;
    }
  }
  return cutToFit({ message: fields.message }, 'message', fields.message, max) ?? '{}';
}

/** Activity-shaped details `{ message, stack }` within `max` characters. */
export function failureDetails(message: string, stack: string | undefined, max = MAX_DATA_LENGTH): string {
  return encodeFailureDetails({ message, stack }, max);
}

/**
 * How an activity's error is reported (RespondActivityTaskFailed): reason = the error's own
 * `reason` when it gives one, else its class name; details = `{ message, stack }`.
 */
export function describeTaskFailure(thrown: unknown): TaskFailure {
  if (!(thrown instanceof Error)) {
    const message = describeThrown(thrown);
    return { reason: 'Error', details: failureDetails(message, undefined), message };
  }
  const given = (thrown as { reason?: unknown }).reason;
  const reason = typeof given === 'string' && given.length > 0 ? given : errorClassName(thrown);
  return {
    reason: truncate(reason, MAX_REASON_LENGTH),
    details: failureDetails(thrown.message, thrown.stack),
    message: thrown.message,
  };
}

/**
 * How an error thrown by `run()` closes the run (FailWorkflowExecution): reason = "<name>: <message>";
 * details = `{ name, message, reason?, details? }` (the last two from a TaskError it let through).
 */
export function describeWorkflowFailure(thrown: unknown): TaskFailure {
  const error = toError(thrown);
  const name = thrown instanceof Error ? error.name : 'Error';
  const fields: FailureFields = { name, message: error.message };
  if (thrown instanceof TaskError) {
    fields.reason = thrown.reason;
    fields.details = thrown.details;
  }
  return {
    reason: truncate(`${name}: ${error.message}`, MAX_REASON_LENGTH),
    details: encodeFailureDetails(fields),
    message: error.message,
  };
}

/** The message of details flowy wrote (JSON with a string `message`), or undefined for other details. */
export function failureMessage(details: string | undefined): string | undefined {
  if (details === undefined || !details.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(details) as { message?: unknown } | null;
    return typeof parsed?.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A one-line account of a failure from SWF's `reason` and `details`: when `details` is JSON with a
 * `message` (as flowy's activity worker and failed workflows write it), the message follows the reason.
 */
export function describeFailure(reason: string | undefined, details: string | undefined): string {
  const summary = reason ?? 'no reason given';
  const message = failureMessage(details);
  return message !== undefined && message !== '' && !summary.includes(message) ? `${summary}: ${message}` : summary;
}

function describeThrown(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

/** The fields that are set, in the order details are written. */
function ordered(fields: FailureFields): FailureFields {
  const { name, message, stack, reason, details } = fields;
  return {
    ...(name !== undefined && { name }),
    message,
    ...(stack !== undefined && { stack }),
    ...(reason !== undefined && { reason }),
    ...(details !== undefined && { details }),
  };
}

/** `fields` as JSON with `key` cut so that the whole fits in `max`, or undefined when it cannot. */
function cutToFit(fields: FailureFields, key: keyof FailureFields, value: string, max: number): string | undefined {
  const overhead = JSON.stringify({ ...fields, [key]: '' }).length;
  if (overhead + 16 >= max) return undefined;
  let room = max - overhead;
  let cut = JSON.stringify({ ...fields, [key]: truncate(value, room) });
  while (cut.length > max && room > 1) {
    // escaping makes the JSON longer than the text: shrink the text in proportion
    room = Math.max(1, Math.min(room - 1, Math.floor((room * (max - overhead)) / (cut.length - overhead))));
    cut = JSON.stringify({ ...fields, [key]: truncate(value, room) });
  }
  return cut.length <= max ? cut : undefined;
}
