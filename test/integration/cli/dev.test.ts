import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../examples/capture.ts';

test('a second flowy dev on a busy port fails in one line and creates no database', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const { port } = busy.address() as AddressInfo;
  const folder = await mkdtemp(join(tmpdir(), 'flowy-dev-'));
  try {
    const db = join(folder, 'state', 'swf.db');
    const { code, stdout, stderr } = await runCli(['dev', '--port', String(port), '--db', db]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(
      stderr,
      new RegExp(
        `^flowy: Port ${port} on 127\\.0\\.0\\.1 is already in use \\(another flowy dev\\?\\); stop it, or pass --port`,
      ),
    );
    assert.equal(existsSync(join(folder, 'state')), false);
  } finally {
    await new Promise((resolve) => busy.close(resolve));
    await rm(folder, { recursive: true, force: true });
  }
});
