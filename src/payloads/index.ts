// Large payloads (docs/INTERFACES.md, "src/payloads"): the payload store interface and its file,
// S3 and in-memory implementations, codecs, the versioned reference format, and PayloadStorage,
// which writers and readers of histories use to store and resolve payloads over the threshold.
export { PayloadStorage, PayloadNotFound, DEFAULT_PAYLOAD_THRESHOLD } from './payload-storage.ts';
export type { PayloadStorageOptions } from './payload-storage.ts';
export { FilePayloadStore, MemoryPayloadStore } from './store.ts';
export type { PayloadStore } from './store.ts';
export { S3PayloadStore } from './s3-store.ts';
export type { S3PayloadStoreOptions } from './s3-store.ts';
export { gzipCodec } from './codec.ts';
export type { PayloadCodec } from './codec.ts';
export { PAYLOAD_REFERENCE_VERSION, isReference, parseReference, formatReference } from './reference.ts';
export type { PayloadReference } from './reference.ts';
export { payloadStorageFromEnv, DEFAULT_PAYLOAD_DIRECTORY } from './config.ts';
export type { PayloadEnvironment } from './config.ts';
