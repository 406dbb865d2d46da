// --watch restarts a worker with the new code when a scanned file changes: new types are
// registered, and an open run is decided by the new code.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runFlowy, spawnFlowy, startDevServer, stopAll } from './processes.ts';

const FLOWY_TS = pathToFileURL(join(ROOT, 'src/index.ts')).href;

const greeting = (answer: string) => `import { Workflow, workflow } from '${FLOWY_TS}';

@workflow({ name: 'WatchGreeting', taskList: 'watched' })
export class WatchGreeting extends Workflow<void, string> {
  async run(): Promise<string> {
    await this.signal('go');
    return '${answer}';
  }
}
`;

const FAREWELL = `import { Workflow, workflow } from '${FLOWY_TS}';

@workflow({ name: 'WatchFarewell', taskList: 'watched' })
export class WatchFarewell extends Workflow<void, string> {
  async run(): Promise<string> {
    return 'bye';
  }
}
`;

describe('start-workflow-worker --watch', () => {
  let folder = '';
  after(async () => {
    await stopAll();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('restarts on a change: new types are registered and the open run gets the new code', async () => {
    folder = await mkdtemp(join(tmpdir(), 'flowy-watch-'));
    await writeFile(join(folder, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(folder, 'greeting.ts'), greeting('one'));
    const dev = await startDevServer();
    const env = { SWF_ENDPOINT: dev.url, SWF_DOMAIN: 'watch' };
    const worker = spawnFlowy(['start-workflow-worker', '--watch', '--folders', folder, '--log-format', 'json'], env);
    await worker.waitForLine(/decision worker polling .*WatchGreeting@1/);

    const started = await runFlowy(
      ['start', 'WatchGreeting', '--folders', folder, '--workflow-id', 'w-1', '--json'],
      env,
    );
    assert.equal(started.code, 0, started.stderr);

    await writeFile(join(folder, 'greeting.ts'), greeting('two'));
    await writeFile(join(folder, 'farewell.ts'), FAREWELL);
    await worker.waitForLine(/flowy --watch: .*changed: restarting the worker/);
    await worker.waitForLine(
      /decision worker polling .*WatchFarewell@1.*WatchGreeting@1|decision worker polling .*WatchGreeting@1.*WatchFarewell@1/,
    );

    assert.equal((await runFlowy(['signal', 'w-1', 'go'], env)).code, 0);
    const result = await runFlowy(['result', 'w-1'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout), 'two');
    const farewell = await runFlowy(['start', 'WatchFarewell', '--folders', folder, '--wait'], env);
    assert.equal(farewell.code, 0, farewell.stderr);
    assert.equal(JSON.parse(farewell.stdout), 'bye');

    worker.child.kill('SIGINT');
    assert.equal(await worker.exited, 130);
    dev.process.child.kill('SIGTERM');
    assert.equal(await dev.process.exited, 0);
  });
});
