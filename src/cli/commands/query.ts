// flowy query WORKFLOW_ID NAME: answers a @query() method of the run's workflow by replaying its history.
import { NonDeterminismError } from '../../core/index.ts';
import { defineCommand } from '../command.ts';
import { readInput } from '../json-input.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_FAILED, EXIT_OK } from '../report-error.ts';
import { UsageError } from '../usage-error.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface QueryArgs extends ExecutionArgs, FolderArgs {
  name: string;
  input?: string;
  inputFile?: string;
}

/**
 * `flowy query`: no worker needs to run, and closed runs answer too. Prints the answer as JSON;
 * exit 1 with the replay's explanation when the code no longer matches the history.
 */
export const queryCommand = defineCommand<QueryArgs>({
  command: 'query <workflowId> <name>',
  describe: 'Ask a run a @query() of its workflow (replays its history; no worker needed)',
  builder: (yargs) =>
    withFolders(withExecution(yargs))
      .positional('name', { type: 'string', describe: 'Query name', demandOption: true })
      .option('input', { type: 'string', describe: 'Argument of the query method, as JSON' })
      .option('input-file', { type: 'string', describe: 'Read the argument JSON from a file' })
      .example('$0 query order-1 progress', 'print what the progress() query returns')
      .example('$0 query order-1 item --input \'{"sku":"pen"}\'', 'a query that takes an argument'),
  async run(args, context) {
    const input = await readInput(args);
    const runId = args.runId ?? (await context.client.latestRunId(args.workflowId));
    const description = await context.client.describe({ workflowId: args.workflowId, runId });
    const type = description.executionInfo?.workflowType;
    const registry = await context.registry(args.folders);
    const definition = type?.name
      ? (registry.findWorkflow(type.name, type.version) ?? registry.findWorkflow(type.name))
      : undefined;
    if (!definition) {
      throw new UsageError(
        `Workflow "${type?.name}@${type?.version}" of ${args.workflowId} is not in ${args.folders.join(', ')}; pass --folders with the folder that defines it`,
      );
    }
    try {
      const answer = await context.client.query(
        definition.cls,
        { workflowId: args.workflowId, runId },
        args.name,
        ...(input === undefined ? [] : [input]),
      );
      context.out(answer === undefined ? 'null' : JSON.stringify(answer, null, 2));
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof NonDeterminismError)) throw error;
      const label = `${definition.options.name}@${definition.options.version}`;
      context.out(`non-determinism in ${label} at event ${error.eventId}`);
      context.out(error.message);
      return EXIT_FAILED;
    }
  },
});
