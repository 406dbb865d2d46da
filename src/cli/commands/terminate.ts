// flowy terminate WORKFLOW_ID: ends an open execution at once.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface TerminateArgs extends ExecutionArgs {
  reason?: string;
  details?: string;
  childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
}

/** `flowy terminate`: no cleanup runs; children follow the child policy. */
export const terminateCommand = defineCommand<TerminateArgs>({
  command: 'terminate <workflowId>',
  describe: 'Terminate an open execution immediately',
  builder: (yargs) =>
    withExecution(yargs)
      .option('reason', { type: 'string', describe: 'Why (up to 256 characters)' })
      .option('details', { type: 'string', describe: 'More details' })
      .option('child-policy', {
        choices: ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'] as const,
        describe: 'Override the child policy',
      })
      .example('$0 terminate order-1 --reason "stuck on a bad deploy"', 'terminate with a reason'),
  async run(args, context) {
    await context.client.terminate(
      { workflowId: args.workflowId, runId: args.runId },
      { reason: args.reason, details: args.details, childPolicy: args.childPolicy },
    );
    context.out(`terminated ${args.workflowId}`);
    return EXIT_OK;
  },
});
