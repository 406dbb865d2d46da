// flowy-ts/testing: replay recorded histories against today's code, and run workflows in memory
// with the local server, in-process workers and time skipping.
export { replayHistory } from './replay-history.ts';
export type { ReplayOptions, ReplayReport } from './replay-history.ts';
export { loadHistory } from './history-file.ts';
export type { HistorySource, LoadedHistory, ExecutionRef } from './history-file.ts';
export { TestEnvironment, WorkflowStalled } from './test-environment.ts';
export type {
  TestEnvironmentOptions,
  ActivityDouble,
  ActivityTypeRef,
  RunRef,
  StackInterceptors,
} from './test-environment.ts';
