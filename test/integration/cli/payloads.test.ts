// Large payloads from the command line: FLOWY_PAYLOADS names the store the CLI shares with the
// workers; `flowy run` keeps them in memory with its embedded server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilePayloadStore, gzipCodec, isReference, PayloadStorage } from '../../../src/payloads/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT, startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';

const request = 'r'.repeat(40_000);

describe('large payloads from the CLI', () => {
  let directory: string;
  let stack: Stack;
  let flowy: (...args: string[]) => ReturnType<typeof runCli>;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'flowy-cli-payloads-'));
    const payloads = new PayloadStorage({
      store: new FilePayloadStore(join(directory, 'examples')),
      codecs: [gzipCodec],
    });
    stack = await startStack({ payloads });
    flowy = (...args) =>
      runCli(args, { SWF_ENDPOINT: stack.server.url, SWF_DOMAIN: stack.domain, FLOWY_PAYLOADS: directory }, ROOT);
  });
  after(async () => {
    await stack.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('flowy run carries a 40,000-character input and result', async () => {
    const run = await runCli(
      ['run', 'ApprovalRequest', '--skip-time', '--quiet', '--input', JSON.stringify({ request, timeoutSeconds: 5 })],
      {},
      ROOT,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { request: string }).request, request);
  });

  test('start, signal, result, query, history and replay go through the store named by FLOWY_PAYLOADS', async () => {
    assert.equal(
      (await flowy('start', 'ApprovalRequest', '--workflow-id', 'big-cli', '--input', JSON.stringify({ request })))
        .code,
      0,
    );
    const run = { workflowId: 'big-cli', runId: await stack.client.latestRunId('big-cli') };
    await stack.waitForHistory(run, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    const comment = 'c'.repeat(50_000);
    assert.equal(
      (await flowy('signal', 'big-cli', 'approve', '--input', JSON.stringify({ by: 'ana', comment }))).code,
      0,
    );
    const result = await flowy('result', 'big-cli');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { request, approved: true, by: 'ana', comment, timedOut: false });
    const state = await flowy('query', 'big-cli', 'state');
    assert.equal((JSON.parse(state.stdout) as { outcome: { comment: string } }).outcome.comment, comment);

    const history = await flowy('history', 'big-cli', '--json');
    const recorded = JSON.parse(history.stdout) as {
      events: { workflowExecutionStartedEventAttributes?: { input: string } }[];
    };
    assert.ok(
      isReference(recorded.events[0]!.workflowExecutionStartedEventAttributes!.input),
      'the history holds a reference',
    );
    const file = join(directory, 'big-cli.json');
    writeFileSync(file, history.stdout);
    const replayed = await flowy('replay', '--history', file);
    assert.equal(replayed.code, 0, replayed.stdout + replayed.stderr);
    const elsewhere = await runCli(
      ['replay', '--history', file],
      { SWF_ENDPOINT: stack.server.url, FLOWY_PAYLOADS: join(directory, 'nothing-here') },
      ROOT,
    );
    assert.equal(elsewhere.code, 1);
    assert.match(
      elsewhere.stderr,
      /^flowy: PayloadNotFound: Payload [0-9a-f]{64}\.gzip referenced by input of event 1 \(WorkflowExecutionStarted\) of execution big-cli \(run \S+\) is not in the payload store \(files under .*nothing-here\/flowy\)/,
    );
  });
});
