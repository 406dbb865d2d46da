import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { failureDetails, truncate } from '../../../src/core/engine.ts';
import { durationString } from '../../../src/swf/index.ts';

describe('limits', () => {
  test('truncate keeps short text and cuts long text to the limit', () => {
    assert.equal(truncate('abc', 5), 'abc');
    assert.equal(truncate('abcdefgh', 5).length, 5);
  });

  test('failureDetails stays valid JSON within the limit, cutting the stack first', () => {
    const details = failureDetails('boom', 'x'.repeat(50_000), 1000);
    assert.ok(details.length <= 1000);
    const parsed = JSON.parse(details) as { message: string; stack: string };
    assert.equal(parsed.message, 'boom');
    assert.ok(parsed.stack.startsWith('xxx'));
  });

  test('failureDetails cuts a huge message when there is no room for the stack', () => {
    const details = failureDetails('"'.repeat(5000), 'stack', 300);
    assert.ok(details.length <= 300);
    assert.ok(JSON.parse(details).message.startsWith('"'));
  });

  test('durations are whole-second strings or NONE', () => {
    assert.equal(durationString(30), '30');
    assert.equal(durationString('NONE'), 'NONE');
    assert.equal(durationString(undefined), undefined);
  });
});
