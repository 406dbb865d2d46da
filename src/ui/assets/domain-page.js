// The domain: workflow and activity types with their defaults and status, task lists with pending
// task counts, and the form that starts a workflow of a registered type.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { act, read } from './api.js';
import { formatTime, runHref, statusClass } from './format.js';
import { ActionFlow, jsonProblem } from './actions.js';

const html = htm.bind(h);

function Defaults({ defaults }) {
  const entries = Object.entries(defaults).filter(([, v]) => v !== undefined && v !== null);
  if (!entries.length) return html`<span class="muted">none</span>`;
  return html`<ul class="defaults">
    ${entries.map(([k, v]) => html`<li><span class="muted">${k}</span> ${v}</li>`)}
  </ul>`;
}

function TypeTable({ title, types }) {
  return html`<section aria-label=${title}>
    <h2>${title} <span class="muted">${types.length}</span></h2>
    ${
      types.length === 0
        ? html`<p class="empty">None registered.</p>`
        : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Defaults</th>
                  <th scope="col">Registered</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                ${types.map(
                  (t) =>
                    html`<tr>
                      <td>${t.name}</td>
                      <td>${t.version}</td>
                      <td><span class=${statusClass(t.status)}>${t.status}</span></td>
                      <td><${Defaults} defaults=${t.defaults} /></td>
                      <td>${formatTime(t.creationDate)}</td>
                      <td>${t.description ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function StartForm({ domain, types }) {
  const registered = types.filter((t) => t.status === 'REGISTERED');
  const [choice, setChoice] = useState(0);
  const [started, setStarted] = useState(undefined);
  if (!registered.length) return null;
  const type = registered[Math.min(choice, registered.length - 1)];
  return html`<section class="start">
    <${ActionFlow}
      key=${`${type.name}@${type.version}`}
      title="Start a workflow"
      onClose=${() => setStarted(undefined)}
      onDone=${(answer) => setStarted(answer)}
      fields=${(form) =>
        html` <label
            >Workflow type<select
              name="type"
              value=${String(choice)}
              onChange=${(e) => setChoice(Number(e.currentTarget.value))}
            >
              ${registered.map((t, i) => html`<option value=${String(i)}>${t.name}@${t.version}</option>`)}
            </select></label
          >
          <label
            >Workflow ID (optional)<input name="workflowId" value=${form.workflowId ?? ''} autocomplete="off"
          /></label>
          <label>Input (JSON)<textarea name="input" rows="5" spellcheck="false">${form.input ?? ''}</textarea></label>
          ${
            type.inputSchema
              ? html`<details>
                  <summary>Input schema</summary>
                  <pre>${JSON.stringify(type.inputSchema, null, 2)}</pre>
                </details>`
              : html`<p class="hint">
                  No schema known for ${type.name} (its code is not in the scanned folders); the input is checked as
                  JSON only.
                </p>`
          }`}
      check=${(form) => jsonProblem(String(form.input), 'Input')}
      describe=${(form) => `Start ${type.name}@${type.version}${form.workflowId ? ` as ${form.workflowId}` : ''}${form.input ? ` with ${form.input}` : ' without input'}?`}
      send=${(form) => act('start', { domain, typeName: type.name, typeVersion: type.version, workflowId: form.workflowId, input: form.input })}
    />
    ${started ? html`<p><a href=${runHref(domain, started.workflowId, started.runId)}>Open ${started.workflowId}</a></p>` : ''}
  </section>`;
}

export function DomainPage({ domain, config }) {
  const [view, setView] = useState(undefined);
  const [error, setError] = useState(undefined);
  useEffect(() => {
    read('domain', { domain }).then(setView, (e) => setError(e.message));
  }, [domain]);
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  if (!view) return html`<p class="loading">Loading ${domain}…</p>`;
  return html`<section class="domain">
    <h1>Domain ${view.domain.name} <span class=${statusClass(view.domain.status)}>${view.domain.status}</span></h1>
    <p class="muted">
      ${view.domain.description ? `${view.domain.description} · ` : ''}history kept ${view.domain.retentionDays} days
      after a run closes
    </p>
    ${config.isReadOnly ? '' : html`<${StartForm} domain=${domain} types=${view.workflowTypes} />`}
    <${TypeTable} title="Workflow types" types=${view.workflowTypes} />
    <${TypeTable} title="Activity types" types=${view.activityTypes} />
    <section aria-label="Task lists">
      <h2>Task lists <span class="muted">named by the types' defaults</span></h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Task list</th>
              <th scope="col">Pending decision tasks</th>
              <th scope="col">Pending activity tasks</th>
            </tr>
          </thead>
          <tbody>
            ${view.taskLists.map(
              (t) =>
                html`<tr>
                  <td>${t.name}</td>
                  <td>${t.decisionTasks}</td>
                  <td>${t.activityTasks}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
  </section>`;
}
