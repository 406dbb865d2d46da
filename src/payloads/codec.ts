// Codecs transform payload bytes before they are stored and after they are read (compression,
// encryption). They run in the order given when storing and in reverse when reading.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

/** A reversible transformation of stored payload bytes. `name` is written into references. */
export interface PayloadCodec {
  /** Letters, digits, '-' and '_': it becomes part of the blob key and of the reference. */
  readonly name: string;
  encode(bytes: Uint8Array): Promise<Uint8Array>;
  decode(bytes: Uint8Array): Promise<Uint8Array>;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** gzip compression (level 6); deterministic, so equal payloads give equal blobs. */
export const gzipCodec: PayloadCodec = {
  name: 'gzip',
  encode: async (bytes) => new Uint8Array(await gzipAsync(bytes)),
  decode: async (bytes) => new Uint8Array(await gunzipAsync(bytes)),
};
