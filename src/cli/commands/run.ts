// flowy run WORKFLOW: everything in one process — the embedded local server, workers for the
// scanned folders, the workflow, its progress as it happens, and its result.
import { gzipCodec, MemoryPayloadStore, PayloadStorage } from '../../payloads/index.ts';
import { defineCommand } from '../command.ts';
import { readInput, withInput } from '../json-input.ts';
import type { InputArgs } from '../json-input.ts';
import { ProgressPrinter } from '../progress.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { Interrupted, UsageError } from '../usage-error.ts';
import { warnAboutUnstartedTasks, withUnstartedWarning } from '../unstarted-warning.ts';
import type { UnstartedWarningArgs } from '../unstarted-warning.ts';
import { wholeNumber } from '../number-option.ts';

interface RunArgs extends FolderArgs, InputArgs, UnstartedWarningArgs {
  workflow: string;
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
    withUnstartedWarning(withInput(withFolders(yargs)))
      .positional('workflow', { type: 'string', describe: 'Workflow name', demandOption: true })
      .option('workflow-id', { type: 'string', describe: 'The execution id [default: <name>-<uuid>]' })
      .option('concurrency', {
        type: 'number',
        coerce: wholeNumber('concurrency'),
        default: 8,
        describe: 'Activities run at the same time per task list',
      })
      .option('activity-task-list', {
        type: 'string',
        array: true,
        describe: 'More activity task lists to serve (e.g. per-agent lists)',
      })
      .option('skip-time', {
        type: 'boolean',
        default: false,
        describe: 'Jump over timers and timeouts whenever nothing else can happen',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print only the result' })
      .example(
        '$0 run OrderPipeline --input \'{"orderId":"o-1","items":[{"sku":"book","quantity":2}]}\'',
        'run the demo order',
      )
      .example(
        '$0 run JobTree --activity-task-list agent-a --input \'{"jobs":[{"name":"hello","agent":"a","script":"echo hi"}]}\'',
        'one job on agent "a"',
      ),
  async run(args, context) {
    const input = await readInput(args);
    const [{ startEmbeddedStack }, { handleShutdownSignals }] = await Promise.all([
      import('../../embedded/index.ts'),
      import('../../common/index.ts'),
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
    // the server lives in memory with this command: so do large payloads, unless FLOWY_PAYLOADS names a store
    const payloads = context.io.env.FLOWY_PAYLOADS
      ? (await context.connect()).payloads
      : new PayloadStorage({ store: new MemoryPayloadStore(), codecs: [gzipCodec] });
    const stack = await startEmbeddedStack({
      registry,
      domain: context.domain,
      clock: args.skipTime ? 'manual' : 'system',
      activityTaskLists: args.activityTaskList,
      logger,
      concurrency: args.concurrency,
      shutdownGraceMs: 5000,
      payloads,
      clientOptions: { env: context.io.env },
    });
    const stopped = new AbortController();
    const removeHandlers = handleShutdownSignals((signal) => {
      stopped.abort(
        new Interrupted(
          `${signal} received: stopped; the workflow lived in the embedded server, which stops with this command`,
          signal,
        ),
      );
    }, logger);
    const watching = new AbortController();
    let warnings: Promise<void> = Promise.resolve();
    try {
      const { client, server, domain } = stack;
      const execution = await client.startWorkflow(definition.cls, input, { workflowId: args.workflowId });
      const printer = new ProgressPrinter((line) => context.err(line));
      if (!args.quiet) {
        context.err(`running ${definition.options.name} workflowId=${execution.workflowId} runId=${execution.runId}`);
        // Signals and asynchronous completions can reach the embedded server from another shell,
        // but only while this command runs: say so, so the hint is not tried after the end.
        context.err(
          `  (while this runs, other shells reach it: flowy signal|complete|history --endpoint ${server.url} --domain ${domain})`,
        );
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
      if (args.skipTime) await stack.skipTimeWhile(result);
      context.out(JSON.stringify((await result) ?? null, null, 2));
      return EXIT_OK;
    } finally {
      watching.abort();
      await warnings;
      removeHandlers();
      await stack.close();
    }
  },
});
