// The S3 payload store against s3rver, an S3-compatible server that runs in process (npm), through
// the unchanged @aws-sdk/client-s3 client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import {
  gzipCodec,
  parseReference,
  payloadStorageFromEnv,
  PayloadNotFound,
  PayloadStorage,
  S3PayloadStore,
} from '../../../src/payloads/index.ts';

describe('S3 payload store (against a local S3-compatible server)', () => {
  let directory: string;
  let server: S3rver;
  let endpoint: string;
  let client: S3Client;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'flowy-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: 'payloads', configs: [] }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  after(async () => {
    client.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('stores under the prefix once per content and reads back through gzip', async () => {
    const store = new S3PayloadStore({ bucket: 'payloads', prefix: 'flowy/shop', client });
    const payloads = new PayloadStorage({ store, codecs: [gzipCodec] });
    const payload = JSON.stringify({ blob: 'abc'.repeat(400_000) });
    const reference = (await payloads.offload(payload))!;
    await new PayloadStorage({ store, codecs: [gzipCodec] }).offload(payload); // a retry: same key, nothing new
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'payloads', Prefix: 'flowy/shop/' }));
    assert.deepEqual(
      listed.Contents?.map((o) => o.Key),
      [`flowy/shop/${parseReference(reference, 't').key}`],
    );
    assert.equal(await new PayloadStorage({ store }).resolve(reference, 't'), payload);
    assert.equal(store.description, 's3://payloads/flowy/shop/');
  });

  test('a missing object is PayloadNotFound naming the key and the store', async () => {
    const store = new S3PayloadStore({ bucket: 'payloads', prefix: 'other', client });
    const key = 'e'.repeat(64);
    assert.equal(await store.get(key), undefined);
    const reference = `{"$flowyPayload":1,"key":"${key}","length":5,"codecs":[]}`;
    await assert.rejects(
      new PayloadStorage({ store }).resolve(reference, 'result of event 9 (ActivityTaskCompleted) of execution x'),
      (error: Error) => {
        assert.ok(error instanceof PayloadNotFound);
        assert.match(
          error.message,
          new RegExp(
            `^Payload ${key} referenced by result of event 9 \\(ActivityTaskCompleted\\) of execution x is not in the payload store \\(s3://payloads/other/\\)`,
          ),
        );
        return true;
      },
    );
  });

  test('FLOWY_PAYLOADS=s3://bucket/prefix selects S3 with the domain under the prefix', async () => {
    const env = {
      FLOWY_PAYLOADS: 's3://payloads/flowy',
      FLOWY_S3_ENDPOINT: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
    const saved = { ...process.env };
    Object.assign(process.env, env); // the S3 client reads region and credentials from the process environment
    try {
      const payloads = payloadStorageFromEnv({ env, domain: 'orders', isLocal: false })!;
      assert.equal(payloads.store.description, 's3://payloads/flowy/orders/');
      const reference = (await payloads.offload('y'.repeat(40_000)))!;
      assert.equal(await payloads.resolve(reference, 't'), 'y'.repeat(40_000));
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
