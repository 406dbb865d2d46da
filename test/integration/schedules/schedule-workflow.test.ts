// Schedules with TestEnvironment's time skipping: a simulated day of fires in seconds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow } from '../../../src/core/index.ts';
import { workflow } from '../../../src/definitions/index.ts';
import { ScheduleWorkflow, scheduleWorkflowId } from '../../../src/schedules/index.ts';
import type { ScheduleDescription, ScheduleSpec } from '../../../src/schedules/index.ts';
import { TestEnvironment } from '../../../src/testing/index.ts';

const START = new Date('2027-03-01T00:00:00Z');

@workflow({ name: 'Tick', taskList: 'ticks', executionStartToCloseTimeout: 86_400 })
class Tick extends Workflow<{ sleep?: number } | undefined, string> {
  async run(input: { sleep?: number } | undefined): Promise<string> {
    if (input?.sleep) await this.sleep(input.sleep);
    return this.now().toISOString();
  }
}

async function withSchedule(
  name: string,
  spec: Omit<ScheduleSpec, 'workflow'>,
  body: (env: TestEnvironment, run: { workflowId: string; runId: string }) => Promise<void>,
): Promise<void> {
  const env = await TestEnvironment.create({ workflows: [ScheduleWorkflow, Tick], startTime: START });
  try {
    const run = await env.client.createSchedule(name, { ...spec, workflow: { name: 'Tick', version: '1' } });
    assert.equal(run.workflowId, scheduleWorkflowId(name));
    await body(env, run);
  } finally {
    await env.close();
  }
}

/** Tick runs started by the schedule, by workflowId. */
async function ticks(env: TestEnvironment): Promise<string[]> {
  return (await tickRuns(env)).map((r) => r.workflowId).sort();
}

/** Tick runs with their start and close times (epoch ms; close undefined while open), oldest first. */
async function tickRuns(env: TestEnvironment): Promise<{ workflowId: string; started: number; closed?: number }[]> {
  const options = { workflowType: { name: 'Tick' }, startedAfter: new Date(START.getTime() - 1000), maxResults: 5000 };
  const runs = [...(await env.client.list({ ...options, closed: true })), ...(await env.client.list(options))];
  return runs
    .map((r) => ({
      workflowId: r.execution!.workflowId!,
      started: r.startTimestamp!.getTime(),
      ...(r.closeTimestamp ? { closed: r.closeTimestamp.getTime() } : {}),
    }))
    .sort((a, b) => a.started - b.started);
}

/** The largest number of Tick runs open at the same time. */
function maxOpenAtOnce(runs: { started: number; closed?: number }[]): number {
  let max = 0;
  for (const run of runs) {
    const open = runs.filter(
      (other) => other.started <= run.started && (other.closed === undefined || other.closed > run.started),
    ).length;
    max = Math.max(max, open);
  }
  return max;
}

const describeSchedule = async (env: TestEnvironment, name: string) =>
  (await env.client.describeSchedule(name)) as ScheduleDescription;

