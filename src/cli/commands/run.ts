// flowy run WORKFLOW: everything in one process — the embedded local server, workers for the
// scanned folders, the workflow, its progress as it happens, and its result.
import type { LocalServer } from '../../local/index.ts';
import { defineCommand } from '../command.ts';
import { readInput } from '../json-input.ts';
import { ProgressPrinter } from '../progress.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { warnAboutUnstartedTasks, withUnstartedWarning } from '../unstarted-warning.ts';
import type { UnstartedWarningArgs } from '../unstarted-warning.ts';
import { wholeNumber } from '../number-option.ts';

interface RunArgs extends FolderArgs, UnstartedWarningArgs {
  workflow: string;
  input?: string;
  inputFile?: string;
  workflowId?: string;
  concurrency: number;
  activityTaskList?: string[];
  quiet: boolean;
  skipTime: boolean;
}

/** `flowy run`: progress lines on stderr, the result JSON on stdout; exit 1 with the reason if it failed. */
export const runCommand = defineCommand<RunArgs>({
  command: 'run <workflow>',
  describe: 'Run a workflow end to end on an embedded local server',
  builder: (yargs) =>
    withUnstartedWarning(withFolders(yargs))
      .positional('workflow', { type: 'string', describe: 'Workflow name', demandOption: true })
      .option('input', { type: 'string', describe: 'Input as JSON' })
      .option('input-file', { type: 'string', describe: 'Read the input JSON from a file' })
      .option('workflow-id', { type: 'string', describe: 'The execution id [default: <name>-<uuid>]' })
      .option('concurrency', { type: 'number', coerce: wholeNumber('concurrency'), default: 8, describe: 'Activities run at the same time per task list' })
      .option('activity-task-list', { type: 'string', array: true, describe: 'More activity task lists to serve (e.g. per-agent lists)' })
      .option('skip-time', { type: 'boolean', default: false, describe: 'Jump over timers and timeouts whenever nothing else can happen' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print only the result' })
      .example('$0 run OrderPipeline --input \'{"orderId":"o-1","items":[{"sku":"book","quantity":2}]}\'', 'run the demo order')
      .example(
        '$0 run JobTree --activity-task-list agent-a --input \'{"jobs":[{"name":"hello","agent":"a","script":"echo hi"}]}\'',
        'one job on agent "a"',
      ),
  async run(args, context) {
    const input = await readInput(args);
    const [{ FlowyClient }, { startLocalServer }, { createSwfClient, registerAll }, { ActivityWorker, DecisionWorker, handleShutdownSignals }, { defaultTaskLists }] =
      await Promise.all([
        import('../../client/index.ts'),
        import('../../local/index.ts'),
        import('../../swf/index.ts'),
        import('../../worker/index.ts'),
        import('../worker-runner.ts'),
      ]);
    const registry = await context.registry(args.folders);
    const definition = registry.findWorkflow(args.workflow);
    if (!definition) {
      const known = [...new Set(registry.workflows().map((w) => w.options.name))];
      throw new UsageError(
        `Workflow "${args.workflow}" is not in ${args.folders.join(', ')}${known.length ? ` (found: ${known.join(', ')})` : ''}; check the name or pass --folders`,
      );
    }
    const logger = await context.logger('warn');
    const server = await startLocalServer({ db: ':memory:', longPollMs: 1000, clock: args.skipTime ? 'manual' : 'system' });
    const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: context.io.env });
    const domain = context.domain;
    const workers = [
      ...defaultTaskLists('decision', registry).map((taskList) => new DecisionWorker({ client: swf, domain, taskList, registry, logger })),
      ...[...new Set([...defaultTaskLists('activity', registry), ...(args.activityTaskList ?? [])])].map(
        (taskList) => new ActivityWorker({ client: swf, domain, taskList, registry, logger, concurrency: args.concurrency, shutdownGraceMs: 5000 }),
      ),
    ];
    const stopped = new AbortController();
    const removeHandlers = handleShutdownSignals((signal) => {
      const reason = new Error(`${signal} received: stopped; the workflow lived in the embedded server, which stops with this command`);
      reason.name = 'Interrupted';
      Object.assign(reason, { signal });
      stopped.abort(reason);
    }, logger);
    let running: Promise<unknown> = Promise.resolve();
    const watching = new AbortController();
    let warnings: Promise<void> = Promise.resolve();
    try {
      await registerAll(swf, domain, registry);
      running = Promise.all(workers.map((w) => w.start()));
      const client = new FlowyClient({ client: swf, domain, registry });
      const execution = await client.startWorkflow(definition.cls, input, { workflowId: args.workflowId });
      const printer = new ProgressPrinter((line) => context.err(line));
      if (!args.quiet) {
        context.err(`running ${definition.options.name} workflowId=${execution.workflowId} runId=${execution.runId}`);
        // Signals and asynchronous completions can reach the embedded server from another shell,
        // but only while this command runs: say so, so the hint is not tried after the end.
        context.err(`  (while this runs, other shells reach it: flowy signal|complete|history --endpoint ${server.url} --domain ${domain})`);
      }
      // a task on a list nobody here polls (an agent's list not given with --activity-task-list) is said once
      warnings = warnAboutUnstartedTasks(context, client, execution, {
        afterSeconds: args.warnUnstarted,
        signal: watching.signal,
        fix: (task) =>
          task.kind === 'activity'
            ? `flowy run serves the task lists of the scanned activities only: add --activity-task-list ${task.taskList}`
            : `no scanned @workflow uses that task list; check --folders`,
      });
      const result = client.result(execution, {
        pollIntervalMs: 50,
        maxPollIntervalMs: 250, // in process: reading is cheap, progress lines should be prompt
        signal: stopped.signal,
        onEvent: args.quiet ? undefined : (event) => printer.onEvent(event),
      });
      if (args.skipTime) await skipTimeWhileRunning(server, result);
      context.out(JSON.stringify((await result) ?? null, null, 2));
      return EXIT_OK;
    } finally {
      watching.abort();
      await warnings;
      removeHandlers();
      await Promise.all(workers.map((w) => w.stop()));
      await running.catch(() => undefined);
      swf.destroy();
      await server.close();
    }
  },
});

/** Advances the manual clock to the next deadline whenever the server is idle, until `running` settles. */
async function skipTimeWhileRunning(server: LocalServer, running: Promise<unknown>): Promise<void> {
  const { skipTimeUntil } = await import('../../testing/index.ts');
  let settled = false;
  running.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    // 'idle' with nothing to skip to: the run waits for something outside (a signal); look again soon.
    if ((await skipTimeUntil(server, () => settled, { intervalMs: 5 })) === 'idle') await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
