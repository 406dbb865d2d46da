import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Registry } from 'prom-client';
import { startMetricsServer, createWorkerMetrics, metricsObserver } from '../../../src/common/metrics.ts';
import type { MetricsServer } from '../../../src/common/metrics.ts';

const decision = {
  domain: 'shop',
  taskList: 'main',
  workflowId: 'w',
  runId: 'r',
  workflowType: { name: 'OrderPipeline', version: '1' },
  startedEventId: 3,
};
const activity = {
  domain: 'shop',
  taskList: 'main',
  workflowId: 'w',
  runId: 'r',
  activityId: 'charge-1@2',
  activityType: { name: 'charge', version: '1' },
  attempt: 2,
};
const wf = 'domain="shop",task_list="main",workflow_type="OrderPipeline",workflow_version="1"';
const act = 'domain="shop",task_list="main",activity_type="charge",activity_version="1"';

function assertLines(body: string, expected: string[]): void {
  for (const line of expected) assert.ok(body.split('\n').includes(line), `missing line: ${line}\n${body}`);
}

describe('worker metrics on prom-client', () => {
  test('the worker observer counts tasks, decisions, retries and durations without any server', async () => {
    const metrics = createWorkerMetrics();
    const observer = metricsObserver(metrics);
    observer.decisionTaskCompleted?.({
      ...decision,
      durationMs: 12,
      decisions: ['ScheduleActivityTask', 'ScheduleActivityTask', 'StartTimer'],
    });
    observer.nonDeterminism?.({ ...decision, eventId: 9, message: 'x' });
    observer.activityStarted?.(activity);
    observer.activityFailed?.({ ...activity, durationMs: 1500, reason: 'CardDeclined' });
    assertLines(await metrics.registry.metrics(), [
      '# TYPE flowy_decision_tasks_completed_total counter',
      `flowy_decision_tasks_completed_total{${wf}} 1`,
      `flowy_decisions_total{${wf},decision_type="ScheduleActivityTask"} 2`,
      `flowy_non_determinism_total{${wf}} 1`,
      '# TYPE flowy_decision_task_duration_seconds histogram',
      `flowy_decision_task_duration_seconds_bucket{le="0.025",${wf}} 1`,
      `flowy_decision_task_duration_seconds_sum{${wf}} 0.012`,
      `flowy_decision_task_duration_seconds_count{${wf}} 1`,
      `flowy_activity_retries_total{${act}} 1`,
      `flowy_activities_failed_total{${act}} 1`,
      `flowy_activity_duration_seconds_sum{${act},outcome="failed"} 1.5`,
    ]);
  });

  test("flowy's metrics go into a registry the user passes, next to the user's own, once however often they are created", async () => {
    const registry = new Registry();
    new Counter({ name: 'orders_total', help: 'Orders.', registers: [registry] }).inc();
    const metrics = createWorkerMetrics(registry);
    assert.equal(createWorkerMetrics(registry).decisions, metrics.decisions);
    metricsObserver(metrics).pollError?.({ domain: 'shop', taskList: 'main', kind: 'activity', error: new Error('x') });
    assertLines(await registry.metrics(), [
      'orders_total 1',
      'flowy_poll_errors_total{domain="shop",task_list="main",kind="activity"} 1',
    ]);
  });

  test("flowy's own registry merges into an existing prom-client registry", async () => {
    const service = new Registry();
    new Counter({ name: 'orders_total', help: 'Orders.', registers: [service] }).inc(2);
    const flowy = createWorkerMetrics();
    metricsObserver(flowy).activityCompleted?.({ ...activity, durationMs: 40 });
    const merged = Registry.merge([service, flowy.registry]);
    assertLines(await merged.metrics(), ['orders_total 2', `flowy_activities_completed_total{${act}} 1`]);
  });
});

describe('startMetricsServer', () => {
  let server: MetricsServer;
  before(async () => {
    server = await startMetricsServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  test('serves what the observer saw at GET /metrics as Prometheus text', async () => {
    server.observer.decisionTaskCompleted?.({ ...decision, durationMs: 20, decisions: ['CompleteWorkflowExecution'] });
    server.observer.decisionTaskFailed?.({ ...decision, durationMs: 5, error: new Error('x') });
    server.observer.activityStarted?.(activity);
    server.observer.activityCompleted?.({ ...activity, durationMs: 250 });
    server.observer.pollError?.({ domain: 'shop', taskList: 'main', kind: 'decision', error: new Error('ECONNRESET') });
    const response = await fetch(server.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const body = await response.text();
    assertLines(body, [
      '# TYPE flowy_decision_tasks_completed_total counter',
      `flowy_decision_tasks_completed_total{${wf}} 1`,
      `flowy_decision_tasks_failed_total{${wf}} 1`,
      `flowy_decisions_total{${wf},decision_type="CompleteWorkflowExecution"} 1`,
      '# TYPE flowy_decision_task_duration_seconds histogram',
      `flowy_decision_task_duration_seconds_count{${wf}} 2`,
      `flowy_activities_started_total{${act}} 1`,
      `flowy_activities_completed_total{${act}} 1`,
      `flowy_activity_duration_seconds_bucket{le="0.25",${act},outcome="completed"} 1`,
      `flowy_activity_duration_seconds_bucket{le="0.1",${act},outcome="completed"} 0`,
      `flowy_poll_errors_total{domain="shop",task_list="main",kind="decision"} 1`,
    ]);
  });

  test("serves prom-client's default process metrics beside flowy's", async () => {
    const body = await (await fetch(server.url)).text();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
    ]) {
      assert.ok(body.includes(`# TYPE ${name} `), `missing ${name}\n${body}`);
    }
  });

  test('serves the registry it is given, without adding process metrics to it', async () => {
    const registry = new Registry();
    const own = await startMetricsServer({ port: 0, registry });
    try {
      own.observer.activityStarted?.(activity);
      const body = await (await fetch(own.url)).text();
      assertLines(body, [`flowy_activities_started_total{${act}} 1`]);
      assert.ok(!body.includes('process_cpu_seconds_total'), body);
      assert.equal(own.registry, registry);
    } finally {
      await own.close();
    }
  });

  test('answers other paths with 404', async () => {
    const response = await fetch(server.url.replace('/metrics', '/other'));
    assert.equal(response.status, 404);
    await response.text();
  });

  test('a taken port is reported with the fix', async () => {
    const port = Number(new URL(server.url).port);
    await assert.rejects(
      startMetricsServer({ port }),
      /Cannot serve metrics on 127\.0\.0\.1:\d+ \(EADDRINUSE\); choose another --metrics-port/,
    );
  });
});
