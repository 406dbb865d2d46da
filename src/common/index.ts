// src/common: what every flowy process uses, whatever it runs (workers, CLI, local server, tests):
// the structured logger, the worker observer hooks and their Prometheus metrics, retry backoff,
// shutdown on signals, and the process identity reported to SWF.
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
