// Unit: the protocol layer turns the state layer's Dates and task claims into SWF wire shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAnswer, toWire } from '../../../src/local/protocol/wire.ts';
import { JsonText } from '../../../src/local/store/records.ts';
import { TokenSigner, type TaskTokenClaims } from '../../../src/local/tokens.ts';

const signer = new TokenSigner(Buffer.alloc(32, 7));
const sign = (claims: TaskTokenClaims): string => signer.taskToken(claims);

test('toWire writes every Date, nested in objects and arrays, as epoch seconds with a fraction', () => {
  const answer = {
    startTimestamp: new Date(1_767_225_600_250),
    events: [{ eventId: 1, eventTimestamp: new Date(1_767_225_601_500), attributes: { input: 'x' } }],
    closeTimestamp: undefined,
  };
  const wire = JSON.parse(JSON.stringify(toWire(answer, sign)));
  assert.deepEqual(wire, {
    startTimestamp: 1_767_225_600.25,
    events: [{ eventId: 1, eventTimestamp: 1_767_225_601.5, attributes: { input: 'x' } }],
  });
});

test('toWire signs taskClaims into a taskToken that reads back to the same claims, in the same place', () => {
  const claims: TaskTokenClaims = { kind: 'activity', runId: 'r1', scheduledEventId: 5, startedEventId: 6 };
  const wire = toWire({ taskClaims: claims, activityId: 'a' }, sign) as Record<string, unknown>;
  assert.deepEqual(Object.keys(wire), ['taskToken', 'activityId']);
  assert.equal(typeof wire.taskToken, 'string');
  assert.deepEqual(signer.readTaskToken(wire.taskToken as string), claims);
});

test('encodeAnswer writes a JsonText member as it is, encodes the others and leaves out undefined ones', () => {
  const events = new JsonText('[{"eventId":1,"eventTimestamp":1767225601.5}]');
  const answer = toWire({ events, nextPageToken: undefined, startedEventId: 3, note: 'a "quoted" \u0000' }, sign);
  const json = encodeAnswer(answer as object);
  assert.equal(json, `{"events":${events.text},"startedEventId":3,"note":"a \\"quoted\\" \\u0000"}`);
  assert.deepEqual(JSON.parse(json).events, [{ eventId: 1, eventTimestamp: 1_767_225_601.5 }]);
  assert.equal(encodeAnswer({}), '{}');
});
