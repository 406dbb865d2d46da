import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityFailed, ActivityProxy, Workflow, type ActivityRef } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { activity, workflow } from '../../../src/definitions/index.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

@activity({ name: 'Add', version: '1', taskList: 'math', startToCloseTimeout: 60 })
class Add {
  async run(input: { a: number; b: number }): Promise<number> {
    return input.a + input.b;
  }
}

const Charge: ActivityRef = { name: 'Charge', version: '1' };

@workflow({ name: 'Sequential' })
class Sequential extends Workflow<number, number> {
  add = ActivityProxy(Add);
  async run(x: number) {
    const one = await this.add({ a: x, b: 1 });
    return this.add({ a: one, b: 1 });
  }
}

@workflow({ name: 'Parallel' })
class Parallel extends Workflow<number, number[]> {
  add = ActivityProxy(Add);
  async run(x: number) {
    return Promise.all([this.add({ a: x, b: 1 }), this.add({ a: x, b: 2 }), this.add({ a: x, b: 3 })]);
  }
}

@workflow({ name: 'Uncaught' })
class Uncaught extends Workflow<void, void> {
  charge = ActivityProxy(Charge);
  async run() {
    await this.charge({ amount: 5 });
  }
}

@workflow({ name: 'Caught' })
class Caught extends Workflow<void, string> {
  charge = ActivityProxy(Charge);
  async run() {
    try {
      await this.charge({ amount: 5 });
      return 'paid';
    } catch (error) {
      return `${(error as Error).name}/${(error as ActivityFailed).reason}`;
    }
  }
}

@workflow({ name: 'Retrying' })
class Retrying extends Workflow<void, unknown> {
  charge = ActivityProxy(Charge, {
    retry: {
      maxAttempts: 4,
      initialInterval: 2,
      backoffCoefficient: 3,
      maxInterval: 10,
      nonRetryable: ['CardDeclined'],
    },
  });
  async run() {
    return this.charge({ amount: 5 });
  }
}

const started = () => new HistoryBuilder().started(1).decisionStarted();

