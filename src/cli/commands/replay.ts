// flowy replay --history FILE: replays a recorded history against today's workflow code.
import { decide, NonDeterminismError } from '../../core/index.ts';
import type { HistoryEvent } from '../../core/index.ts';
import { defineCommand } from '../command.ts';
import { readJsonFile } from '../json-input.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_FAILED, EXIT_OK } from '../report-error.ts';
import { UsageError } from '../usage-error.ts';

interface ReplayArgs extends FolderArgs {
  history: string;
  workflow?: string;
  workflowVersion?: string;
}

/** `flowy replay`: exit 0 when the code reproduces the history, 1 with the event id when it does not. */
export const replayCommand = defineCommand<ReplayArgs>({
  command: 'replay',
  describe: 'Replay a recorded history (flowy history --json) against the current code',
  builder: (yargs) =>
    withFolders(yargs)
      .option('history', { type: 'string', demandOption: true, describe: 'JSON file with the events' })
      .option('workflow', { type: 'string', describe: 'Workflow name [default: from the history]' })
      .option('workflow-version', { type: 'string', describe: 'Workflow version [default: from the history]' })
      .example('$0 history order-1 --json > order-1.json && $0 replay --history order-1.json', 'check a change against a real run'),
  async run(args, context) {
    const events = toEvents(await readJsonFile('history', args.history), args.history);
    const started = events.find((e) => e.eventType === 'WorkflowExecutionStarted');
    const type = started?.workflowExecutionStartedEventAttributes?.workflowType;
    const name = args.workflow ?? type?.name;
    const version = args.workflowVersion ?? (args.workflow ? undefined : type?.version);
    if (!name) throw new UsageError(`${args.history} has no WorkflowExecutionStarted event naming the workflow; pass --workflow NAME`);
    const registry = await context.registry(args.folders);
    const definition = registry.findWorkflow(name, version) ?? registry.findWorkflow(name);
    if (!definition) throw new UsageError(`Workflow "${name}" is not in ${args.folders.join(', ')}; pass --folders or --workflow`);
    const label = `${definition.options.name}@${definition.options.version}`;
    try {
      const result = await decide(events, definition.cls);
      context.out(`replayed ${events.length} events of ${label}: no non-determinism (status ${result.status}, ${result.decisions.length} new decisions)`);
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof NonDeterminismError)) throw error;
      context.out(`non-determinism in ${label} at event ${error.eventId}: ${error.message}`);
      context.out(`  recorded: ${error.recorded}`);
      context.out(`  code now: ${error.actual}`);
      return EXIT_FAILED;
    }
  },
});

/** Accepts an array of events or an object with `events` (a saved GetWorkflowExecutionHistory answer). */
function toEvents(value: unknown, file: string): HistoryEvent[] {
  const events = Array.isArray(value) ? value : (value as { events?: unknown })?.events;
  if (!Array.isArray(events) || !events.every((e) => e && typeof e === 'object' && 'eventType' in e)) {
    throw new UsageError(`${file} is not a history: expected a JSON array of events (as written by "flowy history --json")`);
  }
  return events as HistoryEvent[];
}
