// flowy-ts: the package root, for workflow and activity authors.
//
//   import { activity, ActivityProxy, all, Workflow, workflow } from 'flowy-ts';
//
//   @activity({ startToCloseTimeout: 60 })
//   export class ChargePayment { async run(order: Order) { ... } }
//
//   @workflow()
//   export class OrderPipeline extends Workflow<Order, Receipt> {
//     charge = ActivityProxy(ChargePayment);
//     async run(order: Order) { return { charged: await this.charge(order) }; }
//   }
//
// Running code is behind the other subpaths: flowy-ts/worker (workers, logger, metrics),
// flowy-ts/client (start, signal, wait for results), flowy-ts/local (the local SWF server),
// flowy-ts/testing (replay and in-memory tests) and flowy-ts/engine (decide, Decider).

/** The workflow base class, proxies that schedule activities and child workflows, combinators. */
export { Workflow, ActivityProxy, WorkflowProxy, all, first, finishOrder } from './core/index.ts';
/** What workflow code catches: failures of activities, children and timers, and the engine's own errors. */
export {
  TaskError,
  ActivityFailed,
  ActivityTimedOut,
  ActivityCanceled,
  ScheduleActivityFailed,
  ChildWorkflowFailed,
  ChildWorkflowTimedOut,
  ChildWorkflowTerminated,
  ChildWorkflowCanceled,
  StartChildWorkflowFailed,
  TimerFailed,
  TimerCanceled,
  SideEffectFailed,
  SchemaMismatch,
  SignalExternalWorkflowFailed,
  RequestCancelExternalWorkflowFailed,
  NonDeterminismError,
  ConfigurationError,
  PayloadTooLargeError,
  WorkflowCanceled,
} from './core/index.ts';
/** The attempt number an activity's id carries, and the default JSON serializer. */
export { attemptFromActivityId, jsonSerializer } from './core/index.ts';
export type {
  ActivityRef,
  WorkflowRef,
  CallOptions,
  ProxyOptions,
  ChildProxyOptions,
  ChildCallOptions,
  RetryPolicy,
  WorkflowOptions,
  ActivityOptions,
  ActivityClass,
  WorkflowClass,
  Serializer,
  JsonSchema,
  Duration,
  TaskErrorOptions,
} from './core/index.ts';
/** The decorators that make a class a workflow or an activity (`@query()` marks a workflow's query methods), and what an activity's run() receives. */
export { workflow, activity, query, ASYNC_COMPLETION } from './definitions/index.ts';
export type { ActivityContext } from './definitions/index.ts';
