// The base class of user workflows: `run(input)` plus the deterministic services a workflow may
// use while it is replayed (time, timers, randomness, side effects, signals, cancellation,
// versioning, restart).
import { currentExecution } from './execution.ts';
import { ConfigurationError, RestartRequest, TimerCanceled } from './errors.ts';
import { externalCallControl, invalidIdReason, sleepTimerId } from './ids.ts';
import { decisionKey } from './command-matching.ts';
import { callIntercepted, intercepted } from './interceptors.ts';
import { trackSettlement } from './settlement.ts';
import { serializeChecked } from './serializer.ts';
import type { Execution } from './execution.ts';

const EXECUTION = Symbol('flowy.execution');

/** The execution `workflow` is being decided in; throws a clear error outside a decider. */
export function executionOf(workflow: object | undefined, what: string): Execution {
  const bound = (workflow as { [EXECUTION]?: Execution } | undefined)?.[EXECUTION];
  const execution = bound ?? currentExecution();
  if (!execution) {
    throw new ConfigurationError(
      `${what} can only be called from a workflow's run() while it is being decided; ` +
        'run workflows through a decision worker, decide() or the testing kit',
    );
  }
  return execution;
}

/**
 * A workflow: subclass it, decorate it with `@workflow`, and implement `run(input)`. Activities
 * and child workflows are called through `ActivityProxy` / `WorkflowProxy` fields.
 *
 * ```ts
 * @workflow({ name: 'Order', version: '1', taskList: 'orders' })
 * export class OrderWorkflow extends Workflow<{ orderId: string }, string> {
 *   charge = ActivityProxy(ChargeActivity, { retry: { maxAttempts: 3, initialInterval: 5 } });
 *   async run(input: { orderId: string }) {
 *     const receipt = await this.charge({ orderId: input.orderId });
 *     await this.sleep(60);
 *     return receipt.id;
 *   }
 * }
 * ```
 */
export abstract class Workflow<I = unknown, O = unknown> {
  declare private [EXECUTION]: Execution | undefined;

  constructor() {
    Object.defineProperty(this, EXECUTION, { value: currentExecution(), enumerable: false });
  }

  /** The workflow's code: replayed from the history on every decision task, so it must be deterministic. */
  abstract run(input: I): Promise<O>;

  private execution(what: string): Execution {
    return executionOf(this, `Workflow.${what}`);
  }

  /** Waits `seconds` on a durable SWF timer (whole seconds, rounded up). */
  sleep(seconds: number): Promise<void> {
    const execution = this.execution('sleep()');
    const timerId = sleepTimerId(execution.nextSeq('timer'));
    const start = intercepted(execution.interceptors, 'startTimer', (input) =>
      execution.startTimer(input.timerId, input.seconds),
    );
    const timer = trackSettlement(callIntercepted(() => start({ timerId, seconds })));
    execution.registerCanceller(timer, () =>
      execution.cancelTimer(timerId, new TimerCanceled(`Timer ${timerId} was canceled`)),
    );
    return timer;
  }

  /**
   * Cancels the work behind a promise returned by an ActivityProxy, a WorkflowProxy or `sleep()`:
   * an activity is asked to cancel (it rejects with ActivityCanceled once SWF records it), a
   * timer is canceled (it rejects with TimerCanceled at once), a child workflow is asked to
   * cancel. Work that already finished is left alone.
   * `const work = this.work(job); await this.cancellation(); this.cancel(work);`
   */
  cancel(promise: Promise<unknown>): void {
    if (!this.execution('cancel()').cancel(promise)) {
      throw new ConfigurationError(
        'cancel() takes a promise returned by an ActivityProxy, a WorkflowProxy or sleep() (not one derived from it with then/catch)',
      );
    }
  }

  /** Time of the decision task being replayed (never the wall clock): same on every replay. */
  now(): Date {
    return new Date(this.execution('now()').nowMillis());
  }

  /** A number in [0, 1) from the execution's seeded stream: same on every replay. */
  random(): number {
    return this.execution('random()').random();
  }

  /** A UUID from the execution's seeded stream: same on every replay. */
  uuid(): string {
    return this.execution('uuid()').uuid();
  }

