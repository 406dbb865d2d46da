import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlowy, spawnFlowy, startDevServer, stopAll } from './processes.ts';

describe('separate processes: a delegated activity survives a restart of every worker', () => {
  let env: Record<string, string>;
  let inbox: string;
  before(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'flowy-inbox-'));
    const server = await startDevServer();
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'delegate', FLOWY_REVIEW_INBOX: inbox };
  });
  after(async () => {
    await stopAll();
    await rm(inbox, { recursive: true, force: true });
  });

  async function ticket(): Promise<{ taskToken: string }> {
    for (let i = 0; i < 300; i += 1) {
      const files = await readdir(inbox);
      if (files.length > 0)
        return JSON.parse(await readFile(join(inbox, files[0] as string), 'utf8')) as { taskToken: string };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no review ticket was written');
  }

  test('flowy complete delivers the result to workers started after the activity handed out its token', async () => {
    const deciders = spawnFlowy(['start-workflow-worker', '--task-list', 'reviews', '--log-format', 'json'], env);
    const activities = spawnFlowy(
      ['start-activity-worker', '--task-list', 'reviews', '--no-register', '--log-format', 'json'],
      env,
    );
    await deciders.waitForLine(/decision worker polling/);
    await activities.waitForLine(/activity worker polling/);
    const started = await runFlowy(
      ['start', 'DocumentReview', '--workflow-id', 'doc-1', '--input', '{"documentId":"guide","reviewer":"ana"}'],
      env,
    );
    assert.equal(started.code, 0, started.stderr);
    const { taskToken } = await ticket();
    await activities.waitForLine(/completed asynchronously/);

    deciders.child.kill('SIGTERM');
    activities.child.kill('SIGTERM');
    assert.equal(await deciders.exited, 0);
    assert.equal(await activities.exited, 0);
    const describe = await runFlowy(['describe', 'doc-1'], env);
    assert.match(describe.stdout, /status:\s+OPEN/);
    assert.match(describe.stdout, /open:\s+1 activities/);

    const newDeciders = spawnFlowy(
      ['start-workflow-worker', '--task-list', 'reviews', '--no-register', '--log-format', 'json'],
      env,
    );
    const newActivities = spawnFlowy(
      ['start-activity-worker', '--task-list', 'reviews', '--no-register', '--log-format', 'json'],
      env,
    );
    await newDeciders.waitForLine(/decision worker polling/);
    await newActivities.waitForLine(/activity worker polling/);
    const completed = await runFlowy(
      ['complete', '--task-token', taskToken, '--result', '{"approved":true,"comment":"clear"}'],
      env,
    );
    assert.equal(completed.code, 0, completed.stderr);
    assert.match(completed.stdout, /activity task completed/);

    const result = await runFlowy(['result', 'doc-1'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      documentId: 'guide',
      approved: true,
      comment: 'clear',
      url: 'https://docs.example.com/guide',
    });
  });
});
