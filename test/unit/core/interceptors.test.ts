import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow, WorkflowProxy } from '../../../src/core/index.ts';
import { decide, splitHeaders, withHeaders, type WorkflowInterceptorFactory } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';
import { summarize } from './helpers/summarize.ts';

const Work = { name: 'Work', version: '1' };
const Child = { name: 'Child', version: '1' };

class Intercepted extends Workflow<string, unknown> {
  work = ActivityProxy<unknown, unknown>(Work);
  child = WorkflowProxy<unknown, unknown>(Child);
  async run(input: string) {
    const signal = this.signal<string>('go');
    const work = this.work({ input });
    const child = this.child({ input });
    await this.sleep(10);
    return [await signal, await work, await child];
  }
}

/** Records every call with `label`, and changes payloads so that the change is visible in decisions. */
const recording =
  (label: string, log: string[]): WorkflowInterceptorFactory =>
  (info) => ({
    run(input, next) {
      log.push(`${label} run ${info.workflowId} ${JSON.stringify(input.input)}`);
      return next({ input: `${input.input as string}+${label}` });
    },
    signal(input, next) {
      log.push(`${label} signal ${input.name}`);
      next({ ...input, payload: `${input.payload as string}+${label}` });
    },
    scheduleActivity(input, next) {
      log.push(`${label} activity ${input.activityType.name} ${input.seq}`);
      return next({ ...input, input: { ...(input.input as object), [label]: true } });
    },
    startChild(input, next) {
      log.push(`${label} child ${input.workflowId}`);
      return next({ ...input, input: { ...(input.input as object), [label]: true } });
    },
    startTimer(input, next) {
      log.push(`${label} timer ${input.timerId}`);
      return next({ ...input, seconds: input.seconds * 2 });
    },
  });

const execution = { workflowId: 'wf-1', runId: 'r1' };

describe('workflow interceptors', () => {
  test('wrap run, signals, activities, children and timers, the first registered outermost, and may change payloads', async () => {
    const log: string[] = [];
    const interceptors = [recording('outer', log), recording('inner', log)];
    const h = new HistoryBuilder().started('in').decisionStarted();
    const first = await decide([...h.events], Intercepted, { execution, interceptors });
    assert.deepEqual(summarize(first.decisions), [
      'ScheduleActivityTask Work-1 {"input":"in+outer+inner","outer":true,"inner":true}',
      'StartChildWorkflowExecution Child wf-1--Child-1 {"input":"in+outer+inner","outer":true,"inner":true}',
      'StartTimer timer-1 40s',
    ]);
    assert.deepEqual(log, [
      'outer run wf-1 "in"',
      'inner run wf-1 "in+outer"',
      'outer activity Work 1',
      'inner activity Work 1',
      'outer child wf-1--Child-1',
      'inner child wf-1--Child-1',
      'outer timer timer-1',
      'inner timer timer-1',
    ]);
    h.completedWith(first.decisions)
      .signaled('go', 'yes')
      .activityCompleted('Work-1', 'w')
      .childClosed('ChildWorkflowExecutionCompleted', 'wf-1--Child-1', { result: '"c"' });
    h.timerFired('timer-1').decisionTask();
    log.length = 0;
    const last = await decide([...h.events], Intercepted, { execution, interceptors });
    assert.deepEqual(summarize(last.decisions), ['CompleteWorkflowExecution ["yes+outer+inner","w","c"]']);
    assert.ok(log.includes('outer signal go') && log.indexOf('outer signal go') < log.indexOf('inner signal go'));
  });

  test('an interceptor that throws rejects the call instead of throwing at the caller', async () => {
    class Catching extends Workflow<void, string> {
      work = ActivityProxy<unknown, unknown>(Work);
      async run() {
        return this.work(1).then(
          () => 'scheduled',
          (error: Error) => `rejected: ${error.message}`,
        );
      }
    }
    const refusing: WorkflowInterceptorFactory = () => ({
      scheduleActivity() {
        throw new Error('not allowed');
      },
    });
    const { decisions } = await decide(new HistoryBuilder().started().decisionStarted().events, Catching, {
      interceptors: [refusing],
    });
    assert.deepEqual(summarize(decisions), ['CompleteWorkflowExecution "rejected: not allowed"']);
  });
});

describe('headers that travel with payloads', () => {
  class Forwarding extends Workflow<string, unknown> {
    work = ActivityProxy<unknown, unknown>(Work);
    child = WorkflowProxy<unknown, unknown>(Child);
    async run(input: string) {
      return [await this.work(input), await this.child(input)];
    }
  }

  test('the run sees the input and the headers it was started with; headers added to calls go out in an envelope', async () => {
    const seen: unknown[] = [];
    let n = 0;
    const stamping: WorkflowInterceptorFactory = () => ({
      run(input, next) {
        seen.push(input);
        return next(input);
      },
      scheduleActivity: (input, next) => next({ ...input, headers: { ...input.headers, stamp: `s${++n}` } }),
      startChild: (input, next) => next({ ...input, headers: { stamp: `s${++n}` } }),
    });
    const h = new HistoryBuilder().started(withHeaders('in', { from: 'client' })).decisionStarted();
    const first = await decide([...h.events], Forwarding, { execution, interceptors: [stamping] });
    assert.deepEqual(seen, [{ input: 'in', headers: { from: 'client' } }]);
    assert.deepEqual(summarize(first.decisions), [
      'ScheduleActivityTask Work-1 {"$flowyHeaders":{"stamp":"s1"},"input":"in"}',
    ]);
    // a replay sends other headers for the same call: they are not matched, the history stays valid
    h.completedWith(first.decisions).activityCompleted('Work-1', 'w').decisionTask();
    const second = await decide([...h.events], Forwarding, { execution, interceptors: [stamping] });
    assert.deepEqual(summarize(second.decisions), [
      'StartChildWorkflowExecution Child wf-1--Child-1 {"$flowyHeaders":{"stamp":"s3"},"input":"in"}',
    ]);
  });

  test('a run that continues as new passes its headers on to the next run', async () => {
    class Restarting extends Workflow<number, void> {
      async run(n: number) {
        this.restart(n + 1);
      }
    }
    const started = new HistoryBuilder().started(withHeaders(1, { traceparent: 't' })).decisionStarted();
    const { decisions } = await decide([...started.events], Restarting, { execution });
    assert.equal(
      decisions[0]?.continueAsNewWorkflowExecutionDecisionAttributes?.input,
      '{"$flowyHeaders":{"traceparent":"t"},"input":2}',
    );
    const plain = new HistoryBuilder().started(1).decisionStarted();
    const again = await decide([...plain.events], Restarting, { execution });
    assert.equal(again.decisions[0]?.continueAsNewWorkflowExecutionDecisionAttributes?.input, '2');
  });

  test('a payload without headers travels as it is; only an exact envelope is opened', () => {
    assert.equal(withHeaders('x', {}), 'x');
    assert.equal(withHeaders('x', undefined), 'x');
    assert.deepEqual(splitHeaders(withHeaders(undefined, { a: '1' })), { input: undefined, headers: { a: '1' } });
    assert.deepEqual(splitHeaders({ $flowyHeaders: { a: '1' }, input: [1] }), { input: [1], headers: { a: '1' } });
    for (const value of [
      { $flowyHeaders: { a: '1' }, input: 1, other: 2 },
      { $flowyHeaders: { a: 1 } },
      { $flowyHeaders: null },
      [1],
      null,
      'x',
    ]) {
      assert.deepEqual(splitHeaders(value), { input: value, headers: {} }, JSON.stringify(value));
    }
  });
});
