// How an error thrown by an activity is reported to SWF: a reason and JSON details.
import { MAX_REASON_LENGTH, truncate } from '../core/engine.ts';
import { failureDetails } from '../swf/index.ts';

/** The `reason` and `details` of RespondActivityTaskFailed for `error`. */
export interface TaskFailure {
  reason: string;
  details: string;
  message: string;
}

/**
 * reason = the error's own `reason` when it gives one (a string), else its class name;
 * details = JSON {message, stack}; both within SWF's limits (256 and 32,768 characters).
 */
export function describeTaskFailure(error: unknown): TaskFailure {
  if (!(error instanceof Error)) {
    const message = typeof error === 'string' ? error : safeJson(error);
    return { reason: 'Error', details: failureDetails(message, undefined), message };
  }
  const given = (error as { reason?: unknown }).reason;
  const reason = typeof given === 'string' && given.length > 0 ? given : errorClassName(error);
  return { reason: truncate(reason, MAX_REASON_LENGTH), details: failureDetails(error.message, error.stack), message: error.message };
}

/** The class name of an error: its `name` when set, else its constructor's name. */
export function errorClassName(error: Error): string {
  if (error.name && error.name !== 'Error') return error.name;
  const ctor = error.constructor?.name;
  return ctor && ctor !== 'Object' ? ctor : 'Error';
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
