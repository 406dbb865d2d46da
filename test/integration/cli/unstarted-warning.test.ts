// A command that waits for a run says once, on stderr, when a task sits on a task list that no
// worker takes: which task list, and the likely fix, instead of hanging silently.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT } from '../examples/stack.ts';
import { spawnFlowy, stopAll } from '../e2e/processes.ts';

/** Runs flowy in process; `seen(pattern)` resolves once stderr shows a matching line. */
function runWatched(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString('utf8'));
        for (const waiter of [...waiters]) if (waiter.pattern.test(stderr)) waiter.resolve();
        callback();
      },
    });
  const code = main(argv, { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), env, cwd: ROOT });
  return {
    done: code.then((exit) => ({ code: exit, stdout, stderr })),
    seen: (pattern: RegExp) =>
      new Promise<void>((resolve) => (pattern.test(stderr) ? resolve() : waiters.push({ pattern, resolve }))),
  };
}

describe('warnings about tasks no worker takes', () => {
  let server: LocalServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    server = await startLocalServer({ longPollMs: 200 });
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'unstarted' };
    assert.equal((await runCli(['register'], env, ROOT)).code, 0);
  });
  after(async () => {
    await stopAll();
    await server.close();
  });

  test('start --wait names the decision task list nobody polls and the fix, once', async () => {
    const waiting = runWatched(
      [
        'start',
        'ApprovalRequest',
        '--workflow-id',
        'nobody-decides',
        '--input',
        '{"request":"x"}',
        '--wait',
        '--warn-unstarted',
        '0.2',
      ],
      env,
    );
    await waiting.seen(/still waiting/);
    assert.equal((await runCli(['terminate', 'nobody-decides', '--reason', 'test over'], env, ROOT)).code, 0);
    const { code, stdout, stderr } = await waiting.done;
    assert.equal(code, 1);
    assert.equal(stdout, '');
    const warnings = stderr.split('\n').filter((line) => line.includes('still waiting'));
    assert.equal(warnings.length, 1, stderr);
    assert.match(
      warnings[0] ?? '',
      /^flowy: still waiting: a decision task of ApprovalRequest@1 was scheduled on task list "approvals" \d+s ago and no worker has taken it; start a worker for it \(flowy start-workflow-worker --task-list approvals\), or restart the workflow workers started before ApprovalRequest@1 was added/,
    );
  });

  test('result names an activity task list nobody polls; --warn-unstarted 0 keeps quiet', async () => {
    assert.equal(
      (
        await runCli(
          [
            'start',
            'OrderPipeline',
            '--workflow-id',
            'nobody-acts',
            '--input',
            '{"orderId":"n","items":[{"sku":"pen","quantity":1}]}',
          ],
          env,
          ROOT,
        )
      ).code,
      0,
    );
    // one decision, so that the first activity is scheduled on "orders", where nobody polls
    assert.equal(
      (await runCli(['start-workflow-worker', '--no-register', '--task-list', 'orders', '--loop', '1'], env, ROOT))
        .code,
      0,
    );
    const waiting = runWatched(['result', 'nobody-acts', '--warn-unstarted', '0.2'], env);
    const quiet = runWatched(['result', 'nobody-acts', '--warn-unstarted', '0'], env);
    await waiting.seen(/still waiting/);
    assert.equal((await runCli(['terminate', 'nobody-acts'], env, ROOT)).code, 0);
    const { stderr } = await waiting.done;
    assert.match(
      stderr,
      /still waiting: activity ValidateOrder@1 was scheduled on task list "orders" \d+s ago and no worker has taken it; start a worker for it \(flowy start-activity-worker --task-list orders\)/,
    );
    assert.doesNotMatch((await quiet.done).stderr, /still waiting/);
  });

  test('flowy run names an agent task list it does not serve, inside a child run, and how to serve it', async () => {
    const run = spawnFlowy([
      'run',
      'JobTree',
      '--warn-unstarted',
      '0.2',
      '--input',
      '{"jobs":[{"name":"hi","agent":"a","script":"echo hi"}]}',
    ]);
    const line = await run.waitForLine(/still waiting/);
    run.child.kill('SIGTERM');
    await run.exited;
    assert.match(
      line,
      /^flowy: still waiting: activity RunScript@1 \(in JobTree-\S+\.hi\) was scheduled on task list "agent-a" \d+s ago and no worker has taken it; flowy run serves the task lists of the scanned activities only: add --activity-task-list agent-a$/,
    );
  });
});
