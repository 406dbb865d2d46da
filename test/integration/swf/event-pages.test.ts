// The clients of createSwfClient read pages of events with JSON.parse, not the SDK's deserializer:
// what they give must equal what the SDK gives, page for page, on the local server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { createSwfClient } from '../../../src/swf/index.ts';
import { openHarness } from '../local/harness.ts';
import { startFakeSwf } from './fake-swf-server.ts';
import { createWorld, decide, pollActivity, scheduleActivity, start } from '../local/fixtures.ts';

const ODD_TEXT = 'quotes " backslash \\ line\nseparator \u2028 emoji 😀 nul \u0000 </script>';

/** Every page of a run's history as `client` reads it, without the per-call metadata. */
async function pages(
  client: S.SWFClient,
  input: S.GetWorkflowExecutionHistoryInput,
): Promise<{ events: S.HistoryEvent[]; hasMore: boolean }[]> {
  const read: { events: S.HistoryEvent[]; hasMore: boolean }[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await client.send(new S.GetWorkflowExecutionHistoryCommand({ ...input, nextPageToken }));
    read.push({ events: page.events ?? [], hasMore: Boolean(page.nextPageToken) });
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return read;
}

test('pages of events read with JSON.parse equal the SDK-deserialized pages, forward and reverse', async () => {
  const h = await openHarness({ clock: 'system' });
  const fast = createSwfClient({ endpoint: h.endpoint, env: {}, maxAttempts: 1 });
  try {
    const w = await createWorld(h, 'event-pages');
    const run = await start(w, 'pages', { input: ODD_TEXT, tagList: ['a', 'b'] });
    await decide(w, [
      scheduleActivity('a1', { input: ODD_TEXT }),
      {
        decisionType: 'RecordMarker',
        recordMarkerDecisionAttributes: { markerName: 'm', details: JSON.stringify({ n: 1.5e-7, big: 2 ** 53 }) },
      },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '600' } },
    ]);
    const activity = await pollActivity(w);
    await w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: activity.taskToken!, result: ODD_TEXT }));
    await w.c.send(
      new S.SignalWorkflowExecutionCommand({
        domain: w.domain,
        workflowId: run.workflowId,
        signalName: 's',
        input: '',
      }),
    );

    // a decision task as the fast client polls it, and the same events as the SDK reads them
    const task = await fast.send(
      new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: w.decisionList }, identity: 'fast' }),
    );
    assert.ok(task.taskToken);
    const all = (await pages(w.c, { domain: w.domain, execution: run })).flatMap((p) => p.events);
    assert.ok(all.length >= 12, `${all.length} events`);
    assert.deepEqual(task.events, all.slice(0, task.startedEventId));
    assert.ok(task.events!.every((e) => e.eventTimestamp instanceof Date));
    assert.equal(task.workflowExecution?.runId, run.runId);
    assert.equal(task.previousStartedEventId, 3);
    await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [] }));

    for (const reverseOrder of [false, true]) {
      for (const maximumPageSize of [undefined, 1, 4]) {
        const input = { domain: w.domain, execution: run, reverseOrder, maximumPageSize };
        assert.deepEqual(
          await pages(fast, input),
          await pages(w.c, input),
          JSON.stringify({ reverseOrder, maximumPageSize }),
        );
      }
    }

    // an empty poll and a fault are the SDK's as before
    const empty = await fast.send(
      new S.PollForDecisionTaskCommand({ domain: w.domain, taskList: { name: 'nobody' }, identity: 'fast' }),
    );
    assert.equal(empty.taskToken, undefined);
    const fault = await fast
      .send(new S.GetWorkflowExecutionHistoryCommand({ domain: w.domain, execution: { workflowId: 'x', runId: 'y' } }))
      .catch((e: unknown) => e);
    assert.ok(fault instanceof S.UnknownResourceFault, String(fault));
  } finally {
    fast.destroy();
    await h.close();
  }
});

test('the page is read by JSON.parse (members the SDK model lacks stay), and a non-JSON page still gets the SDK error', async () => {
  let html = false;
  const fake = await startFakeSwf({
    GetWorkflowExecutionHistory: () =>
      html
        ? { status: 200, contentType: 'text/html', body: '<html>proxy login</html>' }
        : { events: [{ eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: 1.5, notInModel: true }] },
  });
  const fast = createSwfClient({ endpoint: fake.url, env: {}, maxAttempts: 1 });
  try {
    const input = { domain: 'd', execution: { workflowId: 'w', runId: 'r' } };
    const page = await fast.send(new S.GetWorkflowExecutionHistoryCommand(input));
    assert.deepEqual(page.events, [
      { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: new Date(1500), notInModel: true },
    ]);
    html = true;
    const error = await fast.send(new S.GetWorkflowExecutionHistoryCommand(input)).catch((e: unknown) => e);
    assert.match(String(error), /does not implement the SWF operation GetWorkflowExecutionHistory/);
  } finally {
    fast.destroy();
    await fake.close();
  }
});
