// @workflow and @activity: validate a class's options and store them with reflect-metadata under
// core's keys, where getWorkflowOptions / getActivityOptions (src/core) read them back. Both work
// as legacy (`experimentalDecorators`) and TC39 class decorators: either way the class comes first.
import 'reflect-metadata';
import { ConfigurationError, type ActivityOptions, type WorkflowOptions } from '../core/index.ts';
import { ACTIVITY_METADATA_KEY, WORKFLOW_METADATA_KEY, checkConcurrency, markQuery } from '../core/engine.ts';

/** A class decorator usable with legacy and TC39 decorators. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructors of any shape
export type FlowyClassDecorator = <T extends abstract new (...args: any[]) => unknown>(
  target: T,
  context?: ClassDecoratorContext,
) => void;

// SWF_SPEC 15 / appendix G: names ≤ 256, versions ≤ 64; SWF ids and names must not contain
// ':', '/', '|', control characters, nor be the literal 'arn'.
// eslint-disable-next-line no-control-regex -- the control characters are what is forbidden
const FORBIDDEN = /[:/|\u0000-\u001f\u007f-\u009f]/;

function checkName(kind: string, className: string, field: string, value: string | undefined, max: number): void {
  if (value === undefined) return;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > max ||
    FORBIDDEN.test(value) ||
    value === 'arn' ||
    value.trim() !== value
  ) {
    throw new ConfigurationError(
      `@${kind} on ${className}: ${field} ${JSON.stringify(value)} is not a valid SWF ${field}; use 1 to ${max} characters without ':', '/', '|' or surrounding spaces`,
    );
  }
}

function checkDuration(kind: string, className: string, field: string, value: unknown, allowNone: boolean): void {
  if (value === undefined) return;
  if (allowNone && value === 'NONE') return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 99_999_999) {
    throw new ConfigurationError(
      `@${kind} on ${className}: ${field} must be a whole number of seconds${allowNone ? " or 'NONE'" : ''}, got ${JSON.stringify(value)}`,
    );
  }
}

function checkRun(kind: string, target: Function): void {
  if (typeof (target.prototype as { run?: unknown } | undefined)?.run !== 'function') {
    throw new ConfigurationError(`@${kind} on ${target.name}: the class needs an async run(input) method`);
  }
}

/**
 * Declares a workflow type. `@workflow({ name: 'Order', version: '1', taskList: 'orders',
 * executionStartToCloseTimeout: 3600, input: { type: 'object', required: ['orderId'] } })`
 * on a `Workflow` subclass. Options not given take the defaults documented on `WorkflowOptions`.
 */
export function workflow(options: WorkflowOptions = {}): FlowyClassDecorator {
  return (target) => {
    const className = target.name;
    checkRun('workflow', target);
    checkName('workflow', className, 'name', options.name, 256);
    checkName('workflow', className, 'version', options.version, 64);
    checkName('workflow', className, 'taskList', options.taskList, 256);
    checkDuration('workflow', className, 'executionStartToCloseTimeout', options.executionStartToCloseTimeout, false);
    checkDuration('workflow', className, 'taskStartToCloseTimeout', options.taskStartToCloseTimeout, true);
    if (
      options.childPolicy !== undefined &&
      !['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'].includes(options.childPolicy)
    ) {
      throw new ConfigurationError(
        `@workflow on ${className}: childPolicy must be 'TERMINATE', 'REQUEST_CANCEL' or 'ABANDON'`,
      );
    }
    if (options.concurrency !== undefined) checkConcurrency(options.concurrency, `@workflow on ${className}`);
    Reflect.defineMetadata(WORKFLOW_METADATA_KEY, { ...options }, target);
  };
}

/**
 * Declares an activity type. `@activity({ name: 'Charge', version: '1', startToCloseTimeout: 60,
 * heartbeatTimeout: 20 })` on a class with `async run(input, context: ActivityContext)`.
 */
export function activity(options: ActivityOptions = {}): FlowyClassDecorator {
  return (target) => {
    const className = target.name;
    checkRun('activity', target);
    checkName('activity', className, 'name', options.name, 256);
    checkName('activity', className, 'version', options.version, 64);
    checkName('activity', className, 'taskList', options.taskList, 256);
    for (const field of [
      'scheduleToStartTimeout',
      'startToCloseTimeout',
      'scheduleToCloseTimeout',
      'heartbeatTimeout',
    ] as const) {
      checkDuration('activity', className, field, options[field], true);
    }
    Reflect.defineMetadata(ACTIVITY_METADATA_KEY, { ...options }, target);
  };
}

/** A method decorator usable with legacy and TC39 decorators. */
export type FlowyMethodDecorator = (target: object, context?: unknown, descriptor?: PropertyDescriptor) => void;

/**
 * Declares a query on a workflow method: `@query() status() { return this.progress; }`, answered
 * by `client.query(Workflow, { workflowId }, 'status')` or `flowy query <workflowId> status` from
 * a replay of the run's history, with no worker running. Query methods are synchronous, read the
 * workflow's fields and return JSON; scheduling anything from one fails. `name` defaults to the
 * method's name.
 */
export function query(name?: string): FlowyMethodDecorator {
  return (target, context, descriptor) => {
    // TC39: (method, { kind: 'method', name }); legacy: (prototype, propertyKey, descriptor)
    const tc39 =
      typeof target === 'function' && typeof context === 'object' && context !== null && 'kind' in context
        ? (context as { kind: string; name: string | symbol })
        : undefined;
    const method: unknown = tc39 ? target : descriptor?.value;
    const methodName = String(tc39 ? tc39.name : context);
    if (typeof method !== 'function' || (tc39 && tc39.kind !== 'method')) {
      throw new ConfigurationError(`@query on ${methodName}: put it on a method of a workflow class`);
    }
    const queryName = name ?? methodName;
    if (typeof queryName !== 'string' || queryName.length === 0) {
      throw new ConfigurationError(`@query on ${methodName}: the query name must be a non-empty string`);
    }
    markQuery(method, queryName);
  };
}
