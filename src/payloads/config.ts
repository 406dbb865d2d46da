// Which payload store a process uses, from its environment, so that workers, the client and the
// CLI of one deployment agree (they must: a reference is only as good as the store behind it).
import { resolve } from 'node:path';
import { gzipCodec, type PayloadCodec } from './codec.ts';
import { DEFAULT_PAYLOAD_THRESHOLD, PayloadStorage } from './payload-storage.ts';
import { S3PayloadStore } from './s3-store.ts';
import { FilePayloadStore } from './store.ts';

/** Where local payloads go by default: beside `flowy dev`'s default database `.flowy/swf.db`. */
export const DEFAULT_PAYLOAD_DIRECTORY = '.flowy/payloads';

/** What {@link payloadStorageFromEnv} reads besides the environment. */
export interface PayloadEnvironment {
  env: NodeJS.ProcessEnv;
  domain: string;
  /** True when the SWF endpoint is the local server on this machine: files are then the default. */
  isLocal: boolean;
  cwd?: string;
}

/**
 * The payload storage configured by the environment, or undefined for none (payloads over SWF's
 * limit then fail with PayloadTooLargeError, as without flowy's store):
 * - `FLOWY_PAYLOADS`: a directory (blobs in `<dir>/<domain>/`), `s3://bucket[/prefix]` (objects
 *   under `<prefix>/<domain>/`), or `none`. Default: `.flowy/payloads` when the endpoint is the
 *   local server, none otherwise.
 * - `FLOWY_PAYLOAD_CODECS`: `gzip` (default) or `none`.
 * - `FLOWY_PAYLOAD_THRESHOLD`: characters above which payloads are stored (default 32000).
 * - `FLOWY_S3_ENDPOINT`: an S3-compatible endpoint instead of Amazon's (path-style addressing).
 */
export function payloadStorageFromEnv(options: PayloadEnvironment): PayloadStorage | undefined {
  const { env, domain } = options;
  const setting = env.FLOWY_PAYLOADS?.trim() || (options.isLocal ? DEFAULT_PAYLOAD_DIRECTORY : 'none');
  if (setting === 'none') return undefined;
  const threshold =
    env.FLOWY_PAYLOAD_THRESHOLD === undefined ? DEFAULT_PAYLOAD_THRESHOLD : Number(env.FLOWY_PAYLOAD_THRESHOLD);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 32_768) {
    throw new Error(
      `FLOWY_PAYLOAD_THRESHOLD must be a whole number of characters from 1 to 32768, got "${env.FLOWY_PAYLOAD_THRESHOLD}"`,
    );
  }
  const codecs = codecsFrom(env.FLOWY_PAYLOAD_CODECS ?? 'gzip');
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(setting);
  if (s3) {
    const prefix = [s3[2]!.replace(/\/+$/, ''), domain].filter(Boolean).join('/');
    const endpoint = env.FLOWY_S3_ENDPOINT;
    const clientConfig = endpoint ? { endpoint, forcePathStyle: true } : {};
    return new PayloadStorage({
      store: new S3PayloadStore({ bucket: s3[1]!, prefix, clientConfig }),
      codecs,
      threshold,
    });
  }
  if (setting.includes('://')) {
    throw new Error(
      `FLOWY_PAYLOADS "${setting}" is neither a directory nor s3://bucket/prefix; use one of them, or "none"`,
    );
  }
  return new PayloadStorage({
    store: new FilePayloadStore(resolve(options.cwd ?? process.cwd(), setting, domain)),
    codecs,
    threshold,
  });
}

function codecsFrom(setting: string): PayloadCodec[] {
  const names = setting
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none');
  return names.map((name) => {
    if (name === gzipCodec.name) return gzipCodec;
    throw new Error(
      `FLOWY_PAYLOAD_CODECS: unknown codec "${name}"; flowy ships "gzip" (or "none"); other codecs are given in code (PayloadStorage codecs)`,
    );
  });
}
