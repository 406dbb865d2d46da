// flowy's worker metrics as prom-client counters and histograms, in a registry of the user's or flowy's own.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { WorkerObserver } from './observer.ts';

/** Upper bounds (seconds) of the decision task latency histogram: deciding is fast. */
export const DECISION_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Upper bounds (seconds) of the activity latency histogram: from milliseconds to an hour. */
export const ACTIVITY_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** Upper bounds (seconds) of the workflow run duration histogram: from a second to a week. */
export const WORKFLOW_DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600];

/** The flowy worker metrics, registered in one prom-client Registry. */
export interface WorkerMetrics {
  registry: Registry;
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

/**
 * Registers the flowy worker metrics (names prefixed `flowy_`) in `registry` (a new one when
 * omitted). Calling it again on the same registry returns the metrics already there.
 */
export function createWorkerMetrics(registry: Registry = new Registry()): WorkerMetrics {
  const counter = (name: string, help: string, labelNames: readonly string[]): Counter =>
    (registry.getSingleMetric(name) as Counter | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] });
  const histogram = (name: string, help: string, labelNames: readonly string[], buckets: number[]): Histogram =>
    (registry.getSingleMetric(name) as Histogram | undefined) ??
    new Histogram({ name, help, labelNames, buckets, registers: [registry] });
  return {
    registry,
    decisionTasksCompleted: counter(
      'flowy_decision_tasks_completed_total',
      'Decision tasks answered with RespondDecisionTaskCompleted.',
      WORKFLOW_LABELS,
    ),
    decisionTasksFailed: counter(
      'flowy_decision_tasks_failed_total',
      'Decision tasks the worker could not answer.',
      WORKFLOW_LABELS,
    ),
    decisions: counter('flowy_decisions_total', 'Decisions sent, by decision type.', [
      ...WORKFLOW_LABELS,
      'decision_type',
    ]),
    nonDeterminism: counter(
      'flowy_non_determinism_total',
      'Decision tasks whose history did not match the workflow code.',
      WORKFLOW_LABELS,
    ),
    decisionTaskDuration: histogram(
      'flowy_decision_task_duration_seconds',
      'Time from receiving a decision task to answering it.',
      WORKFLOW_LABELS,
      DECISION_DURATION_BUCKETS,
    ),
    activitiesStarted: counter(
      'flowy_activities_started_total',
      'Activity tasks received by the worker.',
      ACTIVITY_LABELS,
    ),
    activitiesCompleted: counter(
      'flowy_activities_completed_total',
      'Activity tasks that returned a result.',
      ACTIVITY_LABELS,
    ),
    activitiesFailed: counter(
      'flowy_activities_failed_total',
      'Activity tasks that failed or were canceled.',
      ACTIVITY_LABELS,
    ),
    activityRetries: counter(
      'flowy_activity_retries_total',
      'Activity tasks received for an attempt after the first.',
      ACTIVITY_LABELS,
    ),
    activityDuration: histogram(
      'flowy_activity_duration_seconds',
      'Time an activity task ran in the worker, by outcome.',
      [...ACTIVITY_LABELS, 'outcome'],
      ACTIVITY_DURATION_BUCKETS,
    ),
    pollErrors: counter('flowy_poll_errors_total', 'Failed poll requests.', ['domain', 'task_list', 'kind']),
    workflowDuration: histogram(
      'flowy_workflow_duration_seconds',
      "Time from a run's start to its close, by how it closed.",
      [...WORKFLOW_LABELS, 'status'],
      WORKFLOW_DURATION_BUCKETS,
    ),
  };
}

/** A WorkerObserver that counts and times what workers report into `metrics`. */
export function metricsObserver(metrics: WorkerMetrics = createWorkerMetrics()): WorkerObserver {
  const workflowLabels = (e: {
    domain: string;
    taskList: string;
    workflowType: { name: string; version: string };
  }) => ({
    domain: e.domain,
    task_list: e.taskList,
    workflow_type: e.workflowType.name,
    workflow_version: e.workflowType.version,
  });
  const activityLabels = (e: {
    domain: string;
    taskList: string;
    activityType: { name: string; version: string };
  }) => ({
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
  /**
   * The registry served, where flowy's metrics are registered. When omitted: a new registry of
   * flowy's own, with prom-client's default process metrics (CPU, memory, event-loop lag, GC).
   */
  registry?: Registry;
}

/** A running `/metrics` endpoint and the observer that feeds it. */
export interface MetricsServer {
  url: string;
  observer: WorkerObserver;
  registry: Registry;
  close(): Promise<void>;
}

/**
 * Serves the registry in Prometheus text format at `GET /metrics`. Give the returned `observer`
 * to the workers (combine it with others through combineObservers).
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  const metrics = createWorkerMetrics(options.registry ?? processRegistry());
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
    metrics.registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(body) });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Cannot collect metrics: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          `Cannot serve metrics on ${host}:${options.port} (${error.code ?? error.message}); choose another --metrics-port`,
        ),
      );
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

/** A new registry holding prom-client's default process metrics. */
function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
