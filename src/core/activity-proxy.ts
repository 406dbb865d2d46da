// ActivityProxy: a workflow field that schedules an activity when called. Each call gets a
// sequence number (ids.ts); each attempt is one ScheduleActivityTask; retries wait on a timer.
import { ActivityCanceled, ConfigurationError } from './errors.ts';
import { activityId, retryTimerId, throttleTimerId } from './ids.ts';
import { durationToString, getActivityOptions, type ActivityClass, type Duration } from './options.ts';
import { retryDelay, transientRefusalDelay, type RetryPolicy } from './retry.ts';
import { checkConcurrency, type Window } from './window.ts';
import { serializeChecked } from './serializer.ts';
import { trackSettlement } from './settlement.ts';
import { decisionKey } from './command-matching.ts';
import { callIntercepted, intercepted } from './interceptors.ts';
import { withHeaders } from './headers.ts';
import { executionOf } from './workflow.ts';
import type { Execution } from './execution.ts';
import type { ScheduleActivityTaskDecisionAttributes } from '../swf-model/index.ts';

/** An activity type known by name only (implemented elsewhere, e.g. in another language). */
export interface ActivityRef {
  name: string;
  version: string;
}

/** Per-call overrides of an activity proxy (SWF_SPEC appendix E, ScheduleActivityTask). */
export interface CallOptions {
  taskList?: string;
  scheduleToStartTimeout?: Duration;
  startToCloseTimeout?: Duration;
  scheduleToCloseTimeout?: Duration;
  heartbeatTimeout?: Duration;
  /** SWF task priority, an integer as a string or number; higher is served first. */
  taskPriority?: number | string;
}

/** Options of `ActivityProxy`: defaults for every call, plus the retry policy. */
export interface ProxyOptions extends CallOptions {
  retry?: RetryPolicy;
  /** At most this many calls of this proxy open at once in one execution; the others wait in call order. */
  concurrency?: number;
}

/** A callable activity proxy. */
export type ActivityFunction<I, O> = (input: I, overrides?: CallOptions & { retry?: RetryPolicy }) => Promise<O>;

/**
 * Declares an activity callable from a workflow: `charge = ActivityProxy(ChargeActivity, { retry:
 * { maxAttempts: 5, initialInterval: 2, nonRetryable: ['CardDeclined'] } })`, then
 * `await this.charge(order)` inside `run()`. The input is one JSON value.
 */
export function ActivityProxy<I, O>(
  activity: ActivityClass<I, O> | ActivityRef,
  options: ProxyOptions = {},
): ActivityFunction<I, O> {
  const concurrency =
    options.concurrency === undefined ? undefined : checkConcurrency(options.concurrency, 'ActivityProxy options');
  let resolved: ResolvedTarget | undefined; // on the first call: the class may be decorated after this line runs
  const proxy = function (this: unknown, input: I, overrides: CallOptions & { retry?: RetryPolicy } = {}): Promise<O> {
    const target = (resolved ??= resolveActivity(activity));
    const execution = executionOf(this as object | undefined, `ActivityProxy '${target.name}'`);
    const merged: ProxyOptions = { ...options, ...overrides };
    const call: CallState = {
      isCanceled: false,
      windows: concurrency === undefined ? [] : [execution.windowOf(proxy, concurrency)],
    };
    const seq = execution.nextSeq(`activity:${target.name}`);
    const schedule = intercepted(execution.interceptors, 'scheduleActivity', (request) =>
      callActivity(execution, target, withHeaders(request.input, request.headers), seq, merged, call),
    );
    const activityType = { name: target.name, version: target.version };
    const promise = trackSettlement(callIntercepted(() => schedule({ activityType, seq, input })) as Promise<O>);
    execution.registerCanceller(promise, () => cancelCall(execution, target, call));
    return promise;
  };
  return proxy;
}

interface ResolvedTarget extends ActivityRef {
  defaults: CallOptions;
}

