// flowy signal WORKFLOW_ID NAME: sends a signal with an optional JSON payload.
import { defineCommand } from '../command.ts';
import { readInput } from '../json-input.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface SignalArgs extends ExecutionArgs {
  name: string;
  input?: string;
  inputFile?: string;
}

/** `flowy signal`: the workflow's signal(name) / onSignal(name) receives the payload. */
export const signalCommand = defineCommand<SignalArgs>({
  command: 'signal <workflowId> <name>',
  describe: 'Send a signal to an open execution',
  builder: (yargs) =>
    withExecution(yargs)
      .positional('name', { type: 'string', describe: 'Signal name', demandOption: true })
      .option('input', { type: 'string', describe: 'Payload as JSON' })
      .option('input-file', { type: 'string', describe: 'Read the payload JSON from a file' })
      .example('$0 signal approval-7 approve --input \'{"by":"ana"}\'', 'approve a waiting request'),
  async run(args, context) {
    const payload = await readInput(args);
    await context.client.signal({ workflowId: args.workflowId, runId: args.runId }, args.name, payload);
    context.out(`signaled ${args.workflowId}: ${args.name}`);
    return EXIT_OK;
  },
});
