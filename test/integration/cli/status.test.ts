import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT } from '../examples/stack.ts';

describe('flowy status', () => {
  let server: LocalServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    server = await startLocalServer({ longPollMs: 200 });
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'status' };
    assert.equal((await runCli(['register'], env, ROOT)).code, 0);
  });
  after(async () => {
    await server.close();
  });

  test('shows the endpoint, the domain, pending tasks per task list and open executions by type', async () => {
    for (const id of ['s-1', 's-2']) {
      assert.equal(
        (await runCli(['start', 'ApprovalRequest', '--workflow-id', id, '--input', '{"request":"x"}'], env, ROOT)).code,
        0,
      );
    }
    assert.equal(
      (
        await runCli(
          [
            'start',
            'OrderPipeline',
            '--workflow-id',
            's-3',
            '--input',
            '{"orderId":"s","items":[{"sku":"pen","quantity":1}]}',
          ],
          env,
          ROOT,
        )
      ).code,
      0,
    );
    const { code, stdout, stderr } = await runCli(['status', '--task-list', 'agent-a'], env, ROOT);
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`^endpoint: +${server.url.replaceAll('.', '\\.')} answers$`, 'm'));
    assert.match(stdout, /^domain: +status \(REGISTERED, closed runs kept 7 days\)$/m);
    assert.match(stdout, /^ {2}decision +approvals +2$/m);
    assert.match(stdout, /^ {2}decision +orders +1$/m);
    assert.match(stdout, /^ {2}activity +agent-a +0$/m);
    assert.match(stdout, /^open executions: 3$/m);
    assert.match(stdout, /^ {2}ApprovalRequest@1 +2$/m);
    assert.match(stdout, /^ {2}OrderPipeline@1 +1$/m);

    const json = JSON.parse((await runCli(['status', '--json'], env, ROOT)).stdout) as {
      answers: boolean;
      openExecutions: { type: string; count: number }[];
    };
    assert.equal(json.answers, true);
    assert.deepEqual(json.openExecutions, [
      { type: 'ApprovalRequest@1', count: 2 },
      { type: 'OrderPipeline@1', count: 1 },
    ]);
  });

  test('an unknown domain exits 1 with the fix', async () => {
    const { code, stdout, stderr } = await runCli(['status', '--domain', 'nowhere'], env, ROOT);
    assert.equal(code, 1);
    assert.match(stdout, /answers/);
    assert.match(stderr, /^flowy: .*nowhere.*flowy register/);
  });

  test('an endpoint that does not answer says so and exits 1', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const { code, stdout, stderr } = await runCli(['status', '--endpoint', `http://127.0.0.1:${port}`], {}, ROOT);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^endpoint: +http://127\\.0\\.0\\.1:${port} does not answer$`, 'm'));
    assert.match(stderr, /^flowy: cannot reach/);
  });
});
