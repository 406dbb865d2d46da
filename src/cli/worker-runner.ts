// Running workers from the CLI: registration (retried while SWF is unreachable), one worker
// per task list, metrics, --loop, and graceful shutdown on SIGINT/SIGTERM.
import type { Registry } from '../definitions/index.ts';
import { describeError, isConnectionError, registerAll } from '../swf/index.ts';
import { Backoff, combineObservers, handleShutdownSignals, sleep, startMetricsServer } from '../common/index.ts';
import type { Logger, MetricsServer, WorkerObserver } from '../common/index.ts';
import type { CliContext } from './context.ts';
import { EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';
import type { WorkerArgs } from './worker-options.ts';

/** What the runner needs of a worker. */
export interface RunnableWorker {
  start(): Promise<void>;
  runOnce(): Promise<boolean>;
  stop(): Promise<void>;
  /** Activities handed back at shutdown that had not finished. */
  readonly handedBack?: number;
}

/** What both workers take from the command line and the context, for one task list. */
export interface CommonWorkerOptions {
  client: CliContext['swf'];
  domain: string;
  taskList: string;
  registry: Registry;
  identity: string | undefined;
  logger: Logger;
  observer: WorkerObserver | undefined;
  /** Amazon's SWF may hand a task to a poll we abort; flowy's server never does (see abortPollsOnStop). */
  abortPollsOnStop: boolean;
}

/** Builds a worker of one kind from the options both kinds share. */
export type WorkerFactory = (common: CommonWorkerOptions) => RunnableWorker;

/**
 * Scans, registers unless --no-register, creates one worker per task list and runs them until
 * a signal (or for --loop polls). Returns the exit code.
 */
export async function runWorkers(
  kind: 'decision' | 'activity',
  args: WorkerArgs,
  context: CliContext,
  create: WorkerFactory,
): Promise<number> {
  const registry = await context.registry(args.folders);
  const logger = await context.logger();
  const taskLists = args.taskList?.length ? args.taskList : defaultTaskLists(kind, registry);
  if (taskLists.length === 0) {
    throw new UsageError(
      `No ${kind === 'decision' ? '@workflow' : '@activity'} classes found in ${args.folders.join(', ')}; pass --folders or --task-list`,
    );
  }
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const removeHandlers = handleShutdownSignals((signal) => {
    stoppedBy = signal;
    abort.abort();
  }, logger);
  // Ctrl-C exits 130 after the graceful stop (as npx reports it); SIGTERM exits 0.
  const exitCode = () => (stoppedBy === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_OK);
  let metrics: MetricsServer | undefined;
  try {
    if (args.register) {
      const registered = await registerWithRetry(context, registry, logger, abort.signal);
      if (!registered) return exitCode();
    }
    if (args.metricsPort !== undefined) {
      metrics = await startMetricsServer({ port: args.metricsPort, host: args.metricsHost });
      logger.info(`metrics at ${metrics.url}`);
    }
    const observer = combineObservers(metrics?.observer);
    const workers = taskLists.map((taskList) =>
      create({
        client: context.swf,
        domain: context.domain,
        taskList,
        registry,
        identity: args.identity,
        logger,
        observer,
        abortPollsOnStop: !context.connection.isAws,
      }),
    );
    logger.info({ taskLists }, describePolling(kind, taskLists, registry, context));
    if (args.loop !== undefined) {
      for (let i = 0; i < args.loop && !abort.signal.aborted; i += 1) {
        for (const worker of workers) await worker.runOnce();
      }
      await Promise.all(workers.map((w) => w.stop()));
      return exitCode();
    }
    abort.signal.addEventListener('abort', () => void Promise.all(workers.map((w) => w.stop())), { once: true });
    await Promise.all(workers.map((w) => w.start()));
    logger.info(`${kind} worker stopped`);
    const stuck = workers.reduce((count, w) => count + (w.handedBack ?? 0), 0);
    if (stuck > 0) {
      // Their code ignored the abort and may keep the process alive; they were reported as failed.
      logger.warn(
        `${stuck} handed-back activit${stuck === 1 ? 'y is' : 'ies are'} still running; exiting without waiting for them`,
      );
      setTimeout(() => process.exit(exitCode()), 1000).unref();
    }
    return exitCode();
  } finally {
    removeHandlers();
    await metrics?.close();
  }
}

/**
 * The start-up line that names every task list polled and the types served on it, so that work
 * waiting on a task list nobody polls is easy to spot.
 */
export function describePolling(
  kind: 'decision' | 'activity',
  taskLists: string[],
  registry: Registry,
  context: CliContext,
): string {
  const definitions = kind === 'decision' ? registry.workflows() : registry.activities();
  const lists = taskLists.map((taskList) => {
    const types = definitions
      .filter((d) => d.options.taskList === taskList)
      .map((d) => `${d.options.name}@${d.options.version}`);
    return `"${taskList}"${types.length ? ` (${types.join(', ')})` : ' (calls that pick this task list)'}`;
  });
  return `${kind} worker polling ${taskLists.length === 1 ? 'task list' : `${taskLists.length} task lists`} ${lists.join(', ')} in domain "${context.domain}" at ${context.target}`;
}

/** Every distinct task list of the scanned workflows (decision) or activities (activity). */
export function defaultTaskLists(kind: 'decision' | 'activity', registry: Registry): string[] {
  const definitions = kind === 'decision' ? registry.workflows() : registry.activities();
  return [...new Set(definitions.map((d) => d.options.taskList))];
}

/** Registers, retrying with backoff while SWF cannot be reached; false if a signal stopped it. */
async function registerWithRetry(
  context: CliContext,
  registry: Registry,
  logger: Logger,
  signal: AbortSignal,
): Promise<boolean> {
  // short waits: registration goes through within a couple of seconds of the server answering
  const backoff = new Backoff({ maxMs: 2000 });
  for (;;) {
    try {
      const report = await registerAll(context.swf, context.domain, registry);
      logger.info(
        {
          created: report.registered.length > 0 ? report.registered.join(', ') : undefined,
          alreadyRegistered: report.existing.length,
        },
        `registered in domain "${context.domain}"`,
      );
      return true;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      const delay = backoff.next();
      logger.warn(
        `cannot reach ${context.target} to register (${describeError(error)}); retrying in ${(delay / 1000).toFixed(1)}s`,
      );
      await sleep(delay, signal);
      if (signal.aborted) return false;
    }
  }
}
