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
      .option('out', { type: 'string', describe: 'Write { workflowExecution, events } to this file (for flowy replay)' })
      .example('$0 history order-1', 'timeline of order-1')
      .example('$0 history order-1 --json', 'the raw events')
      .example('$0 history order-1 --out order-1.json', 'record it, with its ids, for flowy replay'),
  async run(args, context) {
    const runId = args.runId ?? (await context.client.latestRunId(args.workflowId));
    const events = await context.client.history({ workflowId: args.workflowId, runId });
    if (args.out) {
      // A recording for `flowy replay` and tests: the events with the ids they do not carry.
      const recording = { workflowExecution: { workflowId: args.workflowId, runId }, events };
      await writeFile(args.out, `${JSON.stringify(recording, null, 2)}\n`);
      context.out(`wrote ${events.length} events of ${args.workflowId} (run ${runId}) to ${args.out}`);
      return EXIT_OK;
    }
    if (args.json) {
      context.out(JSON.stringify(events, null, 2));
      return EXIT_OK;
    }
    context.out(renderTimeline(events, { workflowId: args.workflowId, runId }).trimEnd());
    return EXIT_OK;
  },
});
