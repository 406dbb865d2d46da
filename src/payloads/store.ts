// Where payloads too large for SWF live: a store of immutable blobs by key. Two implementations
// ship: files under a directory (the local default) and Amazon S3 (s3-store.ts); tests may use
// the in-memory one.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A store of immutable blobs. Keys are content hashes, so a key is written at most once. */
export interface PayloadStore {
  /** Where the blobs are, for messages: e.g. `files under /srv/flowy/payloads/shop`. */
  readonly description: string;
  /** Stores `bytes` under `key` unless a blob with that key exists already. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The blob, or undefined when there is none with that key. */
  get(key: string): Promise<Uint8Array | undefined>;
}

/** Blobs as files `<directory>/<key>`; writes go through a temporary file and a rename. */
export class FilePayloadStore implements PayloadStore {
  readonly directory: string;
  readonly description: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
    this.description = `files under ${this.directory}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = join(this.directory, key);
    if (await exists(path)) return;
    await mkdir(this.directory, { recursive: true });
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path); // atomic: readers never see a partial blob
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.directory, key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/** Blobs in memory (tests, TestEnvironment). */
export class MemoryPayloadStore implements PayloadStore {
  readonly description = 'the in-memory payload store';
  readonly blobs = new Map<string, Uint8Array>();
  /** How many blobs were written (a put of an existing key writes nothing). */
  writes = 0;

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (this.blobs.has(key)) return;
    this.blobs.set(key, bytes);
    this.writes++;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(key);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