describe('schedules (time skipping)', () => {
  test('every minute for a simulated hour fires 60 times, each once', async () => {
    await withSchedule('hourly-test', { cron: '* * * * *' }, async (env) => {
      await env.sleep(3600);
      const ids = await ticks(env);
      assert.equal(ids.length, 60);
      assert.equal(new Set(ids).size, 60);
      assert.equal(ids[0], 'schedule-hourly-test-20270301T000100Z');
      assert.equal(ids.at(-1), 'schedule-hourly-test-20270301T010000Z');
      const described = (await env.client.query(
        ScheduleWorkflow,
        { workflowId: 'schedule-hourly-test' },
        'describe',
      )) as ScheduleDescription;
      assert.equal(described.counts.started % 50, 10); // continued as new after 50
      assert.deepEqual(described.nextFireTimes.slice(0, 2), ['2027-03-01T01:01:00.000Z', '2027-03-01T01:02:00.000Z']);
    });
  });

  test('every minute for a simulated day fires exactly 1,440 times', async () => {
    await withSchedule('daily-test', { cron: '* * * * *' }, async (env) => {
      await env.sleep(86_400);
      const ids = await ticks(env);
      assert.equal(ids.length, 1440);
      assert.equal(new Set(ids).size, 1440);
      assert.equal(ids.at(-1), 'schedule-daily-test-20270302T000000Z');
      const described = await describeSchedule(env, 'daily-test');
      assert.deepEqual(
        { skipped: described.counts.skipped, missed: described.counts.missed },
        { skipped: 0, missed: 0 },
      );
    });
  });

  test('overlap skip: a fire time is skipped while the previous run is open', async () => {
    await withSchedule('skip-test', { cron: '* * * * *', input: { sleep: 90 } }, async (env) => {
      await env.sleep(600);
      const runs = await tickRuns(env);
      assert.equal(maxOpenAtOnce(runs), 1);
      assert.deepEqual(
        runs.map((r) => r.workflowId.slice(-7, -3)),
        ['0001', '0003', '0005', '0007', '0009'],
      );
      const described = await describeSchedule(env, 'skip-test');
      assert.equal(described.counts.skipped, 5);
      assert.ok(described.recent.some((r) => r.outcome === 'skipped (overlap)'));
    });
  });

  test('overlap buffer-one: one fire time waits for the open run, later ones replace it', async () => {
    await withSchedule(
      'buffer-test',
      { cron: '* * * * *', overlap: 'buffer-one', input: { sleep: 150 } },
      async (env) => {
        await env.sleep(600);
        const runs = await tickRuns(env);
        assert.equal(maxOpenAtOnce(runs), 1);
        // 00:01 runs to 00:03:30; 00:02 waits, 00:03 replaces it and starts at 00:03:30 (to 00:06); 00:05 replaced by 00:06 ...
        assert.deepEqual(
          runs.slice(0, 3).map((r) => [r.workflowId.slice(-7, -1), new Date(r.started).toISOString().slice(11, 19)]),
          [
            ['000100', '00:01:00'],
            ['000300', '00:03:30'],
            ['000600', '00:06:00'],
          ],
        );
        const described = await describeSchedule(env, 'buffer-test');
        assert.ok(described.counts.skipped >= 2, `skipped ${described.counts.skipped}`);
        assert.ok(described.recent.some((r) => r.outcome === 'replaced in buffer'));
      },
    );
  });

  test('overlap allow: every fire time starts a run, even while others are open', async () => {
    await withSchedule('allow-test', { cron: '* * * * *', overlap: 'allow', input: { sleep: 150 } }, async (env) => {
      await env.sleep(600);
      const runs = await tickRuns(env);
      assert.equal(runs.length, 10);
      assert.equal(maxOpenAtOnce(runs), 3);
    });
  });

  test('pause stops the schedule, resume starts it again from the next fire time, trigger runs it now', async () => {
    await withSchedule('pause-test', { cron: '*/10 * * * *' }, async (env) => {
      await env.sleep(1800); // 00:10, 00:20, 00:30
      assert.equal((await ticks(env)).length, 3);
      await env.client.pauseSchedule('pause-test');
      await env.waitUntilIdle();
      assert.deepEqual((await describeSchedule(env, 'pause-test')).nextFireTimes, []);
      await env.sleep(3600);
      assert.equal((await ticks(env)).length, 3, 'nothing fires while paused');
      await env.client.resumeSchedule('pause-test');
      await env.client.triggerSchedule('pause-test');
      await env.waitUntilIdle();
      const afterTrigger = await ticks(env);
      assert.equal(afterTrigger.length, 4);
      assert.match(afterTrigger.at(-1)!, /^schedule-pause-test-20270301T013000Z-trigger-4$/);
      await env.sleep(1200); // 01:40, 01:50: the fire times during the pause are not caught up
      assert.equal((await ticks(env)).length, 6);
      const described = await describeSchedule(env, 'pause-test');
      assert.equal(described.paused, false);
      assert.equal(described.counts.missed, 0);
    });
  });

  test('jitter starts each run up to that many seconds after its fire time', async () => {
    await withSchedule('jitter-test', { cron: '*/10 * * * *', jitter: 120 }, async (env) => {
      await env.sleep(7200 + 120); // the 02:00 run starts by 02:02
      const runs = await tickRuns(env);
      assert.equal(runs.length, 12);
      const delays = runs.map(
        (r) =>
          (r.started -
            Date.parse(
              `${r.workflowId.slice(-16, -12)}-${r.workflowId.slice(-12, -10)}-${r.workflowId.slice(-10, -8)}T${r.workflowId.slice(-7, -5)}:${r.workflowId.slice(-5, -3)}:00Z`,
            )) /
          1000,
      );
      assert.ok(
        delays.every((d) => d >= 0 && d <= 120),
        `delays ${delays.join(', ')}`,
      );
      assert.ok(new Set(delays).size > 1, 'the delays differ');
    });
  });

  test("the cron expression is read in the schedule's time zone", async () => {
    await withSchedule('tz-test', { cron: '0 9 * * *', timezone: 'America/New_York' }, async (env) => {
      await env.waitUntilIdle();
      const described = await describeSchedule(env, 'tz-test');
      assert.deepEqual(described.nextFireTimes.slice(0, 2), ['2027-03-01T14:00:00.000Z', '2027-03-02T14:00:00.000Z']); // 9:00 EST
      await env.sleep(86_400);
      assert.deepEqual(await ticks(env), ['schedule-tz-test-20270301T140000Z']);
    });
  });

  test('a bad spec is refused before anything starts', async () => {
    const env = await TestEnvironment.create({ workflows: [ScheduleWorkflow, Tick], startTime: START });
    try {
      await assert.rejects(
        env.client.createSchedule('bad', { cron: '61 * * * *', workflow: { name: 'Tick', version: '1' } }),
        /^InvalidInput: Schedule cron "61 \* \* \* \*" is not valid/,
      );
      await assert.rejects(
        env.client.createSchedule('bad', {
          cron: '* * * * *',
          timezone: 'Mars/Olympus',
          workflow: { name: 'Tick', version: '1' },
        }),
        /timezone "Mars\/Olympus" is not an IANA time zone/,
      );
      await assert.rejects(
        env.client.createSchedule('a/b', { cron: '* * * * *', workflow: { name: 'Tick', version: '1' } }),
        /Schedule name "a\/b"/,
      );
      await assert.rejects(
        env.client.pauseSchedule('nope'),
        /^UnknownSchedule: No schedule "nope" in domain "flowy-test"/,
      );
      assert.deepEqual(await env.client.listSchedules(), []);
    } finally {
      await env.close();
    }
  });
});
