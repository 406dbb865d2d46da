import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/worker/logger.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, lines: () => chunks.join('').split('\n').filter((l) => l.length > 0) };
}

const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');

describe('createLogger', () => {
  test('json format writes one object per line with ts, level, msg and the fields', () => {
    const out = capture();
    const logger = createLogger({ format: 'json', level: 'debug', stream: out.stream, now: fixedNow });
    logger.info('decision task completed', { domain: 'shop', workflowId: 'order-1', runId: 'r1', taskList: 'main', eventId: 7 });
    const [line] = out.lines();
    assert.deepEqual(JSON.parse(line!), {
      ts: '2026-01-02T03:04:05.678Z', level: 'info', msg: 'decision task completed',
      domain: 'shop', workflowId: 'order-1', runId: 'r1', taskList: 'main', eventId: 7,
    });
  });

  test('child loggers add their fields to every line and calls can override them', () => {
    const out = capture();
    const root = createLogger({ stream: out.stream, now: fixedNow });
    const worker = root.child({ domain: 'shop', taskList: 'main' });
    const task = worker.child({ workflowId: 'order-1', runId: 'r1' });
    task.warn('slow', { eventId: 3, taskList: 'other' });
    worker.info('idle');
    const [first, second] = out.lines().map((l) => JSON.parse(l));
    assert.deepEqual(first, { ts: '2026-01-02T03:04:05.678Z', level: 'warn', msg: 'slow', domain: 'shop', taskList: 'other', workflowId: 'order-1', runId: 'r1', eventId: 3 });
    assert.deepEqual(second, { ts: '2026-01-02T03:04:05.678Z', level: 'info', msg: 'idle', domain: 'shop', taskList: 'main' });
  });

  test('lines below the level are dropped and silent writes nothing', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', stream: out.stream });
    logger.debug('a'); logger.info('b'); logger.warn('c'); logger.error('d');
    assert.deepEqual(out.lines().map((l) => JSON.parse(l).msg), ['c', 'd']);
    const quiet = capture();
    const silent = createLogger({ level: 'silent', stream: quiet.stream });
    silent.error('nothing');
    assert.equal(quiet.lines().length, 0);
  });

  test('fields cannot overwrite ts, level or msg, and errors keep name and message', () => {
    const out = capture();
    const logger = createLogger({ stream: out.stream, now: fixedNow });
    logger.error('boom', { msg: 'other', level: 'debug', error: new TypeError('bad input') });
    const record = JSON.parse(out.lines()[0]!);
    assert.equal(record.msg, 'boom');
    assert.equal(record.level, 'error');
    assert.equal(record.error.name, 'TypeError');
    assert.equal(record.error.message, 'bad input');
  });

  test('pretty format writes one readable line per event', () => {
    const out = capture();
    const logger = createLogger({ format: 'pretty', stream: out.stream, now: fixedNow });
    logger.child({ domain: 'shop' }).info('activity failed\nsecond line', { workflowId: 'order-1', reason: 'card declined', eventId: 12 });
    const lines = out.lines();
    assert.equal(lines.length, 1);
    assert.equal(lines[0], '2026-01-02T03:04:05.678Z INFO  activity failed\\nsecond line domain=shop workflowId=order-1 reason="card declined" eventId=12');
  });

  test('an unknown level or format is refused with the accepted values', () => {
    assert.throws(() => createLogger({ level: 'loud' as never }), /Unknown log level "loud"; use one of debug, info, warn, error, silent/);
    for (const level of ['constructor', 'toString', '__proto__']) assert.throws(() => createLogger({ level: level as never }), /Unknown log level/);
    assert.throws(() => createLogger({ format: 'xml' as never }), /Unknown log format "xml"; use one of json, pretty/);
  });
});
