// The executions list: filters (in the URL), counts, a page of runs newest first, next/previous
// pages by cursor, and a live refresh of the first page while open runs can change.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { read } from './api.js';
import { between, formatDuration, formatTime, routeHref, runHref, statusClass } from './format.js';

const html = htm.bind(h);
const CLOSE_STATUSES = ['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'TIMED_OUT', 'CONTINUED_AS_NEW'];
const FILTER_FIELDS = ['status', 'workflowId', 'type', 'version', 'tag', 'closeStatus', 'from', 'to'];
const REFRESH_MS = 3000;

function statusOf(info) {
  return info.executionStatus === 'OPEN' ? 'OPEN' : info.closeStatus;
}

function Filters({ domain, query }) {
  const onSubmit = (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = {};
    for (const field of FILTER_FIELDS) next[field] = String(form.get(field) ?? '').trim();
    if (next.status === 'all') next.status = '';
    location.hash = routeHref(domain, 'executions', [], next);
  };
  const field = (name, label, type = 'text') =>
    html`<label>${label}<input name=${name} type=${type} value=${query[name] ?? ''} /></label>`;
  return html`<form class="filters" onSubmit=${onSubmit} aria-label="Filter executions">
    <label
      >Status<select name="status" value=${query.status ?? 'all'}>
        <option value="all">open and closed</option>
        <option value="open">open</option>
        <option value="closed">closed</option>
      </select></label
    >
    ${field('workflowId', 'Workflow ID')} ${field('type', 'Type')} ${field('version', 'Version')} ${field('tag', 'Tag')}
    <label
      >Close status<select name="closeStatus" value=${query.closeStatus ?? ''}>
        <option value="">any</option>
        ${CLOSE_STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
      </select></label
    >
    ${field('from', 'Started after', 'datetime-local')} ${field('to', 'Started before', 'datetime-local')}
    <div class="filter-buttons">
      <button type="submit">Apply</button>
      <a class="button secondary" href=${routeHref(domain, 'executions')}>Clear</a>
    </div>
  </form>`;
}

function Counts({ counts }) {
  if (!counts) return null;
  const mark = counts.isExact ? '' : '≤ ';
  const more = counts.truncated ? '+' : '';
  return html`<p class="counts" aria-live="polite">
    <span class="status status-open">${mark}${counts.open}${more} open</span>
    <span class="status status-closed">${mark}${counts.closed}${more} closed</span>
    ${counts.isExact ? '' : html`<span class="hint">(counted with the filter SWF applies; the list applies all of them)</span>`}
  </p>`;
}

function Row({ domain, info }) {
  const status = statusOf(info);
  const { workflowId, runId } = info.execution;
  return html`<tr>
    <td><span class=${statusClass(status)}>${status}</span></td>
    <td><a href=${runHref(domain, workflowId, runId)}>${workflowId}</a></td>
    <td>${info.workflowType?.name}<span class="muted">@${info.workflowType?.version}</span></td>
    <td>${formatTime(info.startTimestamp)}</td>
    <td>${formatTime(info.closeTimestamp)}</td>
    <td>
      ${info.closeTimestamp ? formatDuration(between(info.startTimestamp, info.closeTimestamp)) : html`<span class="muted">running</span>`}
    </td>
    <td class="muted mono" title=${runId}>${runId.slice(0, 10)}…</td>
    <td>${(info.tagList ?? []).map((t) => html`<span class="tag">${t}</span>`)}</td>
  </tr>`;
}

export function ExecutionsPage({ domain, query }) {
  // cursors[i] opens page i; page 0 has none
  const [cursors, setCursors] = useState([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [data, setData] = useState(undefined);
  const [error, setError] = useState(undefined);
  const [isLive, setLive] = useState(true);
  const pageSize = Number(query.pageSize) || 50;
  const filterKey = JSON.stringify(query);
  const latest = useRef(0);

  const load = (index, cursor) => {
    const ticket = ++latest.current;
    return read('executions', { domain, ...query, pageSize, cursor }).then(
      (answer) => {
        if (ticket !== latest.current) return;
        setData((previous) => ({ ...answer, counts: answer.counts ?? previous?.counts }));
        setError(undefined);
        setCursors((list) => {
          const next = list.slice(0, index + 1);
          next[index + 1] = answer.cursor;
          return next;
        });
      },
      (e) => ticket === latest.current && setError(e.message),
    );
  };

  useEffect(() => {
    setCursors([undefined]);
    setPageIndex(0);
    setData(undefined);
    load(0, undefined);
  }, [domain, filterKey]);

  const hasOpen = data?.executions.some((info) => info.executionStatus === 'OPEN') || (data?.counts?.open ?? 0) > 0;
  useEffect(() => {
    if (!isLive || pageIndex !== 0 || !hasOpen) return undefined;
    const timer = setInterval(() => load(0, undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [isLive, pageIndex, hasOpen, domain, filterKey]);

  const go = (index) => {
    setPageIndex(index);
    load(index, cursors[index]);
  };

  return html`<section aria-labelledby="executions-title">
    <div class="title-row">
      <h1 id="executions-title">Executions <span class="muted">in ${domain}</span></h1>
      <label class="live"
        ><input type="checkbox" checked=${isLive} onChange=${(e) => setLive(e.currentTarget.checked)} /> Live
        refresh</label
      >
    </div>
    <${Filters} domain=${domain} query=${query} />
    ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
    <${Counts} counts=${data?.counts} />
    ${
      !data
        ? html`<p class="loading">Loading…</p>`
        : data.executions.length === 0
          ? html`<p class="empty">No executions match.</p>`
          : html` <div class="table-wrap">
              <table class="executions" aria-label="Executions, newest first">
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Workflow ID</th>
                    <th scope="col">Type</th>
                    <th scope="col">Started</th>
                    <th scope="col">Closed</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Run</th>
                    <th scope="col">Tags</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.executions.map((info) => html`<${Row} key=${info.execution.runId} domain=${domain} info=${info} />`)}
                </tbody>
              </table>
            </div>`
    }
    <nav class="pager" aria-label="Pages of executions">
      <button type="button" disabled=${pageIndex === 0} onClick=${() => go(pageIndex - 1)}>← Newer</button>
      <span>Page ${pageIndex + 1}</span>
      <button type="button" disabled=${!cursors[pageIndex + 1]} onClick=${() => go(pageIndex + 1)}>Older →</button>
    </nav>
  </section>`;
}
