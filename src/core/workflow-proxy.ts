// WorkflowProxy: a workflow field that starts a child workflow when called and resolves with the
// child's result (SWF_SPEC 10.2).
import { ChildWorkflowCanceled, ConfigurationError, SchemaMismatch } from './errors.ts';
import { retryDelay, transientRefusalDelay, type RetryPolicy } from './retry.ts';
import { checkConcurrency } from './window.ts';
import { callIntercepted, intercepted } from './interceptors.ts';
import { withHeaders, type Headers } from './headers.ts';
import { childRetryTimerId, childWorkflowId, invalidIdReason, throttleTimerId } from './ids.ts';
import { durationToString, getWorkflowOptions, type Duration, type JsonSchema, type WorkflowClass } from './options.ts';
import { serializeChecked } from './serializer.ts';
import { trackSettlement } from './settlement.ts';
import { decisionKey } from './command-matching.ts';
import { executionOf } from './workflow.ts';
import type { ChildPolicy, StartChildWorkflowExecutionDecisionAttributes } from '../swf-model/index.ts';

/** A workflow type known by name only. */
export interface WorkflowRef {
  name: string;
  version: string;
}

/** Options of `WorkflowProxy` (SWF_SPEC appendix E, StartChildWorkflowExecution). */
export interface ChildProxyOptions {
  taskList?: string;
  executionStartToCloseTimeout?: number;
  taskStartToCloseTimeout?: Duration;
  /** What happens to the child when this (parent) run is terminated or times out. */
  childPolicy?: ChildPolicy;
  taskPriority?: number | string;
  tagList?: string[];
  /**
   * Retry policy of the child, as for activities: a failed or timed-out run is started again
   * (same workflowId) after a durable timer. Canceled, terminated or refused starts are not retried.
   */
  retry?: RetryPolicy;
  /** At most this many calls of this proxy open at once in one execution; the others wait in call order. */
  concurrency?: number;
}

/** Per-call options of a child workflow call; `workflowId` replaces the derived default id. */
export interface ChildCallOptions extends ChildProxyOptions {
  workflowId?: string;
}

/** A callable child workflow proxy. */
export type ChildWorkflowFunction<I, O> = (input: I, overrides?: ChildCallOptions) => Promise<O>;

/**
 * Declares a child workflow callable from a workflow: `ship = WorkflowProxy(ShippingWorkflow,
 * { childPolicy: 'REQUEST_CANCEL' })`, then `await this.ship(order)` inside `run()`. The child's
 * id defaults to `<parentWorkflowId>--<childName>-<seq>`.
 */
