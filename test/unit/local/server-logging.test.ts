// Unit: the local server reports the failures it survives through the logger it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { Store } from '../../../src/local/store/store.ts';
import { ManualClock } from '../../../src/local/clock.ts';
import { SwfEngine } from '../../../src/local/engine.ts';
import { handleApiRequest } from '../../../src/local/protocol/dispatch.ts';

test('an internal failure of the local server is answered with InternalFailure and logged through the given pino logger', async () => {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const store = new Store({ path: ':memory:' });
  // the user's own pino logger, not one made by flowy
  const engine = new SwfEngine(store, new ManualClock(0), { accountId: '1', region: 'r' }, 10, pino(stream));
  store.close(); // every statement now throws a plain Error, not an SWF fault
  const response = await handleApiRequest(engine, {
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': 'SimpleWorkflowService.ListDomains' },
    body: Buffer.from(JSON.stringify({ registrationStatus: 'REGISTERED' })),
    isConnected: () => true,
  });
  assert.equal(response.statusCode, 500);
  assert.match(response.body, /InternalFailure/);
  const lines = chunks
    .join('')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, 50);
  assert.equal(lines[0].msg, 'internal failure');
  assert.equal(lines[0].operation, 'SimpleWorkflowService.ListDomains');
  assert.equal(lines[0].err.type, 'TypeError');
  assert.match(lines[0].err.message, /database connection is not open/);
});
