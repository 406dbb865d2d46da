// Small formatting helpers shared by the pages.

/** "2026-01-31 12:00:05" in local time, or "-" */
export function formatTime(value) {
  if (!value) return '-';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '-';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** 850ms, 12.3s, 4m 05s, 2h 03m, 3d 04h */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${String(h % 24).padStart(2, '0')}h`;
}

/** Milliseconds between two timestamps (the second defaults to now). */
export function between(from, to) {
  if (!from) return undefined;
  return (to ? new Date(to) : new Date()).getTime() - new Date(from).getTime();
}

/** The CSS class of a status badge. */
export function statusClass(status) {
  return `status status-${String(status ?? 'unknown')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')}`;
}

/** SWF data fields are text, usually JSON: pretty-printed when it parses, as is otherwise. */
export function prettyData(text) {
  if (text === undefined || text === null || text === '') return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return String(text);
  }
}

/** A hash route: #/d/<domain>/<page>/<...parts>?<query> */
export function routeHref(domain, page, parts = [], query = {}) {
  const path = ['d', domain, page, ...parts].map(encodeURIComponent).join('/');
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')).toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** Link to one run. */
export function runHref(domain, workflowId, runId) {
  return routeHref(domain, 'run', runId ? [workflowId, runId] : [workflowId]);
}

/** Parses location.hash into { domain, page, parts, query }. */
export function parseRoute(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(search));
  if (segments[0] !== 'd' || segments.length < 3) return { domain: segments[1], page: 'executions', parts: [], query };
  return { domain: segments[1], page: segments[2], parts: segments.slice(3), query };
}
