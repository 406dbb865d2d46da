// Unit: the local server reports the failures it survives through the logger it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../src/local/store/store.ts';
import { ManualClock } from '../../../src/local/clock.ts';
import { SwfEngine } from '../../../src/local/engine.ts';
import { handleApiRequest } from '../../../src/local/protocol/dispatch.ts';
import type { Logger } from '../../../src/common/index.ts';

interface Line {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** A logger of the user's own: it only records what it is given. */
function recordingLogger(lines: Line[], bound: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields: { ...bound, ...fields } });
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields: Record<string, unknown>) => recordingLogger(lines, { ...bound, ...fields }),
  };
}

test('an internal failure of the local server is answered with InternalFailure and logged through the given logger', async () => {
  const lines: Line[] = [];
  const store = new Store({ path: ':memory:' });
  const engine = new SwfEngine(store, new ManualClock(0), { accountId: '1', region: 'r' }, 10, recordingLogger(lines));
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
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.level, 'error');
  assert.match(lines[0]!.msg, /internal failure/);
  assert.equal(lines[0]!.fields.operation, 'SimpleWorkflowService.ListDomains');
  assert.ok(lines[0]!.fields.error instanceof Error);
});
