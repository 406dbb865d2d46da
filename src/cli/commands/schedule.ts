// flowy schedule create|list|describe|pause|resume|trigger|delete: cron schedules that run on SWF
// as FlowySchedule executions (src/schedules); workers of `flowy start-workflow-worker` run them.
import { nextFireTimes } from '../../schedules/index.ts';
import type { OverlapPolicy, ScheduleDescription, ScheduleSpec } from '../../schedules/index.ts';
import { defineCommand } from '../command.ts';
import { readInput } from '../json-input.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../report-error.ts';
import { UsageError } from '../usage-error.ts';
import type { CliContext } from '../context.ts';

const ACTIONS = ['create', 'list', 'describe', 'pause', 'resume', 'trigger', 'delete'] as const;

interface ScheduleArgs extends FolderArgs {
  action: (typeof ACTIONS)[number];
  name?: string;
  workflow?: string;
  cron?: string;
  timezone?: string;
  input?: string;
  inputFile?: string;
  overlap?: OverlapPolicy;
  jitter?: number;
  catchupWindow?: number;
  taskList?: string;
  json: boolean;
}

/** `flowy schedule`: one command, an action and the schedule's name. */
export const scheduleCommand = defineCommand<ScheduleArgs>({
  command: 'schedule <action> [name]',
  describe: 'Cron schedules that start a workflow: create, list, describe, pause, resume, trigger, delete',
  builder: (yargs) =>
    withFolders(yargs)
      .positional('action', { type: 'string', choices: ACTIONS, describe: 'What to do', demandOption: true })
      .positional('name', { type: 'string', describe: "The schedule's name (all actions but list)" })
      .option('workflow', { type: 'string', describe: 'create: the workflow to start, NAME or NAME@VERSION' })
      .option('cron', { type: 'string', describe: 'create: cron expression, e.g. "*/5 * * * *"' })
      .option('timezone', { type: 'string', describe: 'create: IANA time zone of the cron expression [default: UTC]' })
      .option('input', { type: 'string', describe: "create: the workflow's input as JSON" })
      .option('input-file', { type: 'string', describe: 'create: read the input JSON from a file' })
      .option('overlap', {
        type: 'string',
        choices: ['skip', 'buffer-one', 'allow'],
        describe: 'create: when the previous run is still open [default: skip]',
      })
      .option('jitter', {
        type: 'number',
        describe: 'create: start each run up to this many seconds late, at random [default: 0]',
      })
      .option('catchup-window', {
        type: 'number',
        describe: 'create: fire times missed by more than this many seconds are skipped [default: 60]',
      })
      .option('task-list', { type: 'string', describe: "create: the workflow's decision task list [default: its own]" })
      .option('json', { type: 'boolean', default: false, describe: 'list, describe: print JSON' })
      .example(
        '$0 schedule create nightly --workflow OrderPipeline --cron "0 2 * * *" --timezone Europe/Paris --input \'{...}\'',
        'every night at 2:00 Paris time',
      )
      .example('$0 schedule describe nightly', 'next fire times, last runs and their outcome')
      .example('$0 schedule trigger nightly', 'run it now'),
  async run(args, context) {
    if (args.action === 'list') return list(args, context);
    if (!args.name)
      throw new UsageError(
        `flowy schedule ${args.action} needs the schedule's name: flowy schedule ${args.action} <name>`,
      );
    const name = args.name;
    switch (args.action) {
      case 'create':
        return create(name, args, context);
      case 'describe':
        return describe(await context.client.describeSchedule(name), args.json, context);
      case 'pause':
        await context.client.pauseSchedule(name);
        context.out(`paused schedule ${name}`);
        return EXIT_OK;
      case 'resume':
        await context.client.resumeSchedule(name);
        context.out(`resumed schedule ${name}`);
        return EXIT_OK;
      case 'trigger':
        await context.client.triggerSchedule(name);
        context.out(
          `triggered schedule ${name}: its workflow starts at its next decision (the overlap policy applies)`,
        );
        return EXIT_OK;
      case 'delete':
        await context.client.deleteSchedule(name);
        context.out(`deleted schedule ${name}; runs it started go on`);
        return EXIT_OK;
    }
  },
});

