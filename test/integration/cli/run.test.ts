import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../examples/capture.ts';

describe('flowy run', () => {
  test('runs a workflow on the embedded server, shows progress on stderr and the result on stdout', async () => {
    const { code, stdout, stderr } = await runCli([
      'run',
      'ApprovalRequest',
      '--skip-time',
      '--input',
      '{"request":"chair","timeoutSeconds":86400}',
    ]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout), { request: 'chair', approved: false, timedOut: true });
    const lines = stderr.trim().split('\n');
    assert.match(lines[0] ?? '', /^running ApprovalRequest workflowId=ApprovalRequest-\S+ runId=\S+$/);
    assert.ok(lines.some((l) => /\+\d+\.\d\ds\s+timer timer-1 started \(86400s\)/.test(l)));
    assert.ok(lines.some((l) => /\+86400\.\d\ds\s+timer timer-1 fired/.test(l)));
    assert.match(lines.at(-1) ?? '', /workflow completed$/);
  });

  test('the demo order pipeline: retries, then the result; a failing order exits 1 with its reason', async () => {
    const ok = await runCli([
      'run',
      'OrderPipeline',
      '--skip-time',
      '--input',
      '{"orderId":"r-1","items":[{"sku":"pen","quantity":2}]}',
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).paymentAttempts, 3);
    assert.match(ok.stderr, /activity ChargePayment-1@2 failed: PaymentGatewayUnavailable/);
    // the demo's failures say they are deliberate, and the hint to the embedded server says it lasts only while the command runs
    assert.match(
      ok.stderr,
      /failed: PaymentGatewayUnavailable: gateway timeout on attempt 1 \(the demo fails twice on purpose; the retry policy takes over\)/,
    );
    assert.match(
      ok.stderr,
      /^ {2}\(while this runs, other shells reach it: flowy signal\|complete\|history --endpoint http:\/\/127\.0\.0\.1:\d+ --domain flowy\)$/m,
    );

    const failed = await runCli([
      'run',
      'OrderPipeline',
      '--skip-time',
      '--quiet',
      '--input',
      '{"orderId":"r-2","items":[{"sku":"pen","quantity":1}],"shippingAddress":"nowhere"}',
    ]);
    assert.equal(failed.code, 1);
    assert.equal(failed.stdout, '');
    assert.equal(failed.stderr.trim().split('\n').length, 1);
    assert.match(
      failed.stderr,
      /^flowy: Workflow r-2|^flowy: Workflow OrderPipeline-\S+ \(run \S+\) failed: OrderFailed: order r-2 not shipped/,
    );
  });

  test('input that fails the workflow schema exits 2 before anything runs', async () => {
    const { code, stderr } = await runCli(['run', 'OrderPipeline', '--input', '{"orderId":"r-3"}']);
    assert.equal(code, 2);
    assert.match(stderr, /items/);
  });
});
