import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlowy, spawnFlowy, startDevServer, stopAll } from './processes.ts';
import type { FlowyProcess } from './processes.ts';

describe('separate processes: a job tree on two agents', () => {
  let env: Record<string, string>;
  let agents: FlowyProcess[];
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowy-jobs-'));
    const server = await startDevServer();
    env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: 'jobs' };
    const deciders = spawnFlowy(['start-workflow-worker', '--task-list', 'jobs', '--log-format', 'json'], env);
    await deciders.waitForLine(/decision worker polling/);
    agents = ['a', 'b'].map((agent) =>
      spawnFlowy(
        [
          'start-activity-worker',
          '--task-list',
          `agent-${agent}`,
          '--no-register',
          '--log-format',
          'json',
          '--log-level',
          'debug',
        ],
        env,
      ),
    );
    await Promise.all(agents.map((agent) => agent.waitForLine(/activity worker polling/)));
  });
  after(async () => {
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  });

  test('each agent runs its own job; the parent collects exit codes and output', async () => {
    const input = JSON.stringify({
      jobs: [
        { name: 'hello', agent: 'a', script: 'echo hello from a' },
        { name: 'fail', agent: 'b', script: 'exit 4' },
      ],
    });
    const started = await runFlowy(['start', 'JobTree', '--workflow-id', 'tree-1', '--input', input, '--wait'], env);
    assert.equal(started.code, 0, started.stderr);
    const result = JSON.parse(started.stdout) as {
      succeeded: boolean;
      jobs: { name: string; exitCode: number; output: string }[];
    };
    assert.equal(result.succeeded, false);
    assert.deepEqual(
      result.jobs.map((j) => [j.name, j.exitCode, j.output]),
      [
        ['hello', 0, 'hello from a\n'],
        ['fail', 4, ''],
      ],
    );
    await agents[0]?.waitForLine(/"workflowId":"tree-1.hello"/);
    await agents[1]?.waitForLine(/"workflowId":"tree-1.fail"/);

    // The recorded run (with its ids, which the children's ids derive from) replays with today's code.
    const file = join(dir, 'tree-1.json');
    const recorded = await runFlowy(['history', 'tree-1', '--out', file], env);
    assert.equal(recorded.code, 0, recorded.stderr);
    const replayed = await runFlowy(['replay', '--history', file], env);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.match(replayed.stdout, /of JobTree@1: the code reproduces the history \(status completed\)/);
    // What `flowy history --json` prints is the same recording, so it replays as well.
    const printed = await runFlowy(['history', 'tree-1', '--json'], env);
    assert.equal(printed.code, 0, printed.stderr);
    const printedFile = join(dir, 'tree-1-printed.json');
    await writeFile(printedFile, printed.stdout);
    const replayedPrinted = await runFlowy(['replay', '--history', printedFile], env);
    assert.equal(replayedPrinted.code, 0, replayedPrinted.stdout);
  });

  test('flowy cancel of the tree reaches the running children and their scripts; everything closes as canceled', async () => {
    const input = JSON.stringify({
      jobs: [
        { name: 'long', agent: 'a', script: 'sleep 60' },
        { name: 'longer', agent: 'b', script: 'sleep 120' },
      ],
    });
    assert.equal((await runFlowy(['start', 'JobTree', '--workflow-id', 'tree-2', '--input', input], env)).code, 0);
    await Promise.all(
      agents.map((agent) => agent.waitForLine(/^(?=.*"msg":"activity RunScript started")(?=.*tree-2)/)),
    );
    const canceled = await runFlowy(['cancel', 'tree-2'], env);
    assert.equal(canceled.code, 0, canceled.stderr);
    assert.equal(canceled.stdout.trim().split('\n').length, 1);
    const result = await runFlowy(['result', 'tree-2'], env);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^flowy: Workflow tree-2 \(run \S+\) canceled: job tree canceled: 0 of 2 jobs had finished/,
    );
    for (const child of ['tree-2.long', 'tree-2.longer']) {
      assert.match((await runFlowy(['describe', child], env)).stdout, /CLOSED \(CANCELED\)/);
    }
    // The parent canceled its children, each child its script: every agent's heartbeat learned it.
    await Promise.all(
      agents.map((agent) => agent.waitForLine(/^(?=.*cancellation requested by the workflow)(?=.*tree-2)/)),
    );
  });
});
