// src/client: the typed client for user code and the CLI, and the human history timeline.
export { FlowyClient, openChildren } from './flowy-client.ts';
export type {
  FlowyClientOptions,
  WorkflowRef,
  StartWorkflowOptions,
  ExecutionRef,
  Execution,
  ListOptions,
  FollowOptions,
} from './flowy-client.ts';
export type { ClientInterceptor, StartWorkflowInput } from './client-interceptors.ts';
export { WorkflowExecutionFailed, UnknownExecution, InvalidInput } from './errors.ts';
export type { FailedCloseStatus } from './errors.ts';
export { renderTimeline, formatDuration } from './timeline.ts';
export type { TimelineOptions } from './timeline.ts';
export { summarizeHistory } from './history-summary.ts';
export type { ExecutionSummary, HistoryEventLike, ExecutionStatus } from './history-summary.ts';
export { unstartedTasks, watchUnstartedTasks } from './unstarted-tasks.ts';
export type { UnstartedTask, UnstartedTaskWatchOptions } from './unstarted-tasks.ts';
export { RunOutputReader } from './run-output.ts';
export type { OutputChunk } from './run-output.ts';
export { UnknownSchedule } from './schedules.ts';
export type { ScheduleSummary } from './schedules.ts';
