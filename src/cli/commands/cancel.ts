// flowy cancel WORKFLOW_ID: asks an open execution to cancel.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../report-error.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

/** `flowy cancel`: records a cancel request; the workflow decides how to wind down (and its children). */
export const cancelCommand = defineCommand<ExecutionArgs>({
  command: 'cancel <workflowId>',
  describe: 'Request cancellation of an open execution',
  builder: (yargs) => withExecution(yargs).example('$0 cancel jobs-42', 'cancel the job tree and its children'),
  async run(args, context) {
    await context.client.cancel({ workflowId: args.workflowId, runId: args.runId });
    context.out(`cancel requested for ${args.workflowId}`);
    return EXIT_OK;
  },
});