function resolveActivity(activity: ActivityClass | ActivityRef): ResolvedTarget {
  if (typeof activity === 'function') {
    const options = getActivityOptions(activity);
    if (!options) {
      throw new ConfigurationError(
        `Class ${activity.name} given to ActivityProxy is not decorated with @activity({...}); add the decorator or pass { name, version }`,
      );
    }
    const {
      name,
      version,
      taskList,
      scheduleToStartTimeout,
      startToCloseTimeout,
      scheduleToCloseTimeout,
      heartbeatTimeout,
    } = options;
    return {
      name,
      version,
      defaults: { taskList, scheduleToStartTimeout, startToCloseTimeout, scheduleToCloseTimeout, heartbeatTimeout },
    };
  }
  return { name: activity.name, version: activity.version, defaults: {} };
}

/** Where a call is: the attempt it waits on, or the retry timer it waits on. */
interface CallState {
  activityId?: string | undefined;
  retryTimerId?: string | undefined;
  isCanceled: boolean;
  /** The proxy's window, when it has a concurrency (the execution's window always applies). */
  windows: Window[];
}

function cancelCall(execution: Execution, target: ResolvedTarget, call: CallState): void {
  if (call.isCanceled) return;
  call.isCanceled = true;
  if (call.activityId !== undefined) execution.requestCancelActivity(call.activityId);
  if (call.retryTimerId !== undefined) {
    execution.cancelTimer(
      call.retryTimerId,
      new ActivityCanceled(`Activity ${target.name} was canceled while waiting to retry (timer ${call.retryTimerId})`),
    );
  }
}

async function callActivity(
  execution: Execution,
  target: ResolvedTarget,
  input: unknown,
  seq: number,
  options: ProxyOptions,
  call: CallState,
): Promise<unknown> {
  const inputText = serializeChecked(execution.serializer, input, `Input of activity "${target.name}" (call ${seq})`);
  let refusals = 0;
  for (let attempt = 1; ; attempt++) {
    const id = activityId(target.name, seq, attempt);
    const attributes = scheduleAttributes(target, id, inputText, options);
    call.activityId = id;
    call.retryTimerId = undefined;
    try {
      return await execution.scheduleActivity(
        { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: attributes },
        decisionKey('ScheduleActivityTask', attributes),
        id,
        call.windows,
      );
    } catch (error) {
      const wait = call.isCanceled ? undefined : transientRefusalDelay(error, refusals + 1);
      if (wait !== undefined) {
        refusals++;
        // SWF refused for now (rate or open limit): schedule the same attempt again after a timer
        call.activityId = undefined;
        call.retryTimerId = throttleTimerId(id, refusals);
        await execution.startTimer(call.retryTimerId, wait);
        attempt--;
        continue;
      }
      const delay = call.isCanceled ? undefined : retryDelay(options.retry, attempt, error);
      if (delay === undefined) throw error;
      call.activityId = undefined;
      call.retryTimerId = retryTimerId(activityId(target.name, seq, attempt + 1));
      await execution.startTimer(call.retryTimerId, delay);
    }
  }
}

function scheduleAttributes(
  target: ResolvedTarget,
  id: string,
  input: string | undefined,
  options: CallOptions,
): ScheduleActivityTaskDecisionAttributes {
  const pick = <K extends keyof CallOptions>(key: K): CallOptions[K] => options[key] ?? target.defaults[key];
  const attributes: ScheduleActivityTaskDecisionAttributes = {
    activityType: { name: target.name, version: target.version },
    activityId: id,
  };
  if (input !== undefined) attributes.input = input;
  const taskList = pick('taskList');
  if (taskList !== undefined) attributes.taskList = { name: taskList };
  for (const key of [
    'scheduleToStartTimeout',
    'startToCloseTimeout',
    'scheduleToCloseTimeout',
    'heartbeatTimeout',
  ] as const) {
    const value = pick(key);
    if (value !== undefined) attributes[key] = durationToString(value);
  }
  const priority = pick('taskPriority');
  if (priority !== undefined) attributes.taskPriority = String(priority);
  return attributes;
}
