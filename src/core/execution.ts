// The live state of one workflow execution while its history is replayed: the promises the code
// is waiting on (keyed by the ids SWF will echo back), the commands the code issued that SWF has
// not yet recorded, signals, cancellation and the close. Workflow methods and proxies call into it;
// `apply-event.ts` feeds it history events; `replay.ts` drives both.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Deferred, trackSettlement, WorkflowPromise } from './settlement.ts';
import { hashString, seededRandom, uuidFrom } from './random.ts';
import { patchMarkerName, sideEffectFailureMarkerName, sideEffectMarkerName } from './ids.ts';
import { ActivityCanceled, ChildWorkflowCanceled, ConfigurationError, SchemaMismatch } from './errors.ts';
import type { JsonSchema, SchemaCheck } from './options.ts';
import { intercepted, type WorkflowInterceptor } from './interceptors.ts';
import { Admission, SWF_OPEN_LIMIT, Window } from './window.ts';
import { MAX_DATA_LENGTH, serializeChecked, type Serializer } from './serializer.ts';
import { failureDetails, markerDecision, sideEffectFailure } from './side-effect-markers.ts';
import { closeDecision, type CloseKind } from './close-decision.ts';
import type { Decision, WorkflowExecutionStartedEventAttributes } from '../swf-model/index.ts';

// Where workflow code finds the execution it belongs to while it is being decided. The decider
// runs `run()` (and signal handlers) inside `executionStorage.run(...)`; promise continuations keep
// that store, so proxies, `Workflow` methods and the Date/Math.random guard can find it.
/** The execution whose workflow code is running, if any. */
export const executionStorage = new AsyncLocalStorage<Execution>();

/** The execution whose workflow code is running, or undefined outside a decider. */
export function currentExecution(): Execution | undefined {
  return executionStorage.getStore();
}

/** A decision the code issued, with the key that its recorded outcome event must match. */
export interface Command {
  decision: Decision;
  /** e.g. `ScheduleActivityTask Charge@1 (id Charge-1)`; see `command-matching.ts`. */
  key: string;
  isClose: boolean;
}

/** A marker found in the history: details and the decision task that recorded it. */
export interface RecordedMarker {
  details: string | undefined;
  decisionTaskCompletedEventId: number | undefined;
}

/** Identity and configuration of the execution being decided. */
export interface ExecutionIdentity {
  workflowId: string;
  runId: string;
  workflowType: { name: string; version: string };
}

/** The replay state of one execution. */
export class Execution {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType: { name: string; version: string };
  readonly serializer: Serializer;
  started?: WorkflowExecutionStartedEventAttributes;

  /** Epoch milliseconds of the decision task whose events are being applied. */
  private nowMs = 0;
  /** `DecisionTaskCompleted` event id of the task being replayed; undefined for the new task. */
  replayingTaskCompletedEventId: number | undefined;
  /** Checks values against JSON Schemas (DecideOptions.checkSchema); undefined: nothing is checked. */
  checkSchema: SchemaCheck | undefined;
  /** The workflow's `output` schema, checked when `run()` resolves. */
  outputSchema: JsonSchema | undefined;
  /** The interceptors of this execution (DecideOptions.interceptors), the first one outermost. */
  interceptors: WorkflowInterceptor[] = [];
  /** Markers of the whole history by name (for `sideEffect` and `patched`). */
  markers = new Map<string, RecordedMarker>();

  private readonly randomStream: () => number;
  private readonly seqs = new Map<string, number>();
  private pending: Command[] = [];
  private closeCommand: Command | undefined;
  /** How the code closed the execution, once `run()` settled. */
  closeKind: CloseKind | undefined;
  /** True once a close decision was recorded successfully: nothing more happens. */
  isClosed = false;
  /** Set whenever something the code may be waiting on settled; the decider then drains microtasks. */
  hasSettled = false;

