// Unit: a read on a file database takes no commit, yet is answered only once what it saw is on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../src/local/store/store.ts';

test('a read that sees a change of the open batch settles after that batch is synced, a lone read at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowy-store-'));
  const store = new Store({ path: join(dir, 'swf.db') });
  try {
    const commits = store.counters.commits;
    assert.equal(await store.read(() => store.getMeta('k')), undefined);
    assert.equal(store.counters.commits, commits, 'a read alone syncs nothing');

    const written = store.grouped(() => store.setMeta('k', 'v'));
    const seen = await store.read(() => store.getMeta('k'));
    assert.equal(seen, 'v');
    assert.equal(store.counters.commits, commits + 1, 'answered only once the change it saw is on disk');
    await written;

    // a read while that batch's sync is in flight waits for it too
    const second = store.grouped(() => store.setMeta('k', 'w'));
    await new Promise((resolve) => setImmediate(resolve)); // the batch is committed, its sync started
    const during = await store.read(() => store.getMeta('k'));
    assert.equal(during, 'w');
    assert.equal(store.counters.commits, commits + 2);
    await second;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
