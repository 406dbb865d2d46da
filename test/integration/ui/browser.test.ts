// The web UI in a real (headless) Chromium over the shipped examples on the local server: the list
// and its filters, the OrderPipeline timeline, actions from the page, a 25,000-event history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SignalWorkflowExecutionCommand, StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { ApprovalRequest } from '../../../workflows/approval-request.ts';
import { JobTree } from '../../../workflows/job-tree.ts';
import { OrderPipeline } from '../../../workflows/order-pipeline.ts';
import { getLastEvent } from '../../../src/swf/index.ts';
import { startUiServer } from '../../../src/ui/index.ts';
import type { UiServer } from '../../../src/ui/index.ts';
import type { Execution } from '../../../src/client/index.ts';
import { startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';
import { findChromium, launchChromium, NO_CHROMIUM, screenshotFolder } from './browser.ts';

const chromiumPath = findChromium();
const BIG_HISTORY = 25_000;

describe('web UI in Chromium', { skip: chromiumPath ? false : NO_CHROMIUM }, () => {
  let stack: Stack;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;
  let shots: string;
  const runs: Record<string, Execution> = {};

  const open = async (hash: string) => {
    await page.goto(`${ui.url}/${hash}`);
  };
  const rowOf = (workflowId: string) =>
    page.locator('table.executions tbody tr', { has: page.locator(`a:text-is("${workflowId}")`) });

  before(async () => {
    stack = await startStack({ activityTaskLists: ['agent-a'] });
    const order = {
      items: [
        { sku: 'book', quantity: 2 },
        { sku: 'pen', quantity: 5 },
      ],
    };
    runs.paid = await stack.client.startWorkflow(
      OrderPipeline,
      { orderId: 'ui-1', ...order },
      { workflowId: 'order-ui-1' },
    );
    await stack.closeEvent(runs.paid);
    runs.failed = await stack.client.startWorkflow(
      OrderPipeline,
      { orderId: 'ui-2', items: [{ sku: 'lamp', quantity: 1 }], shippingAddress: 'nowhere' },
      { workflowId: 'order-ui-2' },
    );
    await stack.closeEvent(runs.failed);
    runs.tree = await stack.client.startWorkflow(
      JobTree,
      { jobs: [{ name: 'build', agent: 'a', script: 'echo built' }] },
      { workflowId: 'jobs-ui' },
    );
    await stack.closeEvent(runs.tree);
    for (const id of ['approval-ui-signal', 'approval-ui-terminate', 'approval-ui-cancel']) {
      runs[id] = await stack.client.startWorkflow(
        ApprovalRequest,
        { request: id, timeoutSeconds: 3600 },
        { workflowId: id },
      );
      await stack.waitForHistory(
        runs[id]!,
        (events) => events.some((e) => e.eventType === 'TimerStarted'),
        'the timer',
      );
    }
    ui = await startUiServer({
      client: stack.swf,
      domain: stack.domain,
      target: stack.server.url,
      registry: stack.registry,
      port: 0,
    });
    browser = await launchChromium(chromiumPath!);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    shots = screenshotFolder();
  });

  after(async () => {
    await browser?.close();
    await ui?.close();
    await stack?.close();
  });

  test('the list shows the example runs newest first with their status', async () => {
    await open(`#/d/${stack.domain}/executions`);
    await rowOf('order-ui-1').waitFor();
    assert.equal(await rowOf('order-ui-1').locator('.status').textContent(), 'COMPLETED');
    assert.equal(await rowOf('order-ui-2').locator('.status').textContent(), 'FAILED');
    assert.equal(await rowOf('approval-ui-signal').locator('.status').textContent(), 'OPEN');
    // the approvals started at the same instant of the manual clock, after the rest
    const ids = await page.locator('table.executions tbody tr td:nth-child(2) a').allTextContents();
    // so did the job tree and its child
    assert.deepEqual(ids.slice(3, 5).sort(), ['jobs-ui', 'jobs-ui.build']);
    assert.deepEqual(ids.slice(5), ['order-ui-2', 'order-ui-1']);
    assert.deepEqual(ids.slice(0, 3).sort(), ['approval-ui-cancel', 'approval-ui-signal', 'approval-ui-terminate']);
    assert.equal(ids.length, 7);
    assert.match((await page.locator('.counts').textContent()) ?? '', /3 open.*4 closed/);
    await page.screenshot({ path: join(shots, 'executions.png'), fullPage: true });
  });

  test('the list refreshes by itself while runs are open', async () => {
    await open(`#/d/${stack.domain}/executions`);
    await rowOf('approval-ui-signal').waitFor();
    const late = await stack.client.startWorkflow(
      ApprovalRequest,
      { request: 'late' },
      { workflowId: 'approval-ui-late' },
    );
    await rowOf('approval-ui-late').waitFor();
    await stack.client.terminate(late, { reason: 'only here to be listed' });
  });

  test('filters by type, close status and both at once', async () => {
    await open(`#/d/${stack.domain}/executions`);
    await rowOf('order-ui-1').waitFor();
    await page.getByLabel('Type').fill('ApprovalRequest');
    await page.getByRole('button', { name: 'Apply' }).click();
    await rowOf('order-ui-1').waitFor({ state: 'detached' });
    // the table is redrawn after the old rows go: wait for the new ones before counting
    await page
      .waitForFunction(() => document.querySelectorAll('table.executions tbody tr').length >= 4, null, {
        timeout: 10_000,
      })
      .catch(() => undefined);
    assert.equal(await page.locator('table.executions tbody tr').count(), 4);

    await page.getByLabel('Type').fill('OrderPipeline');
    await page.getByLabel('Close status').selectOption('FAILED');
    await page.getByRole('button', { name: 'Apply' }).click();
    await rowOf('approval-ui-signal').waitFor({ state: 'detached' });
    await rowOf('order-ui-1').waitFor({ state: 'detached' });
    await rowOf('order-ui-2').waitFor();
    assert.deepEqual(await page.locator('table.executions tbody tr td:nth-child(2) a').allTextContents(), [
      'order-ui-2',
    ]);

    await open(`#/d/${stack.domain}/executions?status=open`);
    await rowOf('approval-ui-signal').waitFor();
    assert.equal(await rowOf('order-ui-1').count(), 0);
  });

  test('the OrderPipeline timeline shows every activity attempt, the failed payments in red', async () => {
    await open(`#/d/${stack.domain}/run/order-ui-1/${runs.paid!.runId}`);
    await page.locator('.bar-row').first().waitFor();
    const outcomes = await page
      .locator('.bar-row[data-kind="activity"]')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-label')}=${row.getAttribute('data-outcome')}`),
      );
    for (const expected of [
      'ValidateOrder-1=completed',
      'ReserveInventory-1=completed',
      'ChargePayment-1=failed',
      'ChargePayment-1@2=failed',
      'ChargePayment-1@3=completed',
      'ShipOrder-1=completed',
      'SendConfirmation-1=completed',
    ]) {
      assert.ok(outcomes.includes(expected), `${expected} in ${outcomes.join(', ')}`);
    }
    assert.equal(await page.locator('.bar-row[data-kind="timer"]').count(), 2);
    const failedColour = await page
      .locator('.bar-row[data-label="ChargePayment-1@2"] .bar')
      .evaluate((bar) => getComputedStyle(bar).backgroundColor);
    assert.equal(failedColour, 'rgb(185, 28, 28)');
    assert.match(
      (await page.locator('.bar-row[data-label="ChargePayment-1"] .bar-outcome').textContent()) ?? '',
      /failed: PaymentGatewayUnavailable/,
    );
    // the result is readable, and an event's attributes open with the keyboard
    assert.match((await page.locator('section.data pre').nth(1).textContent()) ?? '', /"trackingNumber": "TRK-ui-1"/);
    const firstEvent = page.locator('.event-row[data-event-id="1"] button');
    await firstEvent.focus();
    await page.keyboard.press('Enter');
    assert.match((await page.locator('.event-row[data-event-id="1"] pre').textContent()) ?? '', /"workflowType"/);
    await page.screenshot({ path: join(shots, 'execution.png'), fullPage: true });
  });

  test('a parent links to its children and a child back to its parent', async () => {
    await open(`#/d/${stack.domain}/run/jobs-ui`);
    await page.locator('.run-header').getByRole('link', { name: 'jobs-ui.build' }).click();
    await page.locator('.run-header h1', { hasText: 'RunJob' }).waitFor();
    assert.equal(await page.locator('.bar-row[data-label="RunScript-1"]').getAttribute('data-outcome'), 'completed');
    await page.locator('.run-header').getByRole('link', { name: 'jobs-ui', exact: true }).click();
    await page.locator('.run-header h1', { hasText: 'JobTree' }).waitFor();
    assert.equal(await page.locator('.bar-row[data-kind="child"]').getAttribute('data-outcome'), 'completed');
  });

  test('a signal sent from the page completes ApprovalRequest; the status it published is shown', async () => {
    await open(`#/d/${stack.domain}/run/approval-ui-signal`);
    assert.match((await page.getByRole('region', { name: 'Pending' }).textContent()) ?? '', /1 timers/);
    const status = page.locator('section.data', { has: page.locator('h2:text-is("Status (this.setStatus)")') });
    assert.match((await status.locator('pre').textContent()) ?? '', /"waiting": true/);
    await page.getByRole('button', { name: 'Signal…' }).click();
    await page.getByLabel('Signal name').fill('approve');
    await page.getByLabel('Input (JSON, optional)').fill('{"by": "ui-user"');
    await page.getByRole('button', { name: 'Review…' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Signal input is not valid JSON/);
    await page.getByLabel('Input (JSON, optional)').fill('{"by": "ui-user"}');
    await page.getByRole('button', { name: 'Review…' }).click();
    assert.match((await page.locator('.confirm').textContent()) ?? '', /Send signal "approve" to approval-ui-signal/);
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Signal "approve" sent/);
    await stack.closeEvent(runs['approval-ui-signal']!, { skipTime: false });
    assert.deepEqual(await stack.client.result(runs['approval-ui-signal']!), {
      request: 'approval-ui-signal',
      approved: true,
      by: 'ui-user',
      timedOut: false,
    });
    await page.locator('.run-header .status', { hasText: 'COMPLETED' }).waitFor();
    await status.locator('pre', { hasText: '"approved": true' }).waitFor();
  });

  test('terminate from the page closes the run with the reason; cancel records the request', async () => {
    await open(`#/d/${stack.domain}/run/approval-ui-terminate`);
    await page.getByRole('button', { name: 'Terminate…' }).click();
    await page.getByRole('button', { name: 'Review…' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Reason is required/);
    await page.getByLabel('Reason').fill('ordered by a test');
    await page.getByRole('button', { name: 'Review…' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').waitFor();
    await page.locator('.run-header .status', { hasText: 'TERMINATED' }).waitFor();
    const terminated = (await stack.client.history(runs['approval-ui-terminate']!)).at(-1);
    assert.equal(terminated?.workflowExecutionTerminatedEventAttributes?.reason, 'ordered by a test');

    await open(`#/d/${stack.domain}/run/approval-ui-cancel`);
    await page.getByRole('button', { name: 'Request cancel…' }).click();
    await page.getByRole('button', { name: 'Review…' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Cancel requested for approval-ui-cancel/);
    await stack.waitForHistory(
      runs['approval-ui-cancel']!,
      (events) => events.some((e) => e.eventType === 'WorkflowExecutionCancelRequested'),
      'the cancel request',
    );
    await page.locator('.event-row .event-type', { hasText: 'WorkflowExecutionCancelRequested' }).waitFor();
  });

  test('the domain page lists types with defaults and task lists; start checks the input schema', async () => {
    await open(`#/d/${stack.domain}/domain`);
    await page.getByRole('region', { name: 'Start a workflow' }).waitFor();
    const workflowTypes = page.getByRole('region', { name: 'Workflow types' });
    assert.match((await workflowTypes.textContent()) ?? '', /ApprovalRequest.*REGISTERED.*taskList approvals/);
    assert.match((await page.getByRole('region', { name: 'Task lists' }).textContent()) ?? '', /approvals/);
    await page.getByRole('combobox', { name: 'Workflow type' }).selectOption({ label: 'ApprovalRequest@1' });
    await page.getByLabel('Workflow ID (optional)').fill('approval-ui-started');
    await page.getByLabel('Input (JSON)').fill('{"timeoutSeconds": 5}');
    await page.getByRole('button', { name: 'Review…' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /Input of ApprovalRequest does not match its schema: request is required/,
    );
    await page.getByLabel('Input (JSON)').fill('{"request": "chair", "timeoutSeconds": 5}');
    await page.getByRole('button', { name: 'Review…' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.match(
      (await page.getByRole('status').textContent()) ?? '',
      /Started ApprovalRequest@1 as approval-ui-started/,
    );
    await page.screenshot({ path: join(shots, 'domain.png'), fullPage: true });
    await page.getByRole('link', { name: 'Open approval-ui-started' }).click();
    await page.locator('.run-header').waitFor();
    assert.match((await page.locator('section.data pre').first().textContent()) ?? '', /"request": "chair"/);
  });

  test('a 25,000-event history opens and renders only the rows in view', async () => {
    const workflowId = 'big-history';
    const started = await stack.swf.send(
      new StartWorkflowExecutionCommand({
        domain: stack.domain,
        workflowId,
        workflowType: { name: 'ApprovalRequest', version: '1' },
        taskList: { name: 'nobody-polls-this' },
        input: '{"request":"big"}',
      }),
    );
    // one WorkflowExecutionSignaled per signal (the decision task stays scheduled): signal up to event 25,000
    const execution = { workflowId, runId: started.runId! };
    for (
      let last = (await getLastEvent(stack.swf, stack.domain, execution))?.eventId ?? 0;
      last < BIG_HISTORY;
      last = (await getLastEvent(stack.swf, stack.domain, execution))?.eventId ?? 0
    ) {
      const batch = Math.min(200, BIG_HISTORY - last);
      await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          stack.swf.send(
            new SignalWorkflowExecutionCommand({
              domain: stack.domain,
              ...execution,
              signalName: 'ping',
              input: String(last + i),
            }),
          ),
        ),
      );
    }
    await open(`#/d/${stack.domain}/run/${workflowId}/${started.runId}`);
    await page.locator('.event-row[data-event-id="1"]').waitFor({ timeout: 30_000 });
    const shown = Number(/^History (\d+) events/.exec((await page.locator('#events-title').textContent()) ?? '')?.[1]);
    assert.ok(shown >= BIG_HISTORY, `${shown} events shown`);
    assert.ok((await page.locator('.event-row').count()) < 200, 'only the rows in view are in the page');
    await page.getByLabel('Go to event').fill(String(shown));
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.locator(`.event-row[data-event-id="${shown}"]`).waitFor();
    await page.screenshot({ path: join(shots, 'big-history.png') });
  });

  test('a narrow window shows the run without sideways scrolling of the page', async () => {
    const narrow = await browser.newPage({ viewport: { width: 380, height: 800 } });
    try {
      await narrow.goto(`${ui.url}/#/d/${stack.domain}/run/order-ui-1/${runs.paid!.runId}`);
      await narrow.locator('.bar-row').first().waitFor();
      const overflow = await narrow.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
      await narrow.screenshot({ path: join(shots, 'execution-narrow.png'), fullPage: true });
    } finally {
      await narrow.close();
    }
  });
});
