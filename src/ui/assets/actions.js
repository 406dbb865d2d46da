// Actions on a run (signal, request cancel, terminate) and the start form: each is a form, then a
// confirmation naming what will happen, then the outcome. Off when the UI is read-only.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { act } from './api.js';

const html = htm.bind(h);

/** Undefined when `text` is empty or JSON, else a message saying where it breaks. */
export function jsonProblem(text, what) {
  if (!text.trim()) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `${what} is not valid JSON (${error.message}); write it like {"key": "value"}`;
  }
}

/**
 * A form → confirm → outcome flow. `fields` renders the inputs, `check(form)` returns a problem or
 * undefined, `describe(form)` says what confirming will do, `send(form)` performs it.
 */
export function ActionFlow({ title, fields, check, describe, send, onDone, onClose, danger }) {
  const [stage, setStage] = useState({ name: 'form' });
  const onSubmit = (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    const problem = check ? check(form) : undefined;
    if (problem) return setStage({ name: 'form', problem, form });
    setStage({ name: 'confirm', form });
  };
  const confirm = async () => {
    setStage({ ...stage, name: 'sending' });
    try {
      const answer = await send(stage.form);
      setStage({ name: 'done', message: answer.message, answer });
      onDone?.(answer);
    } catch (error) {
      setStage({ name: 'form', problem: error.message, form: stage.form });
    }
  };
  const headingId = `action-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return html`<section class="action-panel" role="region" aria-labelledby=${headingId}>
    <h3 id=${headingId}>${title}</h3>
    ${
      stage.name === 'form'
        ? html`<form onSubmit=${onSubmit}>
            ${fields(stage.form ?? {})} ${stage.problem ? html`<p class="error" role="alert">${stage.problem}</p>` : ''}
            <div class="buttons">
              <button type="submit" class=${danger ? 'danger' : ''}>Review…</button
              ><button type="button" class="secondary" onClick=${onClose}>Close</button>
            </div>
          </form>`
        : ''
    }
    ${
      stage.name === 'confirm' || stage.name === 'sending'
        ? html`<div class="confirm" role="alertdialog" aria-labelledby=${`${headingId}-q`}>
            <p id=${`${headingId}-q`}>${describe(stage.form)}</p>
            <div class="buttons">
              <button
                type="button"
                class=${danger ? 'danger' : ''}
                disabled=${stage.name === 'sending'}
                onClick=${confirm}
                ref=${(b) => b && stage.name === 'confirm' && b.focus()}
              >
                Confirm
              </button>
              <button
                type="button"
                class="secondary"
                disabled=${stage.name === 'sending'}
                onClick=${() => setStage({ name: 'form', form: stage.form })}
              >
                Back
              </button>
            </div>
          </div>`
        : ''
    }
    ${
      stage.name === 'done'
        ? html`<div>
            <p class="success" role="status">${stage.message}</p>
            <div class="buttons"><button type="button" class="secondary" onClick=${onClose}>Close</button></div>
          </div>`
        : ''
    }
  </section>`;
}

function Signal({ domain, execution, onDone, onClose }) {
  return html`<${ActionFlow}
    title="Signal"
    onDone=${onDone}
    onClose=${onClose}
    fields=${(form) =>
      html` <label
          >Signal name<input name="signalName" aria-required="true" value=${form.signalName ?? ''} autocomplete="off"
        /></label>
        <label
          >Input (JSON, optional)<textarea name="input" rows="4" spellcheck="false">${form.input ?? ''}</textarea>
        </label>`}
    check=${(form) => (!String(form.signalName).trim() ? 'Signal name is required' : jsonProblem(String(form.input), 'Signal input'))}
    describe=${(form) => `Send signal "${form.signalName}" to ${execution.workflowId}${form.input ? ` with ${form.input}` : ''}?`}
    send=${(form) => act('signal', { domain, ...execution, signalName: form.signalName, input: form.input })}
  />`;
}

function Cancel({ domain, execution, onDone, onClose }) {
  return html`<${ActionFlow}
    title="Request cancel"
    onDone=${onDone}
    onClose=${onClose}
    fields=${() => html`<p>The workflow's code decides what cancelling means; it may clean up before it closes.</p>`}
    describe=${() => `Request cancellation of ${execution.workflowId}?`}
    send=${() => act('cancel', { domain, ...execution })}
  />`;
}

function Terminate({ domain, execution, onDone, onClose }) {
  return html`<${ActionFlow}
    title="Terminate"
    danger=${true}
    onDone=${onDone}
    onClose=${onClose}
    fields=${(form) =>
      html` <p>Terminating closes the run at once: no code runs, nothing is cleaned up.</p>
        <label
          >Reason<input
            name="reason"
            aria-required="true"
            maxlength="256"
            value=${form.reason ?? ''}
            autocomplete="off"
        /></label>
        <label>Details (optional)<textarea name="details" rows="3">${form.details ?? ''}</textarea></label>`}
    check=${(form) => (!String(form.reason).trim() ? 'Reason is required to terminate; say why, it is kept in the history' : undefined)}
    describe=${(form) => `Terminate ${execution.workflowId} now, with reason "${form.reason}"? This cannot be undone.`}
    send=${(form) => act('terminate', { domain, ...execution, reason: form.reason, details: form.details })}
  />`;
}

const PANELS = { signal: Signal, cancel: Cancel, terminate: Terminate };

export function ExecutionActions({ domain, view, config, onDone }) {
  const [open, setOpen] = useState(undefined);
  const isOpen = view.summary.status === 'OPEN';
  // an action's outcome stays on screen after it closed the run
  if ((!isOpen && !open) || !config) return null;
  if (config.isReadOnly) return html`<p class="hint">Actions are off: this UI is read-only.</p>`;
  const Panel = open ? PANELS[open] : undefined;
  return html`<div class="actions">
    ${
      isOpen
        ? html`<div class="buttons" role="toolbar" aria-label="Actions on this run">
            <button type="button" aria-pressed=${open === 'signal'} onClick=${() => setOpen('signal')}>Signal…</button>
            <button type="button" aria-pressed=${open === 'cancel'} onClick=${() => setOpen('cancel')}>
              Request cancel…
            </button>
            <button
              type="button"
              class="danger"
              aria-pressed=${open === 'terminate'}
              onClick=${() => setOpen('terminate')}
            >
              Terminate…
            </button>
          </div>`
        : ''
    }
    ${Panel ? html`<${Panel} key=${open} domain=${domain} execution=${view.execution} onDone=${onDone} onClose=${() => setOpen(undefined)} />` : ''}
  </div>`;
}
