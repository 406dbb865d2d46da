import { test, describe, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  Workflow,
  ActivityProxy,
  WorkflowProxy,
  first,
  WorkflowCanceled,
  NonDeterminismError,
} from '../../../src/core/index.ts';
import { workflow, activity } from '../../../src/definitions/index.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestEnvironment, replayHistory } from '../../../src/testing/index.ts';

const DAY = 24 * 3600;

@activity({ name: 'greet', version: '1' })
class Greet {
  async run(input: { name: string }): Promise<string> {
    return `hello ${input.name}`;
  }
}

@workflow({ name: 'Greeting', version: '1' })
class Greeting extends Workflow<{ name: string }, string> {
  greet = ActivityProxy(Greet);
  async run(input: { name: string }): Promise<string> {
    return await this.greet(input);
  }
}

@workflow({ name: 'LongSleep', version: '1', executionStartToCloseTimeout: 60 * DAY })
class LongSleep extends Workflow<{ days: number }, { startedAt: string; wokeAt: string; greeting: string }> {
  greet = ActivityProxy(Greet);
  async run(input: { days: number }) {
    const startedAt = this.now().toISOString();
    await this.sleep(input.days * DAY);
    const wokeAt = this.now().toISOString();
    return { startedAt, wokeAt, greeting: await this.greet({ name: 'sleeper' }) };
  }
}

@workflow({ name: 'Approval', version: '1', executionStartToCloseTimeout: 30 * DAY })
class Approval extends Workflow<{ id: number }, string> {
  async run(): Promise<string> {
    const decision = await first<unknown>([
      this.signal<{ by: string }>('approve'),
      this.sleep(3 * DAY).then(() => 'timeout'),
    ]);
    return decision === 'timeout' ? 'escalated' : `approved by ${(decision as { by: string }).by}`;
  }
}

@workflow({ name: 'WaitsForever', version: '1', executionStartToCloseTimeout: 7 * DAY })
class WaitsForever extends Workflow<unknown, string> {
  async run(): Promise<string> {
    return await this.signal<string>('never');
  }
}

@workflow({ name: 'Cancellable', version: '1', executionStartToCloseTimeout: 7 * DAY })
class Cancellable extends Workflow<unknown, string> {
  async run(): Promise<string> {
    await first<unknown>([this.signal('never'), this.cancellation()]);
    throw new WorkflowCanceled('stopped on request');
  }
}