  /**
   * Runs `fn` once and records its (JSON) result in a marker; replays return the recorded value.
   * For small non-deterministic reads (a config flag, a generated id), not for I/O that may fail.
   */
  sideEffect<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.execution('sideEffect()').sideEffect(fn);
  }

  /**
   * Versioning of running workflows: true in executions that reach this point with the new
   * code, false when replaying a history recorded before the change.
   * `if (this.patched('send-receipt')) await this.sendReceipt(order);`
   * Once no execution older than the change is open, the check can be removed (keeping the new
   * path): recorded patch markers the code no longer asks for are skipped on replay.
   */
  patched(id: string): boolean {
    return this.execution('patched()').patched(id);
  }

  /** Ends this run and continues the execution as a new run with `input` and a fresh history. */
  restart(input: I): never {
    this.execution('restart()');
    throw new RestartRequest(input);
  }

  /** The payload of the next signal named `name` (signals received before the call are buffered). */
  signal<T = unknown>(name: string): Promise<T> {
    return this.execution('signal()').waitForSignal(name) as Promise<T>;
  }

  /** Calls `handler` with the payload of every signal named `name`, including ones already received. */
  onSignal<T = unknown>(name: string, handler: (payload: T) => void | Promise<void>): void {
    this.execution('onSignal()').addSignalHandler(name, handler as (payload: unknown) => unknown);
  }

  /**
   * True once cancellation of the execution was requested. The workflow may clean up, then
   * `throw new WorkflowCanceled(details)` to close as canceled (or complete normally).
   */
  get cancelRequested(): boolean {
    return this.execution('cancelRequested').cancelRequested;
  }

  /** Resolves when cancellation of the execution is requested. */
  cancellation(): Promise<void> {
    return this.execution('cancellation()').cancellation();
  }

  /**
   * Sends the signal `name` with `input` (JSON) to another execution, its open run or `runId`
   * (SignalExternalWorkflowExecution). Resolves once SWF delivered it; rejects with
   * SignalExternalWorkflowFailed (`reason` e.g. UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION) when it could not.
   * `await this.signalWorkflow('order-7', 'approve', { by: 'ana' });`
   */
  signalWorkflow(workflowId: string, name: string, input?: unknown, options: { runId?: string } = {}): Promise<void> {
    const execution = this.execution('signalWorkflow()');
    checkExternalId(workflowId, 'signalWorkflow()');
    const control = externalCallControl('signal', execution.nextSeq('signal'));
    const text = serializeChecked(execution.serializer, input, `Input of signal "${name}" to ${workflowId}`);
    const attributes = {
      workflowId,
      signalName: name,
      control,
      ...(options.runId ? { runId: options.runId } : {}),
      ...(text === undefined ? {} : { input: text }),
    };
    return execution.sendToExternal(
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: attributes,
      },
      decisionKey('SignalExternalWorkflowExecution', attributes),
      control,
    );
  }

  /**
   * Asks another execution to cancel (RequestCancelExternalWorkflowExecution): its workflow sees
   * `cancelRequested` and decides how to close. Resolves once SWF delivered the request; rejects
   * with RequestCancelExternalWorkflowFailed when it could not (e.g. no such open run).
   */
  requestCancelWorkflow(workflowId: string, options: { runId?: string } = {}): Promise<void> {
    const execution = this.execution('requestCancelWorkflow()');
    checkExternalId(workflowId, 'requestCancelWorkflow()');
    const control = externalCallControl('cancel', execution.nextSeq('cancel'));
    const attributes = { workflowId, control, ...(options.runId ? { runId: options.runId } : {}) };
    return execution.sendToExternal(
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: attributes,
      },
      decisionKey('RequestCancelExternalWorkflowExecution', attributes),
      control,
    );
  }

  /**
   * Publishes a small JSON summary of the workflow's state (at most 32,768 characters once
   * serialized): sent as the executionContext of the decision task's answer, shown by
   * DescribeWorkflowExecution (`latestExecutionContext`), `flowy describe` and the SWF console.
   * `this.setStatus({ stage: 'shipping', done: 3, of: 5 })`
   */
  setStatus(status: unknown): void {
    this.execution('setStatus()').setStatus(status);
  }

  /**
   * How many events this run's history holds at the decision task being run (the same on every
   * replay). SWF ends a run at 25,000 events; see `restartSuggested`.
   */
  get historyLength(): number {
    return this.execution('historyLength').historyLength;
  }

  /**
   * True once the history is long enough (20,000 events by default, `eventLimitWarningAt`) that
   * a long-running workflow should continue as new: `if (this.restartSuggested) this.restart(state);`
   */
  get restartSuggested(): boolean {
    const execution = this.execution('restartSuggested');
    return execution.historyLength >= execution.restartSuggestedAt;
  }

  /** The execution's workflow id. */
  get workflowId(): string {
    return this.execution('workflowId').workflowId;
  }

  /** The run id of this run of the execution. */
  get runId(): string {
    return this.execution('runId').runId;
  }
}

function checkExternalId(workflowId: string, what: string): void {
  const invalid = typeof workflowId === 'string' ? invalidIdReason(workflowId) : 'must be a string';
  if (invalid) throw new ConfigurationError(`${what}: workflow id ${JSON.stringify(workflowId)} ${invalid}`);
}
