import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RegisterActivityTypeCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import type { Decision, HistoryEvent, SWFClient } from '@aws-sdk/client-swf';
import { activity, Registry } from '../../../src/definitions/index.ts';
import type { ActivityContext } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, getHistory, pollForDecisionTask, registerAll } from '../../../src/swf/index.ts';
import { createLogger } from '../../../src/common/index.ts';
import { ActivityWorker } from '../../../src/worker/index.ts';

const TASK_LIST = 'activity-tests';
const DOMAIN = 'activities';

/** Returns its input. */
@activity({
  name: 'Echo',
  taskList: TASK_LIST,
  input: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
})
class Echo {
  async run(input: { text: string }): Promise<{ echoed: string }> {
    return { echoed: input.text };
  }
}

class QuotaExceeded extends Error {}

/** Throws a class without a name of its own. */
@activity({ name: 'Exceed', taskList: TASK_LIST })
class Exceed {
  async run(): Promise<never> {
    throw new QuotaExceeded('quota of 5 reached');
  }
}

/** Throws an error carrying a reason longer than SWF allows. */
@activity({ name: 'Reasoned', taskList: TASK_LIST })
class Reasoned {
  async run(): Promise<never> {
    throw Object.assign(new Error('with a reason'), { reason: `Custom${'x'.repeat(400)}` });
  }
}

const observed: { cancelRequested?: boolean; aborted?: unknown } = {};

/** Heartbeats until its signal aborts, then throws the abort reason. */
@activity({ name: 'Beat', taskList: TASK_LIST, heartbeatTimeout: 5 })
class Beat {
  async run(input: { step: number }, context: ActivityContext): Promise<never> {
    while (!context.signal.aborted) {
      await context.heartbeat({ step: input.step });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    observed.cancelRequested = context.cancelRequested;
    observed.aborted = context.signal.reason;
    throw context.signal.reason;
  }
}

/** Heartbeats far more often than SWF would allow. */
@activity({ name: 'Chatty', taskList: TASK_LIST, heartbeatTimeout: 30 })
class Chatty {
  async run(_input: unknown, context: ActivityContext): Promise<number> {
    for (let i = 0; i < 50; i += 1) await context.heartbeat({ i });
    return 50;
  }
}

/** Returns something its own output schema forbids. */
@activity({ name: 'BadOutput', taskList: TASK_LIST, output: { type: 'object', required: ['id'] } })
class BadOutput {
  async run(): Promise<unknown> {
    return { name: 'no id' };
  }
}

/** Finishes after a short while, or when aborted. */
@activity({ name: 'Slow', taskList: 'shutdown-tests' })
class Slow {
  async run(input: { ms: number }, context: ActivityContext): Promise<string> {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, input.ms);
      context.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    if (context.signal.aborted) throw context.signal.reason;
    return 'finished';
  }
}

