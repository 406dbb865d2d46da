// Workflow interceptors: code that wraps what a workflow receives (its run, its signals) and what
// it sends (activities, child workflows, timers) and the queries it answers, for logging, auth context, metrics or payload
// changes without touching workflow code. They run inside the decider, on every replay, so they
// must be deterministic like workflow code: use the input and `info`, not the clock or I/O, and
// call `next` before awaiting anything (so the decision keeps its place in call order).
//
// `headers` (headers.ts) travel with the payloads in an envelope: what the run was started with, and
// what an interceptor adds to an activity's or a child's call reaches the activity interceptors
// and the child's run. Headers are not matched on replay, so they may differ between replays.
import type { Headers } from './headers.ts';

/** Which execution the interceptors are made for. */
export interface WorkflowInterceptorInfo {
  workflowType: { name: string; version: string };
  workflowId: string;
  runId: string;
}

/** `run(input)` of the workflow. */
export interface WorkflowRunInput {
  input: unknown;
  /** The headers the run was started with (by a client or a parent's startChild); empty if none. */
  headers?: Headers;
}

/** A signal delivered to the workflow (`signal(name)` / `onSignal(name)`). */
export interface WorkflowSignalInput {
  name: string;
  payload: unknown;
}

/** A query (`@query()` method) answered on a replayed run, outside any worker (query.ts). */
export interface WorkflowQueryInput {
  name: string;
  args: readonly unknown[];
}

/** A call of an ActivityProxy (once per call; retries happen inside `next`). */
export interface ScheduleActivityInput {
  activityType: { name: string; version: string };
  /** Counts calls of this activity type from 1 (ids.ts). */
  seq: number;
  input: unknown;
  /** Sent with the input to every attempt, for the activity interceptors (ActivityExecuteInput.headers). */
  headers?: Headers;
}

/** A call of a WorkflowProxy (once per call; retries happen inside `next`). */
export interface StartChildInput {
  workflowType: { name: string; version: string };
  workflowId: string;
  input: unknown;
  /** Sent with the input, for the child's run interceptors (WorkflowRunInput.headers). */
  headers?: Headers;
}

/** A `sleep(seconds)`. */
export interface StartTimerInput {
  timerId: string;
  seconds: number;
}

/**
 * Wraps parts of a workflow execution. Each method receives the input and `next`, the rest of the
 * chain: call it (with the input, or a changed copy) and return what it returns.
 *
 * ```ts
 * const logging: WorkflowInterceptorFactory = (info) => ({
 *   scheduleActivity(input, next) { log(info.workflowId, input.activityType.name); return next(input); },
 * });
 * new DecisionWorker({ ..., workflowInterceptors: [logging] });
 * ```
 */
export interface WorkflowInterceptor {
  run?(input: WorkflowRunInput, next: (input: WorkflowRunInput) => Promise<unknown>): Promise<unknown>;
  signal?(input: WorkflowSignalInput, next: (input: WorkflowSignalInput) => void): void;
  /** Synchronous like the query method; what it returns is the answer (copied as JSON). */
  query?(input: WorkflowQueryInput, next: (input: WorkflowQueryInput) => unknown): unknown;
  scheduleActivity?(
    input: ScheduleActivityInput,
    next: (input: ScheduleActivityInput) => Promise<unknown>,
  ): Promise<unknown>;
  startChild?(input: StartChildInput, next: (input: StartChildInput) => Promise<unknown>): Promise<unknown>;
  startTimer?(input: StartTimerInput, next: (input: StartTimerInput) => Promise<void>): Promise<void>;
}

/** Makes the interceptors of one execution's replay (it may keep per-execution state). */
export type WorkflowInterceptorFactory = (info: WorkflowInterceptorInfo) => WorkflowInterceptor;

type Method = keyof WorkflowInterceptor;
type InputOf<M extends Method> = Parameters<NonNullable<WorkflowInterceptor[M]>>[0];
type OutputOf<M extends Method> = ReturnType<NonNullable<WorkflowInterceptor[M]>>;

/** `last` wrapped by the `method` of each interceptor, the first one outermost. */
export function intercepted<M extends Method>(
  interceptors: readonly WorkflowInterceptor[],
  method: M,
  last: (input: InputOf<M>) => OutputOf<M>,
): (input: InputOf<M>) => OutputOf<M> {
  return interceptors.reduceRight<(input: InputOf<M>) => OutputOf<M>>((next, interceptor) => {
    const wrap = interceptor[method] as
      ((input: InputOf<M>, next: (input: InputOf<M>) => OutputOf<M>) => OutputOf<M>) | undefined;
    return wrap ? (input) => wrap.call(interceptor, input, next) : next;
  }, last);
}

/** The promise `call()` returns, or its synchronous throw as a rejection (a call never throws at the caller). */
export function callIntercepted<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error);
  }
}
