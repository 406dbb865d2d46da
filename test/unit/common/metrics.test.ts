import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMetricsServer, MetricsRegistry, createWorkerMetrics, metricsObserver } from '../../../src/common/metrics.ts';
import type { MetricsServer } from '../../../src/common/metrics.ts';

const decision = { domain: 'shop', taskList: 'main', workflowId: 'w', runId: 'r', workflowType: { name: 'OrderPipeline', version: '1' }, startedEventId: 3 };
const activity = { domain: 'shop', taskList: 'main', workflowId: 'w', runId: 'r', activityId: 'charge-1@2', activityType: { name: 'charge', version: '1' }, attempt: 2 };

describe('MetricsRegistry', () => {
  test('renders counters with escaped labels in text format 0.0.4', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('jobs_total', 'Jobs done.\nSecond line', ['kind']);
    counter.inc({ kind: 'say "hi"\\' });
    counter.inc({ kind: 'say "hi"\\' }, 2);
    assert.equal(registry.render(), [
      '# HELP jobs_total Jobs done.\\nSecond line',
      '# TYPE jobs_total counter',
      'jobs_total{kind="say \\"hi\\"\\\\"} 3',
      '',
    ].join('\n'));
  });

  test('histograms render cumulative buckets, +Inf, sum and count', () => {
    const registry = new MetricsRegistry();
    const histogram = registry.histogram('latency_seconds', 'Latency.', ['op'], [0.1, 1]);
    histogram.observe({ op: 'a' }, 0.05);
    histogram.observe({ op: 'a' }, 0.5);
    histogram.observe({ op: 'a' }, 5);
    assert.equal(registry.render(), [
      '# HELP latency_seconds Latency.',
      '# TYPE latency_seconds histogram',
      'latency_seconds_bucket{op="a",le="0.1"} 1',
      'latency_seconds_bucket{op="a",le="1"} 2',
      'latency_seconds_bucket{op="a",le="+Inf"} 3',
      'latency_seconds_sum{op="a"} 5.55',
      'latency_seconds_count{op="a"} 3',
      '',
    ].join('\n'));
  });

  test('refuses unknown labels, negative increments and a name reused with another type', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('c_total', 'C.', ['a']);
    assert.throws(() => counter.inc({ b: 'x' }), /Metric c_total has no label "b"; its labels are a/);
    assert.throws(() => counter.inc({ a: 'x' }, -1), /can only increase/);
    assert.throws(() => registry.histogram('c_total', 'C.', [], [1]), /already registered as another type/);
    assert.equal(registry.counter('c_total', 'C.', ['a']), counter);
  });

  test('the worker observer counts tasks, decisions, retries and durations without any server', () => {
    const metrics = createWorkerMetrics();
    const observer = metricsObserver(metrics);
    observer.decisionTaskCompleted?.({ ...decision, durationMs: 12, decisions: ['ScheduleActivityTask', 'ScheduleActivityTask', 'StartTimer'] });
    observer.nonDeterminism?.({ ...decision, eventId: 9, message: 'x' });
    observer.activityStarted?.(activity);
    observer.activityFailed?.({ ...activity, durationMs: 1500, reason: 'CardDeclined' });
    const wf = { domain: 'shop', task_list: 'main', workflow_type: 'OrderPipeline', workflow_version: '1' };
    const act = { domain: 'shop', task_list: 'main', activity_type: 'charge', activity_version: '1' };
    assert.equal(metrics.decisionTasksCompleted.get(wf), 1);
    assert.equal(metrics.decisions.get({ ...wf, decision_type: 'ScheduleActivityTask' }), 2);
    assert.equal(metrics.nonDeterminism.get(wf), 1);
    assert.deepEqual(metrics.decisionTaskDuration.get(wf), { count: 1, sum: 0.012 });
    assert.equal(metrics.activityRetries.get(act), 1);
    assert.equal(metrics.activitiesFailed.get(act), 1);
    assert.deepEqual(metrics.activityDuration.get({ ...act, outcome: 'failed' }), { count: 1, sum: 1.5 });
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
    const wf = 'domain="shop",task_list="main",workflow_type="OrderPipeline",workflow_version="1"';
    const act = 'domain="shop",task_list="main",activity_type="charge",activity_version="1"';
    for (const line of [
      '# TYPE flowy_decision_tasks_completed_total counter',
      `flowy_decision_tasks_completed_total{${wf}} 1`,
      `flowy_decision_tasks_failed_total{${wf}} 1`,
      `flowy_decisions_total{${wf},decision_type="CompleteWorkflowExecution"} 1`,
      '# TYPE flowy_decision_task_duration_seconds histogram',
      `flowy_decision_task_duration_seconds_count{${wf}} 2`,
      `flowy_activities_started_total{${act}} 1`,
      `flowy_activities_completed_total{${act}} 1`,
      `flowy_activity_duration_seconds_bucket{${act},outcome="completed",le="0.25"} 1`,
      `flowy_activity_duration_seconds_bucket{${act},outcome="completed",le="0.1"} 0`,
      `flowy_poll_errors_total{domain="shop",task_list="main",kind="decision"} 1`,
    ]) {
      assert.ok(body.split('\n').includes(line), `missing line: ${line}\n${body}`);
    }
  });

  test('answers other paths with 404', async () => {
    const response = await fetch(server.url.replace('/metrics', '/other'));
    assert.equal(response.status, 404);
    await response.text();
  });

  test('a taken port is reported with the fix', async () => {
    const port = Number(new URL(server.url).port);
    await assert.rejects(startMetricsServer({ port }), /Cannot serve metrics on 127\.0\.0\.1:\d+ \(EADDRINUSE\); choose another --metrics-port/);
  });
});
