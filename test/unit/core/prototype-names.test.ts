// Event types read from a history are looked up in the decider's own tables only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeKey } from '../../../src/core/command-matching.ts';

test('an event type named after an Object.prototype member is no decision outcome', () => {
  for (const eventType of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const event = {
      eventId: 5,
      eventType,
      [`${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`]: { decisionTaskCompletedEventId: 4 },
    };
    assert.equal(outcomeKey(event as never, 4), undefined, eventType);
  }
  assert.notEqual(
    outcomeKey(
      {
        eventId: 5,
        eventType: 'TimerStarted',
        timerStartedEventAttributes: { timerId: 't', decisionTaskCompletedEventId: 4 },
      } as never,
      4,
    ),
    undefined,
  );
});
