import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runFlowy, spawnFlowy, startDevServer, stopAll } from './processes.ts';

const FOLDERS = ['--folders', 'test/integration/e2e/fixtures'];

describe('an activity worker killed mid-activity', () => {
  let env: Record<string, string>;
  before(async () => {
    const server = await startDevServer();
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'killed' };
  });
  after(async () => {
    await stopAll();
  });

  test('the activity times out on its heartbeat, the retry policy runs it again on another worker, the execution completes', async () => {
    const deciders = spawnFlowy(['start-workflow-worker', ...FOLDERS, '--log-format', 'json'], env);
    await deciders.waitForLine(/decision worker polling/);
    const doomed = spawnFlowy(
      ['start-activity-worker', ...FOLDERS, '--no-register', '--log-format', 'json', '--log-level', 'debug'],
      { ...env, CRUNCH_MODE: 'hang' },
    );
    await doomed.waitForLine(/activity worker polling/);

    const started = await runFlowy(
      ['start', 'CrunchJob', ...FOLDERS, '--workflow-id', 'crunch-1', '--input', '{"numbers":[1,2,3]}'],
      env,
    );
    assert.equal(started.code, 0, started.stderr);
    await doomed.waitForLine(/"msg":"activity Crunch started"/);
    doomed.child.kill('SIGKILL');
    assert.equal(await doomed.exited, 'SIGKILL');

    const healthy = spawnFlowy(['start-activity-worker', ...FOLDERS, '--no-register', '--log-format', 'json'], env);
    await healthy.waitForLine(/activity worker polling/);
    const result = await runFlowy(['result', 'crunch-1'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { sum: 6, attempt: 2 });

    const { events: history } = JSON.parse((await runFlowy(['history', 'crunch-1', '--json'], env)).stdout) as {
      events: { eventType: string; activityTaskTimedOutEventAttributes?: { timeoutType: string; details?: string } }[];
    };
    const timedOut = history.filter((e) => e.eventType === 'ActivityTaskTimedOut');
    assert.equal(timedOut.length, 1);
    assert.equal(timedOut[0]?.activityTaskTimedOutEventAttributes?.timeoutType, 'HEARTBEAT');
    assert.equal(history.at(-1)?.eventType, 'WorkflowExecutionCompleted');
  });
});
