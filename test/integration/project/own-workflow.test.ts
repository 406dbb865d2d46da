// A user's own workflow added to workflows/ must never break the project's tests: the tests that
// scan the example folders run in a copy of the project with one more workflow and stay green.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The project's files without node_modules (linked instead), git data or local server state. */
async function copyProject(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'flowy-own-workflow-'));
  for (const entry of ['package.json', 'tsconfig.json', 'bin', 'src', 'workflows', 'activities', 'test']) {
    await cp(join(ROOT, entry), join(copy, entry), { recursive: true });
  }
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

const GREETING = `import { ActivityProxy, Workflow, workflow } from 'flowy-ts';
import { activity } from 'flowy-ts';

@activity({ name: 'ComposeGreeting', taskList: 'greetings' })
export class ComposeGreeting {
  async run(name: string): Promise<string> {
    return \`hello \${name}\`;
  }
}

@workflow({ name: 'Greeting', taskList: 'greetings' })
export class Greeting extends Workflow<string, string> {
  compose = ActivityProxy(ComposeGreeting);

  async run(name: string): Promise<string> {
    return this.compose(name);
  }
}
`;

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // without NODE_TEST_CONTEXT: a test run inside this test reports like one started from a shell
    const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
    const child = spawn(command, args, {
      cwd,
      env: { ...env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

test('a workflow the user adds to workflows/ keeps the tests that scan the examples green', async () => {
  const copy = await copyProject();
  try {
    await writeFile(join(copy, 'workflows', 'greeting.ts'), GREETING);
    // the tests that read workflows/ and activities/: the recorded-history replay and the CLI's examples
    const { code, output } = await run(
      process.execPath,
      ['test/run.js', 'test/replay/', 'test/integration/cli/help-examples'],
      copy,
    );
    assert.equal(code, 0, output);
    assert.match(output, /every example workflow has at least one recorded history/);
    // and the new workflow really is found and runs
    const ran = await run(process.execPath, ['bin/flowy.js', 'run', 'Greeting', '--quiet', '--input', '"ana"'], copy);
    assert.equal(ran.code, 0, ran.output);
    assert.equal(JSON.parse(ran.output), 'hello ana');
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
});
