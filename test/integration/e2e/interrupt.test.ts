// Ctrl-C and service stops end flowy's long-running commands with the same codes whether they are
// started directly or through npx (which reports 130 for SIGINT): 130 after Ctrl-C, 0 after SIGTERM.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnFlowy, startDevServer, stopAll } from './processes.ts';

describe('exit codes after a signal', () => {
  after(stopAll);

  test('Ctrl-C (SIGINT) stops flowy dev and a worker gracefully with exit code 130; SIGTERM with 0', async () => {
    const dev = await startDevServer();
    const env = { SWF_ENDPOINT: dev.url, SWF_DOMAIN: 'interrupt' };
    const interrupted = spawnFlowy(['start-workflow-worker', '--task-list', 'approvals', '--log-format', 'json'], env);
    const terminated = spawnFlowy(
      ['start-activity-worker', '--no-register', '--task-list', 'orders', '--log-format', 'json'],
      env,
    );
    await interrupted.waitForLine(/decision worker polling/);
    await terminated.waitForLine(/activity worker polling/);
    interrupted.child.kill('SIGINT');
    terminated.child.kill('SIGTERM');
    assert.equal(await interrupted.exited, 130, interrupted.stderr());
    assert.match(interrupted.stderr(), /SIGINT received: finishing in-flight work/);
    assert.equal(await terminated.exited, 0, terminated.stderr());
    dev.process.child.kill('SIGINT');
    assert.equal(await dev.process.exited, 130);
  });

  test('Ctrl-C stops flowy run with exit code 130 and one line saying what stopped', async () => {
    const run = spawnFlowy(['run', 'ApprovalRequest', '--input', '{"request":"lamp"}']);
    await run.waitForLine(/timer timer-1 started/);
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 130);
    assert.match(run.stderr(), /^flowy: SIGINT received: stopped; the workflow lived in the embedded server/m);
  });
});
