// Schedules (docs/INTERFACES.md, "src/schedules"): cron schedules that run on SWF itself, as a
// long-running workflow that sleeps on durable timers and starts the target workflow as a child.
export {
  ScheduleWorkflow,
  SCHEDULE_WORKFLOW_NAME,
  SCHEDULE_TASK_LIST,
  scheduleWorkflowId,
  initialScheduleState,
} from './schedule-workflow.ts';
export type { ScheduleState, ScheduleRun, ScheduleDescription } from './schedule-workflow.ts';
export { resolveScheduleSpec, nextFireTimes } from './spec.ts';
export type { ScheduleSpec, ResolvedScheduleSpec, OverlapPolicy } from './spec.ts';
