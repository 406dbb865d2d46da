// flowy start WORKFLOW: starts an execution, prints its ids, and with --wait its result.
import { defineCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { readInput, withInput } from '../json-input.ts';
import type { InputArgs } from '../json-input.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { resultWithUnstartedWarning, withUnstartedWarning } from '../unstarted-warning.ts';
import type { UnstartedWarningArgs } from '../unstarted-warning.ts';
import type { WorkflowRef } from '../../client/index.ts';

interface StartArgs extends FolderArgs, InputArgs, UnstartedWarningArgs {
  workflow: string;
  workflowId?: string;
  workflowVersion?: string;
  taskList?: string;
  tag?: string[];
  wait: boolean;
  json: boolean;
}

/**
 * `flowy start`: prints workflowId and runId; with `--wait` stdout is only the result JSON (the ids
 * go to stderr; `--json --wait` prints `{ workflowId, runId, result }`), exit 1 if the workflow failed.
 */
export const startCommand = defineCommand<StartArgs>({
  command: 'start <workflow>',
  describe: 'Start a workflow execution',
  builder: (yargs) =>
    withUnstartedWarning(withInput(withFolders(yargs)))
      .positional('workflow', { type: 'string', describe: 'Workflow name (as registered)', demandOption: true })
      .option('workflow-id', { type: 'string', describe: 'The execution id [default: <name>-<uuid>]' })
      .option('workflow-version', { type: 'string', describe: 'Version to start [default: the scanned class]' })
      .option('task-list', { type: 'string', describe: "Decision task list [default: the workflow's]" })
      .option('tag', { type: 'string', array: true, describe: 'Tag the execution (up to 5)' })
      .option('wait', {
        type: 'boolean',
        default: false,
        describe: 'Wait and print the result JSON on stdout (ids on stderr)',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the ids as JSON (with --wait: { workflowId, runId, result })',
      })
      .example(
        '$0 start OrderPipeline --input \'{"orderId":"o-1","items":[{"sku":"book","quantity":1}]}\'',
        'start an order',
      )
      .example(
        '$0 start ApprovalRequest --workflow-id approval-7 --input \'{"request":"laptop"}\' --wait',
        'start and wait for the result',
      ),
  async run(args, context) {
    const input = await readInput(args);
    const workflow = await resolveWorkflow(args.workflow, args.workflowVersion, args.folders, context);
    const execution = await context.client.startWorkflow(workflow, input, {
      workflowId: args.workflowId,
      taskList: args.taskList,
      tags: args.tag,
    });
    if (!args.wait) {
      if (args.json) context.out(JSON.stringify(execution));
      else {
        context.out(`workflowId: ${execution.workflowId}`);
        context.out(`runId: ${execution.runId}`);
      }
      return EXIT_OK;
    }
    // With --wait stdout carries only JSON (the result, or with --json the ids and the result), so it pipes into jq.
    if (!args.json) context.err(`started ${execution.workflowId} (run ${execution.runId}); waiting for its result`);
    const result = await resultWithUnstartedWarning(context, execution, args.warnUnstarted);
    context.out(JSON.stringify(args.json ? { ...execution, result: result ?? null } : (result ?? null)));
    return EXIT_OK;
  },
});

/**
 * The workflow to start: the scanned class with that name (and version if given), or, with
 * --workflow-version, the type registered in SWF even if it is not in the scanned folders.
 */
export async function resolveWorkflow(
  name: string,
  version: string | undefined,
  folders: string[],
  context: CliContext,
): Promise<WorkflowRef> {
  const registry = await context.registry(folders);
  const definition = registry.findWorkflow(name, version);
  if (definition) return definition.cls;
  if (version) return { name, version };
  const known = registry.workflows().map((w) => w.options.name);
  throw new UsageError(
    `Workflow "${name}" is not in ${folders.join(', ')}` +
      (known.length ? ` (found: ${[...new Set(known)].join(', ')})` : ' (no workflows found)') +
      `; check the name, pass --folders, or give --workflow-version to start a type registered elsewhere`,
  );
}
