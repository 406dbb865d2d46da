// A schedule is itself a workflow, so it runs on SWF with no extra service: it sleeps on a durable
// timer until the next fire time, starts the target workflow as a child, and continues as new
// every 50 fires to keep its history short. Children (not independent executions) because their
// close events come back into the schedule's history: that is what the overlap policies and
// "last runs and their outcome" are built on, with no polling. The schedule's childPolicy is
// ABANDON, so deleting a schedule or continuing it as new never touches runs in flight.
import { ConfigurationError, Workflow, WorkflowProxy } from '../core/index.ts';
import { query, workflow } from '../definitions/index.ts';
import { nextFireTimes, resolveScheduleSpec, type ResolvedScheduleSpec, type ScheduleSpec } from './spec.ts';

/** Workflow type name of schedules. */
export const SCHEDULE_WORKFLOW_NAME = 'FlowySchedule';
/** Decision task list of schedules: workers started by `flowy start-workflow-worker` poll it. */
export const SCHEDULE_TASK_LIST = 'flowy-schedules';
/** WorkflowId of the schedule named `name`. */
export const scheduleWorkflowId = (name: string): string => `schedule-${name}`;

/** Fires handled by one run before it continues as new (when no run it started is open). */
const FIRES_PER_RUN = 50;
/** How many of the latest runs a schedule remembers. */
const RECENT_RUNS = 10;

/** One run (or skipped fire) of a schedule. */
export interface ScheduleRun {
  /** The fire time (ISO); for a trigger, when it was triggered. */
  scheduledAt: string;
  workflowId?: string;
  startedAt?: string;
  /** 'running', 'completed', 'failed: <reason>', 'skipped (overlap)', 'replaced in buffer', 'untracked (still open at continue-as-new)' */
  outcome: string;
  trigger?: boolean;
}

/** What a schedule carries from run to run (its input). */
export interface ScheduleState {
  name: string;
  spec: ResolvedScheduleSpec;
  paused: boolean;
  /** The last fire time handled (fired, skipped or missed), ISO; fire times after it are due. Empty: the schedule's first decision time. */
  lastFireTime: string;
  /** buffer-one: the fire time waiting for the open run to close. */
  buffered?: string;
  recent: ScheduleRun[];
  counts: { started: number; skipped: number; missed: number };
}

/** What `describeSchedule` / the `describe` query answer. */
export interface ScheduleDescription extends ScheduleState {
  nextFireTimes: string[];
  running: string[];
}

/** The initial state of a new schedule: fire times after its first decision are due. Throws on a bad spec. */
export function initialScheduleState(name: string, spec: ScheduleSpec): ScheduleState {
  return {
    name,
    spec: resolveScheduleSpec(spec),
    paused: false,
    lastFireTime: '',
    recent: [],
    counts: { started: 0, skipped: 0, missed: 0 },
  };
}

@workflow({
  name: SCHEDULE_WORKFLOW_NAME,
  version: '1',
  taskList: SCHEDULE_TASK_LIST,
  executionStartToCloseTimeout: 31_536_000,
  childPolicy: 'ABANDON',
})
export class ScheduleWorkflow extends Workflow<ScheduleState, void> {
  private state!: ScheduleState;
  private open = new Set<string>();
  private triggers = 0;
  private firesThisRun = 0;
  private wake: (() => void) | undefined;

  async run(state: ScheduleState): Promise<void> {
    this.state = state;
    if (!state.lastFireTime) state.lastFireTime = this.now().toISOString();
    for (const run of state.recent) {
      // a run still open when the previous run continued as new is no longer followed
      if (run.outcome === 'running') run.outcome = 'untracked (still open at continue-as-new)';
    }
    this.onSignal('pause', () => {
      this.state.paused = true;
      this.wake?.();
    });
    this.onSignal('resume', () => {
      if (!this.state.paused) return;
      this.state.paused = false;
      this.state.lastFireTime = this.now().toISOString(); // fire times during the pause are not caught up
      this.wake?.();
    });
    this.onSignal('trigger', () => {
      this.triggers++;
      this.wake?.();
    });
    for (;;) {
      if (
        this.open.size === 0 &&
        this.state.buffered === undefined &&
        (this.firesThisRun >= FIRES_PER_RUN || this.restartSuggested)
      ) {
        this.restart(this.state);
      }
      if (this.restartSuggested && this.state.spec.overlap === 'allow') this.restart(this.state);
      const now = this.now();
      for (; this.triggers > 0; this.triggers--) this.fire(now, true);
      let next: Date | undefined;
      if (!this.state.paused) {
        next = this.dueFireTimes(now);
        if (next === undefined) continue;
      }
      const delay = next === undefined ? undefined : (next.getTime() - now.getTime()) / 1000 + this.jitter();
      await this.waitFor(delay);
    }
  }

