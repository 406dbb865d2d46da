// Conformance: PollForDecisionTask startAtPreviousStartedEvent (SWF_SPEC 8.2): only the events
// stamped at or after the previous DecisionTaskStarted, with paging and reverseOrder.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, needsTestClock, type Harness } from './harness.ts';
import { createWorld, history, pollDecision, start, type World } from './fixtures.ts';

const ids = (events: S.HistoryEvent[] | undefined) => (events ?? []).map((e) => e.eventId!);
const signal = (w: World, name: string) =>
  w.c.send(new S.SignalWorkflowExecutionCommand({ domain: w.domain, workflowId: 'r', signalName: name }));

/** Every page of a decision task polled with `extra`, in the order they came. */
async function allPages(
  w: World,
  extra: Partial<S.PollForDecisionTaskInput>,
): Promise<S.DecisionTask & { pages: number }> {
  const first = await pollDecision(w, w.decisionList, extra);
  const events = [...(first.events ?? [])];
  let token = first.nextPageToken;
  let pages = 1;
  while (token) {
    const page = await pollDecision(w, w.decisionList, { ...extra, nextPageToken: token });
    assert.equal(page.taskToken, first.taskToken, 'a page belongs to the same task');
    events.push(...(page.events ?? []));
    token = page.nextPageToken;
    pages += 1;
  }
  return { ...first, events, pages };
}

describe('startAtPreviousStartedEvent', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  test('the first decision task of a run carries the whole history', async () => {
    const w = await createWorld(h, 'prev-first');
    await start(w, 'r');
    const task = await pollDecision(w, w.decisionList, { startAtPreviousStartedEvent: true });
    assert.equal(task.previousStartedEventId, 0);
    assert.deepEqual(ids(task.events), [1, 2, 3]);
  });

  test(
    'a later task carries the events stamped at or after the previous DecisionTaskStarted, in pages and reversed',
    { skip: needsTestClock() },
    async () => {
      const w = await createWorld(h, 'prev-later');
      const run = await start(w, 'r');
      await h.server!.clock.advance(1);
      const first = await pollDecision(w);
      await h.server!.clock.advance(1);
      await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: first.taskToken!, decisions: [] }));
      for (let i = 0; i < 5; i++) await signal(w, `s${i}`);
      await h.server!.clock.advance(1);

      const whole = await allPages(w, { maximumPageSize: 3, startAtPreviousStartedEvent: true });
      assert.equal(whole.previousStartedEventId, first.startedEventId);
      assert.ok(whole.pages > 1, 'the task came in several pages');
      const events = await history(w, run);
      const since = events[first.startedEventId! - 1]!.eventTimestamp!.getTime();
      const expected = events.filter(
        (e) => e.eventTimestamp!.getTime() >= since && e.eventId! <= whole.startedEventId!,
      );
      assert.deepEqual(ids(whole.events), ids(expected));
      assert.equal(whole.events![0]!.eventId, first.startedEventId, 'events before it were stamped earlier');
      assert.equal(whole.events!.at(-1)!.eventType, 'DecisionTaskStarted');

      await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: whole.taskToken!, decisions: [] }));
      await signal(w, 'again');
      const reversed = await allPages(w, { maximumPageSize: 2, reverseOrder: true, startAtPreviousStartedEvent: true });
      assert.equal(reversed.previousStartedEventId, whole.startedEventId);
      const now = await history(w, run);
      const sinceWhole = now[whole.startedEventId! - 1]!.eventTimestamp!.getTime();
      const expectedReversed = now
        .filter((e) => e.eventTimestamp!.getTime() >= sinceWhole && e.eventId! <= reversed.startedEventId!)
        .reverse();
      assert.deepEqual(ids(reversed.events), ids(expectedReversed));
      assert.equal(reversed.events![0]!.eventType, 'DecisionTaskStarted');
    },
  );

  test(
    'events stamped in the same millisecond as the previous DecisionTaskStarted are included',
    { skip: needsTestClock() },
    async () => {
      const w = await createWorld(h, 'prev-same');
      const run = await start(w, 'r');
      // the manual clock stands still: every event of the run shares one timestamp
      const first = await pollDecision(w);
      await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: first.taskToken!, decisions: [] }));
      await signal(w, 'late');
      const task = await pollDecision(w, w.decisionList, { startAtPreviousStartedEvent: true });
      assert.equal(task.previousStartedEventId, first.startedEventId);
      assert.deepEqual(
        ids(task.events),
        ids(await history(w, run)).filter((id) => id <= task.startedEventId!),
      );
    },
  );

  test('a page token of a poll with the flag is refused on a poll without it', async () => {
    const w = await createWorld(h, 'prev-token');
    await start(w, 'r');
    for (let i = 0; i < 3; i++) await signal(w, `s${i}`);
    const first = await pollDecision(w, w.decisionList, { maximumPageSize: 2, startAtPreviousStartedEvent: true });
    assert.ok(first.nextPageToken);
    await assert.rejects(
      pollDecision(w, w.decisionList, { maximumPageSize: 2, nextPageToken: first.nextPageToken }),
      (e: Error) => e.name === 'ValidationException',
    );
  });
});
