// flowy history WORKFLOW_ID: the human timeline of a run, or its raw events with --json.
// The JSON carries the run's ids beside the events, because the events do not name their own
// execution and default child workflow ids derive from it (so replay needs it).
import { writeFile } from 'node:fs/promises';
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface HistoryArgs extends ExecutionArgs {
  json: boolean;
  out?: string;
}

/**
 * `flowy history`: `--json` prints `{ workflowExecution, events }` (the raw SWF events with the ids
 * they do not carry), which is what `flowy replay --history` and `replayHistory` take.
 */
export const historyCommand = defineCommand<HistoryArgs>({
  command: 'history <workflowId>',
  describe: 'Show the history of an execution as a timeline (or raw JSON events)',
  builder: (yargs) =>
    withExecution(yargs)
      .option('json', {
        type: 'boolean',
        default: false,
        describe: "Print { workflowExecution, events } as JSON: the raw events with the run's ids",
      })
      .option('out', {
        type: 'string',
        describe: 'Write the --json recording to this file (for flowy replay and fixtures)',
      })
      .example('$0 history order-1', 'timeline of order-1')
      .example('$0 history order-1 --json', "the raw events with the run's ids")
      .example('$0 history order-1 --out order-1.json', 'record it, with its ids, for flowy replay'),
  async run(args, context) {
    const runId = args.runId ?? (await context.client.latestRunId(args.workflowId));
    const events = await context.client.history({ workflowId: args.workflowId, runId });
    if (args.out || args.json) {
      const recording = { workflowExecution: { workflowId: args.workflowId, runId }, events };
      const text = JSON.stringify(recording, null, 2);
      if (!args.out) {
        context.out(text);
        return EXIT_OK;
      }
      await writeFile(args.out, `${text}\n`);
      context.out(`wrote ${events.length} events of ${args.workflowId} (run ${runId}) to ${args.out}`);
      return EXIT_OK;
    }
    const { renderTimeline } = await import('../../client/index.ts');
    const execution = { workflowId: args.workflowId, runId };
    // the timeline shows stored payloads, not their references (the recording above keeps those)
    let shown = events;
    try {
      if (context.payloads) shown = await context.payloads.resolveEvents(events, execution);
    } catch (error) {
      context.err(`flowy history: stored payloads are shown as their references: ${(error as Error).message}`);
    }
    context.out(renderTimeline(shown, execution).trimEnd());
    return EXIT_OK;
  },
});
