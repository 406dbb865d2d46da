import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT } from '../examples/stack.ts';

describe('worker commands', () => {
  let server: LocalServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    server = await startLocalServer({ longPollMs: 200 });
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'loops' };
  });
  after(async () => {
    await server.close();
  });

  test('--loop N handles N polls and exits 0; registration happens unless --no-register; --metrics-port serves metrics', async () => {
    const registered = await runCli(
      ['start-workflow-worker', '--task-list', 'approvals', '--loop', '1', '--log-format', 'json'],
      env,
      ROOT,
    );
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stderr, /registered in domain/);

    const started = await runCli(
      ['start', 'ApprovalRequest', '--workflow-id', 'loop-1', '--input', '{"request":"x","timeoutSeconds":60}'],
      env,
      ROOT,
    );
    assert.equal(started.code, 0, started.stderr);
    const decided = await runCli(
      [
        'start-workflow-worker',
        '--no-register',
        '--task-list',
        'approvals',
        '--loop',
        '1',
        '--metrics-port',
        '0',
        '--log-format',
        'json',
        '--log-level',
        'debug',
      ],
      env,
      ROOT,
    );
    assert.equal(decided.code, 0, decided.stderr);
    assert.doesNotMatch(decided.stderr, /registered in domain/);
    assert.match(decided.stderr, /metrics at http:\/\/127\.0\.0\.1:\d+\/metrics/);
    const records = decided.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(
      records.some((r) => r.msg === 'decision task completed' && r.workflowId === 'loop-1'),
      decided.stderr,
    );
    const history = await runCli(['history', 'loop-1', '--json'], env, ROOT);
    const recording = JSON.parse(history.stdout) as {
      workflowExecution: { workflowId: string };
      events: { eventType: string }[];
    };
    assert.equal(recording.workflowExecution.workflowId, 'loop-1');
    assert.ok(recording.events.some((e) => e.eventType === 'TimerStarted'));
  });

  test('a task list without types is a usage error', async () => {
    const { code, stderr } = await runCli(
      ['start-activity-worker', '--folders', 'no-such-folder', '--loop', '1'],
      env,
      ROOT,
    );
    assert.equal(code, 2);
    assert.match(stderr, /No @activity classes found in no-such-folder/);
  });

  test('an unknown domain is explained with the fix', async () => {
    const { code, stderr } = await runCli(['list', '--domain', 'nowhere'], env, ROOT);
    assert.equal(code, 1);
    assert.match(stderr, /Unknown domain: nowhere.*flowy register/);
  });

  test('starting a type that was never registered names the fix', async () => {
    assert.equal((await runCli(['register', '--domain', 'bare', '--folders', 'no-such-folder'], env, ROOT)).code, 0);
    const { code, stderr } = await runCli(
      ['start', 'OrderPipeline', '--domain', 'bare', '--input', '{"orderId":"u","items":[{"sku":"pen","quantity":1}]}'],
      env,
      ROOT,
    );
    assert.equal(code, 1);
    assert.match(stderr, /Unknown type.*OrderPipeline.*flowy register/);
  });

  test('a worker logs at start-up every task list it polls, with the types served on each', async () => {
    const decider = await runCli(['start-workflow-worker', '--loop', '1', '--log-format', 'json'], env, ROOT);
    assert.equal(decider.code, 0, decider.stderr);
    const line = decider.stderr.split('\n').find((l) => l.includes('worker polling 5 task lists'));
    assert.ok(line, decider.stderr);
    for (const expected of [
      '"approvals\\" (ApprovalRequest@1)',
      '"jobs\\" (JobTree@1, RunJob@1)',
      '"orders\\" (OrderPipeline@1)',
      '"flowy-schedules\\" (FlowySchedule@1)',
      'in domain \\"loops\\"',
    ]) {
      assert.ok(line.includes(expected), `${expected} in ${line}`);
    }
    const agent = await runCli(
      ['start-activity-worker', '--no-register', '--task-list', 'agent-a', '--loop', '1', '--log-format', 'json'],
      env,
      ROOT,
    );
    assert.equal(agent.code, 0, agent.stderr);
    assert.match(agent.stderr, /activity worker polling task list \\"agent-a\\" \(calls that pick this task list\)/);
  });
});
