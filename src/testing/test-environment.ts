import { ConfigurationError } from '../core/index.ts';
import type { ActivityClass, WorkflowClass } from '../core/index.ts';
import type { HistoryEvent } from '../core/engine.ts';
import { Registry } from '../definitions/index.ts';
import type { ActivityContext } from '../definitions/index.ts';
import { isIdle, skipTimeUntil, startEmbeddedStack } from '../embedded/index.ts';
import type { ActivityTypeRef, EmbeddedStack, StackInterceptors } from '../embedded/index.ts';
import type { LocalServer } from '../local/index.ts';
import type { SWFClient } from '../swf/index.ts';
import type { Logger, WorkerObserver } from '../common/index.ts';
import { renderTimeline } from '../client/index.ts';
import type { FlowyClient, StartWorkflowOptions } from '../client/index.ts';
import { gzipCodec, MemoryPayloadStore, PayloadStorage } from '../payloads/index.ts';

/**
 * A test double for an activity: same input, context and result as the activity's `run()`.
 * Declared as a method so that a double typed for its own input (`(order: Order) => ...`) fits.
 */
export type ActivityDouble = { double(input: unknown, context: ActivityContext): unknown }['double'];

/** An activity type known by name only, implemented in the test by an override. */
export type { ActivityTypeRef, StackInterceptors } from '../embedded/index.ts';

/** result() found a run that made no progress for the stall timeout; the message says what is pending. */
export class WorkflowStalled extends Error {
  override readonly name = 'WorkflowStalled';
}

/** Options of TestEnvironment.create. */
export interface TestEnvironmentOptions {
  /** `@workflow` classes the in-process decision workers run */
  workflows: WorkflowClass[];
  /** `@activity` classes the in-process activity workers run, or types implemented by overrides */
  activities?: (ActivityClass | ActivityTypeRef)[];
  /**
   * implementations that replace activities (test doubles), keyed by the `@activity` name (not the
   * class or property name); a key that names no given activity is an error listing the known names
   */
  overrides?: Record<string, ActivityDouble>;
  /** activity task lists served besides the activities' own (calls that pick a task list, e.g. per agent) */
  activityTaskLists?: string[];
  /** default 'flowy-test' */
  domain?: string;
  /** the manual clock's start; default the current time */
  startTime?: Date;
  /** jump the clock to the next timer or timeout whenever nothing is running; default true */
  timeSkipping?: boolean;
  /** real milliseconds result() waits without any new event before it reports a stuck run; default 10000 */
  stallTimeoutMs?: number;
  logger?: Logger;
  observer?: WorkerObserver;
  /** interceptors of the client and the in-process workers, e.g. the four of flowy-ts/tracing */
  interceptors?: StackInterceptors;
  /**
   * Where payloads over the threshold go (workers and client share it); default an in-memory
   * store with gzip, so 1 MB inputs and results work as they do with `flowy dev`. `false`: none.
   */
  payloads?: PayloadStorage | false;
}

/** How a started run is identified. */
export interface RunRef {
  workflowId: string;
  runId?: string;
}

/**
 * The local server in memory with a manual clock, plus in-process decision and activity workers
 * for the given classes, registered in one domain. Time skips ahead while `result()` waits, so
 * timers and timeouts of any length fire at once, with their real (skipped-ahead) timestamps.
 *
 * ```ts
 * const env = await TestEnvironment.create({ workflows: [Approval], activities: [Notify] });
 * const run = await env.start(Approval, { id: 7 });
 * assert.equal(await env.result(run), 'escalated');   // the 3-day timer fired at once
 * await env.close();
 * ```
 */
export class TestEnvironment {
  /** implementations that replace activities, by name; change them per test with setActivity() */
  readonly overrides: Record<string, ActivityDouble>;

  readonly server: LocalServer;
  readonly swf: SWFClient;
  readonly client: FlowyClient;
  readonly domain: string;
  readonly registry: Registry;

