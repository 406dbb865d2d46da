// The README's observability example, imported the way a user's project does: a service's own
// pino logger and prom-client registry, with flowy's registry merged into it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { activity, ActivityProxy, Workflow, workflow } from 'flowy-ts';
import { createWorkerMetrics, metricsObserver } from 'flowy-ts/worker';
import { TestEnvironment } from 'flowy-ts/testing';

@activity({ name: 'ship', version: '1' })
class Ship {
  async run(orderId: string): Promise<string> {
    return `shipped ${orderId}`;
  }
}

@workflow({ name: 'Order', version: '1' })
class Order extends Workflow<string, string> {
  ship = ActivityProxy(Ship);
  async run(orderId: string): Promise<string> {
    return await this.ship(orderId);
  }
}

test("flowy-ts/worker metrics merge into a service's prom-client registry and workers log through its pino logger", async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const register = new Registry();
  collectDefaultMetrics({ register });
  new Counter({ name: 'orders_total', help: 'Orders taken.', registers: [register] }).inc();
  const flowy = createWorkerMetrics();
  const env = await TestEnvironment.create({
    workflows: [Order],
    activities: [Ship],
    domain: 'readme',
    logger: logger.child({ service: 'shop' }),
    observer: metricsObserver(flowy),
  });
  try {
    assert.equal(await env.execute(Order, 'o-1'), 'shipped o-1');
  } finally {
    await env.close();
  }
  const metrics = Registry.merge([register, flowy.registry]);
  const body = await metrics.metrics();
  assert.match(body, /^orders_total 1$/m);
  assert.match(body, /^process_cpu_seconds_total /m);
  assert.match(
    body,
    /^flowy_activities_completed_total\{domain="readme",task_list="default",activity_type="ship",activity_version="1"\} 1$/m,
  );
  assert.match(
    body,
    /^flowy_decision_tasks_completed_total\{domain="readme",task_list="default",workflow_type="Order",workflow_version="1"\} \d+$/m,
  );
  assert.ok(
    lines.some((line) => line.service === 'shop' && line.domain === 'readme' && line.msg === 'decision worker polling'),
    JSON.stringify(lines),
  );
});
