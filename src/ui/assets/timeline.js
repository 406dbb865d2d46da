// The run drawn over time: one bar per activity attempt, timer and child workflow, coloured by how
// it ended (failed attempts and timeouts stand out). Rows are virtual, so long runs stay light.
import { h } from 'preact';
import htm from 'htm';
import { formatDuration, runHref } from './format.js';
import { VirtualList } from './virtual-list.js';

const html = htm.bind(h);
const ROW_HEIGHT = 28;

function ms(value) {
  return value ? new Date(value).getTime() : undefined;
}

function outcomeText(outcome, isRunOpen) {
  if (outcome.kind === 'open') return isRunOpen ? 'running' : 'open when the run closed';
  return outcome.reason ? `${outcome.kind}: ${outcome.reason}` : outcome.kind;
}

/** Every bar of the run, in start order. */
function barsOf(summary) {
  const bars = [];
  for (const a of summary.activities) {
    bars.push({
      kind: 'activity',
      label: a.activityId,
      detail: `${a.activityType.name}${a.attempt > 1 ? ` · attempt ${a.attempt}` : ''}`,
      start: ms(a.scheduledAt),
      running: ms(a.startedAt),
      end: ms(a.closedAt),
      outcome: a.outcome,
    });
  }
  for (const t of summary.timers) {
    bars.push({
      kind: 'timer',
      label: t.timerId,
      detail: `timer ${t.startToFireTimeout ?? ''}s`,
      start: ms(t.startedAt),
      end: ms(t.closedAt),
      outcome: t.outcome,
    });
  }
  for (const c of summary.children) {
    bars.push({
      kind: 'child',
      label: c.workflowId,
      detail: `child ${c.workflowType.name}`,
      start: ms(c.initiatedAt),
      running: ms(c.startedAt),
      end: ms(c.closedAt),
      outcome: c.outcome,
      child: c,
    });
  }
  return bars.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

export function Timeline({ summary, domain }) {
  const bars = barsOf(summary);
  if (bars.length === 0)
    return html`<section class="timeline">
      <h2>Timeline</h2>
      <p class="empty">No activities, timers or children.</p>
    </section>`;
  const isRunOpen = summary.status === 'OPEN';
  const origin = ms(summary.startedAt) ?? Math.min(...bars.map((b) => b.start ?? Infinity));
  const last = Math.max(
    ms(summary.closedAt) ?? 0,
    ...bars.map((b) => b.end ?? b.start ?? 0),
    isRunOpen ? Date.now() : 0,
  );
  const span = Math.max(1, last - origin);
  const percent = (t) => `${(((t - origin) / span) * 100).toFixed(3)}%`;
  const counts = {
    failed: bars.filter((b) => b.outcome.kind === 'failed').length,
    timedOut: bars.filter((b) => b.outcome.kind === 'timed out').length,
  };
  const renderRow = (i, style) => {
    const bar = bars[i];
    const end = bar.end ?? last;
    const start = bar.start ?? origin;
    const kind = bar.outcome.kind.replace(/\s+/g, '-');
    const text = outcomeText(bar.outcome, isRunOpen);
    const duration = formatDuration(end - start);
    const queued = bar.running && bar.running > start ? ((bar.running - start) / Math.max(1, end - start)) * 100 : 0;
    const name = bar.child
      ? html`<a href=${runHref(domain, bar.child.workflowId, bar.child.runId)}>${bar.label}</a>`
      : bar.label;
    return html`<div
      class="bar-row"
      role="listitem"
      style=${style}
      data-kind=${bar.kind}
      data-outcome=${kind}
      data-label=${bar.label}
    >
      <div class="bar-label" title=${`${bar.label} ${bar.detail}`}>
        <span class="mono">${name}</span> <span class="muted">${bar.detail}</span>
      </div>
      <div class="bar-track">
        <div
          class=${`bar bar-${bar.kind} outcome-${kind}`}
          style=${`left:${percent(start)};width:max(3px, calc(${percent(end)} - ${percent(start)}))`}
          title=${`${bar.label}: ${text}, ${duration}`}
        >
          ${queued > 0 ? html`<span class="bar-queued" style=${`width:${queued.toFixed(2)}%`}></span>` : ''}
        </div>
      </div>
      <div class="bar-outcome ${`outcome-text-${kind}`}">${text} · ${duration}</div>
    </div>`;
  };
  return html`<section class="timeline" aria-labelledby="timeline-title">
    <h2 id="timeline-title">
      Timeline
      <span class="muted"
        >${bars.length} bars · ${counts.failed} failed · ${counts.timedOut} timed out · total
        ${formatDuration(span)}</span
      >
    </h2>
    <p class="legend" aria-hidden="true">
      <span class="swatch outcome-completed"></span>completed <span class="swatch outcome-failed"></span>failed
      <span class="swatch outcome-timed-out"></span>timed out <span class="swatch outcome-canceled"></span>canceled
      <span class="swatch outcome-open"></span>open <span class="swatch outcome-fired"></span>timer fired · lighter
      start of a bar: waiting to be picked up
    </p>
    <${VirtualList}
      count=${bars.length}
      heightOf=${() => ROW_HEIGHT}
      version=${bars.length}
      renderRow=${renderRow}
      label="Timeline bars"
      className="bars"
      maxHeight="50vh"
    />
  </section>`;
}
