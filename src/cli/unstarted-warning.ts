// While a command waits for a run: one line on stderr for each task list whose tasks nobody
// takes, with the likely fix, instead of a silent wait until some timeout.
import type { Argv } from 'yargs';
import type { ExecutionRef, FlowyClient, UnstartedTask } from '../client/index.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './usage-error.ts';

/** Parsed --warn-unstarted. */
export interface UnstartedWarningArgs {
  warnUnstarted: number;
}

/** Adds `--warn-unstarted SECONDS` to a command that waits for a run. */
export function withUnstartedWarning<T>(yargs: Argv<T>): Argv<T & UnstartedWarningArgs> {
  return yargs.option('warn-unstarted', {
    type: 'number',
    default: 5,
    describe: 'Say on stderr when a task waits this many seconds with no worker taking it (0 = never)',
    coerce: (value: number) => {
      if (!Number.isFinite(value) || value < 0)
        throw new UsageError(`--warn-unstarted must be a number of seconds, 0 or more; got ${String(value)}`);
      return value;
    },
  }) as unknown as Argv<T & UnstartedWarningArgs>;
}

/** The fix for a task nobody takes when the workers are separate processes (flowy start, flowy result). */
export function workerFix(task: UnstartedTask): string {
  const command = task.kind === 'activity' ? 'start-activity-worker' : 'start-workflow-worker';
  return (
    `start a worker for it (flowy ${command} --task-list ${task.taskList}), ` +
    `or restart the ${task.kind === 'activity' ? 'activity' : 'workflow'} workers started before ${task.type} was added: they poll only what they found at start`
  );
}

/**
 * Watches `execution` (and its open children) until `signal` aborts and writes one line per task
 * list whose tasks wait longer than `args.warnUnstarted` seconds. Returns at once; the watch runs beside the wait.
 */
export function warnAboutUnstartedTasks(
  context: CliContext,
  client: FlowyClient,
  execution: ExecutionRef,
  options: { afterSeconds: number; signal: AbortSignal; fix?: (task: UnstartedTask) => string },
): Promise<void> {
  if (options.afterSeconds <= 0) return Promise.resolve();
  const fix = options.fix ?? workerFix;
  return import('../client/index.ts').then(({ watchUnstartedTasks }) =>
    watchUnstartedTasks(client, execution, {
      afterMs: options.afterSeconds * 1000,
      intervalMs: Math.min(1000, options.afterSeconds * 500),
      signal: options.signal,
      onUnstarted: (task, waitedMs) => {
        const what = task.kind === 'activity' ? `activity ${task.type}` : `a decision task of ${task.type}`;
        const of = task.execution.workflowId === execution.workflowId ? '' : ` (in ${task.execution.workflowId})`;
        context.err(
          `flowy: still waiting: ${what}${of} was scheduled on task list "${task.taskList}" ${Math.round(waitedMs / 1000)}s ago and no worker has taken it; ${fix(task)}`,
        );
      },
    }),
  );
}

/** Waits for the result of `execution` through the context's client, warning meanwhile as above. */
export async function resultWithUnstartedWarning(
  context: CliContext,
  execution: ExecutionRef,
  afterSeconds: number,
): Promise<unknown> {
  const watching = new AbortController();
  const warnings = warnAboutUnstartedTasks(context, context.client, execution, {
    afterSeconds,
    signal: watching.signal,
  });
  try {
    return await context.client.result(execution);
  } finally {
    watching.abort();
    await warnings;
  }
}