  readonly activities = new Map<string, Deferred<unknown>>();
  readonly activityIdsByScheduledEventId = new Map<number, string>();
  readonly timers = new Map<string, Deferred<void>>();
  readonly children = new Map<string, Deferred<unknown>>();
  readonly childIdsByInitiatedEventId = new Map<number, string>();
  /** signalWorkflow()/requestCancelWorkflow() calls by their `control` (ids.ts). */
  readonly externalCalls = new Map<string, Deferred<void>>();
  readonly externalControlsByInitiatedEventId = new Map<number, string>();
  private readonly patches = new Map<string, boolean>();
  private readonly cancellers = new WeakMap<Promise<unknown>, () => void>();
  /** Signals nobody waited for yet; `received` settled when the signal was applied (its history rank). */
  private readonly bufferedSignals = new Map<string, { payload: unknown; received: Promise<unknown> }[]>();
  private readonly signalWaiters = new Map<string, Deferred<unknown>[]>();
  private readonly signalHandlers = new Map<string, ((payload: unknown) => unknown)[]>();
  private readonly cancellationDeferred = new Deferred<void>();
  private readonly runningSideEffects = new Set<Promise<unknown>>();
  private activityWindow = new Window(SWF_OPEN_LIMIT);
  private childWindow = new Window(SWF_OPEN_LIMIT);
  private readonly proxyWindows = new WeakMap<object, Window>();
  private readonly activityAdmissions = new Map<string, Admission>();
  private readonly childAdmissions = new Map<string, Admission>();
  cancelRequested = false;
  /** The workflow instance whose `run()` is replayed (for queries). */
  instance: object | undefined;
  /** Name of the query method being called on the replayed instance; scheduling is refused meanwhile. */
  queryInProgress: string | undefined;
  /** The first refusal during the query (kept: a proxy's promise may swallow the throw). */
  queryViolation: ConfigurationError | undefined;
  /** Events in the history as of the decision task being replayed (its DecisionTaskStarted's id). */
  historyLength = 0;
  /** From this history length on `Workflow.restartSuggested` is true (DecideOptions.eventLimitWarningAt). */
  restartSuggestedAt = 20_000;
  /** What `Workflow.setStatus` last set (serialized): sent as executionContext with each decision task's answer. */
  executionContext: string | undefined;

  constructor(identity: ExecutionIdentity, serializer: Serializer) {
    this.workflowId = identity.workflowId;
    this.runId = identity.runId;
    this.workflowType = identity.workflowType;
    this.serializer = serializer;
    this.randomStream = seededRandom(hashString(`${identity.workflowId}/${identity.runId}`));
  }

  // ---- time, randomness ----------------------------------------------------------------------

