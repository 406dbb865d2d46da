import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runCli } from '../../integration/examples/capture.ts';

const COMMANDS = [
  'run',
  'dev',
  'register',
  'start-workflow-worker',
  'start-activity-worker',
  'start',
  'result',
  'signal',
  'cancel',
  'terminate',
  'describe',
  'list',
  'history',
  'logs',
  'status',
  'replay',
  'complete',
];

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('flowy main()', () => {
  test('--help lists every command and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const command of COMMANDS) assert.match(stdout, new RegExp(`flowy ${command}\\b`));
    assert.match(stdout, /Examples:/);
  });

  for (const command of COMMANDS) {
    test(`"${command} --help" shows its usage with an example`, async () => {
      const { code, stdout, stderr } = await runCli([command, '--help']);
      assert.equal(code, 0, stderr);
      assert.match(stdout, new RegExp(`^flowy ${command}`));
      assert.match(stdout, /Examples:\n\s+flowy /);
    });
  }

  test('an unknown command is one line on stderr and exit 2', async () => {
    const { code, stdout, stderr } = await runCli(['deploy']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /^flowy: Unknown command "deploy"/);
  });

  test('an unknown flag is one line and exit 2', async () => {
    const { code, stderr } = await runCli(['list', '--colour']);
    assert.equal(code, 2);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /colour/);
  });

  test('no command at all is a usage error', async () => {
    const { code, stderr } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stderr, /Name a command/);
  });

  test('a missing argument names itself', async () => {
    const { code, stderr } = await runCli(['signal', 'only-an-id']);
    assert.equal(code, 2);
    assert.match(stderr, /flowy signal/);
    assert.match(stderr, /<name>|name/);
  });

  test('bad JSON input names the flag and exits 2', async () => {
    const { code, stderr } = await runCli(['start', 'OrderPipeline', '--input', '{oops}']);
    assert.equal(code, 2);
    assert.match(stderr, /^flowy: --input is not valid JSON/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });

  for (const command of [
    ['start', 'OrderPipeline'],
    ['run', 'OrderPipeline'],
    ['signal', 'some-id', 'approve'],
  ]) {
    test(`${command[0]} takes --input or --input-file, and names both when given both`, async () => {
      const { code, stderr } = await runCli([...command, '--input', '{}', '--input-file', 'in.json']);
      assert.equal(code, 2);
      assert.match(stderr, /^flowy: Give the (input|payload) once: --input JSON or --input-file FILE, not both/);
      const missing = await runCli([...command, '--input-file', 'does-not-exist.json']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^flowy: --input-file does-not-exist\.json: cannot read the file \(ENOENT\)/);
    });
  }

  test('a bad choice is a usage error', async () => {
    const { code, stderr } = await runCli(['list', '--status', 'DONE']);
    assert.equal(code, 2);
    assert.match(stderr, /status/);
  });

  test('an input that does not match the workflow schema exits 2 naming the field', async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli([
      'start',
      'OrderPipeline',
      '--input',
      '{"orderId":"x","items":[]}',
      '--endpoint',
      `http://127.0.0.1:${port}`,
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /items/);
  });

  test('an unreachable endpoint is one line naming it and the fix, exit 1; --verbose adds the stack', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const quiet = await runCli(['list', '--endpoint', endpoint]);
    assert.equal(quiet.code, 1);
    assert.equal(quiet.stderr.trim().split('\n').length, 1);
    assert.match(quiet.stderr, new RegExp(`^flowy: cannot reach ${endpoint}.*flowy dev`));
    const verbose = await runCli(['list', '--endpoint', endpoint, '--verbose']);
    assert.equal(verbose.code, 1);
    assert.ok(verbose.stderr.trim().split('\n').length > 1);
    assert.match(verbose.stderr, /\n\s+at /);
  });

  test('SWF_ENDPOINT from the environment is used', async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli(['list'], { SWF_ENDPOINT: `http://127.0.0.1:${port}` });
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  test('an unknown workflow name lists what was found', async () => {
    const { code, stderr } = await runCli(['run', 'NoSuchFlow']);
    assert.equal(code, 2);
    assert.match(stderr, /Workflow "NoSuchFlow" is not in workflows, activities \(found: .*OrderPipeline/);
  });

  test('replay of a file that is not a history is a usage error', async () => {
    const { code, stderr } = await runCli(['replay', '--history', 'package.json']);
    assert.equal(code, 2);
    assert.match(stderr, /not a history/);
  });

  test('complete needs --task-token', async () => {
    const { code, stderr } = await runCli(['complete', '--result', '{}']);
    assert.equal(code, 2);
    assert.match(stderr, /task-token/);
  });

  for (const [flag, value] of [
    ['--limit', 'abc'],
    ['--limit', '0'],
    ['--limit', '2.5'],
  ]) {
    test(`${flag} ${value} is a usage error naming the flag, exit 2, before anything is sent`, async () => {
      const port = await closedPort();
      const { code, stdout, stderr } = await runCli([
        'list',
        flag as string,
        value as string,
        '--endpoint',
        `http://127.0.0.1:${port}`,
      ]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1);
      assert.match(stderr, /^flowy: --limit must be a whole number of at least 1/);
    });
  }

  test('numeric worker and server flags are checked the same way', async () => {
    for (const argv of [
      ['start-activity-worker', '--concurrency', 'many'],
      ['start-workflow-worker', '--pollers', '-1'],
      ['dev', '--port', 'http'],
    ]) {
      const { code, stderr } = await runCli(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, new RegExp(`^flowy: ${argv[1]} must be a whole number`));
    }
  });

  test('--watch of either worker names a folder that does not exist (exit 2)', async () => {
    for (const command of ['start-activity-worker', 'start-workflow-worker']) {
      const { code, stderr } = await runCli([command, '--watch', '--folders', 'no-such-folder']);
      assert.equal(code, 2, command);
      assert.match(stderr, /^flowy: --watch: no-such-folder does not exist; pass --folders/);
    }
  });

  describe('an endpoint that answers but is not SWF', () => {
    const web = createHttpServer((_request, response) => {
      response.statusCode = 404;
      response.end('<html>not here</html>');
    });
    let endpoint = '';
    before(async () => {
      await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
      endpoint = `127.0.0.1:${(web.address() as AddressInfo).port}`;
    });
    after(async () => {
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
    });

    test('https:// to a plain-HTTP server is one line naming the endpoint and the likely fix, exit 1', async () => {
      const { code, stderr } = await runCli(['list', '--endpoint', `https://${endpoint}`]);
      assert.equal(code, 1);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(
        stderr,
        new RegExp(
          `^flowy: cannot talk to https://${endpoint.replaceAll('.', '\\.')}: the TLS handshake failed \\(an https:// URL to a server that speaks plain HTTP\\?`,
        ),
      );
      assert.doesNotMatch(stderr, /SSL routines|openssl/i);
    });

    test('a web server that is not SWF is one line naming the endpoint, exit 1', async () => {
      const { code, stderr } = await runCli(['list', '--endpoint', `http://${endpoint}`]);
      assert.equal(code, 1);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(
        stderr,
        new RegExp(
          `^flowy: The endpoint http://${endpoint.replaceAll('.', '\\.')} does not implement the SWF operation ListOpenWorkflowExecutions: it answered HTTP 404`,
        ),
      );
    });
  });
});
