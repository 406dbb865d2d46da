import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/common/logger.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0),
  };
}

/** A JSON line without what changes from run to run (time, pid, hostname). */
function stable(line: string): Record<string, unknown> {
  const { time, pid, hostname, ...rest } = JSON.parse(line) as Record<string, unknown>;
  assert.equal(typeof time, 'number');
  assert.equal(pid, process.pid);
  assert.equal(typeof hostname, 'string');
  return rest;
}

describe('createLogger', () => {
  test("json format is pino's: one object per line with level, time, msg and the fields", () => {
    const out = capture();
    const logger = createLogger({ format: 'json', level: 'debug', stream: out.stream });
    logger.info(
      { domain: 'shop', workflowId: 'order-1', runId: 'r1', taskList: 'main', eventId: 7 },
      'decision task completed',
    );
    const [line] = out.lines();
    assert.deepEqual(stable(line!), {
      level: 30,
      msg: 'decision task completed',
      domain: 'shop',
      workflowId: 'order-1',
      runId: 'r1',
      taskList: 'main',
      eventId: 7,
    });
  });

  test('child loggers add their fields to every line and calls can override them', () => {
    const out = capture();
    const root = createLogger({ stream: out.stream });
    const worker = root.child({ domain: 'shop', taskList: 'main' });
    const task = worker.child({ workflowId: 'order-1', runId: 'r1' });
    task.warn({ eventId: 3, taskList: 'other' }, 'slow');
    worker.info('idle');
    const [first, second] = out.lines().map(stable);
    assert.deepEqual(first, {
      level: 40,
      msg: 'slow',
      domain: 'shop',
      taskList: 'other',
      workflowId: 'order-1',
      runId: 'r1',
      eventId: 3,
    });
    assert.deepEqual(second, { level: 30, msg: 'idle', domain: 'shop', taskList: 'main' });
  });

  test('lines below the level are dropped and silent writes nothing', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', stream: out.stream });
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    assert.deepEqual(
      out.lines().map((l) => JSON.parse(l).msg),
      ['c', 'd'],
    );
    const quiet = capture();
    const silent = createLogger({ level: 'silent', stream: quiet.stream });
    silent.error('nothing');
    assert.equal(quiet.lines().length, 0);
  });

  test('errors under err keep their type, message and stack', () => {
    const out = capture();
    const logger = createLogger({ stream: out.stream });
    logger.error({ err: new TypeError('bad input') }, 'boom');
    const record = JSON.parse(out.lines()[0]!);
    assert.equal(record.msg, 'boom');
    assert.equal(record.level, 50);
    assert.equal(record.err.type, 'TypeError');
    assert.equal(record.err.message, 'bad input');
    assert.match(record.err.stack, /TypeError: bad input/);
  });

  test('pretty format writes one readable line per event', () => {
    const out = capture();
    const logger = createLogger({ format: 'pretty', stream: out.stream });
    logger
      .child({ domain: 'shop' })
      .info(
        { workflowId: 'order-1', reason: 'card declined', eventId: 12, err: new RangeError('too big') },
        'activity failed\nsecond line',
      );
    const lines = out.lines();
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}activity failed\\nsecond line domain=shop workflowId=order-1 reason="card declined" eventId=12 err="RangeError: too big"$/,
    );
  });

  test('an unknown level or format is refused with the accepted values', () => {
    assert.throws(
      () => createLogger({ level: 'loud' as never }),
      /Unknown log level "loud"; use one of debug, info, warn, error, silent/,
    );
    for (const level of ['constructor', 'toString', '__proto__'])
      assert.throws(() => createLogger({ level: level as never }), /Unknown log level/);
    assert.throws(() => createLogger({ format: 'xml' as never }), /Unknown log format "xml"; use one of json, pretty/);
  });
});
