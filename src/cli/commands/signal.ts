// flowy signal WORKFLOW_ID NAME: sends a signal with an optional JSON payload.
import { defineCommand } from '../command.ts';
import { readInput, withInput } from '../json-input.ts';
import type { InputArgs } from '../json-input.ts';
import { EXIT_OK } from '../report-error.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface SignalArgs extends ExecutionArgs, InputArgs {
  name: string;
}

/** `flowy signal`: the workflow's signal(name) / onSignal(name) receives the payload. */
export const signalCommand = defineCommand<SignalArgs>({
  command: 'signal <workflowId> <name>',
  describe: 'Send a signal to an open execution',
  builder: (yargs) =>
    withInput(withExecution(yargs), 'payload')
      .positional('name', { type: 'string', describe: 'Signal name', demandOption: true })
      .example('$0 signal approval-7 approve --input \'{"by":"ana"}\'', 'approve a waiting request'),
  async run(args, context) {
    const payload = await readInput(args);
    await context.client.signal({ workflowId: args.workflowId, runId: args.runId }, args.name, payload);
    context.out(`signaled ${args.workflowId}: ${args.name}`);
    return EXIT_OK;
  },
});