export function WorkflowProxy<I, O>(
  workflow: WorkflowClass<I, O> | WorkflowRef,
  options: ChildProxyOptions = {},
): ChildWorkflowFunction<I, O> {
  const concurrency =
    options.concurrency === undefined ? undefined : checkConcurrency(options.concurrency, 'WorkflowProxy options');
  let resolved: ResolvedTarget | undefined; // on the first call: the class may be decorated after this line runs
  const proxy = function (this: unknown, input: I, overrides: ChildCallOptions = {}): Promise<O> {
    const target = (resolved ??= resolveWorkflow(workflow));
    const execution = executionOf(this as object | undefined, `WorkflowProxy '${target.name}'`);
    const merged: ChildCallOptions = { ...target.defaults, ...options, ...overrides };
    const seq = execution.nextSeq(`child:${target.name}`);
    const workflowId = merged.workflowId ?? childWorkflowId(execution.workflowId, target.name, seq);
    const call: ChildCallState = { isCanceled: false };
    const windows = concurrency === undefined ? [] : [execution.windowOf(proxy, concurrency)];
    const run = async (input: unknown, headers: Headers | undefined): Promise<unknown> => {
      const invalid = invalidIdReason(workflowId);
      if (invalid)
        throw new ConfigurationError(
          `Child workflow id ${JSON.stringify(workflowId)} of "${target.name}" (call ${seq}) ${invalid}`,
        );
      const mismatch = target.input === undefined ? undefined : execution.checkSchema?.(target.input, input);
      if (mismatch !== undefined) {
        throw new SchemaMismatch(
          `Input of child workflow "${target.name}" (call ${seq}) does not match its input schema: ${mismatch}; nothing was started`,
        );
      }
      const text = serializeChecked(
        execution.serializer,
        withHeaders(input, headers),
        `Input of child workflow "${target.name}" (call ${seq})`,
      );
      const attributes = startAttributes(target, workflowId, text, merged);
      const decision = {
        decisionType: 'StartChildWorkflowExecution' as const,
        startChildWorkflowExecutionDecisionAttributes: attributes,
      };
      // Each attempt starts a run with the same workflowId (the previous run is closed by then).
      let refusals = 0;
      for (let attempt = 1; ; attempt++) {
        call.retryTimerId = undefined;
        try {
          return await execution.startChild(
            decision,
            decisionKey('StartChildWorkflowExecution', attributes),
            workflowId,
            windows,
          );
        } catch (error) {
          const wait = call.isCanceled ? undefined : transientRefusalDelay(error, refusals + 1);
          if (wait !== undefined) {
            // SWF refused for now (rate or open limit): start it again after a timer
            refusals++;
            call.retryTimerId = throttleTimerId(`child--${target.name}-${seq}@${attempt}`, refusals);
            await execution.startTimer(call.retryTimerId, wait);
            attempt--;
            continue;
          }
          const delay = call.isCanceled ? undefined : retryDelay(merged.retry, attempt, error);
          if (delay === undefined) throw error;
          call.retryTimerId = childRetryTimerId(target.name, seq, attempt + 1);
          await execution.startTimer(call.retryTimerId, delay);
        }
      }
    };
    const start = intercepted(execution.interceptors, 'startChild', (child) => run(child.input, child.headers));
    const workflowType = { name: target.name, version: target.version };
    const promise = trackSettlement(callIntercepted(() => start({ workflowType, workflowId, input })) as Promise<O>);
    execution.registerCanceller(promise, () => {
      if (call.isCanceled) return;
      call.isCanceled = true;
      if (call.retryTimerId === undefined) execution.requestCancelChild(workflowId);
      else
        execution.cancelTimer(
          call.retryTimerId,
          new ChildWorkflowCanceled(
            `Child workflow ${workflowId} was canceled while waiting to retry (timer ${call.retryTimerId})`,
          ),
        );
    });
    return promise;
  };
  return proxy;
}

/** Where a child call is: waiting on a run, or on the retry timer named here. */
interface ChildCallState {
  retryTimerId?: string | undefined;
  isCanceled: boolean;
}

interface ResolvedTarget extends WorkflowRef {
  defaults: ChildProxyOptions;
  input?: JsonSchema | undefined;
}

function resolveWorkflow(workflow: WorkflowClass | WorkflowRef): ResolvedTarget {
  if (typeof workflow === 'function') {
    const options = getWorkflowOptions(workflow);
    if (!options) {
      throw new ConfigurationError(
        `Class ${workflow.name} given to WorkflowProxy is not decorated with @workflow({...}); add the decorator or pass { name, version }`,
      );
    }
    const { name, version, taskList, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy, input } =
      options;
    return {
      name,
      version,
      input,
      defaults: { taskList, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy },
    };
  }
  return { name: workflow.name, version: workflow.version, defaults: {} };
}

function startAttributes(
  target: ResolvedTarget,
  workflowId: string,
  input: string | undefined,
  options: ChildCallOptions,
): StartChildWorkflowExecutionDecisionAttributes {
  const attributes: StartChildWorkflowExecutionDecisionAttributes = {
    workflowType: { name: target.name, version: target.version },
    workflowId,
  };
  if (input !== undefined) attributes.input = input;
  if (options.taskList !== undefined) attributes.taskList = { name: options.taskList };
  if (options.executionStartToCloseTimeout !== undefined)
    attributes.executionStartToCloseTimeout = durationToString(options.executionStartToCloseTimeout);
  if (options.taskStartToCloseTimeout !== undefined)
    attributes.taskStartToCloseTimeout = durationToString(options.taskStartToCloseTimeout);
  if (options.childPolicy !== undefined) attributes.childPolicy = options.childPolicy;
  if (options.taskPriority !== undefined) attributes.taskPriority = String(options.taskPriority);
  if (options.tagList !== undefined) attributes.tagList = [...options.tagList];
  return attributes;
}
