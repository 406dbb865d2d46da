import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src/common/index.ts';
import { PollHealth } from '../../../src/worker/poll-health.ts';

describe('PollHealth', () => {
  test('warns on the first failure, repeats at most every 30 s, and says once when polling works again', () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = createLogger({
      format: 'json',
      level: 'debug',
      stream: { write: (l: string) => lines.push(JSON.parse(l)) } as unknown as NodeJS.WritableStream,
    });
    let now = 0;
    const health = new PollHealth(logger, 'activity', () => now);
    health.failed('ECONNREFUSED', 1000, {});
    now = 1000;
    health.failed('ECONNREFUSED', 2000, {});
    now = 31_000;
    health.failed('ECONNREFUSED', 4000, {});
    health.succeeded({});
    health.succeeded({});
    assert.deepEqual(
      lines.map((l) => l.level),
      [40, 20, 40, 30],
    );
    assert.equal(lines[0]?.msg, 'activity poll failed: ECONNREFUSED; retrying in 1.0s');
    assert.match(lines[2]?.msg ?? '', /\(3 failed polls so far\)$/);
    assert.equal(lines[3]?.msg, 'activity polling works again after 3 failed polls');
  });
});