  private constructor(
    private readonly stack: EmbeddedStack,
    overrides: Record<string, ActivityDouble>,
    private readonly initialOverrides: Record<string, ActivityDouble>,
    private readonly options: TestEnvironmentOptions,
  ) {
    this.server = stack.server;
    this.swf = stack.swf;
    this.client = stack.client;
    this.domain = stack.domain;
    this.registry = stack.registry;
    this.overrides = overrides;
  }

  /** Starts the server, registers the domain and types, and starts one worker per task list. */
  static async create(options: TestEnvironmentOptions): Promise<TestEnvironment> {
    const registry = new Registry();
    for (const cls of options.workflows) registry.addWorkflow(cls);
    const activityTypes: ActivityTypeRef[] = [];
    for (const activity of options.activities ?? []) {
      if (typeof activity === 'function') registry.addActivity(activity);
      else activityTypes.push(activity);
    }
    const knownActivities = [
      ...registry.activities().map((a) => a.options.name),
      ...activityTypes.map((ref) => ref.name),
    ];
    checkOverrideNames(Object.keys(options.overrides ?? {}), knownActivities);
    const overrides: Record<string, ActivityDouble> = { ...options.overrides };
    const stack = await startEmbeddedStack({
      registry,
      domain: options.domain ?? 'flowy-test',
      clock: 'manual',
      startTime: options.startTime,
      activityTypes,
      activityTaskLists: options.activityTaskLists,
      // the workers read this object at each task, so setActivity() applies to the next task
      overrides: overrides as Record<string, (input: unknown, context: ActivityContext) => Promise<unknown>>,
      logger: options.logger,
      observer: options.observer,
      interceptors: options.interceptors,
      identity: (kind, taskList) =>
        kind === 'decision' ? `test-decider-${taskList}` : `test-activity-worker-${taskList}`,
      payloads:
        options.payloads === false
          ? undefined
          : (options.payloads ?? new PayloadStorage({ store: new MemoryPayloadStore(), codecs: [gzipCodec] })),
      clientOptions: { region: 'us-east-1', maxAttempts: 1 },
    });
    return new TestEnvironment(stack, overrides, { ...options.overrides }, options);
  }

  /** The server's current time (the manual clock). */
  now(): Date {
    return this.server.clock.now();
  }

  /** Replaces activity `name` (its `@activity` name) with `implementation` from the next task on. */
  setActivity(name: string, implementation: ActivityDouble): void {
    checkOverrideNames([name], [...this.registry.activities().map((a) => a.options.name), ...this.activityRefNames()]);
    this.overrides[name] = implementation;
  }

  /** Restores the overrides given to create() (call it between tests). */
  resetActivities(): void {
    for (const name of Object.keys(this.overrides)) delete this.overrides[name];
    Object.assign(this.overrides, this.initialOverrides);
  }

  /** Starts a run of `workflow` (a class or its SWF type) with `input`. */
  async start(
    workflow: WorkflowClass | { name: string; version: string },
    input?: unknown,
    options?: StartWorkflowOptions,
  ): Promise<{ workflowId: string; runId: string }> {
    return this.client.startWorkflow(workflow, input, options);
  }