describe('TestEnvironment', () => {
  let env: TestEnvironment;
  before(async () => {
    env = await TestEnvironment.create({
      workflows: [Greeting, LongSleep, Approval, WaitsForever, Cancellable],
      activities: [Greet],
    });
  });
  afterEach(() => env.resetActivities());
  after(async () => {
    await env.close();
  });

  test('runs a workflow and its activity in process and returns the result', async () => {
    assert.equal(await env.execute(Greeting, { name: 'ann' }), 'hello ann');
  });

  test('a 30-day sleep finishes at once, with skipped-ahead timestamps in its history', async () => {
    const run = await env.start(LongSleep, { days: 30 });
    const result = (await env.result(run)) as { startedAt: string; wokeAt: string; greeting: string };
    assert.equal(result.greeting, 'hello sleeper');
    assert.equal(Date.parse(result.wokeAt) - Date.parse(result.startedAt), 30 * DAY * 1000);
    const history = await env.history(run);
    const stamp = (type: string) =>
      new Date(history.find((e) => e.eventType === type)!.eventTimestamp as Date).getTime();
    assert.equal(stamp('TimerFired') - stamp('TimerStarted'), 30 * DAY * 1000);
    assert.match(await env.timeline(run), /timer-\d+ +30d +\S+ +\S+ +30d +fired/);
  });

  test('a history saved as flowy history --json writes it replays against the same code', async () => {
    const run = await env.start(LongSleep, { days: 2 });
    await env.result(run);
    const dir = await mkdtemp(join(tmpdir(), 'flowy-history-'));
    try {
      const file = join(dir, 'long-sleep.json');
      await writeFile(file, JSON.stringify(await env.history(run), null, 2));
      const report = await replayHistory(file, LongSleep);
      assert.equal(report.status, 'completed');
      assert.equal(report.decisionTasks, 3); // start, timer fired, activity completed
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('activities are replaced by test doubles per test', async () => {
    const seen: unknown[] = [];
    env.setActivity('greet', (input: { name: string }) => {
      seen.push(input);
      return `hi ${input.name} (double)`;
    });
    assert.equal(await env.execute(Greeting, { name: 'bob' }), 'hi bob (double)');
    assert.deepEqual(seen, [{ name: 'bob' }]);
  });

  test('the double of the previous test is gone', async () => {
    assert.equal(await env.execute(Greeting, { name: 'cy' }), 'hello cy');
  });

  test('a failing double fails the workflow with its reason', async () => {
    env.setActivity('greet', () => {
      throw new RangeError('no greeting today');
    });
    const run = await env.start(Greeting, { name: 'dan' });
    await assert.rejects(env.result(run), (error: Error & { closeStatus?: string; reason?: string }) => {
      assert.equal(error.name, 'WorkflowExecutionFailed');
      assert.equal(error.closeStatus, 'FAILED');
      assert.match(error.reason ?? '', /^ActivityFailed/);
      return true;
    });
    const failed = (await env.history(run)).find((e) => e.eventType === 'ActivityTaskFailed');
    assert.equal(failed?.activityTaskFailedEventAttributes?.reason, 'RangeError');
    assert.match(failed?.activityTaskFailedEventAttributes?.details ?? '', /no greeting today/);
  });

  test('a signal sent before the timer wins; without it the 3-day timer fires at once', async () => {
    const approved = await env.start(Approval, { id: 1 });
    await env.signal(approved, 'approve', { by: 'eve' });
    assert.equal(await env.result(approved), 'approved by eve');
    const before = env.now().getTime();
    assert.equal(await env.execute(Approval, { id: 2 }), 'escalated');
    assert.ok(env.now().getTime() - before >= 3 * DAY * 1000);
  });

  test('sleep() lets workflow time pass, then a signal arrives', async () => {
    const run = await env.start(Approval, { id: 3 });
    await env.sleep(2 * DAY);
    await env.signal(run, 'approve', { by: 'fay' });
    assert.equal(await env.result(run), 'approved by fay');
  });

  test('a run that only waits for a signal times out at its execution timeout, skipped ahead', async () => {
    const run = await env.start(WaitsForever, {});
    await assert.rejects(env.result(run), (error: Error & { closeStatus?: string }) => {
      assert.equal(error.closeStatus, 'TIMED_OUT');
      return true;
    });
  });

  test('a run that accepts cancellation reports CANCELED', async () => {
    const run = await env.start(Cancellable, {});
    await env.waitUntilIdle();
    await env.cancel(run);
    await assert.rejects(env.result(run), (error: Error & { closeStatus?: string }) => {
      assert.equal(error.closeStatus, 'CANCELED');
      return true;
    });
  });
});

@workflow({ name: 'Child', version: '1' })
class Child extends Workflow<number, number> {
  async run(n: number): Promise<number> {
    return n * 2;
  }
}

@workflow({ name: 'Parent', version: '1' })
class Parent extends Workflow<number, number> {
  child = WorkflowProxy(Child);
  async run(n: number): Promise<number> {
    return (await this.child(n)) + 1;
  }
}

describe('replaying a parent whose child ids derive from its workflowId', () => {
  test("needs the run's ids: carried by the file, or given as an option", async () => {
    const env = await TestEnvironment.create({ workflows: [Parent, Child] });
    const dir = await mkdtemp(join(tmpdir(), 'flowy-parent-'));
    try {
      const run = await env.start(Parent, 20, { workflowId: 'parent-1' });
      assert.equal(await env.result(run), 41);
      const events = await env.history(run);
      const plain = join(dir, 'plain.json');
      const withIds = join(dir, 'with-ids.json');
      await writeFile(plain, JSON.stringify(events));
      await writeFile(withIds, JSON.stringify({ workflowExecution: run, events }));
      assert.equal((await replayHistory(withIds, Parent)).status, 'completed');
      assert.equal((await replayHistory(plain, Parent, { execution: run })).status, 'completed');
      await assert.rejects(replayHistory(plain, Parent), (error: unknown) => {
        assert.ok(error instanceof NonDeterminismError);
        assert.match(error.message, /parent-1--Child/);
        assert.match(error.message, /pass \{ execution: \{ workflowId, runId \} \}/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
      await env.close();
    }
  });
});

describe('a run that cannot make progress', () => {
  test('fails result() with the reason and the timeline instead of hanging', async () => {
    @workflow({ name: 'Orphan', version: '1' })
    class Orphan extends Workflow<unknown, string> {
      // registered nowhere and served by no worker
      lost = ActivityProxy<unknown, string>({ name: 'lost', version: '1' }, { taskList: 'nobody-polls-this' });
      async run(): Promise<string> {
        return await this.lost({});
      }
    }
    const env = await TestEnvironment.create({
      workflows: [Orphan],
      activities: [{ name: 'lost', version: '1', taskList: 'elsewhere' }],
      stallTimeoutMs: 300,
    });
    try {
      const run = await env.start(Orphan, {});
      await assert.rejects(env.result(run), (error: Error) => {
        assert.equal(error.name, 'WorkflowStalled');
        assert.match(error.message, /made no progress for 300 ms: 1 task\(s\) are scheduled but no worker takes them/);
        assert.match(error.message, /lost-1 +lost@1 .* scheduled$/m);
        return true;
      });
    } finally {
      await env.close();
    }
  });
});

describe('TestEnvironment with activities known by name only', () => {
  test('registers the type and runs the override; close() stops everything', async () => {
    @workflow({ name: 'Charge', version: '1' })
    class Charge extends Workflow<{ cents: number }, string> {
      charge = ActivityProxy<{ cents: number }, string>({ name: 'charge-card', version: '3' });
      async run(input: { cents: number }): Promise<string> {
        return await this.charge(input);
      }
    }
    const env = await TestEnvironment.create({
      workflows: [Charge],
      activities: [{ name: 'charge-card', version: '3' }],
      overrides: { 'charge-card': (input: { cents: number }) => `charged ${input.cents}` },
    });
    try {
      assert.equal(await env.execute(Charge, { cents: 250 }), 'charged 250');
    } finally {
      await env.close();
    }
  });
});

describe('TestEnvironment overrides name activities', () => {
  test('an override keyed by something that is not an @activity name is an error listing the known names', async () => {
    await assert.rejects(
      TestEnvironment.create({ workflows: [Greeting], activities: [Greet], overrides: { Greet: () => 'double' } }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'ConfigurationError');
        assert.match(
          error.message,
          /override "Greet" names no activity; overrides are keyed by @activity name, known: "greet"/,
        );
        return true;
      },
    );
  });

  test('setActivity with an unknown name is refused the same way and changes nothing', async () => {
    const env = await TestEnvironment.create({ workflows: [Greeting], activities: [Greet] });
    try {
      assert.throws(
        () => env.setActivity('greeter', () => 'double'),
        /override "greeter" names no activity; .*known: "greet"/,
      );
      assert.deepEqual(Object.keys(env.overrides), []);
      assert.equal(await env.execute(Greeting, { name: 'ana' }), 'hello ana');
    } finally {
      await env.close();
    }
  });
});
