// What a schedule is: a cron expression in a time zone, the workflow it starts and how, and the
// policies for overlapping runs, jitter and missed fire times. Cron parsing is cron-parser's.
import { CronExpressionParser } from 'cron-parser';

/** What to do when a fire time comes while the previous run is still open. */
export type OverlapPolicy = 'skip' | 'buffer-one' | 'allow';

/** A schedule as given to `createSchedule` / `flowy schedule create`. */
export interface ScheduleSpec {
  /** Cron expression, 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first. */
  cron: string;
  /** IANA time zone the cron expression is read in; default 'UTC'. */
  timezone?: string;
  /** The workflow type each fire starts. */
  workflow: { name: string; version: string };
  /** Its input (JSON). */
  input?: unknown;
  /** Its decision task list; default the type's. */
  taskList?: string;
  /** default 'skip': a fire time is skipped while the previous run is open. 'buffer-one' starts it when that run closes (at most one waits); 'allow' starts it at once. */
  overlap?: OverlapPolicy;
  /** Each run starts up to this many seconds after its fire time, spread at random; default 0. */
  jitter?: number;
  /** A fire time missed by more than this many seconds (workers or server down, a long pause) is skipped; default 60. */
  catchupWindow?: number;
}

/** The spec with defaults applied. */
export type ResolvedScheduleSpec = Required<Omit<ScheduleSpec, 'input' | 'taskList'>> &
  Pick<ScheduleSpec, 'input' | 'taskList'>;

/** Applies defaults and checks every field; throws an Error naming the field and the fix. */
export function resolveScheduleSpec(spec: ScheduleSpec): ResolvedScheduleSpec {
  const timezone = spec.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new Error(`Schedule timezone "${timezone}" is not an IANA time zone; use e.g. "UTC" or "Europe/Paris"`);
  }
  try {
    CronExpressionParser.parse(spec.cron, { tz: timezone });
  } catch (error) {
    throw new Error(
      `Schedule cron "${spec.cron}" is not valid (${(error as Error).message}); use 5 fields, e.g. "*/5 * * * *"`,
      { cause: error },
    );
  }
  if (!spec.workflow?.name || !spec.workflow.version)
    throw new Error('A schedule needs the workflow to start: { name, version }');
  const overlap = spec.overlap ?? 'skip';
  if (!['skip', 'buffer-one', 'allow'].includes(overlap))
    throw new Error(`Schedule overlap "${overlap}" is not one of skip, buffer-one, allow`);
  const jitter = spec.jitter ?? 0;
  const catchupWindow = spec.catchupWindow ?? 60;
  for (const [field, value] of [
    ['jitter', jitter],
    ['catchupWindow', catchupWindow],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`Schedule ${field} must be a whole number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  return {
    cron: spec.cron,
    timezone,
    workflow: spec.workflow,
    input: spec.input,
    taskList: spec.taskList,
    overlap,
    jitter,
    catchupWindow,
  };
}

/** The first `count` fire times strictly after `after`. */
export function nextFireTimes(spec: Pick<ScheduleSpec, 'cron' | 'timezone'>, after: Date, count: number): Date[] {
  const expression = CronExpressionParser.parse(spec.cron, { tz: spec.timezone ?? 'UTC', currentDate: after });
  const times: Date[] = [];
  for (let i = 0; i < count; i++) times.push(expression.next().toDate());
  return times;
}