describe('activity worker', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let worker: ActivityWorker;
  let running: Promise<void>;
  let sequence = 0;
  const logs: string[] = [];

  before(async () => {
    server = await startLocalServer({ clock: 'manual', longPollMs: 300 });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    const everything = new Registry();
    for (const cls of [Echo, Exceed, Reasoned, Beat, Slow, BadOutput, Chatty]) everything.addActivity(cls);
    await registerAll(swf, DOMAIN, everything);
    await swf.send(
      new RegisterWorkflowTypeCommand({
        domain: DOMAIN,
        name: 'Harness',
        version: '1',
        defaultTaskList: { name: 'harness' },
        defaultExecutionStartToCloseTimeout: '3600',
        defaultTaskStartToCloseTimeout: '60',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
    const registry = new Registry();
    for (const cls of [Echo, Exceed, Reasoned, Beat, BadOutput, Chatty]) registry.addActivity(cls);
    const logger = createLogger({
      format: 'json',
      level: 'debug',
      stream: { write: (l: string) => logs.push(l) } as unknown as NodeJS.WritableStream,
    });
    worker = new ActivityWorker({ client: swf, domain: DOMAIN, taskList: TASK_LIST, registry, logger, concurrency: 2 });
    running = worker.start();
  });
  after(async () => {
    if (process.env.SHOW_LOGS) console.log(logs.join(''));
    await worker.stop();
    await running;
    swf.destroy();
    await server.close();
  });

  /** Starts a Harness run and, as its decider, schedules one activity task. */
  async function schedule(
    name: string,
    input: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<{ workflowId: string; runId: string }> {
    const workflowId = `harness-${++sequence}`;
    const started = await swf.send(
      new StartWorkflowExecutionCommand({
        domain: DOMAIN,
        workflowId,
        workflowType: { name: 'Harness', version: '1' },
      }),
    );
    await decide(workflowId, [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityType: { name, version: '1' },
          activityId: `${name}-1`,
          input: JSON.stringify(input),
          taskList: { name: TASK_LIST },
          ...extra,
        },
      },
    ]);
    return { workflowId, runId: started.runId ?? '' };
  }

  /** Answers the next decision task of `workflowId`; tasks of earlier runs close those runs. */
  async function decide(workflowId: string, decisions: Decision[]): Promise<void> {
    for (;;) {
      const task = await pollForDecisionTask(swf, { domain: DOMAIN, taskList: 'harness' });
      if (!task) continue;
      if (task.workflowExecution.workflowId === workflowId) {
        await swf.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
        return;
      }
      await swf.send(
        new RespondDecisionTaskCompletedCommand({
          taskToken: task.taskToken,
          decisions: [{ decisionType: 'CompleteWorkflowExecution' }],
        }),
      );
    }
  }

  async function outcome(execution: { workflowId: string; runId: string }, types: string[]): Promise<HistoryEvent> {
    for (let i = 0; i < 1000; i += 1) {
      const found = (await getHistory(swf, DOMAIN, execution)).find((e) => types.includes(e.eventType ?? ''));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${types.join('/')} in ${execution.workflowId}`);
  }

  const CLOSED = ['ActivityTaskCompleted', 'ActivityTaskFailed', 'ActivityTaskTimedOut', 'ActivityTaskCanceled'];

  test('completes with the JSON result', async () => {
    const event = await outcome(await schedule('Echo', { text: 'hi' }), CLOSED);
    assert.equal(event.eventType, 'ActivityTaskCompleted');
    assert.deepEqual(JSON.parse(event.activityTaskCompletedEventAttributes?.result ?? ''), { echoed: 'hi' });
  });

  test('an error is reported with its class name as reason and {message, stack} as details', async () => {
    const event = await outcome(await schedule('Exceed', {}), CLOSED);
    assert.equal(event.eventType, 'ActivityTaskFailed');
    const attributes = event.activityTaskFailedEventAttributes;
    assert.equal(attributes?.reason, 'QuotaExceeded');
    const details = JSON.parse(attributes?.details ?? '') as { message: string; stack: string };
    assert.equal(details.message, 'quota of 5 reached');
    assert.match(details.stack, /QuotaExceeded|quota of 5/);
  });

  test('an error with its own reason reports that reason, cut to 256 characters', async () => {
    const event = await outcome(await schedule('Reasoned', {}), CLOSED);
    const reason = event.activityTaskFailedEventAttributes?.reason ?? '';
    assert.ok(reason.startsWith('Customxxx'));
    assert.equal(reason.length, 256);
  });

  test('an activity type named after an Object.prototype member is unknown, even with an overrides map', async () => {
    const taskList = 'prototype-names';
    const guarded = new ActivityWorker({
      client: swf,
      domain: DOMAIN,
      taskList,
      registry: new Registry(),
      logger: createLogger({ level: 'silent' }),
      overrides: {},
    });
    const guardedRun = guarded.start();
    try {
      for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        await swf.send(
          new RegisterActivityTypeCommand({
            domain: DOMAIN,
            name,
            version: '1',
            defaultTaskScheduleToStartTimeout: 'NONE',
            defaultTaskScheduleToCloseTimeout: 'NONE',
            defaultTaskStartToCloseTimeout: '60',
            defaultTaskHeartbeatTimeout: 'NONE',
          }),
        );
        const event = await outcome(await schedule(name, {}, { taskList: { name: taskList } }), CLOSED);
        assert.deepEqual(
          [name, event.eventType, event.activityTaskFailedEventAttributes?.reason],
          [name, 'ActivityTaskFailed', 'UnknownActivity'],
        );
      }
    } finally {
      await guarded.stop();
      await guardedRun;
    }
  });

  test('input that fails the schema is refused with InvalidInput naming the field', async () => {
    const event = await outcome(await schedule('Echo', { text: 42 }), CLOSED);
    assert.equal(event.activityTaskFailedEventAttributes?.reason, 'InvalidInput');
    assert.match(event.activityTaskFailedEventAttributes?.details ?? '', /text/);
  });

  test('a result that fails the output schema is reported as InvalidOutput', async () => {
    const event = await outcome(await schedule('BadOutput', {}), CLOSED);
    assert.equal(event.activityTaskFailedEventAttributes?.reason, 'InvalidOutput');
    assert.match(event.activityTaskFailedEventAttributes?.details ?? '', /id/);
  });

  test('an activity type the worker does not know is failed with a message naming it and the fix', async () => {
    await swf.send(
      new (await import('@aws-sdk/client-swf')).RegisterActivityTypeCommand({
        domain: DOMAIN,
        name: 'Missing',
        version: '7',
        defaultTaskList: { name: TASK_LIST },
        defaultTaskScheduleToStartTimeout: '60',
        defaultTaskStartToCloseTimeout: '60',
        defaultTaskScheduleToCloseTimeout: '120',
        defaultTaskHeartbeatTimeout: 'NONE',
      }),
    );
    const workflowId = `harness-${++sequence}`;
    const started = await swf.send(
      new StartWorkflowExecutionCommand({
        domain: DOMAIN,
        workflowId,
        workflowType: { name: 'Harness', version: '1' },
      }),
    );
    await decide(workflowId, [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityType: { name: 'Missing', version: '7' },
          activityId: 'm-1',
          taskList: { name: TASK_LIST },
        },
      },
    ]);
    const event = await outcome({ workflowId, runId: started.runId ?? '' }, CLOSED);
    assert.equal(event.activityTaskFailedEventAttributes?.reason, 'UnknownActivity');
    const message = (JSON.parse(event.activityTaskFailedEventAttributes?.details ?? '{}') as { message: string })
      .message;
    assert.match(message, /"Missing"@7 is not known to this worker/);
    assert.match(message, /start the worker with the folder that defines it/);
  });

  test('a heartbeat learns of a cancel request: the signal aborts and the task is reported canceled', async () => {
    const execution = await schedule('Beat', { step: 1 });
    await outcome(execution, ['ActivityTaskStarted']);
    await swf.send(
      new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: execution.workflowId, signalName: 'stop' }),
    );
    await decide(execution.workflowId, [
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'Beat-1' },
      },
    ]);
    const event = await outcome(execution, CLOSED);
    assert.equal(event.eventType, 'ActivityTaskCanceled');
    assert.equal(observed.cancelRequested, true);
  });

  test('a heartbeat timeout records the last heartbeat details, and the late activity is aborted', async () => {
    observed.cancelRequested = undefined;
    const execution = await schedule('Beat', { step: 2 });
    await outcome(execution, ['ActivityTaskStarted']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.clock.advance(6);
    const event = await outcome(execution, CLOSED);
    assert.equal(event.eventType, 'ActivityTaskTimedOut');
    assert.equal(event.activityTaskTimedOutEventAttributes?.timeoutType, 'HEARTBEAT');
    assert.deepEqual(JSON.parse(event.activityTaskTimedOutEventAttributes?.details ?? ''), { step: 2 });
    for (let i = 0; i < 500 && observed.cancelRequested === undefined; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(observed.cancelRequested, false);
    assert.match(String(observed.aborted), /no longer open/);
  });

  test('on stop, an activity in flight finishes and reports its result', async () => {
    const registry = new Registry();
    registry.addActivity(Slow);
    const stopping = new ActivityWorker({
      client: swf,
      domain: DOMAIN,
      taskList: 'shutdown-tests',
      registry,
      shutdownGraceMs: 10_000,
    });
    const started = stopping.start();
    const execution = await schedule('Slow', { ms: 200 }, { taskList: { name: 'shutdown-tests' } });
    await outcome(execution, ['ActivityTaskStarted']);
    await stopping.stop();
    await started;
    const event = await outcome(execution, CLOSED);
    assert.equal(event.eventType, 'ActivityTaskCompleted');
  });

  test('on stop, an activity still running after the grace period is aborted and handed back (reason WorkerShutdown)', async () => {
    const registry = new Registry();
    registry.addActivity(Slow);
    const stopping = new ActivityWorker({
      client: swf,
      domain: DOMAIN,
      taskList: 'shutdown-tests',
      registry,
      shutdownGraceMs: 50,
    });
    const started = stopping.start();
    const execution = await schedule('Slow', { ms: 60_000 }, { taskList: { name: 'shutdown-tests' } });
    await outcome(execution, ['ActivityTaskStarted']);
    await stopping.stop();
    await started;
    const event = await outcome(execution, CLOSED);
    assert.equal(event.eventType, 'ActivityTaskFailed');
    assert.equal(event.activityTaskFailedEventAttributes?.reason, 'WorkerShutdown');
  });

  test('with abortPollsOnStop false, stop lets the poll in flight return and runs the task it brings', async () => {
    const registry = new Registry();
    registry.addActivity(Slow);
    const execution = await schedule('Slow', { ms: 10 }, { taskList: { name: 'patient-tests' } });
    const patient = new ActivityWorker({
      client: swf,
      domain: DOMAIN,
      taskList: 'patient-tests',
      registry,
      abortPollsOnStop: false,
    });
    const started = patient.start(); // its first poll is on its way
    await patient.stop();
    await started;
    const event = await outcome(execution, CLOSED);
    assert.equal(event.eventType, 'ActivityTaskCompleted');
  });

  test('heartbeats are sent at most once a second, however often the activity calls heartbeat()', async () => {
    let sent = 0;
    swf.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'RecordActivityTaskHeartbeatCommand') sent += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countHeartbeats' },
    );
    try {
      const event = await outcome(await schedule('Chatty', {}), CLOSED);
      assert.equal(event.eventType, 'ActivityTaskCompleted');
      assert.ok(sent >= 1 && sent < 10, `${sent} of 50 heartbeats sent`);
    } finally {
      swf.middlewareStack.remove('countHeartbeats');
    }
  });
});
