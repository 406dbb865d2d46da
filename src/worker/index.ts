// src/worker: the decision and activity poll loops, their activity context, and observability
// (structured logger, observer hooks, Prometheus metrics).
export { DecisionWorker } from './decision-worker.ts';
export type { DecisionWorkerOptions } from './decision-worker.ts';
export { ActivityWorker } from './activity-worker.ts';
export type { ActivityInterceptor, ActivityExecuteInput } from './activity-interceptors.ts';
export type { ActivityWorkerOptions, ActivityFunction } from './activity-worker.ts';
export { WorkerActivityContext } from './activity-context.ts';
export type { AbortCause } from './activity-context.ts';
export { describeTaskFailure, errorClassName } from './task-failure.ts';
export type { TaskFailure } from './task-failure.ts';
export { Backoff, sleep } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { defaultIdentity } from './identity.ts';
export { handleShutdownSignals } from './shutdown.ts';
export type { Stoppable } from './shutdown.ts';
export { createLogger, silentLogger, LOG_LEVELS, LOG_FORMATS } from './logger.ts';
export type { Logger, LogFields, LogLevel, LogThreshold, LogFormat, LoggerOptions } from './logger.ts';
export { combineObservers, notifyObserver, noopObserver } from './observer.ts';
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
} from './observer.ts';
export { startMetricsServer, metricsObserver, createWorkerMetrics } from './metrics.ts';
export type { MetricsServer, MetricsServerOptions, WorkerMetrics } from './metrics.ts';
