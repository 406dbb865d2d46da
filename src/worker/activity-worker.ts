// The activity worker: long-polls an activity task list, validates each task's input against
// its activity's schema, runs up to `concurrency` activities at once and reports the outcome.
import { interceptedExecute, type ActivityInterceptor } from './activity-interceptors.ts';
import { attemptFromActivityId, jsonSerializer } from '../core/index.ts';
import { describeTaskFailure, failureDetails, MAX_DATA_LENGTH, splitHeaders } from '../core/engine.ts';
import type { Headers } from '../core/engine.ts';
import type { Serializer } from '../core/index.ts';
import { ASYNC_COMPLETION, validateInput, validateOutput } from '../definitions/index.ts';
import type { ActivityContext, ActivityDefinition, Registry } from '../definitions/index.ts';
import type { PayloadStorage } from '../payloads/index.ts';
import { callSwf, describeError, isConnectionError, isFault } from '../swf/index.ts';
import type { PollForActivityTaskCommandOutput, SWFClient } from '../swf/index.ts';
import { WorkerActivityContext } from './activity-context.ts';
import { Backoff, sleep, defaultIdentity, silentLogger } from '../common/index.ts';
import type { Logger, ActivityTaskInfo, WorkerObserver } from '../common/index.ts';
import { PollingLifecycle } from './polling-lifecycle.ts';

/** An activity implementation given directly to the worker (replaces the class's run()). */
export type ActivityFunction = (input: unknown, context: ActivityContext) => Promise<unknown>;

/** Options of {@link ActivityWorker}. */
export interface ActivityWorkerOptions {
  client: SWFClient;
  domain: string;
  taskList: string;
  registry: Registry;
  /** Activities run at the same time (and concurrent polls); default 1. */
  concurrency?: number;
  identity?: string;
  logger?: Logger;
  observer?: WorkerObserver;
  /** Implementations by activity name that take precedence over the registry's classes. */
  overrides?: Record<string, ActivityFunction>;
  serializer?: Serializer;
  /** Resolves references in task inputs and stores results over its threshold (src/payloads). */
  payloads?: PayloadStorage;
  /** On stop, how long running activities may take before they are aborted and handed back; default 30 s. */
  shutdownGraceMs?: number;
  /**
   * On stop, abort long polls in flight (default true). Set it to false against real SWF, where a
   * task delivered to an aborted poll stays started until it times out: the worker then waits for
   * its polls (up to 60 s) and runs what they bring. The local server never hands a task to a
   * poller that went away, so aborting is safe there.
   */
  abortPollsOnStop?: boolean;
  /** Interceptors of every activity attempt (activity-interceptors.ts), the first one outermost. */
  interceptors?: ActivityInterceptor[];
}

/** How a task ended, as reported to SWF. */
type Outcome =
  | { kind: 'completed'; result: string | undefined }
  | { kind: 'failed'; reason: string; details: string; message: string }
  | { kind: 'canceled'; details: string | undefined }
  | { kind: 'asynchronous' };

interface RunningTask {
  context: WorkerActivityContext;
  done: Promise<void>;
  handedBack: boolean;
}

/** Polls one activity task list and runs the registry's activities. */
export class ActivityWorker {
  private readonly options: ActivityWorkerOptions;
  private readonly logger: Logger;
  private readonly identity: string;
  private readonly serializer: Serializer;
  private readonly lifecycle: PollingLifecycle;
  private readonly polls = new Set<Promise<RunningTask | undefined>>();
  private readonly running = new Map<string, RunningTask>();
  private stopping: Promise<void> | undefined;
  private handedBackCount = 0;

  constructor(options: ActivityWorkerOptions) {
    this.options = options;
    this.identity = options.identity ?? defaultIdentity();
    this.serializer = options.serializer ?? jsonSerializer;
    this.logger = (options.logger ?? silentLogger).child({ domain: options.domain, taskList: options.taskList });
    this.lifecycle = new PollingLifecycle('activity', options, this.logger, () => this.runOnce());
  }

  /** Activities handed back at shutdown that had not finished (they may still hold the process). */
  get handedBack(): number {
    return this.handedBackCount;
  }

