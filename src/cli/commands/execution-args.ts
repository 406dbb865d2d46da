// The positional workflowId and --run-id shared by commands that address one execution.
import type { Argv } from 'yargs';

/** Parsed execution address. */
export interface ExecutionArgs {
  workflowId: string;
  runId?: string;
}

/** Adds `<workflowId>` and `--run-id` to a command. */
export function withExecution<T>(yargs: Argv<T>): Argv<T & ExecutionArgs> {
  return yargs
    .positional('workflowId', { type: 'string', describe: "The execution's workflowId", demandOption: true })
    .option('run-id', {
      type: 'string',
      describe: 'One run of it [default: the open run, else the latest]',
    }) as unknown as Argv<T & ExecutionArgs>;
}
