import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FilePayloadStore,
  formatReference,
  gzipCodec,
  isReference,
  MemoryPayloadStore,
  parseReference,
  PayloadNotFound,
  PayloadStorage,
  PAYLOAD_REFERENCE_VERSION,
} from '../../../src/payloads/index.ts';
import type { HistoryEvent } from '../../../src/core/engine.ts';

const big = (n: number, letter = 'x') => JSON.stringify(letter.repeat(n));

describe('payload storage', () => {
  test('payloads up to the threshold stay in place; longer ones become a versioned reference', async () => {
    const store = new MemoryPayloadStore();
    const payloads = new PayloadStorage({ store, threshold: 100 });
    assert.equal(await payloads.offload(big(98)), big(98));
    assert.equal(await payloads.offload(undefined), undefined);
    const reference = (await payloads.offload(big(200)))!;
    assert.ok(isReference(reference));
    const parsed = parseReference(reference, 'test');
    assert.equal(parsed.version, PAYLOAD_REFERENCE_VERSION);
    assert.match(parsed.key, /^[0-9a-f]{64}$/);
    assert.equal(parsed.length, 202);
    assert.deepEqual(parsed.codecs, []);
    assert.equal(await payloads.resolve(reference, 'test'), big(200));
  });

  test('the default threshold is 32,000 characters', async () => {
    const payloads = new PayloadStorage({ store: new MemoryPayloadStore() });
    assert.equal(payloads.threshold, 32_000);
    assert.equal(await payloads.offload('x'.repeat(32_000)), 'x'.repeat(32_000));
    assert.ok(isReference(await payloads.offload('x'.repeat(32_001))));
  });

  test('keys are content hashes: the same payload is written once', async () => {
    const store = new MemoryPayloadStore();
    const payloads = new PayloadStorage({ store, threshold: 10 });
    const first = await payloads.offload(big(1000));
    const again = await new PayloadStorage({ store, threshold: 10 }).offload(big(1000));
    assert.equal(first, again);
    assert.equal(store.writes, 1);
    await payloads.offload(big(1000, 'y'));
    assert.equal(store.writes, 2);
  });

  test('gzip is applied before storing and undone when reading; the codec is named in key and reference', async () => {
    const store = new MemoryPayloadStore();
    const payloads = new PayloadStorage({ store, threshold: 10, codecs: [gzipCodec] });
    const reference = (await payloads.offload(big(1_000_000)))!;
    const { key, codecs } = parseReference(reference, 'test');
    assert.deepEqual(codecs, ['gzip']);
    assert.match(key, /^[0-9a-f]{64}\.gzip$/);
    assert.ok(store.blobs.get(key)!.length < 10_000, 'a megabyte of one letter compresses');
    // a reader that configured no codec still reads gzip (it ships with flowy)
    assert.equal(await new PayloadStorage({ store }).resolve(reference, 'test'), big(1_000_000));
  });

  test('a payload that looks like a reference is stored, so it is never mistaken for one', async () => {
    const payloads = new PayloadStorage({ store: new MemoryPayloadStore(), threshold: 1000 });
    const lookalike = formatReference({ key: 'a'.repeat(64), length: 1, codecs: [] });
    const stored = (await payloads.offload(lookalike))!;
    assert.notEqual(stored, lookalike);
    assert.equal(await payloads.resolve(stored, 'test'), lookalike);
  });

  test('a missing blob is an error naming the key, the field and the execution', async () => {
    const store = new MemoryPayloadStore();
    const payloads = new PayloadStorage({ store, threshold: 10 });
    const reference = (await payloads.offload(big(100)))!;
    const { key } = parseReference(reference, 'test');
    store.blobs.clear();
    const events = [
      { eventId: 1, eventType: 'WorkflowExecutionStarted', workflowExecutionStartedEventAttributes: { input: '1' } },
      { eventId: 7, eventType: 'ActivityTaskCompleted', activityTaskCompletedEventAttributes: { result: reference } },
    ] as HistoryEvent[];
    const fresh = new PayloadStorage({ store, threshold: 10 }); // no cached copy
    await assert.rejects(fresh.resolveEvents(events, { workflowId: 'order-1', runId: 'r-9' }), (error: Error) => {
      assert.ok(error instanceof PayloadNotFound);
      assert.equal(error.key, key);
      assert.equal(
        error.message,
        `Payload ${key} referenced by result of event 7 (ActivityTaskCompleted) of execution order-1 (run r-9) is not in the payload store (the in-memory payload store); ` +
          'it was deleted, or this process uses another store than the one that wrote it (check FLOWY_PAYLOADS)',
      );
      return true;
    });
  });

  test('resolveEvents replaces references and keeps other events as they are', async () => {
    const payloads = new PayloadStorage({ store: new MemoryPayloadStore(), threshold: 10 });
    const reference = await payloads.offload(big(100));
    const plain = {
      eventId: 2,
      eventType: 'WorkflowExecutionSignaled',
      workflowExecutionSignaledEventAttributes: { signalName: 's', input: '"small"' },
    };
    const events = [
      {
        eventId: 1,
        eventType: 'WorkflowExecutionStarted',
        workflowExecutionStartedEventAttributes: { input: reference, taskList: { name: 't' } },
      },
      plain,
    ] as HistoryEvent[];
    const resolved = await payloads.resolveEvents(events);
    assert.deepEqual(resolved[0]!.workflowExecutionStartedEventAttributes, {
      input: big(100),
      taskList: { name: 't' },
    });
    assert.equal(resolved[1], plain);
    assert.equal(
      events[0]!.workflowExecutionStartedEventAttributes?.input,
      reference,
      'the given events are not changed',
    );
  });

  test('a reference of a newer version or a malformed one is refused by name', () => {
    assert.throws(
      () => parseReference(`{"$flowyPayload":2,"key":"${'a'.repeat(64)}","length":1,"codecs":[]}`, 'input of event 1'),
      /Payload reference in input of event 1 is of version 2; this flowy reads up to version 1: upgrade flowy-ts/,
    );
    assert.throws(
      () => parseReference('{"$flowyPayload":1,"key":"../../etc/passwd"}', 'input of event 1'),
      /is malformed/,
    );
  });

  test('the file store writes each blob once, atomically, and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-payloads-'));
    try {
      const store = new FilePayloadStore(join(dir, 'shop'));
      const payloads = new PayloadStorage({ store, threshold: 10, codecs: [gzipCodec] });
      const reference = (await payloads.offload(big(50_000)))!;
      await payloads.offload(big(50_000));
      assert.deepEqual(readdirSync(join(dir, 'shop')), [parseReference(reference, 't').key]);
      assert.equal(
        await new PayloadStorage({ store: new FilePayloadStore(join(dir, 'shop')) }).resolve(reference, 't'),
        big(50_000),
      );
      assert.equal(await store.get('f'.repeat(64)), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('payload storage from the environment', () => {
  test('the local server gets files under .flowy/payloads/<domain>, gzip, threshold 32,000', async () => {
    const { payloadStorageFromEnv } = await import('../../../src/payloads/index.ts');
    const payloads = payloadStorageFromEnv({ env: {}, domain: 'shop', isLocal: true, cwd: '/srv/app' })!;
    assert.equal(payloads.store.description, 'files under /srv/app/.flowy/payloads/shop');
    assert.deepEqual(
      payloads.codecs.map((c) => c.name),
      ['gzip'],
    );
    assert.equal(payloads.threshold, 32_000);
  });

  test('real SWF has no store unless FLOWY_PAYLOADS names one; "none" turns it off', async () => {
    const { payloadStorageFromEnv } = await import('../../../src/payloads/index.ts');
    assert.equal(payloadStorageFromEnv({ env: {}, domain: 'shop', isLocal: false }), undefined);
    assert.equal(payloadStorageFromEnv({ env: { FLOWY_PAYLOADS: 'none' }, domain: 'shop', isLocal: true }), undefined);
    const custom = payloadStorageFromEnv({
      env: { FLOWY_PAYLOADS: '/data/blobs', FLOWY_PAYLOAD_CODECS: 'none', FLOWY_PAYLOAD_THRESHOLD: '1000' },
      domain: 'shop',
      isLocal: false,
    })!;
    assert.equal(custom.store.description, 'files under /data/blobs/shop');
    assert.deepEqual(custom.codecs, []);
    assert.equal(custom.threshold, 1000);
  });

  test('bad settings are refused naming the variable and the fix', async () => {
    const { payloadStorageFromEnv } = await import('../../../src/payloads/index.ts');
    assert.throws(
      () => payloadStorageFromEnv({ env: { FLOWY_PAYLOAD_THRESHOLD: '50000' }, domain: 'd', isLocal: true }),
      /FLOWY_PAYLOAD_THRESHOLD must be a whole number of characters from 1 to 32768, got "50000"/,
    );
    assert.throws(
      () => payloadStorageFromEnv({ env: { FLOWY_PAYLOAD_CODECS: 'zstd' }, domain: 'd', isLocal: true }),
      /FLOWY_PAYLOAD_CODECS: unknown codec "zstd"/,
    );
    assert.throws(
      () => payloadStorageFromEnv({ env: { FLOWY_PAYLOADS: 'gs://bucket' }, domain: 'd', isLocal: true }),
      /FLOWY_PAYLOADS "gs:\/\/bucket" is neither a directory nor s3:\/\/bucket\/prefix/,
    );
  });
});