  /**
   * Polls with `concurrency` slots until {@link stop}; resolves once stopped (activities handed
   * back at shutdown are not waited for).
   */
  start(): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    // Slots end once stop() was requested and their task (if any) finished; a task handed back at
    // shutdown may never finish, so start() settles with stop() rather than with the slots.
    return this.lifecycle.start(
      concurrency,
      { concurrency, identity: this.identity },
      (slots) =>
        new Promise<void>((resolve, reject) => {
          void Promise.all(slots).then(() => this.stopping, reject);
          const settle = () => void this.stop().then(resolve, reject);
          if (this.lifecycle.isStopping) settle();
          else this.lifecycle.signal.addEventListener('abort', settle, { once: true });
        }),
    );
  }

  /** One long poll and, if a task came, running it to its outcome. True if a task was handled. */
  async runOnce(): Promise<boolean> {
    if (this.lifecycle.isStopping) return false;
    const polled = this.poll();
    this.polls.add(polled);
    let entry: RunningTask | undefined;
    try {
      entry = await polled;
    } finally {
      this.polls.delete(polled);
    }
    if (!entry) return false;
    await entry.done;
    return true;
  }

  /** Polls once; a task that came is registered as running (synchronously) and started. */
  private async poll(): Promise<RunningTask | undefined> {
    const task = await this.lifecycle.poll((abortSignal) =>
      callSwf(
        this.options.client,
        'PollForActivityTask',
        { domain: this.options.domain, taskList: { name: this.options.taskList }, identity: this.identity },
        { abortSignal },
      ),
    );
    return task.taskToken ? this.begin(task) : undefined;
  }

  /**
   * Stops polling, lets running activities finish for `shutdownGraceMs`, then aborts their
   * signals and hands back (reports as failed with reason WorkerShutdown) those still running,
   * so the workflow's retry policy can schedule them again elsewhere.
   */
  stop(): Promise<void> {
    // Shutdown starts a microtask later: aborting stopRequested calls stop() again (through
    // start()), which must find this promise already in place.
    this.stopping ??= Promise.resolve().then(() => this.shutdown());
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.lifecycle.stopPolling();
    if (!this.lifecycle.abortsPollsOnStop && this.polls.size > 0)
      this.logger.info('activity worker stopping; waiting for the long polls in flight to return');
    await Promise.allSettled([...this.polls]);
    if (this.running.size > 0) {
      this.logger.info(
        `activity worker stopping; waiting for ${this.running.size} running activit${this.running.size === 1 ? 'y' : 'ies'}`,
      );
    } else {
      this.logger.info('activity worker stopping');
    }
    const graceMs = this.options.shutdownGraceMs ?? 30_000;
    const allDone = () => Promise.allSettled([...this.running.values()].map((t) => t.done));
    const timer = new AbortController();
    await Promise.race([allDone(), sleep(graceMs, timer.signal)]);
    timer.abort();
    if (this.running.size === 0) return;
    for (const task of this.running.values()) task.context.abortWith('workerShutdown');
    // Give aborted activities a moment to settle on their own before handing them back.
    const settle = new AbortController();
    await Promise.race([allDone(), sleep(2000, settle.signal)]);
    settle.abort();
    for (const task of [...this.running.values()]) {
      task.handedBack = true;
      this.handedBackCount += 1;
      this.logger.warn({ activityId: task.context.activityId }, 'handing back an activity still running at shutdown');
      await this.respond(
        task.context.taskToken,
        {
          kind: 'failed',
          reason: 'WorkerShutdown',
          details: failureDetails('The activity worker stopped before the activity finished', undefined),
          message: 'worker stopped',
        },
        this.logger.child({ activityId: task.context.activityId }),
      );
    }
  }

  private begin(task: PollForActivityTaskCommandOutput): RunningTask {
    const taskToken = task.taskToken as string;
    const workflowExecution = {
      workflowId: task.workflowExecution?.workflowId ?? '',
      runId: task.workflowExecution?.runId ?? '',
    };
    const activityId = task.activityId ?? '';
    const log = this.logger.child({ ...workflowExecution, activityId });
    const context = new WorkerActivityContext({
      client: this.options.client,
      domain: this.options.domain,
      taskToken,
      activityId,
      attempt: attemptFromActivityId(activityId),
      workflowExecution,
      logger: log,
    });
    const entry: RunningTask = { context, handedBack: false, done: Promise.resolve() };
    this.running.set(taskToken, entry);
    entry.done = this.execute(task, context, entry, log).finally(() => {
      context.close();
      this.running.delete(taskToken);
    });
    return entry;
  }

  private async execute(
    task: PollForActivityTaskCommandOutput,
    context: WorkerActivityContext,
    entry: RunningTask,
    log: Logger,
  ): Promise<void> {
    const info: ActivityTaskInfo = {
      domain: this.options.domain,
      taskList: this.options.taskList,
      workflowId: context.workflowExecution.workflowId,
      runId: context.workflowExecution.runId,
      activityId: context.activityId,
      activityType: { name: task.activityType?.name ?? '', version: task.activityType?.version ?? '' },
      attempt: context.attempt,
    };
    const began = performance.now();
    this.lifecycle.notify('activityStarted', info);
    log.debug({ attempt: info.attempt }, `activity ${info.activityType.name} started`);

    const outcome = await this.run(task, info, context);
    const durationMs = Math.round((performance.now() - began) * 1000) / 1000;
    if (entry.handedBack) {
      log.warn(
        `activity ${info.activityType.name} finished after it was handed back at shutdown; its outcome is dropped`,
      );
      return;
    }
    if (outcome.kind === 'asynchronous') {
      log.info(`activity ${info.activityType.name} will be completed asynchronously with its task token`);
      this.lifecycle.notify('activityCompleted', { ...info, durationMs });
      return;
    }
    if (context.abortCause === 'taskClosed') {
      log.warn(
        `activity ${info.activityType.name} finished after its task closed (timed out or run closed); outcome dropped`,
      );
      this.lifecycle.notify('activityFailed', { ...info, durationMs, reason: 'TaskClosed' });
      return;
    }
    const accepted = await this.respond(context.taskToken, outcome, log);
    if (outcome.kind === 'completed' && accepted) {
      log.debug({ durationMs }, `activity ${info.activityType.name} completed`);
      this.lifecycle.notify('activityCompleted', { ...info, durationMs });
    } else {
      const reason =
        outcome.kind === 'failed' ? outcome.reason : outcome.kind === 'canceled' ? 'Canceled' : 'ResponseRejected';
      if (outcome.kind === 'failed')
        log.info(
          { attempt: info.attempt },
          `activity ${info.activityType.name} failed: ${outcome.reason}: ${outcome.message}`,
        );
      if (outcome.kind === 'canceled') log.info(`activity ${info.activityType.name} canceled`);
      this.lifecycle.notify('activityFailed', { ...info, durationMs, reason });
    }
  }

  /** Resolves the implementation, checks the input and runs it; never throws. */
  private async run(
    task: PollForActivityTaskCommandOutput,
    info: ActivityTaskInfo,
    context: WorkerActivityContext,
  ): Promise<Outcome> {
    const { name, version } = info.activityType;
    const definition = this.options.registry.findActivity(name, version);
    const overrides = this.options.overrides;
    // the name comes from the task: only the map's own entries count, never Object.prototype's
    const override = overrides && Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (!definition && !override) {
      return failed(
        'UnknownActivity',
        `Activity "${name}"@${version} is not known to this worker on task list "${this.options.taskList}"; ` +
          `start the worker with the folder that defines it, or check the name and version`,
      );
    }
    let input: unknown;
    let headers: Headers;
    let inputText: string | undefined;
    try {
      inputText =
        (await this.options.payloads?.resolve(
          task.input,
          `the input of activity "${name}" (${info.activityId}) of execution ${info.workflowId} (run ${info.runId})`,
        )) ?? task.input;
    } catch (error) {
      return failed('PayloadNotFound', describeError(error));
    }
    try {
      // the headers a workflow interceptor sent along are taken off before the schema check
      ({ input, headers } = splitHeaders(this.serializer.deserialize(inputText)));
    } catch (error) {
      return failed('InvalidInput', `Input of activity "${name}" is not valid JSON: ${describeError(error)}`);
    }
    if (definition) {
      const problem = validateInput(definition, input);
      if (problem !== undefined) return failed('InvalidInput', `Input of activity "${name}" is invalid: ${problem}`);
    }
    let value: unknown;
    try {
      const execute = interceptedExecute(this.options.interceptors ?? [], (call) =>
        Promise.resolve(
          override
            ? override(call.input, call.context)
            : runDefinition(definition as ActivityDefinition, call.input, call.context),
        ),
      );
      value = await execute({ info, input, headers, context });
    } catch (error) {
      if (context.abortCause === 'workerShutdown') {
        return failed('WorkerShutdown', `The activity was aborted because its worker stopped: ${describeError(error)}`);
      }
      if (context.cancelRequested) {
        return { kind: 'canceled', details: this.serializer.serialize({ message: describeError(error) }) };
      }
      const failure = describeTaskFailure(error);
      return { kind: 'failed', ...failure };
    }
    if (value === ASYNC_COMPLETION || context.isAsynchronous) return { kind: 'asynchronous' };
    if (definition && !override) {
      const problem = validateOutput(definition, value);
      if (problem !== undefined) return failed('InvalidOutput', `Result of activity "${name}" is invalid: ${problem}`);
    }
    let result: string | undefined;
    try {
      result = this.serializer.serialize(value);
    } catch (error) {
      return failed('InvalidResult', `Result of activity "${name}" cannot be serialized: ${describeError(error)}`);
    }
    if (this.options.payloads && result !== undefined) {
      try {
        result = await this.options.payloads.offload(result);
      } catch (error) {
        return failed(
          'PayloadNotStored',
          `Result of activity "${name}" could not be stored in ${this.options.payloads.store.description}: ${describeError(error)}`,
        );
      }
    }
    if (result !== undefined && result.length > MAX_DATA_LENGTH) {
      return failed(
        'ResultTooLarge',
        `Result of activity "${name}" has ${result.length} characters; SWF allows ${MAX_DATA_LENGTH}. Configure a payload store (FLOWY_PAYLOADS) or store large data elsewhere and return a reference`,
      );
    }
    return { kind: 'completed', result };
  }

  /**
   * Sends the outcome; retries with backoff while the endpoint is unreachable (a lost result
   * would only come back as a timeout). Returns false when SWF refused it.
   */
  private async respond(taskToken: string, outcome: Outcome, log: Logger): Promise<boolean> {
    const client = this.options.client;
    const send =
      outcome.kind === 'completed'
        ? () => callSwf(client, 'RespondActivityTaskCompleted', { taskToken, result: outcome.result })
        : outcome.kind === 'canceled'
          ? () => callSwf(client, 'RespondActivityTaskCanceled', { taskToken, details: outcome.details })
          : outcome.kind === 'failed'
            ? () =>
                callSwf(client, 'RespondActivityTaskFailed', {
                  taskToken,
                  reason: outcome.reason,
                  details: outcome.details,
                })
            : undefined;
    if (!send) return true;
    const backoff = new Backoff();
    for (;;) {
      try {
        await send();
        return true;
      } catch (error) {
        if (isFault(error, 'UnknownResourceFault')) {
          log.warn(`${outcome.kind} not recorded: the task is no longer open (it timed out or its run closed)`);
          return false;
        }
        if (isConnectionError(error) && backoff.failures < 6) {
          const delay = backoff.next();
          log.warn(
            `cannot report ${outcome.kind} (${describeError(error)}); retrying in ${(delay / 1000).toFixed(1)}s`,
          );
          await sleep(delay);
          continue;
        }
        log.error(
          `cannot report ${outcome.kind}: ${describeError(error)}; the task will time out and follow its retry policy`,
        );
        return false;
      }
    }
  }
}

function failed(reason: string, message: string): Outcome {
  return { kind: 'failed', reason, details: failureDetails(message, undefined), message };
}

/** An activity class is instantiated per task and its run(input, context) awaited. */
async function runDefinition(
  definition: ActivityDefinition,
  input: unknown,
  context: ActivityContext,
): Promise<unknown> {
  const Activity = definition.cls as unknown as new () => { run(input: unknown, context: ActivityContext): unknown };
  const instance = new Activity();
  if (typeof instance.run !== 'function') {
    throw new TypeError(`Activity class ${definition.cls.name} has no run(input, context) method; add one`);
  }
  return instance.run(input, context);
}
