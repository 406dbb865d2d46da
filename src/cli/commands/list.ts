// flowy list: open (default) or closed executions, newest first, with one filter.
import type { CloseStatus } from '../../swf-model/index.ts';
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { wholeNumber } from '../number-option.ts';

interface ListArgs {
  closed: boolean;
  workflowId?: string;
  type?: string;
  tag?: string;
  status?: CloseStatus;
  since?: string;
  limit: number;
  json: boolean;
}

const CLOSE_STATUSES = ['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'] as const;

/** `flowy list`: a table of executions, or SWF's execution infos with --json. */
export const listCommand = defineCommand<ListArgs>({
  command: 'list',
  describe: 'List open or closed executions',
  builder: (yargs) =>
    yargs
      .option('closed', { type: 'boolean', default: false, describe: 'List closed executions instead of open ones' })
      .option('workflow-id', { type: 'string', describe: 'Only this workflowId' })
      .option('type', { type: 'string', describe: 'Only this workflow type: NAME or NAME@VERSION' })
      .option('tag', { type: 'string', describe: 'Only executions with this tag' })
      .option('status', {
        choices: CLOSE_STATUSES,
        describe: 'Only closed executions with this close status (implies --closed)',
      })
      .option('since', {
        type: 'string',
        describe: 'Started at or after: ISO date or a duration like 2h, 3d [default: 30d]',
      })
      .option('limit', { type: 'number', coerce: wholeNumber('limit'), default: 100, describe: 'At most this many' })
      .option('json', { type: 'boolean', default: false, describe: 'Print as JSON' })
      .example('$0 list', 'open executions')
      .example('$0 list --closed --status FAILED --since 1d', 'what failed today'),
  async run(args, context) {
    const [name, version] = args.type ? args.type.split('@') : [];
    const infos = await context.client.list({
      closed: args.closed || args.status !== undefined,
      workflowId: args.workflowId,
      workflowType: name ? { name, version: version || undefined } : undefined,
      tag: args.tag,
      closeStatus: args.status,
      startedAfter: args.since ? parseSince(args.since) : undefined,
      maxResults: args.limit,
    });
    if (args.json) {
      context.out(JSON.stringify(infos, null, 2));
      return EXIT_OK;
    }
    if (infos.length === 0) {
      context.out(`no ${args.closed || args.status ? 'closed' : 'open'} executions in domain "${context.domain}"`);
      return EXIT_OK;
    }
    const rows = infos.map((i) => [
      i.execution?.workflowId ?? '',
      i.execution?.runId ?? '',
      `${i.workflowType?.name}@${i.workflowType?.version}`,
      i.closeStatus ?? i.executionStatus ?? '',
      i.startTimestamp?.toISOString() ?? '',
      i.closeTimestamp?.toISOString() ?? '',
    ]);
    for (const line of table(['WORKFLOW ID', 'RUN ID', 'TYPE', 'STATUS', 'STARTED', 'CLOSED'], rows)) context.out(line);
    return EXIT_OK;
  },
});

/** `2h`, `3d`, `15m`, `30s` ago, or an ISO date. */
export function parseSince(text: string): Date {
  const relative = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (relative) {
    const seconds = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(Date.now() - Number(relative[1]) * seconds * 1000);
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--since "${text}" is neither a date nor a duration like 2h or 3d`);
  return date;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
