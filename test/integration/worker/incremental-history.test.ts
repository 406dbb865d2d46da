import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowyClient } from '../../../src/client/index.ts';
import { ActivityProxy, all, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import type { HistoryEvent } from '../../../src/core/engine.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, getHistory, registerAll } from '../../../src/swf/index.ts';
import type { SWFClient } from '../../../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';

const DOMAIN = 'incremental';

/** Doubles its input. */
@activity({ name: 'Double', taskList: 'incremental-activities', startToCloseTimeout: 60, scheduleToStartTimeout: 600 })
class Double {
  async run(n: number): Promise<number> {
    return 2 * n;
  }
}

/** Many decision tasks: sequential and parallel activities, signals, side effects and random numbers; ends on 'done'. */
@workflow({ name: 'LongRun', taskList: 'incremental-decisions', executionStartToCloseTimeout: 600 })
class LongRun extends Workflow<{ steps: number }, { total: number; signals: number; random: number }> {
  double = ActivityProxy(Double);
  async run(input: { steps: number }): Promise<{ total: number; signals: number; random: number }> {
    let total = 0;
    let signals = 0;
    this.onSignal<number>('add', (value) => {
      total += value;
      signals += 1;
    });
    for (let i = 0; i < input.steps; i++) {
      if (i % 5 === 4) {
        const [a, b] = await all([this.double(i), this.double(i + 100)]);
        total += a + b;
      } else {
        total += await this.double(i);
      }
      if (i % 7 === 0) total += await this.sideEffect(() => i);
    }
    await this.signal('done'); // sent after the last 'add', however fast the steps ran
    return { total, signals, random: this.random() };
  }
}

/** What the worker polled and answered, per decision task, read off its SDK client. */
interface Recorded {
  startedEventId: number;
  firstEventId: number;
  decisions: unknown[];
}

function recordDecisionTasks(client: SWFClient): Recorded[] {
  const started = new Map<string, { startedEventId: number; firstEventId: number }>();
  const recorded: Recorded[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const input = args.input as { taskToken?: string; decisions?: unknown[]; nextPageToken?: string };
      const output = out.output as { taskToken?: string; startedEventId?: number; events?: HistoryEvent[] };
      if (context.commandName === 'PollForDecisionTaskCommand' && output.taskToken && !input.nextPageToken) {
        started.set(output.taskToken, {
          startedEventId: output.startedEventId!,
          firstEventId: output.events?.[0]?.eventId ?? 0,
        });
      }
      if (context.commandName === 'RespondDecisionTaskCompletedCommand') {
        recorded.push({ ...started.get(input.taskToken!)!, decisions: input.decisions ?? [] });
      }
      return out;
    },
    { step: 'initialize', name: 'recordDecisionTasks' },
  );
  return recorded;
}

describe('a decision worker polling with startAtPreviousStartedEvent', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let activities: ActivityWorker;
  let activitiesRunning: Promise<void>;
  const registry = new Registry();
  registry.addWorkflow(LongRun);
  registry.addActivity(Double);

  before(async () => {
    server = await startLocalServer({ longPollMs: 1000 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, maxAttempts: 1 });
    await registerAll(swf, DOMAIN, registry);
    activities = new ActivityWorker({
      client: swf,
      domain: DOMAIN,
      taskList: 'incremental-activities',
      registry,
      concurrency: 4,
    });
    activitiesRunning = activities.start();
  });
  after(async () => {
    await activities.stop();
    await activitiesRunning;
    swf.destroy();
    await server.close();
  });

  /** Runs LongRun with a decision worker of `options`, signals it meanwhile; returns what it decided. */
  async function runLong(options: { maxCachedExecutions?: number; incrementalHistory?: boolean }) {
    const client = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, maxAttempts: 1 });
    const recorded = recordDecisionTasks(client);
    const worker = new DecisionWorker({
      client,
      domain: DOMAIN,
      taskList: 'incremental-decisions',
      registry,
      ...options,
    });
    const running = worker.start();
    try {
      const flowy = new FlowyClient({ client: swf, domain: DOMAIN, registry });
      const execution = await flowy.startWorkflow(LongRun, { steps: 30 });
      for (let i = 1; i <= 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 15));
        await flowy.signal(execution, 'add', i * 1000);
      }
      await flowy.signal(execution, 'done');
      const result = (await flowy.result(execution)) as { total: number; signals: number };
      const history = await getHistory(swf, DOMAIN, execution);
      return { execution, result, history, recorded, historyReads: worker.historyReads };
    } finally {
      await worker.stop();
      await running;
      client.destroy();
    }
  }

  /** Decides every recorded task again from the whole history up to its DecisionTaskStarted. */
  async function assertSameAsFullReplay(run: Awaited<ReturnType<typeof runLong>>): Promise<void> {
    const completed = run.history.filter((e) => e.eventType === 'DecisionTaskCompleted').length;
    assert.equal(run.recorded.length, completed, 'every decision task was recorded');
    for (const task of run.recorded) {
      const upTo = run.history.filter((e) => e.eventId! <= task.startedEventId);
      const full = await decide(upTo, LongRun, { execution: run.execution });
      assert.deepEqual(task.decisions, full.decisions, `decisions of the task started at event ${task.startedEventId}`);
    }
  }

  test('decides each task of a long run from the new events alone, as a full replay of that task does', async () => {
    const run = await runLong({});
    assert.equal(run.result.signals, 5);
    assert.ok(run.recorded.length > 30, `${run.recorded.length} decision tasks`);
    const later = run.recorded.slice(1);
    assert.ok(
      later.every((t) => t.firstEventId > 1),
      'every task after the first brought only the newest events',
    );
    assert.equal(run.historyReads, 0, 'the cache held the run: the whole history was never read');
    await assertSameAsFullReplay(run);
  });

  test('on a cache miss reads the whole history and decides each task as a full replay does', async () => {
    const run = await runLong({ maxCachedExecutions: 0 });
    assert.equal(run.result.signals, 5);
    assert.equal(run.historyReads, run.recorded.length - 1, 'every task after the first missed the cache');
    await assertSameAsFullReplay(run);
  });

  test('without incremental history every task brings the whole history and decides the same', async () => {
    const run = await runLong({ incrementalHistory: false });
    assert.ok(run.recorded.every((t) => t.firstEventId === 1));
    assert.equal(run.historyReads, 0);
    await assertSameAsFullReplay(run);
  });
});
