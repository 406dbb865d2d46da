import { failureMessage, truncate } from '../core/engine.ts';
import { summarizeHistory } from './history-summary.ts';
import type { ExecutionSummary, HistoryEventLike, Outcome } from './history-summary.ts';

/** Options of renderTimeline. */
export interface TimelineOptions {
  /** ids to show in the header; history events do not carry them */
  workflowId?: string;
  runId?: string;
  /** longest input/result/details text shown before it is cut with "…" (default 80) */
  maxText?: number;
}

/**
 * The human `flowy history` view of one run: a header (type, ids, status, start, close,
 * duration), then every activity attempt, child, timer, signal, marker and cancel request with
 * its times as offsets from the start of the run, its duration and outcome, then the close event.
 */
export function renderTimeline(events: readonly HistoryEventLike[], options: TimelineOptions = {}): string {
  const summary = summarizeHistory(events, options);
  const maxText = options.maxText ?? 80;
  const origin = summary.startedAt ?? firstTimestamp(summary);
  const offset = (date: Date | undefined) =>
    date && origin ? `+${formatDuration(date.getTime() - origin.getTime())}` : '-';
  const cut = (text: string | undefined) => (text === undefined ? undefined : oneLine(text, maxText));
  const lines: string[] = [...header(summary, cut)];
  // SWF drops a run's open timers and tasks when it closes; say so rather than "pending"
  const isClosed = summary.status !== 'OPEN';
  const openText = (whileOpen: string) => (isClosed ? 'open when the run closed' : whileOpen);

  if (summary.activities.length > 0) {
    const calls = new Set(summary.activities.map((a) => a.callId)).size;
    lines.push(
      '',
      `Activities (${calls} ${plural(calls, 'call')}, ${summary.activities.length} ${plural(summary.activities.length, 'attempt')})`,
    );
    lines.push(
      ...table(
        ['ID', 'TYPE', 'SCHEDULED', 'STARTED', 'CLOSED', 'DURATION', 'ATTEMPT', 'OUTCOME'],
        summary.activities.map((a) => [
          a.activityId,
          `${a.activityType.name}@${a.activityType.version}`,
          offset(a.scheduledAt),
          offset(a.startedAt),
          offset(a.closedAt),
          span(a.startedAt ?? a.scheduledAt, a.closedAt),
          String(a.attempt),
          describeOutcome(a.outcome, cut, openText(a.startedAt ? 'running' : 'scheduled')) +
            (a.cancelRequestedAt ? ` (cancel requested ${offset(a.cancelRequestedAt)})` : ''),
        ]),
      ),
    );
  }
  if (summary.children.length > 0) {
    lines.push('', `Child workflows (${summary.children.length})`);
    lines.push(
      ...table(
        ['WORKFLOW ID', 'TYPE', 'INITIATED', 'STARTED', 'CLOSED', 'DURATION', 'OUTCOME'],
        summary.children.map((c) => [
          c.workflowId + (c.runId ? ` (run ${c.runId})` : ''),
          `${c.workflowType.name}@${c.workflowType.version}`,
          offset(c.initiatedAt),
          offset(c.startedAt),
          offset(c.closedAt),
          span(c.startedAt ?? c.initiatedAt, c.closedAt),
          describeOutcome(c.outcome, cut, openText(c.startedAt ? 'running' : 'starting')),
        ]),
      ),
    );
  }
  if (summary.timers.length > 0) {
    lines.push('', `Timers (${summary.timers.length})`);
    lines.push(
      ...table(
        ['ID', 'FIRES AFTER', 'STARTED', 'CLOSED', 'DURATION', 'OUTCOME'],
        summary.timers.map((t) => [
          t.timerId,
          t.startToFireTimeout !== undefined && /^\d+$/.test(t.startToFireTimeout)
            ? formatDuration(Number(t.startToFireTimeout) * 1000)
            : (t.startToFireTimeout ?? '-'),
          offset(t.startedAt),
          offset(t.closedAt),
          span(t.startedAt, t.closedAt),
          describeOutcome(t.outcome, cut, isClosed ? 'never fired (the run closed)' : 'pending'),
        ]),
      ),
    );
  }
  if (summary.events.length > 0) {
    lines.push('', 'Signals, markers and requests');
    lines.push(
      ...table(
        ['AT', 'EVENT', 'KIND', 'NAME', 'DETAILS'],
        summary.events.map((e) => [offset(e.at), `#${e.eventId}`, e.kind, e.name, cut(e.details) ?? '']),
      ),
    );
  }
  lines.push('', closeLine(summary, offset, cut));
  return lines.join('\n') + '\n';
}

