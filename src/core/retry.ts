// Retry policy of activity and child workflow proxies. Retries wait on SWF timers between attempts, so they are
// durable and visible in the history.
import { TaskError } from './errors.ts';

/** How an activity call is retried. Intervals are seconds. */
export interface RetryPolicy {
  /** Attempts in total, the first included; default 3 when a policy is given. */
  maxAttempts?: number;
  /** Wait before the second attempt; default 1. */
  initialInterval?: number;
  /** Multiplier of the wait per attempt; default 2. */
  backoffCoefficient?: number;
  /** Upper bound of the wait; default 100 × initialInterval. */
  maxInterval?: number;
  /** Failure reasons (or error names, e.g. 'ActivityTimedOut') that are never retried. */
  nonRetryable?: string[];
}

/**
 * Errors that retrying cannot fix: SWF refused the schedule or start, or the activity or child
 * was canceled or terminated (someone decided it should stop).
 */
const NEVER_RETRIED = new Set([
  'ScheduleActivityFailed',
  'ActivityCanceled',
  'PayloadTooLargeError',
  'StartChildWorkflowFailed',
  'ChildWorkflowCanceled',
  'ChildWorkflowTerminated',
]);

/**
 * Seconds to wait before attempt `attempt + 1` after attempt `attempt` failed with `error`, or
 * undefined when the failure is final: min(initialInterval × backoffCoefficient^(attempt-1), maxInterval).
 */
export function retryDelay(policy: RetryPolicy | undefined, attempt: number, error: unknown): number | undefined {
  if (!policy || !(error instanceof TaskError) || NEVER_RETRIED.has(error.name)) return undefined;
  if (attempt >= (policy.maxAttempts ?? 3)) return undefined;
  const nonRetryable = policy.nonRetryable ?? [];
  if (nonRetryable.includes(error.name) || (error.reason !== undefined && nonRetryable.includes(error.reason)))
    return undefined;
  const initial = policy.initialInterval ?? 1;
  const delay = initial * (policy.backoffCoefficient ?? 2) ** (attempt - 1);
  return Math.min(delay, policy.maxInterval ?? initial * 100);
}

/**
 * Causes of ScheduleActivityTaskFailed / StartChildWorkflowExecutionFailed that are transient on
 * SWF (SWF_SPEC appendix D): the same call succeeds later, so it is made again after a timer.
 */
const TRANSIENT_REFUSALS = new Set([
  'ACTIVITY_CREATION_RATE_EXCEEDED',
  'OPEN_ACTIVITIES_LIMIT_EXCEEDED',
  'CHILD_CREATION_RATE_EXCEEDED',
  'OPEN_CHILDREN_LIMIT_EXCEEDED',
]);
/** How many transient refusals one call outlives before the refusal is final. */
const MAX_TRANSIENT_REFUSALS = 20;

/**
 * Seconds to wait before making a call again that SWF refused transiently for the `refusal`-th
 * time (1, 2, 4, ... up to 60), or undefined when the refusal is not transient or happened too often.
 */
export function transientRefusalDelay(error: unknown, refusal: number): number | undefined {
  if (!(error instanceof TaskError) || error.reason === undefined || !TRANSIENT_REFUSALS.has(error.reason))
    return undefined;
  if (error.name !== 'ScheduleActivityFailed' && error.name !== 'StartChildWorkflowFailed') return undefined;
  if (refusal > MAX_TRANSIENT_REFUSALS) return undefined;
  return Math.min(2 ** (refusal - 1), 60);
}
