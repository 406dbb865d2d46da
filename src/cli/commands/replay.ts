// flowy replay --history FILE: replays a recorded history against today's workflow code.
import { defineCommand } from '../command.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

interface ReplayArgs extends FolderArgs {
  history: string;
  workflow?: string;
  workflowVersion?: string;
  workflowId?: string;
  runId?: string;
}

/**
 * `flowy replay`: decides every recorded decision task again with the current code and compares.
 * Exit 0 when the code reproduces the history, 1 naming the event when it does not.
 */
export const replayCommand = defineCommand<ReplayArgs>({
  command: 'replay',
  describe: 'Replay a recorded history (flowy history --json) against the current code',
  offline: true,
  builder: (yargs) =>
    withFolders(yargs)
      .option('history', { type: 'string', demandOption: true, describe: 'JSON file with the events' })
      .option('workflow', { type: 'string', describe: 'Workflow name [default: from the history]' })
      .option('workflow-version', { type: 'string', describe: 'Workflow version [default: from the history]' })
      .option('workflow-id', {
        type: 'string',
        describe: "The run's workflowId, if the file does not carry it (child ids derive from it)",
      })
      .option('run-id', { type: 'string', describe: "The run's runId, if the file does not carry it" })
      .example(
        '$0 history order-1 --out order-1.json && $0 replay --history order-1.json',
        'check a code change against a recorded run',
      ),
  async run(args, context) {
    const [{ NonDeterminismError }, { toError }, { loadHistory, replayHistory }] = await Promise.all([
      import('../../core/index.ts'),
      import('../../core/engine.ts'),
      import('../../testing/index.ts'),
    ]);
    let history;
    try {
      history = await loadHistory(args.history);
    } catch (error) {
      throw new UsageError(toError(error).message);
    }
    const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
    const name = args.workflow ?? type?.name;
    const version = args.workflowVersion ?? (args.workflow ? undefined : type?.version);
    if (!name) throw new UsageError(`${args.history} does not name its workflow type; pass --workflow NAME`);
    const registry = await context.registry(args.folders);
    const definition = registry.findWorkflow(name, version) ?? registry.findWorkflow(name);
    if (!definition)
      throw new UsageError(`Workflow "${name}" is not in ${args.folders.join(', ')}; pass --folders or --workflow`);
    const label = `${definition.options.name}@${definition.options.version}`;
    const execution = {
      workflowId: args.workflowId ?? history.execution.workflowId,
      runId: args.runId ?? history.execution.runId,
    };
    try {
      await context.connect(); // the payload store named by FLOWY_PAYLOADS resolves references in the history
      const report = await replayHistory(args.history, definition.cls, { execution, payloads: context.payloads });
      context.out(
        `replayed ${report.events} events (${report.decisionTasks} decision tasks) of ${label}: the code reproduces the history (status ${report.status})`,
      );
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof NonDeterminismError)) throw error;
      context.out(`non-determinism in ${label} at event ${error.eventId}`);
      context.out(error.message);
      return EXIT_FAILED;
    }
  },
});
