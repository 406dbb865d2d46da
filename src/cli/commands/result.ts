// flowy result WORKFLOW_ID: waits for the run to close and prints its result.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { resultWithUnstartedWarning, withUnstartedWarning } from '../unstarted-warning.ts';
import type { UnstartedWarningArgs } from '../unstarted-warning.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

/** `flowy result`: the result JSON on stdout; exit 1 with the reason if the workflow did not complete. */
export const resultCommand = defineCommand<ExecutionArgs & UnstartedWarningArgs>({
  command: 'result <workflowId>',
  describe: 'Wait for an execution to close and print its result as JSON',
  builder: (yargs) =>
    withUnstartedWarning(withExecution(yargs)).example(
      '$0 result order-1',
      'print the result of order-1 once it completes',
    ),
  async run(args, context) {
    const execution = { workflowId: args.workflowId, runId: args.runId };
    const result = await resultWithUnstartedWarning(context, execution, args.warnUnstarted);
    context.out(JSON.stringify(result ?? null));
    return EXIT_OK;
  },
});
