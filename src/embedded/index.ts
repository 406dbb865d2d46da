// src/embedded: flowy in one process — the local server, in-process workers and a client,
// assembled once for `flowy run`, TestEnvironment and tests; and time skipping on its manual clock.
export { startEmbeddedStack } from './embedded-stack.ts';
export type { EmbeddedStack, EmbeddedStackOptions, ActivityTypeRef, StackInterceptors } from './embedded-stack.ts';
export { skipTimeUntil, isIdle } from './time-skipping.ts';
export type { SkippableServer, SkipOptions } from './time-skipping.ts';