async function create(name: string, args: ScheduleArgs, context: CliContext): Promise<number> {
  if (!args.workflow || !args.cron)
    throw new UsageError('flowy schedule create needs --workflow NAME and --cron "<expression>"');
  const [workflowName, explicitVersion] = args.workflow.split('@');
  let version = explicitVersion;
  if (!version) {
    const definition = (await context.registry(args.folders)).findWorkflow(workflowName!);
    if (!definition)
      throw new UsageError(
        `Workflow "${workflowName}" is not in ${args.folders.join(', ')}; pass --folders, or --workflow NAME@VERSION`,
      );
    version = definition.options.version;
  }
  const input = await readInput(args);
  const spec: ScheduleSpec = {
    cron: args.cron,
    workflow: { name: workflowName!, version },
    ...(args.timezone !== undefined ? { timezone: args.timezone } : {}),
    ...(input !== undefined ? { input } : {}),
    ...(args.overlap !== undefined ? { overlap: args.overlap } : {}),
    ...(args.jitter !== undefined ? { jitter: args.jitter } : {}),
    ...(args.catchupWindow !== undefined ? { catchupWindow: args.catchupWindow } : {}),
    ...(args.taskList !== undefined ? { taskList: args.taskList } : {}),
  };
  const execution = await context.client.createSchedule(name, spec);
  const next = nextFireTimes(spec, new Date(), 3).map((d) => d.toISOString());
  context.out(
    `created schedule ${name} (workflowId ${execution.workflowId}): "${spec.cron}" ${spec.timezone ?? 'UTC'} starts ${workflowName}@${version}`,
  );
  context.out(`next: ${next.join(', ')}`);
  return EXIT_OK;
}

async function list(args: ScheduleArgs, context: CliContext): Promise<number> {
  const schedules = await context.client.listSchedules();
  if (args.json) {
    context.out(JSON.stringify(schedules, null, 2));
    return EXIT_OK;
  }
  if (schedules.length === 0) {
    context.out('no schedules; create one with "flowy schedule create <name> --workflow NAME --cron \'...\'"');
    return EXIT_OK;
  }
  for (const s of schedules) {
    context.out(
      `${s.name}  "${s.cron}" ${s.timezone}  ${s.workflow}  ${s.paused ? 'PAUSED' : `next ${s.nextFireTime ?? '-'}`}`,
    );
  }
  return EXIT_OK;
}

function describe(described: ScheduleDescription, json: boolean, context: CliContext): number {
  if (json) {
    context.out(JSON.stringify(described, null, 2));
    return EXIT_OK;
  }
  const { spec, counts } = described;
  const lines = [
    `schedule:    ${described.name}${described.paused ? ' (PAUSED)' : ''}`,
    `cron:        "${spec.cron}" ${spec.timezone}`,
    `workflow:    ${spec.workflow.name}@${spec.workflow.version}${spec.input === undefined ? '' : ` input ${JSON.stringify(spec.input)}`}`,
    `policies:    overlap ${spec.overlap}, jitter ${spec.jitter}s, catch-up window ${spec.catchupWindow}s`,
    `runs:        ${counts.started} started, ${counts.skipped} skipped, ${counts.missed} missed${described.running.length ? `; open: ${described.running.join(', ')}` : ''}`,
    `next:        ${described.nextFireTimes.join(', ') || '-'}`,
    'last runs:',
    ...(described.recent.length === 0
      ? ['  (none yet)']
      : [...described.recent]
          .reverse()
          .map((r) => `  ${r.scheduledAt}  ${r.workflowId ?? '-'}  ${r.outcome}${r.trigger ? ' (triggered)' : ''}`)),
  ];
  for (const line of lines) context.out(line);
  return EXIT_OK;
}
