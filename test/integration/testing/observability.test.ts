import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow, ActivityProxy } from '../../../src/core/index.ts';
import { workflow, activity } from '../../../src/definitions/index.ts';
import { pino } from 'pino';
import { combineObservers, startMetricsServer } from '../../../src/common/index.ts';
import type { MetricsServer, WorkflowClosedEvent, WorkflowRunInfo } from '../../../src/common/index.ts';
import { TestEnvironment } from '../../../src/testing/index.ts';

@activity({ name: 'flaky', version: '1' })
class Flaky {
  async run(_input: unknown, context: { attempt: number }): Promise<string> {
    if (context.attempt < 2) throw new Error('first attempt fails');
    return 'ok';
  }
}

@workflow({ name: 'Observed', version: '1' })
class Observed extends Workflow<unknown, string> {
  flaky = ActivityProxy(Flaky, { retry: { maxAttempts: 3, initialInterval: 5 } });
  async run(): Promise<string> {
    return await this.flaky({});
  }
}

describe("workers and the client report to the user's pino logger, the observer and the metrics endpoint", () => {
  let metrics: MetricsServer;
  let env: TestEnvironment;
  const lines: Record<string, unknown>[] = [];
  const started: WorkflowRunInfo[] = [];
  const closed: WorkflowClosedEvent[] = [];
  before(async () => {
    metrics = await startMetricsServer({ port: 0 });
    const stream = {
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    } as unknown as NodeJS.WritableStream;
    env = await TestEnvironment.create({
      workflows: [Observed],
      activities: [Flaky],
      domain: 'observed',
      observer: combineObservers(metrics.observer, {
        workflowStarted: (e) => started.push(e),
        workflowClosed: (e) => closed.push(e),
      }),
      // the service's own pino logger, not one made by flowy
      logger: pino({ level: 'debug' }, stream),
    });
  });
  after(async () => {
    await env.close();
    await metrics.close();
  });

  test("a run with one retried activity shows in /metrics and in structured logs, the client's start among them", async () => {
    const run = await env.start(Observed, {});
    assert.equal(await env.result(run), 'ok');
    const body = await (await fetch(metrics.url)).text();
    const wf = 'domain="observed",task_list="default",workflow_type="Observed",workflow_version="1"';
    const act = 'domain="observed",task_list="default",activity_type="flaky",activity_version="1"';
    const value = (series: string) =>
      Number(
        body
          .split('\n')
          .find((line) => line.startsWith(series + ' '))
          ?.split(' ')[1] ?? NaN,
      );
    assert.ok(value(`flowy_decision_tasks_completed_total{${wf}}`) >= 3, body);
    assert.equal(value(`flowy_activities_started_total{${act}}`), 2);
    assert.equal(value(`flowy_activities_failed_total{${act}}`), 1);
    assert.equal(value(`flowy_activities_completed_total{${act}}`), 1);
    assert.equal(value(`flowy_activity_retries_total{${act}}`), 1);
    assert.equal(value(`flowy_non_determinism_total{${wf}}`), NaN); // never incremented: no series
    assert.ok(value(`flowy_decision_task_duration_seconds_count{${wf}}`) >= 3);
    // Workflow-level: one start, one close after the 5 s retry wait (skipped, but in SWF's clock).
    assert.deepEqual(
      started.map((e) => [e.workflowId, e.runId, e.workflowType.name]),
      [[run.workflowId, run.runId, 'Observed']],
    );
    assert.deepEqual(
      closed.map((e) => [e.workflowId, e.status]),
      [[run.workflowId, 'completed']],
    );
    assert.ok(closed[0]!.durationMs >= 5000, `duration ${closed[0]!.durationMs}`);
    assert.equal(value(`flowy_workflow_duration_seconds_count{${wf},status="completed"}`), 1);
    assert.ok(value(`flowy_workflow_duration_seconds_sum{${wf},status="completed"}`) >= 5);

    const about = lines.filter((line) => line.workflowId === run.workflowId);
    assert.ok(about.length > 0, 'worker log lines name the workflowId');
    for (const line of about) {
      assert.equal(typeof line.time, 'number');
      assert.equal(typeof line.msg, 'string');
      assert.equal(line.domain, 'observed');
      if (line.msg !== 'workflow started') assert.equal(line.taskList, 'default'); // the client does not know the task list
      assert.equal(line.runId, run.runId);
    }
    assert.ok(
      about.some((line) => typeof line.eventId === 'number'),
      'some lines carry the event id',
    );
    assert.ok(
      about.some((line) => line.msg === 'workflow started' && line.level === 20),
      'the client logs the start at debug',
    );
    assert.ok(
      about.some((line) => line.msg === 'decision task completed'),
      'the decision worker logs its tasks',
    );
  });
});
