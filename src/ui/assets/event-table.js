// The event history as a table: every event on one row (id, time, offset, type, a short summary),
// each expandable to its attributes as pretty JSON. Rows are virtual: 25,000 events open at once.
import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import htm from 'htm';
import { formatDuration, formatTime } from './format.js';
import { VirtualList } from './virtual-list.js';

const html = htm.bind(h);
const ROW_HEIGHT = 30;
const LINE_HEIGHT = 18;
const MAX_EXPANDED_LINES = 40;

function attributesOf(event) {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  return key ? event[key] : {};
}

/** A few words on what the event says, from its attributes. */
function summaryOf(attributes) {
  const parts = [];
  const pick = (label, value) =>
    value !== undefined &&
    value !== null &&
    value !== '' &&
    parts.push(`${label} ${typeof value === 'object' ? (value.name ?? JSON.stringify(value)) : value}`);
  pick('', attributes.activityType?.name);
  pick('id', attributes.activityId ?? attributes.timerId ?? attributes.workflowId);
  pick('signal', attributes.signalName);
  pick('reason', attributes.reason);
  pick('timeout', attributes.timeoutType);
  pick('cause', attributes.cause);
  pick('scheduled', attributes.scheduledEventId);
  return parts.join(' · ').trim();
}

function jsonLines(text) {
  return Math.min(MAX_EXPANDED_LINES, text.split('\n').length);
}

export function EventTable({ events }) {
  const [expanded, setExpanded] = useState(() => new Map());
  const [version, setVersion] = useState(0);
  const [jumpTo, setJumpTo] = useState(undefined);
  const origin = events[0] ? new Date(events[0].eventTimestamp).getTime() : 0;
  const heightOf = (i) => {
    const json = expanded.get(i);
    return json === undefined ? ROW_HEIGHT : ROW_HEIGHT + jsonLines(json) * LINE_HEIGHT + 16;
  };
  const toggle = (i) => {
    const next = new Map(expanded);
    if (next.has(i)) next.delete(i);
    else next.set(i, JSON.stringify(attributesOf(events[i]), null, 2));
    setExpanded(next);
    setVersion(version + 1);
  };
  const failures = useMemo(
    () => events.reduce((n, e) => n + (/Failed|TimedOut/.test(e.eventType) ? 1 : 0), 0),
    [events],
  );
  const onJump = (event) => {
    event.preventDefault();
    const id = Number(new FormData(event.currentTarget).get('eventId'));
    const index = events.findIndex((e) => e.eventId === id);
    if (index >= 0) setJumpTo(index);
  };
  const renderRow = (i, style) => {
    const event = events[i];
    const json = expanded.get(i);
    const isBad = /Failed|TimedOut|Terminated|Canceled/.test(event.eventType);
    const at = new Date(event.eventTimestamp).getTime();
    return html`<div
      class=${`event-row${isBad ? ' bad' : ''}`}
      role="row"
      style=${style}
      aria-rowindex=${i + 1}
      data-event-id=${event.eventId}
    >
      <button type="button" class="event-line" aria-expanded=${json !== undefined} onClick=${() => toggle(i)}>
        <span role="cell" class="event-id">${event.eventId}</span>
        <span role="cell" class="event-time">${formatTime(event.eventTimestamp)}</span>
        <span role="cell" class="event-offset muted">+${formatDuration(at - origin)}</span>
        <span role="cell" class="event-type">${event.eventType}</span>
        <span role="cell" class="event-summary muted">${summaryOf(attributesOf(event))}</span>
      </button>
      ${json !== undefined ? html`<pre class="event-attributes" tabindex="0" aria-label=${`Attributes of event ${event.eventId}`}>${json}</pre>` : ''}
    </div>`;
  };
  return html`<section class="events" aria-labelledby="events-title">
    <div class="title-row">
      <h2 id="events-title">
        History <span class="muted">${events.length} events · ${failures} failed or timed out</span>
      </h2>
      <form class="jump" onSubmit=${onJump}>
        <label
          >Go to event <input name="eventId" type="number" min="1" max=${events.length} inputmode="numeric" /></label
        ><button type="submit">Go</button>
      </form>
    </div>
    <div class="event-head" aria-hidden="true">
      <span class="event-id">#</span><span class="event-time">Time</span><span class="event-offset">Offset</span
      ><span class="event-type">Event</span><span class="event-summary">Summary</span>
    </div>
    <${VirtualList}
      count=${events.length}
      heightOf=${heightOf}
      version=${version}
      renderRow=${renderRow}
      label="Event history"
      role="table"
      className="event-list"
      scrollTo=${jumpTo}
    />
  </section>`;
}
