import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runFlowy, spawnFlowy, startDevServer, stopAll } from './processes.ts';
import type { FlowyProcess } from './processes.ts';

const ORDER = '{"orderId":"e2e-1","items":[{"sku":"book","quantity":1},{"sku":"pen","quantity":2}]}';

describe('separate processes: flowy dev, decision and activity workers, the CLI', () => {
  let env: Record<string, string>;
  let deciders: FlowyProcess;
  let activities: FlowyProcess;

  before(async () => {
    const server = await startDevServer();
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'e2e' };
  });
  after(async () => {
    await stopAll();
  });

  test('register, start workers, start the order pipeline with --wait and read its result', async () => {
    const registered = await runFlowy(['register'], env);
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stdout, /domain "e2e" registered/);
    assert.match(registered.stdout, /OrderPipeline@1/);

    deciders = spawnFlowy(['start-workflow-worker', '--no-register', '--log-format', 'json'], env);
    activities = spawnFlowy(
      ['start-activity-worker', '--no-register', '--log-format', 'json', '--concurrency', '2'],
      env,
    );
    await deciders.waitForLine(/decision worker polling/);
    await activities.waitForLine(/activity worker polling/);

    const started = await runFlowy(
      ['start', 'OrderPipeline', '--workflow-id', 'e2e-1', '--input', ORDER, '--wait'],
      env,
    );
    assert.equal(started.code, 0, started.stderr);
    // stdout is the result JSON alone (it pipes into jq); the ids are on stderr
    assert.match(started.stderr, /^started e2e-1 \(run \S+\); waiting for its result$/m);
    assert.deepEqual(JSON.parse(started.stdout), {
      orderId: 'e2e-1',
      total: 15.5,
      chargeId: 'ch-e2e-1',
      paymentAttempts: 3,
      reservationId: 'res-e2e-1',
      trackingNumber: 'TRK-e2e-1',
    });
  });

  test('result, describe, list and history read the closed run', async () => {
    const result = await runFlowy(['result', 'e2e-1'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).trackingNumber, 'TRK-e2e-1');

    const described = await runFlowy(['describe', 'e2e-1'], env);
    assert.equal(described.code, 0, described.stderr);
    assert.match(described.stdout, /status:\s+CLOSED \(COMPLETED\)/);

    const listed = await runFlowy(['list', '--closed'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /e2e-1\s+\S+\s+OrderPipeline@1\s+COMPLETED/);

    const timeline = await runFlowy(['history', 'e2e-1'], env);
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.match(timeline.stdout, /ChargePayment/);

    const raw = await runFlowy(['history', 'e2e-1', '--json'], env);
    const { events } = JSON.parse(raw.stdout) as { events: { eventType: string }[] };
    assert.equal(events[0]?.eventType, 'WorkflowExecutionStarted');
    assert.equal(events.at(-1)?.eventType, 'WorkflowExecutionCompleted');
  });

  test('a failing workflow makes "start --wait" exit 1 with its reason on one line', async () => {
    const input = '{"orderId":"e2e-2","items":[{"sku":"lamp","quantity":1}],"shippingAddress":"nowhere"}';
    const started = await runFlowy(
      ['start', 'OrderPipeline', '--workflow-id', 'e2e-2', '--input', input, '--wait'],
      env,
    );
    assert.equal(started.code, 1);
    const errorLines = started.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('flowy:'));
    assert.equal(errorLines.length, 1);
    assert.match(errorLines[0] ?? '', /^flowy: Workflow e2e-2 \(run \S+\) failed: OrderFailed/);
  });

  test('SIGTERM stops both workers gracefully with exit code 0', async () => {
    deciders.child.kill('SIGTERM');
    activities.child.kill('SIGTERM');
    assert.equal(await deciders.exited, 0);
    assert.equal(await activities.exited, 0);
    await deciders.waitForLine(/SIGTERM received/);
  });
});
