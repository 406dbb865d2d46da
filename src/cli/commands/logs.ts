// flowy logs WORKFLOW_ID: the output a run's activities sent while they ran (the job tree's
// scripts), from the run and its children, optionally as it arrives.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface LogsArgs extends ExecutionArgs {
  follow: boolean;
  signal: string;
}

/**
 * `flowy logs`: prints the `output` signals of a run and of its children in history order; lines
 * of a child are prefixed with its workflowId (shortened to what follows the parent's id). With
 * `--follow`, keeps reading until the run and all its children have closed.
 */
export const logsCommand = defineCommand<LogsArgs>({
  command: 'logs <workflowId>',
  describe: "Print the output a run and its children received while running (e.g. a job tree's scripts)",
  builder: (yargs) =>
    withExecution(yargs)
      .option('follow', {
        alias: 'f',
        type: 'boolean',
        default: false,
        describe: 'Keep printing output as it arrives until the run and its children close',
      })
      .option('signal', { type: 'string', default: 'output', describe: 'The signal that carries the output' })
      .example('$0 logs jobs-42 --follow', 'watch the scripts of a job tree as they run')
      .example('$0 logs jobs-42.build', 'the output of one job so far'),
  async run(args, context) {
    const { RunOutputReader } = await import('../../client/index.ts');
    const reader = new RunOutputReader(context.client, { workflowId: args.workflowId, runId: args.runId }, args.signal);
    const partial = new Map<string, string>();
    const print = (workflowId: string, text: string, flush: boolean) => {
      const prefix =
        workflowId === args.workflowId
          ? ''
          : `[${workflowId.startsWith(`${args.workflowId}.`) ? workflowId.slice(args.workflowId.length + 1) : workflowId}] `;
      const lines = ((partial.get(workflowId) ?? '') + text).split('\n');
      const rest = lines.pop() ?? '';
      for (const line of lines) context.out(`${prefix}${line}`);
      if (flush && rest) context.out(`${prefix}${rest}`);
      partial.set(workflowId, flush ? '' : rest);
    };
    for (;;) {
      const { chunks, isOpen } = await reader.next();
      for (const chunk of chunks) print(chunk.execution.workflowId, chunk.text, false);
      if (!args.follow || !isOpen) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (const workflowId of partial.keys()) print(workflowId, '', true);
    return EXIT_OK;
  },
});
