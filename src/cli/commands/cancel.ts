// flowy cancel WORKFLOW_ID: asks an open execution (and with --children its open children) to cancel.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface CancelArgs extends ExecutionArgs {
  children: boolean;
}

/** `flowy cancel`: records cancel requests; each workflow decides how to wind down. */
export const cancelCommand = defineCommand<CancelArgs>({
  command: 'cancel <workflowId>',
  describe: 'Request cancellation of an open execution',
  builder: (yargs) =>
    withExecution(yargs)
      .option('children', {
        type: 'boolean',
        default: false,
        describe:
          'Also ask every open child workflow to cancel, recursively (for workflows that do not pass cancellation on)',
      })
      .example('$0 cancel jobs-42', 'cancel the job tree (it cancels its running jobs)')
      .example('$0 cancel batch-7 --children', 'cancel a run and each of its open children directly'),
  async run(args, context) {
    const canceled = await context.client.cancel(
      { workflowId: args.workflowId, runId: args.runId },
      { children: args.children },
    );
    for (const execution of canceled)
      context.out(`cancel requested for ${execution.workflowId} (run ${execution.runId})`);
    return EXIT_OK;
  },
});
