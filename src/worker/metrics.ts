import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from './prometheus.ts';
import type { Counter, Histogram } from './prometheus.ts';
import type { WorkerObserver } from './observer.ts';

export { MetricsRegistry, Counter, Histogram, PROMETHEUS_CONTENT_TYPE } from './prometheus.ts';
export type { Labels } from './prometheus.ts';

/** Upper bounds (seconds) of the decision task latency histogram: deciding is fast. */
export const DECISION_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Upper bounds (seconds) of the activity latency histogram: from milliseconds to an hour. */
export const ACTIVITY_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** Upper bounds (seconds) of the workflow run duration histogram: from a second to a week. */
export const WORKFLOW_DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600];

/** The flowy worker metrics, registered in one MetricsRegistry. */
export interface WorkerMetrics {
  registry: MetricsRegistry;
  decisionTasksCompleted: Counter;
  decisionTasksFailed: Counter;
  decisions: Counter;
  nonDeterminism: Counter;
  decisionTaskDuration: Histogram;
  activitiesStarted: Counter;
  activitiesCompleted: Counter;
  activitiesFailed: Counter;
  activityRetries: Counter;
  activityDuration: Histogram;
  pollErrors: Counter;
  workflowDuration: Histogram;
}

const WORKFLOW_LABELS = ['domain', 'task_list', 'workflow_type', 'workflow_version'] as const;
const ACTIVITY_LABELS = ['domain', 'task_list', 'activity_type', 'activity_version'] as const;

/** Registers the flowy worker metrics (names prefixed `flowy_`) in `registry`. */
export function createWorkerMetrics(registry: MetricsRegistry = new MetricsRegistry()): WorkerMetrics {
  return {
    registry,
    decisionTasksCompleted: registry.counter('flowy_decision_tasks_completed_total', 'Decision tasks answered with RespondDecisionTaskCompleted.', WORKFLOW_LABELS),
    decisionTasksFailed: registry.counter('flowy_decision_tasks_failed_total', 'Decision tasks the worker could not answer.', WORKFLOW_LABELS),
    decisions: registry.counter('flowy_decisions_total', 'Decisions sent, by decision type.', [...WORKFLOW_LABELS, 'decision_type']),
    nonDeterminism: registry.counter('flowy_non_determinism_total', 'Decision tasks whose history did not match the workflow code.', WORKFLOW_LABELS),
    decisionTaskDuration: registry.histogram('flowy_decision_task_duration_seconds', 'Time from receiving a decision task to answering it.', WORKFLOW_LABELS, DECISION_DURATION_BUCKETS),
    activitiesStarted: registry.counter('flowy_activities_started_total', 'Activity tasks received by the worker.', ACTIVITY_LABELS),
    activitiesCompleted: registry.counter('flowy_activities_completed_total', 'Activity tasks that returned a result.', ACTIVITY_LABELS),
    activitiesFailed: registry.counter('flowy_activities_failed_total', 'Activity tasks that failed or were canceled.', ACTIVITY_LABELS),
    activityRetries: registry.counter('flowy_activity_retries_total', 'Activity tasks received for an attempt after the first.', ACTIVITY_LABELS),
    activityDuration: registry.histogram('flowy_activity_duration_seconds', 'Time an activity task ran in the worker, by outcome.', [...ACTIVITY_LABELS, 'outcome'], ACTIVITY_DURATION_BUCKETS),
    pollErrors: registry.counter('flowy_poll_errors_total', 'Failed poll requests.', ['domain', 'task_list', 'kind']),
    workflowDuration: registry.histogram('flowy_workflow_duration_seconds', 'Time from a run\'s start to its close, by how it closed.', [...WORKFLOW_LABELS, 'status'], WORKFLOW_DURATION_BUCKETS),
  };
}

/** A WorkerObserver that counts and times what workers report into `metrics`. */
export function metricsObserver(metrics: WorkerMetrics = createWorkerMetrics()): WorkerObserver {
  const workflowLabels = (e: { domain: string; taskList: string; workflowType: { name: string; version: string } }) => ({
    domain: e.domain,
    task_list: e.taskList,
    workflow_type: e.workflowType.name,
    workflow_version: e.workflowType.version,
  });
  const activityLabels = (e: { domain: string; taskList: string; activityType: { name: string; version: string } }) => ({
    domain: e.domain,
    task_list: e.taskList,
    activity_type: e.activityType.name,
    activity_version: e.activityType.version,
  });
  return {
    decisionTaskCompleted(e) {
      const labels = workflowLabels(e);
      metrics.decisionTasksCompleted.inc(labels);
      metrics.decisionTaskDuration.observe(labels, e.durationMs / 1000);
      for (const decisionType of e.decisions) metrics.decisions.inc({ ...labels, decision_type: decisionType });
    },
    decisionTaskFailed(e) {
      const labels = workflowLabels(e);
      metrics.decisionTasksFailed.inc(labels);
      metrics.decisionTaskDuration.observe(labels, e.durationMs / 1000);
    },
    nonDeterminism(e) {
      metrics.nonDeterminism.inc(workflowLabels(e));
    },
    activityStarted(e) {
      const labels = activityLabels(e);
      metrics.activitiesStarted.inc(labels);
      if (e.attempt > 1) metrics.activityRetries.inc(labels);
    },
    activityCompleted(e) {
      const labels = activityLabels(e);
      metrics.activitiesCompleted.inc(labels);
      metrics.activityDuration.observe({ ...labels, outcome: 'completed' }, e.durationMs / 1000);
    },
    activityFailed(e) {
      const labels = activityLabels(e);
      metrics.activitiesFailed.inc(labels);
      metrics.activityDuration.observe({ ...labels, outcome: 'failed' }, e.durationMs / 1000);
    },
    pollError(e) {
      metrics.pollErrors.inc({ domain: e.domain, task_list: e.taskList, kind: e.kind });
    },
    workflowClosed(e) {
      metrics.workflowDuration.observe({ ...workflowLabels(e), status: e.status }, e.durationMs / 1000);
    },
  };
}

/** Options of startMetricsServer. `port: 0` picks a free port; host defaults to 127.0.0.1. */
export interface MetricsServerOptions {
  port: number;
  host?: string;
  /** Where the metrics are kept; a new registry when omitted. */
  registry?: MetricsRegistry;
}

/** A running `/metrics` endpoint and the observer that feeds it. */
export interface MetricsServer {
  url: string;
  observer: WorkerObserver;
  registry: MetricsRegistry;
  close(): Promise<void>;
}

/**
 * Serves the worker metrics in Prometheus text format at `GET /metrics`. Give the returned
 * `observer` to the workers (combine it with others through combineObservers).
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  const metrics = createWorkerMetrics(options.registry);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found; metrics are served at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Use GET /metrics\n');
      return;
    }
    const body = metrics.registry.render();
    res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new Error(`Cannot serve metrics on ${host}:${options.port} (${error.code ?? error.message}); choose another --metrics-port`));
    };
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/metrics`,
    observer: metricsObserver(metrics),
    registry: metrics.registry,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
