// A file database shares one commit among the calls of one event-loop turn; each call still
// succeeds or fails alone, and is answered only once it is on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as S from '@aws-sdk/client-swf';
import { openHarness } from './harness.ts';
import { createWorld, history, pollDecision, start } from './fixtures.ts';

test(
  'concurrent calls on a file database: each succeeds or fails alone, all survive a restart',
  { skip: process.env.SWF_ENDPOINT ? 'needs a local file database' : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-group-'));
    const db = join(dir, 'swf.db');
    try {
      let h = await openHarness({ db, clock: 'system', longPollMs: 5_000 });
      let w = await createWorld(h, 'group');
      const waiting = pollDecision(w);
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 30 }, (_, i) => start(w, `run-${i}`)),
        start(w, 'run-0'),
        w.c.send(new S.DescribeDomainCommand({ name: 'no-such-domain' })),
      ]);
      const rejected = outcomes
        .filter((o) => o.status === 'rejected')
        .map((o) => ((o as PromiseRejectedResult).reason as Error).name);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 30);
      assert.deepEqual(rejected.sort(), ['UnknownResourceFault', 'WorkflowExecutionAlreadyStartedFault']);
      const claimed = await waiting;
      assert.ok(claimed.taskToken, 'a poll waiting during the burst gets a task');
      const { calls, commits } = h.server!.stats();
      assert.ok(calls >= 33, `${calls} calls counted`);
      assert.ok(
        commits >= 1 && commits <= calls,
        `every commit holds at least one call: ${commits} commits for ${calls} calls`,
      );
      await h.close();

      h = await openHarness({ db, clock: 'system', longPollMs: 300 });
      w = { ...w, h, c: h.client };
      const open = await w.c.send(
        new S.CountOpenWorkflowExecutionsCommand({ domain: w.domain, startTimeFilter: { oldestDate: new Date(0) } }),
      );
      assert.equal(open.count, 30);
      const events = await history(w, claimed.workflowExecution!);
      assert.deepEqual(
        events.map((e) => e.eventType),
        ['WorkflowExecutionStarted', 'DecisionTaskScheduled', 'DecisionTaskStarted'],
        'the claim was durable before it was answered',
      );
      await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: claimed.taskToken!, decisions: [] }));
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'reads on a file database cost no commit',
  { skip: process.env.SWF_ENDPOINT ? 'needs a local file database' : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-group-'));
    try {
      const h = await openHarness({ db: join(dir, 'swf.db'), clock: 'system', longPollMs: 300 });
      const w = await createWorld(h, 'reads');
      const run = await start(w, 'read-run');
      const before = h.server!.stats().commits;
      for (let i = 0; i < 5; i++) {
        await history(w, run);
        await w.c.send(new S.DescribeWorkflowExecutionCommand({ domain: w.domain, execution: run }));
        await w.c.send(new S.DescribeDomainCommand({ name: w.domain }));
      }
      assert.equal(h.server!.stats().commits, before, 'reads alone are not committed');
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'a poll over HTTP woken by a call claims within the commit of that call',
  { skip: process.env.SWF_ENDPOINT ? 'needs a local file database' : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-group-'));
    const h = await openHarness({ db: join(dir, 'swf.db'), clock: 'system', longPollMs: 5_000 });
    try {
      const w = await createWorld(h, 'woken');
      for (let round = 0; round < 3; round++) {
        const waiting = pollDecision(w);
        await new Promise((resolve) => setTimeout(resolve, 100)); // the poll is waiting
        const before = h.server!.stats().commits;
        const [run, task] = await Promise.all([start(w, `woken-${round}`), waiting]);
        assert.equal(task.workflowExecution?.runId, run.runId);
        assert.equal(h.server!.stats().commits - before, 1, 'the start and the claim it woke share one commit');
        await w.c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken!, decisions: [] }));
      }
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
