import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runFlowy, spawnFlowy, stopAll } from './processes.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('workers that cannot reach SWF', () => {
  after(async () => {
    await stopAll();
  });

  test('retry with backoff, say so, and carry on once the server is up', async () => {
    const port = await freePort();
    const env = { SWF_ENDPOINT: `http://127.0.0.1:${port}`, SWF_DOMAIN: 'reconnect' };
    const registering = spawnFlowy(['start-workflow-worker', '--task-list', 'approvals', '--log-format', 'json'], env);
    const polling = spawnFlowy(
      ['start-activity-worker', '--no-register', '--task-list', 'reviews', '--log-format', 'json'],
      env,
    );
    const registerWarning = await registering.waitForLine(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ to register .* retrying in \d/,
    );
    assert.match(registerWarning, /"level":40/);
    const pollWarning = await polling.waitForLine(/activity poll failed: .*ECONNREFUSED.*retrying in \d/);
    assert.match(pollWarning, /"level":40/);

    const server = spawnFlowy(['dev', '--port', String(port), '--db', ':memory:', '--long-poll-ms', '1000']);
    await server.waitForLine(/listening at/);
    await registering.waitForLine(/registered in domain \\"reconnect\\"/);
    await registering.waitForLine(/decision worker polling/);
    await polling.waitForLine(/activity polling works again after \d+ failed poll/, 60_000);

    // The domain registered by the first worker serves the second one's start.
    const started = await runFlowy(
      ['start', 'ApprovalRequest', '--workflow-id', 'r-1', '--input', '{"request":"x","timeoutSeconds":1}', '--wait'],
      env,
    );
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /"timedOut":true/);

    registering.child.kill('SIGTERM');
    polling.child.kill('SIGTERM');
    assert.equal(await registering.exited, 0);
    assert.equal(await polling.exited, 0);
  });
});