  /**
   * Waits for the run to close and returns its result (following continue-as-new), skipping time
   * while nothing runs. Throws the client's WorkflowExecutionFailed when it did not complete.
   */
  async result(run: RunRef): Promise<unknown> {
    const stop = new AbortController();
    let settled = false;
    let lastProgress = Date.now();
    const stallMs = this.options.stallTimeoutMs ?? 10_000;
    const outcome = this.client
      .result(run, {
        pollIntervalMs: 2,
        maxPollIntervalMs: 20,
        signal: stop.signal,
        onEvent: () => (lastProgress = Date.now()),
      })
      .finally(() => (settled = true));
    const watch = async (): Promise<void> => {
      while (!settled) {
        if (this.options.timeSkipping !== false) {
          await skipTimeUntil(this.server, () => settled || Date.now() - lastProgress > stallMs, {
            signal: stop.signal,
          });
        } else {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (!settled && Date.now() - lastProgress > stallMs) {
          stop.abort(await this.stalled(run, stallMs));
          return;
        }
        if (!settled) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // a failure of the clock driver ends the wait with that error instead of going unhandled
    const watching = watch().catch((error: unknown) => stop.abort(error));
    try {
      return await outcome;
    } finally {
      settled = true;
      await watching;
    }
  }

  /** Starts a run and waits for its result. */
  async execute(
    workflow: WorkflowClass | { name: string; version: string },
    input?: unknown,
    options?: StartWorkflowOptions,
  ): Promise<unknown> {
    return this.result(await this.start(workflow, input, options));
  }

  /** Sends signal `name` with `payload` to the open run. */
  async signal(run: RunRef, name: string, payload?: unknown): Promise<void> {
    await this.client.signal(run, name, payload);
  }

  /** Requests cancellation of the open run. */
  async cancel(run: RunRef): Promise<void> {
    await this.client.cancel(run);
  }

  /** Terminates the open run. */
  async terminate(run: RunRef, reason?: string): Promise<void> {
    await this.client.terminate(run, { reason });
  }

  /** Completes an activity that chose asynchronous completion (its task token) with `result`. */
  async completeActivity(taskToken: string, result?: unknown): Promise<void> {
    await this.client.completeActivity(taskToken, result);
  }

  /** Fails an activity that chose asynchronous completion. */
  async failActivity(taskToken: string, reason: string, details?: string): Promise<void> {
    await this.client.failActivity(taskToken, reason, details);
  }

  /** Every event of the run so far. */
  async history(run: RunRef): Promise<HistoryEvent[]> {
    return (await this.client.history(run)) as HistoryEvent[];
  }

  /** The run's history as the `flowy history` timeline. */
  async timeline(run: RunRef): Promise<string> {
    return renderTimeline(await this.history(run), { workflowId: run.workflowId, runId: run.runId });
  }

  /** Waits (in real time) until no task is scheduled or running. */
  async waitUntilIdle(): Promise<void> {
    while (!isIdle(this.server)) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /**
   * Lets `seconds` of workflow time pass: waits until idle, then advances the clock, firing every
   * timer and timeout due on the way and letting the work they cause run before moving on.
   */
  async sleep(seconds: number): Promise<void> {
    const until = new Date(this.now().getTime() + seconds * 1000);
    await skipTimeUntil(this.server, () => false, { until });
    await this.waitUntilIdle();
  }

  /** Stops the workers and the server. */
  async close(): Promise<void> {
    await this.stack.close();
  }

  private activityRefNames(): string[] {
    return (this.options.activities ?? [])
      .filter((a): a is ActivityTypeRef => typeof a !== 'function')
      .map((ref) => ref.name);
  }

  private async stalled(run: RunRef, stallMs: number): Promise<Error> {
    let timeline = '';
    try {
      timeline = '\n' + (await this.timeline(run));
    } catch {
      // the run's history is only context for the message
    }
    const work = this.server.pendingWork();
    const why =
      work.scheduledTasks > 0
        ? `${work.scheduledTasks} task(s) are scheduled but no worker takes them: is every activity and workflow (and its task list) given to TestEnvironment.create?`
        : work.startedTasks > 0
          ? `${work.startedTasks} task(s) are still running (an activity that never returns, or completes asynchronously?)`
          : 'nothing is scheduled and no timer is pending';
    return new WorkflowStalled(`Workflow ${run.workflowId} made no progress for ${stallMs} ms: ${why}${timeline}`);
  }
}

/** Throws when an override names no activity of the environment: it would be silently ignored. */
function checkOverrideNames(names: string[], known: string[]): void {
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const list = known.length ? known.map((k) => `"${k}"`).join(', ') : 'none (pass the classes in `activities`)';
  throw new ConfigurationError(
    `TestEnvironment override${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} name${unknown.length > 1 ? '' : 's'} no activity; ` +
      `overrides are keyed by @activity name, known: ${list}`,
  );
}