function header(summary: ExecutionSummary, cut: (t: string | undefined) => string | undefined): string[] {
  const type = summary.workflowType
    ? `${summary.workflowType.name}@${summary.workflowType.version}`
    : 'Workflow (no start event in this history)';
  const rows: [string, string | undefined][] = [
    ['Workflow', type],
    ['Workflow id', summary.workflowId],
    ['Run id', summary.runId],
    ['Status', summary.status],
    ['Started', summary.startedAt?.toISOString()],
    ['Closed', summary.closedAt?.toISOString()],
    [
      'Duration',
      summary.startedAt && summary.closedAt
        ? formatDuration(summary.closedAt.getTime() - summary.startedAt.getTime())
        : undefined,
    ],
    ['Task list', summary.taskList],
    ['Parent', summary.parent ? `${summary.parent.workflowId} (run ${summary.parent.runId})` : undefined],
    ['Continued from', summary.continuedFromRunId],
    ['Input', cut(summary.input)],
    [
      'Events',
      `${summary.eventCount} (${summary.decisionTasks.completed} decision ${plural(summary.decisionTasks.completed, 'task')}` +
        (summary.decisionTasks.timedOut > 0 ? `, ${summary.decisionTasks.timedOut} timed out)` : ')'),
    ],
  ];
  const present = rows.filter((row): row is [string, string] => row[1] !== undefined);
  const width = Math.max(...present.map(([label]) => label.length));
  return present.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
}

function closeLine(
  summary: ExecutionSummary,
  offset: (d: Date | undefined) => string,
  cut: (t: string | undefined) => string | undefined,
): string {
  const close = summary.close;
  if (!close) return 'Still open: no close event yet';
  const parts = [`Closed ${offset(close.at)}: ${summary.status}`];
  if (close.result !== undefined) parts.push(`result ${cut(close.result)}`);
  if (close.reason !== undefined) parts.push(`reason ${close.reason}`);
  if (close.details !== undefined) parts.push(`details ${cut(close.details)}`);
  if (close.newRunId !== undefined) parts.push(`new run ${close.newRunId}`);
  return parts.join(', ');
}

function describeOutcome(
  outcome: Outcome,
  cut: (t: string | undefined) => string | undefined,
  openText: string,
): string {
  switch (outcome.kind) {
    case 'open':
      return openText;
    case 'completed':
      return outcome.result !== undefined ? `completed → ${cut(outcome.result)}` : 'completed';
    case 'failed':
    case 'timed out':
    case 'start failed':
    case 'canceled': {
      const reason = outcome.reason ?? (outcome.kind === 'failed' ? '(no reason)' : undefined);
      const details = cut(messageOf(outcome.details));
      return [outcome.kind + (reason ? `: ${reason}` : ''), details ? `(${details})` : undefined]
        .filter(Boolean)
        .join(' ');
    }
    default:
      return outcome.kind;
  }
}

/** flowy writes failure details as JSON `{ message, stack, ... }`: show the message, else details as recorded. */
function messageOf(details: string | undefined): string | undefined {
  return failureMessage(details) ?? details;
}

/** Rows as aligned columns, indented by two spaces; the last column is not padded. */
function table(head: string[], rows: string[][]): string[] {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map(
    (row) =>
      '  ' +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

function span(from: Date | undefined, to: Date | undefined): string {
  return from && to ? formatDuration(to.getTime() - from.getTime()) : '-';
}

function firstTimestamp(summary: ExecutionSummary): Date | undefined {
  const candidates = [
    ...summary.activities.map((a) => a.scheduledAt),
    ...summary.children.map((c) => c.initiatedAt),
    ...summary.timers.map((t) => t.startedAt),
    ...summary.events.map((e) => e.at),
    summary.closedAt,
  ].filter((d): d is Date => d !== undefined);
  return candidates.length === 0 ? undefined : new Date(Math.min(...candidates.map((d) => d.getTime())));
}

/** `250ms`, `1.18s`, `2m 5.5s`, `3h 2m 5s`, `30d 4h` (zero parts are left out). */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${trimZeros((ms / 1000).toFixed(2))}s`;
  const totalSeconds = ms < 3_600_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = trimZeros((totalSeconds % 60).toFixed(1));
  const parts = [days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`, seconds !== '0' && `${seconds}s`];
  return parts.filter(Boolean).join(' ');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `text` on one line (newlines and the indentation around them become one space), cut to `max`. */
function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s*\n\s*/g, ' '), max);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
