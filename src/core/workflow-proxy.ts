// WorkflowProxy: a workflow field that starts a child workflow when called and resolves with the
// child's result (SWF_SPEC 10.2).
import { ConfigurationError } from './errors.ts';
import { childWorkflowId, invalidIdReason } from './ids.ts';
import { durationToString, getWorkflowOptions, type Duration, type WorkflowClass } from './options.ts';
import { serializeChecked } from './serializer.ts';
import { trackSettlement } from './settlement.ts';
import { decisionKey } from './command-matching.ts';
import { executionOf } from './workflow.ts';
import type { ChildPolicy, StartChildWorkflowExecutionDecisionAttributes } from '../swf-model/index.ts';

/** A workflow type known by name only. */
export interface WorkflowRef { name: string; version: string }

/** Options of `WorkflowProxy` (SWF_SPEC appendix E, StartChildWorkflowExecution). */
export interface ChildProxyOptions {
  taskList?: string;
  executionStartToCloseTimeout?: number;
  taskStartToCloseTimeout?: Duration;
  /** What happens to the child when this (parent) run is terminated or times out. */
  childPolicy?: ChildPolicy;
  taskPriority?: number | string;
  tagList?: string[];
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
export function WorkflowProxy<I, O>(workflow: WorkflowClass<I, O> | WorkflowRef, options: ChildProxyOptions = {}): ChildWorkflowFunction<I, O> {
  return function (this: unknown, input: I, overrides: ChildCallOptions = {}): Promise<O> {
    const target = resolveWorkflow(workflow);
    const execution = executionOf(this as object | undefined, `WorkflowProxy '${target.name}'`);
    const merged: ChildCallOptions = { ...target.defaults, ...options, ...overrides };
    const seq = execution.nextSeq(`child:${target.name}`);
    const workflowId = merged.workflowId ?? childWorkflowId(execution.workflowId, target.name, seq);
    const run = async (): Promise<unknown> => {
      const invalid = invalidIdReason(workflowId);
      if (invalid) throw new ConfigurationError(`Child workflow id ${JSON.stringify(workflowId)} of "${target.name}" (call ${seq}) ${invalid}`);
      const text = serializeChecked(execution.serializer, input, `Input of child workflow "${target.name}" (call ${seq})`);
      const attributes = startAttributes(target, workflowId, text, merged);
      const decision = { decisionType: 'StartChildWorkflowExecution' as const, startChildWorkflowExecutionDecisionAttributes: attributes };
      return execution.startChild(decision, decisionKey('StartChildWorkflowExecution', attributes), workflowId);
    };
    const promise = trackSettlement(run() as Promise<O>);
    execution.registerCanceller(promise, () => execution.requestCancelChild(workflowId));
    return promise;
  };
}

interface ResolvedTarget extends WorkflowRef { defaults: ChildProxyOptions }

function resolveWorkflow(workflow: WorkflowClass | WorkflowRef): ResolvedTarget {
  if (typeof workflow === 'function') {
    const options = getWorkflowOptions(workflow);
    if (!options) {
      throw new ConfigurationError(`Class ${workflow.name} given to WorkflowProxy is not decorated with @workflow({...}); add the decorator or pass { name, version }`);
    }
    const { name, version, taskList, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy } = options;
    return { name, version, defaults: { taskList, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy } };
  }
  return { name: workflow.name, version: workflow.version, defaults: {} };
}

function startAttributes(target: ResolvedTarget, workflowId: string, input: string | undefined, options: ChildCallOptions): StartChildWorkflowExecutionDecisionAttributes {
  const attributes: StartChildWorkflowExecutionDecisionAttributes = { workflowType: { name: target.name, version: target.version }, workflowId };
  if (input !== undefined) attributes.input = input;
  if (options.taskList !== undefined) attributes.taskList = { name: options.taskList };
  if (options.executionStartToCloseTimeout !== undefined) attributes.executionStartToCloseTimeout = durationToString(options.executionStartToCloseTimeout);
  if (options.taskStartToCloseTimeout !== undefined) attributes.taskStartToCloseTimeout = durationToString(options.taskStartToCloseTimeout);
  if (options.childPolicy !== undefined) attributes.childPolicy = options.childPolicy;
  if (options.taskPriority !== undefined) attributes.taskPriority = String(options.taskPriority);
  if (options.tagList !== undefined) attributes.tagList = [...options.tagList];
  return attributes;
}
