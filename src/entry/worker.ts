// flowy-ts/worker: run workflows and activities in your own process.
//
//   import { ActivityWorker, createLogger, createSwfClient, DecisionWorker, scan, startMetricsServer } from 'flowy-ts/worker';
//
//   const registry = await scan(['workflows', 'activities']);
//   const client = createSwfClient();
//   const logger = createLogger({ format: 'json', level: 'info' });
//   const metrics = await startMetricsServer({ port: 9464 });
//   const worker = new DecisionWorker({ client, domain: 'shop', taskList: 'default', registry, logger, observer: metrics.observer });
//   const running = worker.start(); // until `await worker.stop()`

/** The two poll loops: decision tasks (replaying workflows) and activity tasks. */
export { DecisionWorker, ActivityWorker } from '../worker/index.ts';
export type {
  DecisionWorkerOptions,
  ActivityWorkerOptions,
  ActivityFunction,
  ActivityInterceptor,
  ActivityExecuteInput,
  DecisionTaskInterceptor,
  DecisionTaskInput,
  DecisionTaskOutcome,
} from '../worker/index.ts';
/** Interceptors of workflow code, registered on DecisionWorker (workflowInterceptors). */
export type {
  WorkflowInterceptor,
  WorkflowInterceptorFactory,
  WorkflowInterceptorInfo,
  WorkflowRunInput,
  WorkflowSignalInput,
  WorkflowQueryInput,
  ScheduleActivityInput,
  StartChildInput,
  StartTimerInput,
  Headers,
} from '../core/engine.ts';
/** Finding and holding the @workflow and @activity classes a worker runs. */
export { Registry, scan } from '../definitions/index.ts';
export type { ScanOptions, WorkflowDefinition, ActivityDefinition } from '../definitions/index.ts';
/** The SWF client the workers poll with: the local server or real SWF, as configured. */
export { createSwfClient, resolveConnection, registerAll } from '../swf/index.ts';
export type { SwfClientOptions, Connection, ConnectionOptions, SWFClient } from '../swf/index.ts';
/** Structured logs (pino: pass your own logger), observer hooks and prom-client metrics. */
export { createLogger, silentLogger, LOG_LEVELS, LOG_FORMATS } from '../common/index.ts';
export type { Logger, LogFields, LogLevel, LogThreshold, LogFormat, LoggerOptions } from '../common/index.ts';
export {
  combineObservers,
  noopObserver,
  startMetricsServer,
  metricsObserver,
  createWorkerMetrics,
} from '../common/index.ts';
export type {
  WorkerObserver,
  DecisionTaskInfo,
  ActivityTaskInfo,
  DecisionTaskCompletedEvent,
  DecisionTaskFailedEvent,
  NonDeterminismEvent,
  ActivityCompletedEvent,
  ActivityFailedEvent,
  PollErrorEvent,
  TypeRef,
  WorkflowRunInfo,
  WorkflowClosedEvent,
  MetricsServer,
  MetricsServerOptions,
  WorkerMetrics,
} from '../common/index.ts';
/** Where payloads over SWF's 32,768-character limit go: files, S3 or memory, with codecs (gzip). */
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
/** The built-in workflow behind schedules: add it to a worker's registry to run schedules (task list 'flowy-schedules'). */
export { ScheduleWorkflow } from '../schedules/index.ts';
/** Stopping workers gracefully on SIGINT/SIGTERM, and the identity they report to SWF. */
export { handleShutdownSignals, defaultIdentity } from '../common/index.ts';
export type { Stoppable } from '../common/index.ts';
