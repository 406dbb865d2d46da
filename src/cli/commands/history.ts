// flowy history WORKFLOW_ID: the human timeline of a run, or its raw events with --json.
import { writeFile } from 'node:fs/promises';
import { renderTimeline } from '../../client/index.ts';
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../report-error.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface HistoryArgs extends ExecutionArgs {
  json: boolean;
  out?: string;
}

/** `flowy history`: the raw events (`--json`) are what `flowy replay --history` and tests take. */
export const historyCommand = defineCommand<HistoryArgs>({
  command: 'history <workflowId>',
  describe: 'Show the history of an execution as a timeline (or raw JSON events)',
  builder: (yargs) =>
    withExecution(yargs)
      .option('json', { type: 'boolean', default: false, describe: 'Print the raw history events as JSON' })
      .option('out', { type: 'string', describe: 'Write the JSON events to this file instead of stdout' })
      .example('$0 history order-1', 'timeline of order-1')
      .example('$0 history order-1 --json > order-1.json', 'record it for flowy replay'),
  async run(args, context) {
    const runId = args.runId ?? (await context.client.latestRunId(args.workflowId));
    const events = await context.client.history({ workflowId: args.workflowId, runId });
    if (args.json || args.out) {
      const text = JSON.stringify(events, null, 2);
      if (args.out) {
        await writeFile(args.out, `${text}\n`);
        context.out(`wrote ${events.length} events to ${args.out}`);
      } else context.out(text);
      return EXIT_OK;
    }
    context.out(renderTimeline(events, { workflowId: args.workflowId, runId }).trimEnd());
    return EXIT_OK;
  },
});
