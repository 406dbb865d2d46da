import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTaskFailure, errorClassName } from '../../../src/core/engine.ts';

class DiskFull extends Error {}

describe('describeTaskFailure', () => {
  test('reason is the error class name when the error does not name itself', () => {
    const failure = describeTaskFailure(new DiskFull('no space left'));
    assert.equal(failure.reason, 'DiskFull');
    assert.deepEqual(Object.keys(JSON.parse(failure.details)), ['message', 'stack']);
    assert.equal(JSON.parse(failure.details).message, 'no space left');
  });

  test('an error name set by the thrower wins over the constructor name', () => {
    const error = new Error('x');
    error.name = 'Timeout';
    assert.equal(errorClassName(error), 'Timeout');
  });

  test('a user-given reason is used and cut to 256 characters', () => {
    const failure = describeTaskFailure(Object.assign(new Error('m'), { reason: 'R'.repeat(300) }));
    assert.equal(failure.reason.length, 256);
  });

  test('a thrown non-error becomes reason Error with its JSON as message', () => {
    const failure = describeTaskFailure({ code: 7 });
    assert.equal(failure.reason, 'Error');
    assert.equal(JSON.parse(failure.details).message, '{"code":7}');
  });

  test('details never exceed the 32,768 SWF limit', () => {
    const error = new Error('big');
    error.stack = 's'.repeat(100_000);
    assert.ok(describeTaskFailure(error).details.length <= 32_768);
  });
});