describe('activities', () => {
  const cases: {
    name: string;
    workflow: Parameters<typeof decide>[1];
    history: () => HistoryBuilder;
    expected: string[];
    status?: string;
  }[] = [
    {
      name: 'the first decision task schedules the first activity with its input',
      workflow: Sequential,
      history: started,
      expected: ['ScheduleActivityTask Add-1 {"a":1,"b":1}'],
    },
    {
      name: 'a completed activity resumes the code, which schedules the next one',
      workflow: Sequential,
      history: () => started().decisionCompleted().scheduled('Add-1').activityCompleted('Add-1', 2).decisionTask(),
      expected: ['ScheduleActivityTask Add-2 {"a":2,"b":1}'],
    },
    {
      name: 'the result of the last activity completes the execution',
      workflow: Sequential,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Add-1')
          .activityCompleted('Add-1', 2)
          .decisionTask()
          .decisionCompleted()
          .scheduled('Add-2')
          .activityCompleted('Add-2', 3)
          .decisionTask(),
      expected: ['CompleteWorkflowExecution 3'],
      status: 'completed',
    },
    {
      name: 'parallel activities are scheduled in one decision task, in call order',
      workflow: Parallel,
      history: started,
      expected: [
        'ScheduleActivityTask Add-1 {"a":1,"b":1}',
        'ScheduleActivityTask Add-2 {"a":1,"b":2}',
        'ScheduleActivityTask Add-3 {"a":1,"b":3}',
      ],
    },
    {
      name: 'parallel activities completing across decision tasks: nothing new until all are done',
      workflow: Parallel,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Add-1')
          .scheduled('Add-2')
          .scheduled('Add-3')
          .activityCompleted('Add-3', 4)
          .decisionTask(),
      expected: [],
    },
    {
      name: 'parallel activities completing in any order give results in call order',
      workflow: Parallel,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Add-1')
          .scheduled('Add-2')
          .scheduled('Add-3')
          .activityCompleted('Add-3', 4)
          .decisionTask()
          .decisionCompleted()
          .activityCompleted('Add-1', 2)
          .activityCompleted('Add-2', 3)
          .decisionTask(),
      expected: ['CompleteWorkflowExecution [2,3,4]'],
      status: 'completed',
    },
    {
      name: 'an uncaught activity failure fails the execution with its reason',
      workflow: Uncaught,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'CardDeclined', '{"card":"x"}')
          .decisionTask(),
      expected: ['FailWorkflowExecution ActivityFailed: Activity Charge-1 failed: CardDeclined'],
      status: 'failed',
    },
    {
      name: "the activity worker's error message (details {message, stack}) follows the reason in the failure",
      workflow: Uncaught,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'RangeError', '{"message":"amount must be positive","stack":"RangeError: ..."}')
          .decisionTask(),
      expected: ['FailWorkflowExecution ActivityFailed: Activity Charge-1 failed: RangeError: amount must be positive'],
      status: 'failed',
    },
    {
      name: 'ActivityTaskFailed rejects with ActivityFailed carrying the reason',
      workflow: Caught,
      history: () =>
        started().decisionCompleted().scheduled('Charge-1').activityFailed('Charge-1', 'CardDeclined').decisionTask(),
      expected: ['CompleteWorkflowExecution "ActivityFailed/CardDeclined"'],
    },
    {
      name: 'ActivityTaskTimedOut rejects with ActivityTimedOut, reason = timeout type',
      workflow: Caught,
      history: () =>
        started().decisionCompleted().scheduled('Charge-1').activityTimedOut('Charge-1', 'HEARTBEAT').decisionTask(),
      expected: ['CompleteWorkflowExecution "ActivityTimedOut/HEARTBEAT"'],
    },
    {
      name: 'ActivityTaskCanceled rejects with ActivityCanceled',
      workflow: Caught,
      history: () => started().decisionCompleted().scheduled('Charge-1').activityCanceled('Charge-1').decisionTask(),
      expected: ['CompleteWorkflowExecution "ActivityCanceled/undefined"'],
    },
    {
      name: 'ScheduleActivityTaskFailed rejects with ScheduleActivityFailed, reason = SWF cause',
      workflow: Caught,
      history: () =>
        started()
          .decisionCompleted()
          .scheduleActivityFailed('Charge-1', 'Charge', '1', 'ACTIVITY_TYPE_DOES_NOT_EXIST')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "ScheduleActivityFailed/ACTIVITY_TYPE_DOES_NOT_EXIST"'],
    },
    {
      name: 'retry: a retryable failure starts a backoff timer named after the next attempt',
      workflow: Retrying,
      history: () =>
        started().decisionCompleted().scheduled('Charge-1').activityFailed('Charge-1', 'Unavailable').decisionTask(),
      expected: ['StartTimer retry--Charge-1@2 2s'],
    },
    {
      name: 'retry: when the timer fires, attempt 2 is scheduled with its own id',
      workflow: Retrying,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@2', 2)
          .timerFired('retry--Charge-1@2')
          .decisionTask(),
      expected: ['ScheduleActivityTask Charge-1@2 {"amount":5}'],
    },
    {
      name: 'retry: the backoff grows by the coefficient and stops at maxInterval',
      workflow: Retrying,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@2', 2)
          .timerFired('retry--Charge-1@2')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@2', { amount: 5 })
          .activityTimedOut('Charge-1@2')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@3', 6)
          .timerFired('retry--Charge-1@3')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@3', { amount: 5 })
          .activityFailed('Charge-1@3', 'Unavailable')
          .decisionTask(),
      expected: ['StartTimer retry--Charge-1@4 10s'],
    },
    {
      name: 'retry: a later attempt that succeeds completes the call',
      workflow: Retrying,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@2', 2)
          .timerFired('retry--Charge-1@2')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@2', { amount: 5 })
          .activityCompleted('Charge-1@2', 'receipt')
          .decisionTask(),
      expected: ['CompleteWorkflowExecution "receipt"'],
    },
    {
      name: 'retry: exhausted attempts reject with the last failure',
      workflow: Retrying,
      history: () =>
        started()
          .decisionCompleted()
          .scheduled('Charge-1')
          .activityFailed('Charge-1', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@2', 2)
          .timerFired('retry--Charge-1@2')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@2', { amount: 5 })
          .activityFailed('Charge-1@2', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@3', 6)
          .timerFired('retry--Charge-1@3')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@3', { amount: 5 })
          .activityFailed('Charge-1@3', 'Unavailable')
          .decisionTask()
          .decisionCompleted()
          .timerStarted('retry--Charge-1@4', 10)
          .timerFired('retry--Charge-1@4')
          .decisionTask()
          .decisionCompleted()
          .scheduled('Charge-1@4', { amount: 5 })
          .activityFailed('Charge-1@4', 'StillUnavailable')
          .decisionTask(),
      expected: ['FailWorkflowExecution ActivityFailed: Activity Charge-1@4 failed: StillUnavailable'],
      status: 'failed',
    },
    {
      name: 'retry: a nonRetryable reason fails at once',
      workflow: Retrying,
      history: () =>
        started().decisionCompleted().scheduled('Charge-1').activityFailed('Charge-1', 'CardDeclined').decisionTask(),
      expected: ['FailWorkflowExecution ActivityFailed: Activity Charge-1 failed: CardDeclined'],
    },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const result = await decide(c.history().events, c.workflow);
      assert.deepEqual(summarize(result.decisions), c.expected);
      if (c.status) assert.equal(result.status, c.status);
    });
  }

  test('the schedule decision carries the @activity options and per-call overrides', async () => {
    @workflow({ name: 'Overrides' })
    class Overrides extends Workflow<void, void> {
      add = ActivityProxy(Add, { heartbeatTimeout: 30 });
      async run() {
        await this.add({ a: 1, b: 2 }, { taskList: 'fast', taskPriority: 5 });
      }
    }
    const { decisions } = await decide(started().events, Overrides);
    assert.deepEqual(decisions[0], {
      decisionType: 'ScheduleActivityTask',
      scheduleActivityTaskDecisionAttributes: {
        activityType: { name: 'Add', version: '1' },
        activityId: 'Add-1',
        input: '{"a":1,"b":2}',
        taskList: { name: 'fast' },
        scheduleToStartTimeout: '300',
        startToCloseTimeout: '60',
        scheduleToCloseTimeout: '600',
        heartbeatTimeout: '30',
        taskPriority: '5',
      },
    });
  });

  test('the failure details name the error, its reason and details', async () => {
    const history = started()
      .decisionCompleted()
      .scheduled('Charge-1')
      .activityFailed('Charge-1', 'CardDeclined', 'card expired')
      .decisionTask();
    const { decisions } = await decide(history.events, Uncaught);
    const details = JSON.parse(decisions[0]!.failWorkflowExecutionDecisionAttributes!.details!);
    assert.deepEqual(details, {
      name: 'ActivityFailed',
      message: 'Activity Charge-1 failed: CardDeclined',
      reason: 'CardDeclined',
      details: 'card expired',
    });
  });

  test('calling a proxy outside a decider throws an error that says where it can be called', async () => {
    const wf = new Sequential();
    assert.throws(
      () => wf.add({ a: 1, b: 2 }),
      /ActivityProxy 'Add' can only be called from a workflow's run\(\) while it is being decided/,
    );
    assert.throws(() => wf.now(), /Workflow.now\(\) can only be called/);
  });
});
