// Payloads in Amazon S3 (or any S3-compatible service): one object per blob under a prefix,
// typically one bucket and prefix per SWF domain (see payloadStorageFromEnv).
// The S3 SDK is imported when the store is first used, so processes without S3 never load it.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { PayloadStore } from './store.ts';

/** Options of {@link S3PayloadStore}. */
export interface S3PayloadStoreOptions {
  bucket: string;
  /** Prepended to every key, e.g. `flowy/shop/` (a trailing '/' is added when missing). */
  prefix?: string;
  /** The client; default `new S3Client(clientConfig)` (region and credentials from the environment). */
  client?: S3Client;
  /** Configuration of the default client, e.g. `{ endpoint, forcePathStyle: true }` for an S3-compatible service. */
  clientConfig?: S3ClientConfig;
}

/** Blobs as S3 objects `s3://<bucket>/<prefix><key>`. */
export class S3PayloadStore implements PayloadStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly description: string;
  private client: S3Client | undefined;
  private readonly clientConfig: S3ClientConfig;

  constructor(options: S3PayloadStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ? options.prefix.replace(/\/?$/, '/') : '';
    this.client = options.client;
    this.clientConfig = options.clientConfig ?? {};
    this.description = `s3://${this.bucket}/${this.prefix}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(key)) return; // content-addressed: the object is already there
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await (
      await this.s3()
    ).send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + key,
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const object = await (
        await this.s3()
      ).send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async s3(): Promise<S3Client> {
    if (!this.client) {
      const { S3Client } = await import('@aws-sdk/client-s3');
      this.client = new S3Client(this.clientConfig);
    }
    return this.client;
  }

  private async has(key: string): Promise<boolean> {
    try {
      const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
      await (await this.s3()).send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
