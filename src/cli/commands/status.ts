// flowy status: does the endpoint answer, the domain, pending tasks per task list, open executions by type.
import { defineCommand } from '../command.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';

interface StatusArgs extends FolderArgs {
  taskList?: string[];
  json: boolean;
}

/**
 * `flowy status`: exit 0 when the endpoint answers and the domain exists, 1 otherwise (with the
 * reason on stderr). Task lists are those of the scanned types plus `--task-list`.
 */
export const statusCommand = defineCommand<StatusArgs>({
  command: 'status',
  describe: 'Show whether the endpoint answers, the domain, pending tasks per task list and open executions by type',
  builder: (yargs) =>
    withFolders(yargs)
      .option('task-list', {
        type: 'string',
        array: true,
        describe: 'More activity task lists to count (e.g. agent-a)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the status as JSON' })
      .example('$0 status', 'the local server (or SWF_ENDPOINT / AWS_REGION) at a glance')
      .example('$0 status --task-list agent-a --task-list agent-b', "also count the agents' task lists"),
  async run(args, context) {
    const [{ readEngineStatus, isConnectionError }, { defaultTaskLists }] = await Promise.all([
      import('../../swf/index.ts'),
      import('../worker-runner.ts'),
    ]);
    const registry = await context.registry(args.folders);
    const decisionTaskLists = defaultTaskLists('decision', registry);
    const activityTaskLists = [...new Set([...defaultTaskLists('activity', registry), ...(args.taskList ?? [])])];
    let status;
    try {
      status = await readEngineStatus(context.swf, context.domain, { decisionTaskLists, activityTaskLists });
    } catch (error) {
      if (isConnectionError(error)) {
        context.out(`endpoint:   ${context.target} does not answer`);
      } else {
        context.out(`endpoint:   ${context.target} answers`);
      }
      throw error;
    }
    if (args.json) {
      context.out(JSON.stringify({ endpoint: context.target, answers: true, ...status }, null, 2));
      return EXIT_OK;
    }
    const { domain } = status;
    context.out(`endpoint:   ${context.target} answers`);
    context.out(
      `domain:     ${domain.name} (${domain.status}${domain.retentionDays ? `, closed runs kept ${domain.retentionDays} days` : ''})`,
    );
    context.out('task lists: pending tasks (scheduled, no worker has taken them yet)');
    const width = Math.max(...status.taskLists.map((t) => t.name.length), 4);
    for (const list of status.taskLists) {
      context.out(`  ${list.kind.padEnd(8)}  ${list.name.padEnd(width)}  ${list.pending}${list.truncated ? '+' : ''}`);
    }
    const total = status.openExecutions.reduce((sum, e) => sum + e.count, 0);
    context.out(`open executions: ${total}${status.openTruncated ? '+' : ''}`);
    for (const { type, count } of status.openExecutions) context.out(`  ${type}  ${count}`);
    return domain.status === 'REGISTERED' ? EXIT_OK : EXIT_FAILED;
  },
});
