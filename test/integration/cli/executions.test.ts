import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../examples/capture.ts';
import { ROOT, startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';

describe('execution commands against a running stack', () => {
  let stack: Stack;
  let flowy: (...args: string[]) => ReturnType<typeof runCli>;
  before(async () => {
    stack = await startStack();
    flowy = (...args) => runCli(args, { SWF_ENDPOINT: stack.server.url, SWF_DOMAIN: stack.domain }, ROOT);
  });
  after(async () => {
    await stack.close();
  });

  test('start --json, describe, list by type and tag, signal, result', async () => {
    const started = await flowy(
      'start',
      'ApprovalRequest',
      '--json',
      '--workflow-id',
      'cli-1',
      '--tag',
      'team-a',
      '--input',
      '{"request":"monitor"}',
    );
    assert.equal(started.code, 0, started.stderr);
    const ids = JSON.parse(started.stdout) as { workflowId: string; runId: string };
    assert.equal(ids.workflowId, 'cli-1');

    const described = JSON.parse((await flowy('describe', 'cli-1', '--json')).stdout) as {
      executionInfo: { executionStatus: string; tagList: string[] };
    };
    assert.equal(described.executionInfo.executionStatus, 'OPEN');
    assert.deepEqual(described.executionInfo.tagList, ['team-a']);

    assert.match((await flowy('list', '--type', 'ApprovalRequest@1')).stdout, /cli-1\s+\S+\s+ApprovalRequest@1\s+OPEN/);
    assert.match((await flowy('list', '--tag', 'team-a')).stdout, /cli-1/);
    assert.match((await flowy('list', '--tag', 'team-b')).stdout, /no open executions/);

    await stack.waitForHistory(ids, (events) => events.some((e) => e.eventType === 'TimerStarted'), 'the timer');
    assert.equal((await flowy('signal', 'cli-1', 'approve', '--input', '{"by":"ana"}')).code, 0);
    const result = await flowy('result', 'cli-1', '--run-id', ids.runId);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { request: 'monitor', approved: true, by: 'ana', timedOut: false });
    assert.match(
      (await flowy('list', '--closed', '--status', 'COMPLETED')).stdout,
      /cli-1\s+\S+\s+ApprovalRequest@1\s+COMPLETED/,
    );
  });

  test('signal --start starts the execution when none is open, then signals it; again it only signals', async () => {
    const args = [
      'signal',
      'cli-3',
      'approve',
      '--input',
      '{"by":"bo"}',
      '--start',
      'ApprovalRequest',
      '--start-input',
      '{"request":"desk"}',
    ];
    const started = await flowy(...args);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /^started and signaled cli-3 \(run \S+\): approve\n$/);
    const result = await flowy('result', 'cli-3');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { request: 'desk', approved: true, by: 'bo', timedOut: false });
    const misuse = await flowy('signal', 'cli-3', 'approve', '--start-input', '{}');
    assert.equal(misuse.code, 2);
    assert.match(
      misuse.stderr,
      /^flowy: --start-input, --start-input-file and --workflow-version only apply with --start <WorkflowType>\n$/,
    );
    const badInput = await flowy(
      'signal',
      'cli-4',
      'approve',
      '--start',
      'ApprovalRequest',
      '--start-input',
      '{"nope":1}',
    );
    assert.equal(badInput.code, 2);
    assert.match(badInput.stderr, /Input of workflow "ApprovalRequest" is invalid/);
  });

  test('list combines filters that SWF takes one at a time', async () => {
    await flowy(
      'start',
      'ApprovalRequest',
      '--workflow-id',
      'cli-4',
      '--tag',
      'team-c',
      '--input',
      '{"request":"desk"}',
    );
    const both = await flowy('list', '--type', 'ApprovalRequest@1', '--tag', 'team-c');
    assert.equal(both.code, 0, both.stderr);
    assert.match(both.stdout, /cli-4/);
    assert.doesNotMatch(both.stdout, /cli-1\b/);
    assert.match((await flowy('list', '--type', 'OrderPipeline', '--tag', 'team-c')).stdout, /no open executions/);
    assert.equal((await flowy('terminate', 'cli-4')).code, 0);
    const closed = await flowy(
      'list',
      '--closed',
      '--status',
      'TERMINATED',
      '--type',
      'ApprovalRequest@1',
      '--workflow-id',
      'cli-4',
    );
    assert.equal(closed.code, 0, closed.stderr);
    assert.match(closed.stdout, /cli-4\s+\S+\s+ApprovalRequest@1\s+TERMINATED/);
    assert.match(
      (await flowy('list', '--closed', '--status', 'COMPLETED', '--workflow-id', 'cli-4')).stdout,
      /no closed executions/,
    );
  });

  test('start --wait prints only the result JSON on stdout, the ids on stderr; with --json the ids join the result', async () => {
    const approveWhenWaiting = async (workflowId: string) => {
      // the run may not exist yet: wait until `list` shows it, then for its timer
      let listed = await flowy('list', '--workflow-id', workflowId);
      while (!listed.stdout.includes(workflowId)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        listed = await flowy('list', '--workflow-id', workflowId);
      }
      const runId = new RegExp(`${workflowId}\\s+(\\S+)`).exec(listed.stdout)?.[1] ?? '';
      await stack.waitForHistory(
        { workflowId, runId },
        (events) => events.some((e) => e.eventType === 'TimerStarted'),
        'the timer',
      );
      assert.equal((await flowy('signal', workflowId, 'approve', '--input', '{"by":"ana"}')).code, 0);
    };
    const [waited] = await Promise.all([
      flowy('start', 'ApprovalRequest', '--workflow-id', 'cli-5', '--input', '{"request":"pen"}', '--wait'),
      approveWhenWaiting('cli-5'),
    ]);
    assert.equal(waited.code, 0, waited.stderr);
    assert.deepEqual(JSON.parse(waited.stdout), { request: 'pen', approved: true, by: 'ana', timedOut: false });
    assert.match(waited.stderr, /^started cli-5 \(run \S+\); waiting for its result$/m);
    const [json] = await Promise.all([
      flowy('start', 'ApprovalRequest', '--json', '--workflow-id', 'cli-6', '--input', '{"request":"ink"}', '--wait'),
      approveWhenWaiting('cli-6'),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { workflowId: string; runId: string; result: unknown };
    assert.equal(parsed.workflowId, 'cli-6');
    assert.ok(parsed.runId);
    assert.deepEqual(parsed.result, { request: 'ink', approved: true, by: 'ana', timedOut: false });
  });

  test('terminate closes the run; result then exits 1 with the reason', async () => {
    assert.equal(
      (await flowy('start', 'ApprovalRequest', '--workflow-id', 'cli-2', '--input', '{"request":"car"}')).code,
      0,
    );
    const terminated = await flowy('terminate', 'cli-2', '--reason', 'no longer needed');
    assert.equal(terminated.code, 0, terminated.stderr);
    const result = await flowy('result', 'cli-2');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^flowy: Workflow cli-2 \(run \S+\) terminated: no longer needed\n$/);
  });

  test('an unknown workflowId is one line naming it, exit 1', async () => {
    const result = await flowy('result', 'no-such-run');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^flowy: No execution with workflowId "no-such-run" in domain "examples"/);
  });
});