  /** Fires (or skips as missed) every fire time up to `now`; returns the next one. */
  private dueFireTimes(now: Date): Date | undefined {
    const { spec } = this.state;
    for (;;) {
      const [next] = nextFireTimes(spec, new Date(this.state.lastFireTime), 1);
      if (!next)
        throw new ConfigurationError(`Schedule "${this.state.name}": cron "${spec.cron}" has no next fire time`);
      if (next.getTime() > now.getTime()) return next;
      this.state.lastFireTime = next.toISOString();
      if (now.getTime() - next.getTime() > (spec.catchupWindow + spec.jitter) * 1000) {
        this.state.counts.missed++;
        continue;
      }
      this.fire(next, false);
      this.firesThisRun++;
      if (this.firesThisRun >= FIRES_PER_RUN && this.open.size === 0 && this.state.buffered === undefined)
        return undefined;
    }
  }

  /** Applies the overlap policy to a fire time: start, buffer or skip. */
  private fire(scheduledAt: Date, trigger: boolean): void {
    const { overlap } = this.state.spec;
    if (this.open.size > 0 && overlap === 'skip') {
      this.remember({
        scheduledAt: scheduledAt.toISOString(),
        outcome: 'skipped (overlap)',
        ...(trigger ? { trigger } : {}),
      });
      this.state.counts.skipped++;
      return;
    }
    if (this.open.size > 0 && overlap === 'buffer-one') {
      if (this.state.buffered !== undefined) {
        this.remember({ scheduledAt: this.state.buffered, outcome: 'replaced in buffer' });
        this.state.counts.skipped++;
      }
      this.state.buffered = scheduledAt.toISOString();
      return;
    }
    this.start(scheduledAt, trigger);
  }

  private start(scheduledAt: Date, trigger: boolean): void {
    const { spec } = this.state;
    const stamp = scheduledAt.toISOString().replace(/[-:]|\.\d+/g, '');
    const workflowId = `${this.workflowId}-${stamp}${trigger ? `-trigger-${this.state.counts.started + 1}` : ''}`;
    const record: ScheduleRun = {
      scheduledAt: scheduledAt.toISOString(),
      workflowId,
      startedAt: this.now().toISOString(),
      outcome: 'running',
      ...(trigger ? { trigger } : {}),
    };
    this.remember(record);
    this.state.counts.started++;
    this.open.add(workflowId);
    const child = WorkflowProxy(spec.workflow, {
      childPolicy: 'TERMINATE',
      ...(spec.taskList ? { taskList: spec.taskList } : {}),
    });
    child(spec.input, { workflowId }).then(
      () => this.closed(record, 'completed'),
      (error: { name?: string; reason?: string; message?: string }) =>
        this.closed(record, `${error.name ?? 'failed'}${error.reason ? `: ${error.reason}` : ''}`),
    );
  }

  private closed(record: ScheduleRun, outcome: string): void {
    record.outcome = outcome;
    this.open.delete(record.workflowId!);
    if (this.state.buffered !== undefined && this.open.size === 0) {
      const buffered = new Date(this.state.buffered);
      this.state.buffered = undefined;
      this.start(buffered, false);
    }
    this.wake?.();
  }

  private remember(run: ScheduleRun): void {
    this.state.recent.push(run);
    if (this.state.recent.length > RECENT_RUNS) this.state.recent.shift();
  }

  private jitter(): number {
    return this.state.spec.jitter > 0 ? Math.floor(this.random() * (this.state.spec.jitter + 1)) : 0;
  }

  /** Waits `seconds` on a timer (forever when undefined) or until a signal or a closing run wakes it. */
  private waitFor(seconds: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: Promise<void> | undefined;
      let fired = false;
      const done = () => {
        if (this.wake !== done) return;
        this.wake = undefined;
        if (timer && !fired) this.cancel(timer);
        resolve();
      };
      this.wake = done;
      if (seconds !== undefined) {
        timer = this.sleep(Math.max(0, seconds));
        timer.then(
          () => {
            fired = true;
            done();
          },
          () => undefined, // canceled by done()
        );
      }
    });
  }

  /** The schedule's state, next fire times and open runs (`flowy schedule describe`). */
  @query()
  describe(): ScheduleDescription {
    const after = new Date(Math.max(new Date(this.state.lastFireTime).getTime(), this.now().getTime()));
    return {
      ...this.state,
      nextFireTimes: this.state.paused ? [] : nextFireTimes(this.state.spec, after, 5).map((d) => d.toISOString()),
      running: [...this.open],
    };
  }
}
