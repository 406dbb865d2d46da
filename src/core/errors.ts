// The error taxonomy of the workflow API (STYLE.md, "Errors"): every class has a stable `name`
// that survives serialization, so that failures can be matched by name across processes.

/** Options shared by the `TaskError` family. */
export interface TaskErrorOptions {
  reason?: string | undefined;
  details?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every failure of something a workflow waited on (an activity, a child workflow, a
 * timer). `reason` and `details` are SWF's fields (SWF_SPEC appendix D), as recorded.
 */
export class TaskError extends Error {
  override name = 'TaskError';
  /** SWF's short failure reason (≤ 256 characters), e.g. the failing activity's error name. */
  reason?: string | undefined;
  /** SWF's free-form failure details (≤ 32,768 characters), usually JSON. */
  details?: string | undefined;
  override cause?: unknown;

  constructor(message: string, options: TaskErrorOptions = {}) {
    super(message);
    this.reason = options.reason;
    this.details = options.details;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** An attempt of an activity failed (`ActivityTaskFailed`), and no retry is left. */
export class ActivityFailed extends TaskError {
  override name = 'ActivityFailed';
}
/** An activity timed out (`ActivityTaskTimedOut`); `reason` is the SWF timeout type. */
export class ActivityTimedOut extends TaskError {
  override name = 'ActivityTimedOut';
}
/** An activity was canceled (`ActivityTaskCanceled`). */
export class ActivityCanceled extends TaskError {
  override name = 'ActivityCanceled';
}
/** SWF refused to schedule an activity (`ScheduleActivityTaskFailed`); `reason` is SWF's cause. */
export class ScheduleActivityFailed extends TaskError {
  override name = 'ScheduleActivityFailed';
}
/** A child workflow closed as failed (`ChildWorkflowExecutionFailed`). */
export class ChildWorkflowFailed extends TaskError {
  override name = 'ChildWorkflowFailed';
}
/** A child workflow timed out (`ChildWorkflowExecutionTimedOut`). */
export class ChildWorkflowTimedOut extends TaskError {
  override name = 'ChildWorkflowTimedOut';
}
/** A child workflow was terminated (`ChildWorkflowExecutionTerminated`). */
export class ChildWorkflowTerminated extends TaskError {
  override name = 'ChildWorkflowTerminated';
}
/** A child workflow closed as canceled (`ChildWorkflowExecutionCanceled`). */
export class ChildWorkflowCanceled extends TaskError {
  override name = 'ChildWorkflowCanceled';
}
/** SWF refused to start a child workflow (`StartChildWorkflowExecutionFailed`); `reason` is SWF's cause. */
export class StartChildWorkflowFailed extends TaskError {
  override name = 'StartChildWorkflowFailed';
}
/** SWF refused to start a timer (`StartTimerFailed`); `reason` is SWF's cause. */
export class TimerFailed extends TaskError {
  override name = 'TimerFailed';
}
/**
 * The function given to `sideEffect()` threw or rejected; `reason` is the error's name, `details`
 * the recorded `{ name, message }`. Replays reject with the same error without running the function.
 */
export class SideEffectFailed extends TaskError {
  override name = 'SideEffectFailed';
}
/** A signal sent with `signalWorkflow()` was not delivered (`SignalExternalWorkflowExecutionFailed`); `reason` is SWF's cause. */
export class SignalExternalWorkflowFailed extends TaskError {
  override name = 'SignalExternalWorkflowFailed';
}
/** A cancel request sent with `requestCancelWorkflow()` was not delivered (`RequestCancelExternalWorkflowExecutionFailed`). */
export class RequestCancelExternalWorkflowFailed extends TaskError {
  override name = 'RequestCancelExternalWorkflowFailed';
}
/** A `sleep()` was canceled with `Workflow.cancel()` before it fired. */
export class TimerCanceled extends TaskError {
  override name = 'TimerCanceled';
}

/**
 * The workflow code did not do what the recorded history says it did on an earlier run: the
 * code changed incompatibly, or it depends on something other than its input and history.
 */
export class NonDeterminismError extends Error {
  override name = 'NonDeterminismError';
  constructor(
    /** Id of the history event that does not match. */
    readonly eventId: number,
    /** What the history recorded, e.g. `ActivityTaskScheduled charge@1 (id charge-1)`. */
    readonly recorded: string,
    /** What the code did instead, e.g. `StartTimer (id timer-1)` or `nothing`. */
    readonly actual: string,
  ) {
    super(
      `Non-deterministic workflow: event ${eventId} recorded ${recorded}, but the code did ${actual}. ` +
        'The workflow code changed incompatibly with running executions (guard the change with this.patched(id)) ' +
        'or depends on something other than its input and history.',
    );
  }
}

/** Wrong options or wrong use of the API, found before anything is sent to SWF. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * A value does not match the JSON Schema declared for it: a workflow's result (`output` of
 * `@workflow`), or a child workflow's input given to a WorkflowProxy (`input`).
 */
export class SchemaMismatch extends ConfigurationError {
  override name = 'SchemaMismatch';
}

/**
 * A value is too large for the SWF field it must travel in (SWF_SPEC 15: 32,768 characters for
 * inputs, results, details and markers).
 */
export class PayloadTooLargeError extends ConfigurationError {
  override name = 'PayloadTooLargeError';
}

/**
 * Thrown (or returned as the rejection of `run()`) to close the execution as canceled. Typical use:
 * `await this.cancellation(); await this.cleanUp(); throw new WorkflowCanceled('order withdrawn')`.
 */
export class WorkflowCanceled extends Error {
  override name = 'WorkflowCanceled';
  constructor(readonly details?: string) {
    super(details ? `Workflow canceled: ${details}` : 'Workflow canceled');
  }
}

/** Control signal thrown by `Workflow.restart(input)`: the decider turns it into continue-as-new. */
export class RestartRequest extends Error {
  override name = 'RestartRequest';
  constructor(readonly input: unknown) {
    super('restart() was called: the execution continues as a new run');
  }
}
