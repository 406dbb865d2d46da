// flowy complete --task-token T: finishes an activity that completes asynchronously.
import { defineCommand } from '../command.ts';
import { readInput } from '../json-input.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

interface CompleteArgs {
  taskToken: string;
  result?: string;
  resultFile?: string;
  fail: boolean;
  reason?: string;
  details?: string;
}

/** `flowy complete`: `--result JSON` completes the task, `--fail` fails it (its retry policy applies). */
export const completeCommand = defineCommand<CompleteArgs>({
  command: 'complete',
  describe: 'Complete (or fail) an activity task by its task token',
  builder: (yargs) =>
    yargs
      .option('task-token', { type: 'string', demandOption: true, describe: 'The token the activity handed out' })
      .option('result', { type: 'string', describe: 'Result as JSON' })
      .option('result-file', { type: 'string', describe: 'Read the result JSON from a file' })
      .option('fail', { type: 'boolean', default: false, describe: 'Fail the task instead of completing it' })
      .option('reason', { type: 'string', describe: 'With --fail: the reason [default: "Failed"]' })
      .option('details', { type: 'string', describe: 'With --fail: details' })
      .example('$0 complete --task-token "$TOKEN" --result \'{"approved":true}\'', 'deliver the result')
      .example('$0 complete --task-token "$TOKEN" --fail --reason Rejected', 'fail it'),
  async run(args, context) {
    if (!args.taskToken) throw new UsageError('--task-token is empty; pass the token the activity handed out');
    if (args.fail) {
      if (args.result !== undefined || args.resultFile !== undefined)
        throw new UsageError('Give either --result or --fail, not both');
      await context.client.failActivity(args.taskToken, args.reason ?? 'Failed', args.details);
      context.out('activity task failed');
      return EXIT_OK;
    }
    if (args.reason !== undefined || args.details !== undefined)
      throw new UsageError('--reason and --details go with --fail');
    const result = await readInput({ input: args.result, inputFile: args.resultFile }).catch((error: unknown) => {
      throw error instanceof UsageError
        ? new UsageError(error.message.replace('--input-file', '--result-file').replace(/--input\b/g, '--result'))
        : error;
    });
    await context.client.completeActivity(args.taskToken, result);
    context.out('activity task completed');
    return EXIT_OK;
  },
});
