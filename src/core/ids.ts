// Deterministic ids of everything a workflow schedules, derived from call order so that a replay
// produces the same ids as the run that recorded the history. SWF ids must not contain ':', '/',
// '|' or control characters (SWF API reference, e.g. StartTimer.timerId), hence '--' and '@'.
//
// <seq> counts calls from 1: per activity name, per child workflow name, and per execution for
// sleep timers and side effects.
//
//   activity          <activityName>-<seq>            attempt 1
//                     <activityName>-<seq>@<n>        attempt n > 1
//   retry timer       retry--<activityId of the next attempt>; retry--child--<childName>-<seq>@<n> for children
//   throttle timer    throttled--<activityId or child call>--<n>: the n-th transient refusal (rate or open limit)
//   sleep timer       timer-<seq>
//   child workflow    <parentWorkflowId>--<childName>-<seq>   (unless the call names its own id)
//   external calls    control "signal-<seq>" / "cancel-<seq>" of signalWorkflow() / requestCancelWorkflow()
//   markers           side-effect-<seq> (side-effect-<seq>--failed when its function threw), patch--<patchId>

/** Id of attempt `attempt` of the `seq`-th call of activity `activityName`. */
export function activityId(activityName: string, seq: number, attempt: number): string {
  return attempt <= 1 ? `${activityName}-${seq}` : `${activityName}-${seq}@${attempt}`;
}

/** The attempt number carried by an activity id (1 when it carries none). */
export function attemptFromActivityId(id: string): number {
  const match = /@(\d+)$/.exec(id);
  return match ? Number(match[1]) : 1;
}

/** Id of the timer that waits before the attempt whose id is `nextActivityId`. */
export function retryTimerId(nextActivityId: string): string {
  return `retry--${nextActivityId}`;
}

/** Id of the timer that waits before attempt `attempt` of the `seq`-th call of child workflow `childName`. */
export function childRetryTimerId(childName: string, seq: number, attempt: number): string {
  return `retry--child--${childName}-${seq}@${attempt}`;
}

/** Id of the timer that waits before making a call again that SWF refused transiently (the `refusal`-th time). */
export function throttleTimerId(callId: string, refusal: number): string {
  return `throttled--${callId}--${refusal}`;
}

/** Id of the `seq`-th `sleep()` timer. */
export function sleepTimerId(seq: number): string {
  return `timer-${seq}`;
}

/** Default workflow id of the `seq`-th child workflow call. */
export function childWorkflowId(parentWorkflowId: string, childName: string, seq: number): string {
  return `${parentWorkflowId}--${childName}-${seq}`;
}

/** Marker name of the `seq`-th `sideEffect()`. */
export function sideEffectMarkerName(seq: number): string {
  return `side-effect-${seq}`;
}

/** Marker name of the `seq`-th `sideEffect()` when its function threw (the details hold the error). */
export function sideEffectFailureMarkerName(seq: number): string {
  return `side-effect-${seq}--failed`;
}

/**
 * The `control` value of the `seq`-th signalWorkflow() ('signal') or requestCancelWorkflow()
 * ('cancel') call: SWF echoes it in the Initiated and Failed events, which settle the call.
 */
export function externalCallControl(kind: 'signal' | 'cancel', seq: number): string {
  return `${kind}-${seq}`;
}

/** Marker name recorded by `patched(patchId)`. */
export function patchMarkerName(patchId: string): string {
  return `patch--${patchId}`;
}

/**
 * Why `id` cannot be an SWF id (workflowId, activityId, timerId), or undefined when it can: 1 to
 * 256 characters, no ':', '/', '|' or control characters, not the literal 'arn'.
 */
export function invalidIdReason(id: string): string | undefined {
  if (id.length === 0 || id.length > 256) return `must be 1 to 256 characters long (it has ${id.length})`;
  // eslint-disable-next-line no-control-regex -- SWF ids must not contain control characters
  if (/[:/|\u0000-\u001f\u007f-\u009f]/.test(id)) return "must not contain ':', '/', '|' or control characters";
  if (id === 'arn' || id.trim() !== id) return "must not be 'arn' nor start or end with spaces";
  return undefined;
}
