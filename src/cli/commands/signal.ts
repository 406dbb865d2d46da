// flowy signal WORKFLOW_ID NAME: sends a signal with an optional JSON payload; with --start, starts
// the execution first when it is not running (signal-with-start).
import { defineCommand } from '../command.ts';
import { parseJsonFlag, readInput, readJsonFile, withInput } from '../json-input.ts';
import type { InputArgs } from '../json-input.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';
import { resolveWorkflow } from './start.ts';

interface SignalArgs extends ExecutionArgs, InputArgs, FolderArgs {
  name: string;
  start?: string;
  startInput?: string;
  startInputFile?: string;
  workflowVersion?: string;
}

/** `flowy signal`: the workflow's signal(name) / onSignal(name) receives the payload. */
export const signalCommand = defineCommand<SignalArgs>({
  command: 'signal <workflowId> <name>',
  describe: 'Send a signal to an open execution (with --start, start it first if it is not running)',
  builder: (yargs) =>
    withInput(withFolders(withExecution(yargs)), 'payload')
      .positional('name', { type: 'string', describe: 'Signal name', demandOption: true })
      .option('start', { type: 'string', describe: 'Workflow type to start with <workflowId> when no run is open' })
      .option('start-input', { type: 'string', describe: "With --start: the workflow's input as JSON" })
      .option('start-input-file', {
        type: 'string',
        describe: "With --start: read the workflow's input JSON from a file",
      })
      .option('workflow-version', {
        type: 'string',
        describe: 'With --start: version to start [default: the scanned class]',
      })
      .example('$0 signal approval-7 approve --input \'{"by":"ana"}\'', 'approve a waiting request')
      .example(
        '$0 signal cart-9 add --input \'{"sku":"pen"}\' --start Cart --start-input \'{"user":"ana"}\'',
        'signal the cart, starting it if needed',
      ),
  async run(args, context) {
    const payload = await readInput(args);
    if (args.start === undefined) {
      if (args.startInput !== undefined || args.startInputFile !== undefined || args.workflowVersion !== undefined) {
        throw new UsageError(
          '--start-input, --start-input-file and --workflow-version only apply with --start <WorkflowType>',
        );
      }
      await context.client.signal({ workflowId: args.workflowId, runId: args.runId }, args.name, payload);
      context.out(`signaled ${args.workflowId}: ${args.name}`);
      return EXIT_OK;
    }
    if (args.runId !== undefined)
      throw new UsageError(
        '--run-id cannot be used with --start: signal-with-start addresses the open run, whichever it is',
      );
    if (args.startInput !== undefined && args.startInputFile !== undefined) {
      throw new UsageError('Give the workflow input once: --start-input JSON or --start-input-file FILE, not both');
    }
    const input =
      args.startInputFile !== undefined
        ? await readJsonFile('start-input-file', args.startInputFile)
        : parseJsonFlag('start-input', args.startInput);
    const workflow = await resolveWorkflow(args.start, args.workflowVersion, args.folders, context);
    const execution = await context.client.signalWithStart(
      workflow,
      input,
      { name: args.name, payload },
      { workflowId: args.workflowId },
    );
    context.out(
      `${execution.started ? 'started and signaled' : 'signaled'} ${execution.workflowId} (run ${execution.runId}): ${args.name}`,
    );
    return EXIT_OK;
  },
});
