// flowy-ts/client: start, signal, cancel and wait for workflow executions from your own code.
//
//   import { createSwfClient, FlowyClient } from 'flowy-ts/client';
//   import { OrderPipeline } from './workflows/order-pipeline.ts';
//
//   const flowy = new FlowyClient({ client: createSwfClient(), domain: 'shop' });
//   const run = await flowy.startWorkflow(OrderPipeline, { orderId: 'o-1', items: [] });
//   console.log(await flowy.result(run));

/** The typed client and the errors its calls throw. */
export { FlowyClient, WorkflowExecutionFailed, UnknownExecution, InvalidInput } from '../client/index.ts';
export type {
  FlowyClientOptions,
  WorkflowRef,
  StartWorkflowOptions,
  ExecutionRef,
  Execution,
  ListOptions,
  FollowOptions,
  FailedCloseStatus,
  ClientInterceptor,
  StartWorkflowInput,
} from '../client/index.ts';
/** Reading a run's history as a summary or a human timeline. */
export { summarizeHistory, renderTimeline } from '../client/index.ts';
export type { ExecutionSummary, ExecutionStatus, TimelineOptions } from '../client/index.ts';
/** The SWF client it talks through: the local server or real SWF, as configured. */
export { createSwfClient, resolveConnection } from '../swf/index.ts';
export type { SwfClientOptions, Connection, ConnectionOptions, SWFClient } from '../swf/index.ts';
/** Where payloads over SWF's 32,768-character limit go (give the client the workers' store). */
export {
  PayloadStorage,
  FilePayloadStore,
  S3PayloadStore,
  MemoryPayloadStore,
  gzipCodec,
  payloadStorageFromEnv,
  PayloadNotFound,
} from '../payloads/index.ts';
export type { PayloadStore, PayloadCodec, PayloadStorageOptions, S3PayloadStoreOptions } from '../payloads/index.ts';
/** Schedules (FlowyClient.createSchedule and the rest): the spec, what describe answers, the workflow behind them. */
export { UnknownSchedule } from '../client/index.ts';
export type { ScheduleSummary } from '../client/index.ts';
export { ScheduleWorkflow, nextFireTimes } from '../schedules/index.ts';
export type { ScheduleSpec, ScheduleDescription, OverlapPolicy } from '../schedules/index.ts';
/** A registry lets the client find a workflow's defaults and schema by name. */
export { Registry, scan } from '../definitions/index.ts';