  /** Sets the time of the decision task whose events are applied next. */
  setNow(millis: number): void {
    this.nowMs = millis;
  }
  /** Time of the current decision task, in epoch milliseconds. */
  nowMillis(): number {
    return this.nowMs;
  }
  /** The execution's deterministic random stream. */
  random(): number {
    return this.randomStream();
  }
  /** A deterministic UUID. */
  uuid(): string {
    return uuidFrom(this.randomStream);
  }
  /**
   * The next sequence number of `counter`, counted from 1 in call order. Counters: 'timer',
   * 'sideEffect', 'activity:<name>', 'child:<name>' (ids.ts).
   */
  nextSeq(counter: string): number {
    const next = (this.seqs.get(counter) ?? 0) + 1;
    this.seqs.set(counter, next);
    return next;
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Queues a decision; it is matched against the history or becomes a new decision. */
  addCommand(decision: Decision, key: string): void {
    if (this.queryInProgress !== undefined) throw this.refuseInQuery(key);
    if (this.isClosed || this.closeCommand) return; // the execution is closing: SWF_SPEC 8.3, close must be last
    this.pending.push({ decision, key, isClose: false });
  }

  /** Takes the commands issued since the last take, the close decision last (SWF_SPEC 8.3). */
  takeCommands(): Command[] {
    const commands = this.closeCommand ? [...this.pending, this.closeCommand] : this.pending;
    this.pending = [];
    this.closeCommand = undefined;
    return commands;
  }

  /** Puts back commands that were answered as new decisions, so that they are matched once recorded. */
  restoreCommands(commands: Command[]): void {
    const close = commands.find((command) => command.isClose);
    this.pending = [...commands.filter((command) => !command.isClose), ...this.pending];
    if (close) this.closeCommand = close;
  }

  /** A close decision was refused (e.g. UNHANDLED_DECISION, SWF_SPEC 8.3): issue it again next task. */
  retryClose(command: Command): void {
    this.closeCommand = command;
  }

  /** Sets how many activities, and how many child workflows, may be open at once (`@workflow({ concurrency })`). */
  setConcurrency(limit: number): void {
    this.activityWindow = new Window(limit);
    this.childWindow = new Window(limit);
  }

  /** The window of `owner` (a proxy) in this execution, created with `limit` on first use. */
  windowOf(owner: object, limit: number): Window {
    let window = this.proxyWindows.get(owner);
    if (!window) {
      window = new Window(limit);
      this.proxyWindows.set(owner, window);
    }
    return window;
  }

  /**
   * Schedules one activity attempt once `windows` (e.g. its proxy's) and the execution's activity
   * window have a free slot, and returns the promise of its result.
   */
  scheduleActivity(
    decision: Decision,
    key: string,
    activityId: string,
    windows: readonly Window[] = [],
  ): Promise<unknown> {
    const deferred = new Deferred<unknown>();
    this.activities.set(activityId, deferred);
    const admission = new Admission(activityId, [...windows, this.activityWindow], () =>
      this.addCommand(decision, key),
    );
    this.activityAdmissions.set(activityId, admission);
    return deferred.promise;
  }

  /** An activity attempt closed or was refused: its slots go to the next waiting calls. */
  activityClosed(activityId: string): void {
    const admission = this.activityAdmissions.get(activityId);
    this.activityAdmissions.delete(activityId);
    admission?.leave();
  }

  /** Starts an SWF timer of `seconds` and returns the promise of its firing. */
  startTimer(timerId: string, seconds: number): Promise<void> {
    const deferred = new Deferred<void>();
    this.timers.set(timerId, deferred);
    const startToFireTimeout = String(Math.max(0, Math.ceil(seconds)));
    this.addCommand(
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId, startToFireTimeout } },
      `StartTimer (id ${timerId})`,
    );
    return deferred.promise;
  }

  /** Starts a child workflow once `windows` and the execution's child window have a slot; returns the promise of its result. */
  startChild(decision: Decision, key: string, workflowId: string, windows: readonly Window[] = []): Promise<unknown> {
    const deferred = new Deferred<unknown>();
    this.children.set(workflowId, deferred);
    const admission = new Admission(workflowId, [...windows, this.childWindow], () => this.addCommand(decision, key));
    this.childAdmissions.set(workflowId, admission);
    return deferred.promise;
  }

  /** A child run closed or its start was refused: its slots go to the next waiting calls. */
  childClosed(workflowId: string): void {
    const admission = this.childAdmissions.get(workflowId);
    this.childAdmissions.delete(workflowId);
    admission?.leave();
  }

  /**
   * Sends SignalExternalWorkflowExecution or RequestCancelExternalWorkflowExecution (with
   * `control` naming the call) and returns the promise of its delivery (SWF_SPEC 9).
   */
  sendToExternal(decision: Decision, key: string, control: string): Promise<void> {
    const deferred = new Deferred<void>();
    this.externalCalls.set(control, deferred);
    this.addCommand(decision, key);
    return deferred.promise;
  }

  // ---- cancelling work the code started ------------------------------------------------------------

  /** Remembers how to cancel the work behind `promise` (see `Workflow.cancel`). */
  registerCanceller(promise: Promise<unknown>, cancel: () => void): void {
    this.cancellers.set(promise, cancel);
  }

  /** Cancels the work behind `promise`; false when the promise is not one of a proxy or sleep(). */
  cancel(promise: Promise<unknown>): boolean {
    const cancel = this.cancellers.get(promise);
    if (!cancel) return false;
    cancel();
    return true;
  }

  /** RequestCancelActivityTask for an attempt still open; its ActivityTaskCanceled rejects the call (SWF_SPEC 9). */
  requestCancelActivity(activityId: string): void {
    const deferred = this.activities.get(activityId);
    if (deferred?.isSettled !== false) return;
    if (this.activityAdmissions.get(activityId)?.isWaiting) {
      // never sent to SWF: it leaves the queue and fails at once
      this.activityClosed(activityId);
      deferred.reject(new ActivityCanceled(`Activity ${activityId} was canceled before it was scheduled`));
      return;
    }
    this.addCommand(
      { decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId } },
      `RequestCancelActivityTask (id ${activityId})`,
    );
  }

  /** CancelTimer for a timer still pending; its promise rejects with `error` at once (the timer never fires, SWF_SPEC 9). */
  cancelTimer(timerId: string, error: Error): void {
    const deferred = this.timers.get(timerId);
    if (!deferred || deferred.isSettled) return;
    this.addCommand(
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId } },
      `CancelTimer (id ${timerId})`,
    );
    deferred.reject(error);
  }

  /** Asks an open child to cancel (RequestCancelExternalWorkflowExecution); the child decides how it closes. */
  requestCancelChild(workflowId: string): void {
    const deferred = this.children.get(workflowId);
    if (deferred?.isSettled !== false) return;
    if (this.childAdmissions.get(workflowId)?.isWaiting) {
      this.childClosed(workflowId);
      deferred.reject(new ChildWorkflowCanceled(`Child workflow ${workflowId} was canceled before it was started`));
      return;
    }
    const attributes = { workflowId };
    this.addCommand(
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: attributes,
      },
      `RequestCancelExternalWorkflowExecution (id ${workflowId})`,
    );
  }

  /** Queues a RecordMarker decision; returns its command, or undefined when the execution is closing. */
  private recordMarker(markerName: string, details: string | undefined): Command | undefined {
    const attributes = details === undefined ? { markerName } : { markerName, details };
    this.addCommand(
      { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: attributes },
      `RecordMarker ${markerName}`,
    );
    return this.pending.at(-1)?.key === `RecordMarker ${markerName}` ? this.pending.at(-1) : undefined;
  }

  /**
   * `Workflow.sideEffect`: the recorded value on replay, else `fn()` recorded in a marker. The
   * marker's place among the decisions is taken when the code calls, on the first run and on
   * replay alike; `fn` runs outside the workflow's deterministic context (real clock, real I/O),
   * and the decider waits for it before it goes on (`waitForSideEffects`). A failure of `fn` is
   * recorded too, so that replays fail the same way without running `fn` again.
   */
  sideEffect<T>(fn: () => T | Promise<T>): Promise<T> {
    const seq = this.nextSeq('sideEffect');
    const markerName = sideEffectMarkerName(seq);
    const recorded = this.markers.get(markerName);
    if (recorded) {
      this.recordMarker(markerName, recorded.details);
      return WorkflowPromise.resolve(this.serializer.deserialize(recorded.details) as T);
    }
    const failureName = sideEffectFailureMarkerName(seq);
    const recordedFailure = this.markers.get(failureName);
    if (recordedFailure) {
      this.recordMarker(failureName, recordedFailure.details);
      return WorkflowPromise.reject(sideEffectFailure(markerName, recordedFailure.details)) as Promise<T>;
    }
    const command = this.recordMarker(markerName, undefined);
    const running = (async (): Promise<T> => {
      const value = await executionStorage.exit(fn); // a side effect is where non-determinism belongs
      if (command)
        Object.assign(
          command,
          markerDecision(markerName, serializeChecked(this.serializer, value, `Result of sideEffect ${markerName}`)),
        );
      return value;
    })().catch((error: unknown) => {
      const details = failureDetails(error);
      if (command) Object.assign(command, markerDecision(failureName, details));
      throw sideEffectFailure(markerName, details, error);
    });
    this.runningSideEffects.add(running);
    const settled = (): void => {
      this.runningSideEffects.delete(running);
    };
    running.then(settled, settled);
    return trackSettlement(running);
  }

  /** True while a side effect's function has not settled. */
  get hasRunningSideEffects(): boolean {
    return this.runningSideEffects.size > 0;
  }

  /** Resolves once every side effect running now has settled (its marker is then complete). */
  async waitForSideEffects(): Promise<void> {
    await Promise.allSettled([...this.runningSideEffects]);
  }

  /**
   * `Workflow.patched`: true when the code runs a decision task for the first time, or when the
   * task being replayed recorded the patch marker; remembered for the rest of the execution.
   */
  patched(patchId: string): boolean {
    const known = this.patches.get(patchId);
    if (known !== undefined) return known;
    const markerName = patchMarkerName(patchId);
    const replaying = this.replayingTaskCompletedEventId;
    const isPatched =
      replaying === undefined || this.markers.get(markerName)?.decisionTaskCompletedEventId === replaying;
    this.patches.set(patchId, isPatched);
    if (isPatched) this.recordMarker(markerName, undefined);
    return isPatched;
  }

  // ---- signals and cancellation ----------------------------------------------------------------

  /** The next signal named `name` (buffered ones first). */
  waitForSignal(name: string): Promise<unknown> {
    const buffered = this.bufferedSignals.get(name);
    if (buffered && buffered.length > 0) return buffered.shift()!.received;
    const deferred = new Deferred<unknown>();
    const waiters = this.signalWaiters.get(name) ?? [];
    waiters.push(deferred);
    this.signalWaiters.set(name, waiters);
    return deferred.promise;
  }

  /** Registers a handler for every signal named `name`, delivering buffered ones now. */
  addSignalHandler(name: string, handler: (payload: unknown) => unknown): void {
    const handlers = this.signalHandlers.get(name) ?? [];
    handlers.push(handler);
    this.signalHandlers.set(name, handlers);
    const buffered = this.bufferedSignals.get(name) ?? [];
    this.bufferedSignals.delete(name);
    for (const { payload } of buffered) this.callHandler(handler, payload);
  }

  /** Delivers a `WorkflowExecutionSignaled` payload through the signal interceptors. */
  deliverSignal(name: string, payload: unknown): void {
    executionStorage.run(this, () => {
      try {
        intercepted(this.interceptors, 'signal', (input) => this.deliverSignalNow(input.name, input.payload))({
          name,
          payload,
        });
      } catch (error) {
        this.settleRun('failed', error); // an interceptor that throws fails the run, like a handler
      }
    });
    this.hasSettled = true;
  }

  /** Delivers a signal payload: to handlers and the first waiter, else buffered. */
  private deliverSignalNow(name: string, payload: unknown): void {
    const handlers = this.signalHandlers.get(name) ?? [];
    for (const handler of handlers) this.callHandler(handler, payload);
    const waiter = this.signalWaiters.get(name)?.shift();
    if (waiter) waiter.resolve(payload);
    if (!waiter && handlers.length === 0) {
      const buffered = this.bufferedSignals.get(name) ?? [];
      buffered.push({ payload, received: WorkflowPromise.resolve(payload) });
      this.bufferedSignals.set(name, buffered);
    }
    this.hasSettled = true;
  }

  private callHandler(handler: (payload: unknown) => unknown, payload: unknown): void {
    executionStorage.run(this, () => {
      try {
        const result = handler(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.settleRun('failed', error));
      } catch (error) {
        this.settleRun('failed', error);
      }
    });
    this.hasSettled = true;
  }

  /** Applies `WorkflowExecutionCancelRequested`. */
  requestCancel(): void {
    if (this.cancelRequested) return;
    this.cancelRequested = true;
    this.cancellationDeferred.resolve();
    this.hasSettled = true;
  }

  /** Resolves when cancellation of the execution is requested. */
  cancellation(): Promise<void> {
    return this.cancellationDeferred.promise;
  }

  /** `Workflow.setStatus`: the small JSON summary sent as the execution context (SWF_SPEC: RespondDecisionTaskCompleted). */
  setStatus(status: unknown): void {
    if (this.queryInProgress !== undefined) throw this.refuseInQuery('setStatus()');
    this.executionContext = serializeChecked(
      this.serializer,
      status,
      `Status of workflow ${this.workflowId} (setStatus)`,
      MAX_DATA_LENGTH,
    );
  }

  private refuseInQuery(what: string): ConfigurationError {
    const error = queryMayNotSchedule(this.queryInProgress!, what);
    this.queryViolation ??= error;
    return error;
  }

  // ---- close -------------------------------------------------------------------------------------

  /** Records how `run()` settled and queues the matching close decision (first settle wins). */
  settleRun(outcome: 'completed' | 'failed', value: unknown): void {
    if (this.closeKind !== undefined) return;
    const mismatch =
      outcome === 'completed' && this.outputSchema !== undefined
        ? this.checkSchema?.(this.outputSchema, value)
        : undefined;
    if (mismatch !== undefined) {
      const message = `Result of workflow "${this.workflowType.name}" does not match its output schema: ${mismatch}; fix run() or the schema`;
      return this.settleRun('failed', new SchemaMismatch(message));
    }
    const close = closeDecision(outcome, value, this);
    this.closeKind = close.kind;
    this.closeCommand = { decision: close.decision, key: close.decision.decisionType, isClose: true };
  }
}

/** The error of a query method that tried to change the execution. */
function queryMayNotSchedule(query: string, what: string): ConfigurationError {
  return new ConfigurationError(
    `Query "${query}" tried ${what}; query methods are synchronous and read-only: read the workflow's fields and return JSON, ` +
      'and schedule work from run() or a signal handler instead',
  );
}
