// flowy describe WORKFLOW_ID: status, configuration and open counts of one run.
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { withExecution } from './execution-args.ts';
import type { ExecutionArgs } from './execution-args.ts';

interface DescribeArgs extends ExecutionArgs {
  json: boolean;
}

/** `flowy describe`: a short human summary, or SWF's full description with --json. */
export const describeCommand = defineCommand<DescribeArgs>({
  command: 'describe <workflowId>',
  describe: 'Describe an execution: status, configuration, open tasks',
  builder: (yargs) =>
    withExecution(yargs)
      .option('json', { type: 'boolean', default: false, describe: "Print DescribeWorkflowExecution's answer as JSON" })
      .example('$0 describe order-1', 'show status and open counts'),
  async run(args, context) {
    const answer = await context.client.describe({ workflowId: args.workflowId, runId: args.runId });
    const { $metadata: _metadata, ...description } = answer;
    if (args.json) {
      context.out(JSON.stringify(description, null, 2));
      return EXIT_OK;
    }
    const info = answer.executionInfo;
    const config = answer.executionConfiguration;
    const counts = answer.openCounts;
    const status = info?.executionStatus === 'CLOSED' ? `CLOSED (${info.closeStatus})` : (info?.executionStatus ?? '?');
    const lines = [
      `workflowId:  ${info?.execution?.workflowId}`,
      `runId:       ${info?.execution?.runId}`,
      `type:        ${info?.workflowType?.name}@${info?.workflowType?.version}`,
      `status:      ${status}${info?.cancelRequested ? ', cancel requested' : ''}`,
      `started:     ${info?.startTimestamp?.toISOString()}`,
    ];
    if (info?.closeTimestamp) lines.push(`closed:      ${info.closeTimestamp.toISOString()}`);
    if (info?.parent) lines.push(`parent:      ${info.parent.workflowId} (run ${info.parent.runId})`);
    if (info?.tagList?.length) lines.push(`tags:        ${info.tagList.join(', ')}`);
    lines.push(
      `task list:   ${config?.taskList?.name}  (decision timeout ${config?.taskStartToCloseTimeout}s, execution timeout ${config?.executionStartToCloseTimeout}s, child policy ${config?.childPolicy})`,
      `open:        ${counts?.openActivityTasks ?? 0} activities, ${counts?.openTimers ?? 0} timers, ${counts?.openChildWorkflowExecutions ?? 0} children, ${counts?.openDecisionTasks ?? 0} decision tasks`,
    );
    if (answer.latestExecutionContext)
      lines.push(`context:     ${answer.latestExecutionContext}  (what the workflow last gave this.setStatus)`);
    for (const line of lines) context.out(line);
    return EXIT_OK;
  },
});
