import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as author from '../../../src/core/index.ts';
import * as engine from '../../../src/core/engine.ts';
import * as client from '../../../src/client/index.ts';
import * as worker from '../../../src/worker/index.ts';
import * as testing from '../../../src/testing/index.ts';
import { Interrupted, UsageError } from '../../../src/cli/usage-error.ts';
import { ChildWorkflowFailed } from '../../../src/core/index.ts';
import {
  describeTaskFailure,
  describeWorkflowFailure,
  encodeFailureDetails,
  failureMessage,
  toError,
} from '../../../src/core/engine.ts';

describe('the failure codec', () => {
  test('an activity failure and a workflow failure are read back by the same failureMessage', () => {
    const activity = describeTaskFailure(new RangeError('amount must be positive'));
    const workflow = describeWorkflowFailure(new RangeError('quantity must be positive'));
    assert.equal(failureMessage(activity.details), 'amount must be positive');
    assert.equal(failureMessage(workflow.details), 'quantity must be positive');
    assert.equal(workflow.reason, 'RangeError: quantity must be positive');
    assert.deepEqual(JSON.parse(workflow.details), { name: 'RangeError', message: 'quantity must be positive' });
  });

  test('a workflow failure that lets a TaskError through keeps its reason and details', () => {
    const failure = describeWorkflowFailure(
      new ChildWorkflowFailed('child failed', { reason: 'Boom', details: '{"message":"deep"}' }),
    );
    assert.deepEqual(JSON.parse(failure.details), {
      name: 'ChildWorkflowFailed',
      message: 'child failed',
      reason: 'Boom',
      details: '{"message":"deep"}',
    });
  });

  test('details stay valid JSON within the limit, cutting the wrapped details before the message', () => {
    const details = encodeFailureDetails({ name: 'E', message: 'keep me', details: 'd'.repeat(50_000) }, 1000);
    assert.ok(details.length <= 1000);
    const parsed = JSON.parse(details) as { message: string; details: string };
    assert.equal(parsed.message, 'keep me');
    assert.ok(parsed.details.startsWith('ddd'));
  });

  test('a huge workflow failure message still makes valid JSON details within 32,768 characters', () => {
    const failure = describeWorkflowFailure(new Error('"'.repeat(40_000)));
    assert.ok(failure.details.length <= 32_768);
    assert.ok((JSON.parse(failure.details) as { message: string }).message.startsWith('"'));
  });

  test('failureMessage is undefined for details flowy did not write', () => {
    assert.equal(failureMessage(undefined), undefined);
    assert.equal(failureMessage('plain text'), undefined);
    assert.equal(failureMessage('{"message": 7}'), undefined);
    assert.equal(failureMessage('{not json'), undefined);
  });

  test('toError keeps errors and describes anything else thrown', () => {
    const error = new TypeError('x');
    assert.equal(toError(error), error);
    assert.equal(toError('boom').message, 'boom');
    assert.equal(toError({ code: 7 }).message, '{"code":7}');
    assert.ok(toError(undefined) instanceof Error);
  });
});

describe('error classes', () => {
  /** Arguments for constructors that need more than a message. */
  const ARGS: Record<string, unknown[]> = {
    NonDeterminismError: [1, 'recorded', 'actual'],
    WorkflowExecutionFailed: [{ closeStatus: 'FAILED', execution: { workflowId: 'w', runId: 'r' } }],
    UnknownExecution: ['domain', 'w'],
    RestartRequest: [{}],
  };
  const classes = [author, engine, client, worker, testing, { Interrupted, UsageError }]
    .flatMap((door) => Object.values(door))
    .filter(
      (value): value is new (...args: unknown[]) => Error =>
        typeof value === 'function' && value.prototype instanceof Error,
    );

  test('every error class exported by a door has a name equal to its class name', () => {
    assert.ok(classes.length >= 25, `found ${classes.length} error classes`);
    for (const Class of new Set(classes)) {
      const error = new Class(...(ARGS[Class.name] ?? ['message']));
      assert.equal(error.name, Class.name, `${Class.name}'s name`);
    }
  });
});
