import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { combineObservers, noopObserver, notifyObserver } from '../../../src/common/observer.ts';
import type { DecisionTaskInfo, WorkerObserver } from '../../../src/common/observer.ts';

const task: DecisionTaskInfo = {
  domain: 'shop',
  taskList: 'main',
  workflowId: 'w',
  runId: 'r',
  workflowType: { name: 'Order', version: '1' },
  startedEventId: 3,
};

describe('combineObservers', () => {
  test('forwards each event to every observer that has the hook, in order', () => {
    const seen: string[] = [];
    const a: WorkerObserver = { decisionTaskStarted: (e) => seen.push(`a:${e.workflowId}`) };
    const b: WorkerObserver = {
      decisionTaskStarted: (e) => seen.push(`b:${e.workflowId}`),
      pollError: (e) => seen.push(`b:poll:${e.kind}`),
    };
    const combined = combineObservers(a, noopObserver, undefined, b);
    combined.decisionTaskStarted?.(task);
    combined.pollError?.({ domain: 'shop', taskList: 'main', kind: 'activity', error: new Error('x') });
    assert.equal(combined.activityStarted, undefined);
    assert.deepEqual(seen, ['a:w', 'b:w', 'b:poll:activity']);
  });

  test('a throwing observer does not hide the event from the others', () => {
    const seen: string[] = [];
    const combined = combineObservers(
      {
        nonDeterminism: () => {
          throw new Error('observer bug');
        },
      },
      { nonDeterminism: (e) => seen.push(e.message) },
    );
    assert.throws(() => combined.nonDeterminism?.({ ...task, eventId: 5, message: 'mismatch' }), /observer bug/);
    assert.deepEqual(seen, ['mismatch']);
  });
});

describe('notifyObserver', () => {
  test('calls the hook and reports an observer error instead of throwing', () => {
    const errors: unknown[] = [];
    const seen: number[] = [];
    notifyObserver({ decisionTaskStarted: (e) => seen.push(e.startedEventId) }, 'decisionTaskStarted', task);
    notifyObserver(
      {
        decisionTaskStarted: () => {
          throw new Error('bad');
        },
      },
      'decisionTaskStarted',
      task,
      (e) => errors.push(e),
    );
    notifyObserver(undefined, 'decisionTaskStarted', task);
    assert.deepEqual(seen, [3]);
    assert.equal((errors[0] as Error).message, 'bad');
  });
});
