// One run: header with links, actions, input/result/failure, pending work, the timeline and the
// event history. Refreshes while the run is open.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { read } from './api.js';
import { between, formatDuration, formatTime, prettyData, runHref, statusClass } from './format.js';
import { Timeline } from './timeline.js';
import { EventTable } from './event-table.js';
import { ExecutionActions } from './actions.js';

const html = htm.bind(h);
const REFRESH_MS = 2000;

function RunLink({ domain, link, label }) {
  if (!link) return null;
  return html`<a href=${runHref(domain, link.workflowId, link.runId)}>${label ?? link.workflowId}</a>`;
}

function Header({ domain, view }) {
  const { summary, execution, links, description } = view;
  const info = description.executionInfo ?? {};
  const status = summary.status;
  const type = summary.workflowType ?? info.workflowType ?? {};
  return html`<header class="run-header">
    <h1><span class=${statusClass(status)}>${status}</span> ${type.name}<span class="muted">@${type.version}</span></h1>
    <dl class="facts">
      <div>
        <dt>Workflow ID</dt>
        <dd class="mono">${execution.workflowId}</dd>
      </div>
      <div>
        <dt>Run ID</dt>
        <dd class="mono">${execution.runId}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>${formatTime(summary.startedAt)}</dd>
      </div>
      <div>
        <dt>Closed</dt>
        <dd>${formatTime(summary.closedAt)}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>
          ${formatDuration(between(summary.startedAt, summary.closedAt ?? view.events.at(-1)?.eventTimestamp))}${status === 'OPEN' ? ' to its last event' : ''}
        </dd>
      </div>
      <div>
        <dt>Task list</dt>
        <dd>${summary.taskList ?? '-'}</dd>
      </div>
      <div>
        <dt>Events</dt>
        <dd>${summary.eventCount}</dd>
      </div>
      ${
        (info.tagList ?? []).length
          ? html`<div>
              <dt>Tags</dt>
              <dd>${info.tagList.map((t) => html`<span class="tag">${t}</span>`)}</dd>
            </div>`
          : ''
      }
      ${
        links.parent
          ? html`<div>
              <dt>Parent</dt>
              <dd><${RunLink} domain=${domain} link=${links.parent} /></dd>
            </div>`
          : ''
      }
      ${
        links.previousRun
          ? html`<div>
              <dt>Continued from</dt>
              <dd>
                <${RunLink}
                  domain=${domain}
                  link=${links.previousRun}
                  label=${`run ${links.previousRun.runId.slice(0, 10)}…`}
                />
              </dd>
            </div>`
          : ''
      }
      ${
        links.nextRun
          ? html`<div>
              <dt>Continued as</dt>
              <dd>
                <${RunLink}
                  domain=${domain}
                  link=${links.nextRun}
                  label=${`run ${links.nextRun.runId.slice(0, 10)}…`}
                />
              </dd>
            </div>`
          : ''
      }
      ${
        links.children.length
          ? html`<div class="wide">
              <dt>Children</dt>
              <dd class="children">${links.children.map((c) => html`<${RunLink} domain=${domain} link=${c} />`)}</dd>
            </div>`
          : ''
      }
    </dl>
  </header>`;
}

function DataBlock({ title, text }) {
  if (!text) return null;
  return html`<section class="data">
    <h2>${title}</h2>
    <pre tabindex="0">${prettyData(text)}</pre>
  </section>`;
}

function Outcome({ summary, status }) {
  const close = summary.close;
  return html`<div class="data-row">
    <${DataBlock} title="Input" text=${summary.input} />
    <${DataBlock} title="Status (this.setStatus)" text=${status} />
    ${close?.result !== undefined ? html`<${DataBlock} title="Result" text=${close.result} />` : ''}
    ${
      close?.reason || close?.details
        ? html`<section class="data failure">
            <h2>${close.eventType.replace('WorkflowExecution', '')}: ${close.reason ?? ''}</h2>
            ${close.details ? html`<pre tabindex="0">${prettyData(close.details)}</pre>` : ''}
          </section>`
        : ''
    }
  </div>`;
}

function Pending({ view }) {
  const counts = view.description.openCounts ?? {};
  if (view.summary.status !== 'OPEN') return null;
  const open = view.summary.activities.filter((a) => a.outcome.kind === 'open');
  return html`<section class="pending" role="region" aria-labelledby="pending-title">
    <h2 id="pending-title">Pending</h2>
    <p>
      ${counts.openDecisionTasks ?? 0} decision task · ${counts.openActivityTasks ?? 0} activity tasks ·
      ${counts.openTimers ?? 0} timers · ${counts.openChildWorkflowExecutions ?? 0} children
    </p>
    ${
      open.length
        ? html`<ul>
            ${open.map((a) => html`<li><span class="mono">${a.activityId}</span> ${a.activityType.name} — ${a.startedAt ? `running since ${formatTime(a.startedAt)}${a.worker ? ` on ${a.worker}` : ''}` : `scheduled ${formatTime(a.scheduledAt)}`}</li>`)}
          </ul>`
        : ''
    }
  </section>`;
}

export function ExecutionPage({ domain, workflowId, runId, config }) {
  const [view, setView] = useState(undefined);
  const [error, setError] = useState(undefined);
  const ticket = useRef(0);
  const shown = useRef(undefined);
  // a refresh of the same run asks only for the events after the last one it has
  const load = () => {
    const mine = ++ticket.current;
    const have = shown.current;
    const afterEventId = have && (!runId || have.execution.runId === runId) ? have.events.at(-1)?.eventId : undefined;
    return read('execution', { domain, workflowId, runId: runId ?? have?.execution.runId, afterEventId }).then(
      (answer) => {
        if (mine !== ticket.current) return;
        const next =
          answer.afterEventId > 0 && have
            ? { ...answer, events: answer.events.length ? [...have.events, ...answer.events] : have.events }
            : answer;
        shown.current = next;
        setView(next);
        setError(undefined);
      },
      (e) => mine === ticket.current && setError(e.message),
    );
  };
  useEffect(() => {
    load();
  }, [domain, workflowId, runId]);
  const isOpen = view?.summary.status === 'OPEN';
  useEffect(() => {
    if (!isOpen) return undefined;
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [isOpen, domain, workflowId, runId]);
  if (error && !view) return html`<p class="error" role="alert">${error}</p>`;
  if (!view) return html`<p class="loading">Loading ${workflowId}…</p>`;
  return html`<article class="run">
    <${Header} domain=${domain} view=${view} />
    ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
    ${view.payloadProblem ? html`<p class="error" role="alert">${view.payloadProblem}</p>` : ''}
    <${ExecutionActions} domain=${domain} view=${view} config=${config} onDone=${load} />
    <${Outcome} summary=${view.summary} status=${view.description.latestExecutionContext} />
    <${Pending} view=${view} />
    <${Timeline} summary=${view.summary} domain=${domain} />
    <${EventTable} events=${view.events} />
  </article>`;
}
