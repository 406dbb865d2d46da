// Unit: task and page tokens (SWF_SPEC 11, 12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TokenSigner } from '../../../src/local/tokens.ts';
import type { SwfFault } from '../../../src/local/faults.ts';

const signer = new TokenSigner(randomBytes(32));
const isValidation = (e: SwfFault) => e.type === 'ValidationException';

test('a task token reads back its claims and fits the 1024-character limit', () => {
  const claims = { kind: 'activity' as const, runId: 'r'.repeat(64), scheduledEventId: 24_999, startedEventId: 25_000 };
  const token = signer.taskToken(claims);
  assert.ok(token.length <= 1024);
  assert.deepEqual(signer.readTaskToken(token), claims);
});

test('an altered task token, or one signed with another secret, is a ValidationException', () => {
  const token = signer.taskToken({ kind: 'decision', runId: 'run', scheduledEventId: 2, startedEventId: 3 });
  const [payload, signature] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify(['d', 'run', 2, 4])).toString('base64url');
  assert.throws(() => signer.readTaskToken(`${forgedPayload}.${signature}`), isValidation);
  assert.throws(() => signer.readTaskToken(`${payload}.${signature!.slice(1)}x`), isValidation);
  assert.throws(() => new TokenSigner(randomBytes(32)).readTaskToken(token), isValidation);
  assert.throws(() => signer.readTaskToken('garbage'), isValidation);
});

test('a page token is bound to its query and expires after 24 hours', () => {
  const query = { op: 'ListDomains', status: 'REGISTERED' };
  const token = signer.pageToken(query, ['name-9'], 1_000);
  assert.deepEqual(signer.readPageToken(token, query, 2_000), ['name-9']);
  assert.throws(() => signer.readPageToken(token, { ...query, status: 'DEPRECATED' }, 2_000), isValidation);
  assert.throws(
    () => signer.readPageToken(token, query, 1_000 + 24 * 3600 * 1000 + 1),
    (e: SwfFault) => /maximum lifetime/.test(e.message),
  );
});
