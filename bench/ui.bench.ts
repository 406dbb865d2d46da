// The web UI with large data: a 25,000-event history opened in headless Chromium (navigation to
// the first rows of the table), and the first and last pages of a 10,000-run executions list.
// Run: node bench/run.js ui   (needs Debian's chromium or CHROMIUM_PATH)
import {
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  RegisterWorkflowTypeCommand,
} from '@aws-sdk/client-swf';
import { startLocalServer } from '../src/local/index.ts';
import { createSwfClient, getLastEvent, registerDomain } from '../src/swf/index.ts';
import { startUiServer } from '../src/ui/index.ts';
import { findChromium, launchChromium } from '../test/integration/ui/browser.ts';

const DOMAIN = 'bench';
const EVENTS = 25_000;
const RUNS = 10_000;

const chromium = findChromium();
if (!chromium) {
  console.log('skipped: no Chromium (apt-get install -y chromium or set CHROMIUM_PATH)');
  process.exit(0);
}
const server = await startLocalServer({ clock: 'manual' });
const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
await registerDomain(swf, DOMAIN);
await swf.send(
  new RegisterWorkflowTypeCommand({
    domain: DOMAIN,
    name: 'Bench',
    version: '1',
    defaultTaskList: { name: 'nobody' },
    defaultChildPolicy: 'TERMINATE',
    defaultExecutionStartToCloseTimeout: '3600',
    defaultTaskStartToCloseTimeout: '30',
  }),
);
const ui = await startUiServer({ client: swf, domain: DOMAIN, target: server.url, port: 0 });
const browser = await launchChromium(chromium);
try {
  const { runId } = await swf.send(
    new StartWorkflowExecutionCommand({
      domain: DOMAIN,
      workflowId: 'big',
      workflowType: { name: 'Bench', version: '1' },
    }),
  );
  const execution = { workflowId: 'big', runId: runId! };
  for (
    let last = (await getLastEvent(swf, DOMAIN, execution))?.eventId ?? 0;
    last < EVENTS;
    last = (await getLastEvent(swf, DOMAIN, execution))?.eventId ?? 0
  ) {
    await Promise.all(
      Array.from({ length: Math.min(200, EVENTS - last) }, (_, i) =>
        swf.send(
          new SignalWorkflowExecutionCommand({
            domain: DOMAIN,
            ...execution,
            signalName: 'ping',
            input: String(last + i),
          }),
        ),
      ),
    );
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // warm the browser and the page's modules on another page first
  await page.goto(`${ui.url}/#/d/${DOMAIN}/executions`);
  await page.locator('table.executions tbody tr').first().waitFor();
  for (let round = 1; round <= 3; round += 1) {
    await page.goto(`${ui.url}/#/d/${DOMAIN}/executions`);
    const apiStarted = performance.now();
    const api = await page.evaluate(
      async (path) => (await fetch(path)).text().then((t) => t.length),
      `/ui/api/execution?domain=${DOMAIN}&workflowId=big&runId=${runId}`,
    );
    const apiMs = performance.now() - apiStarted;
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(`${ui.url}/#/d/${DOMAIN}/run/big/${runId}`);
    await page.locator('.event-row[data-event-id="1"]').waitFor({ timeout: 60_000 });
    const rows = await page.locator('.event-row').count();
    console.log(
      `open a ${EVENTS}-event history, round ${round}: page ${Math.round(performance.now() - started)} ms (${rows} rows in the DOM); ` +
        `its API call alone ${Math.round(apiMs)} ms, ${(api / 1e6).toFixed(1)} MB${round === 1 ? ' (history read from SWF)' : ' (closed run: history cached)'}`,
    );
  }

  for (let i = 1; i < RUNS; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, RUNS - i) }, (_, j) =>
        swf.send(
          new StartWorkflowExecutionCommand({
            domain: DOMAIN,
            workflowId: `run-${i + j}`,
            workflowType: { name: 'Bench', version: '1' },
          }),
        ),
      ),
    );
  }
  let cursor: string | undefined;
  let pages = 0;
  const listStarted = performance.now();
  let firstPageMs = 0;
  do {
    const response = await fetch(
      `${ui.url}/ui/api/executions?domain=${DOMAIN}&pageSize=50${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const body = (await response.json()) as { cursor?: string };
    cursor = body.cursor;
    pages += 1;
    if (pages === 1) firstPageMs = performance.now() - listStarted;
  } while (cursor);
  console.log(
    `list ${RUNS} runs: first page of 50 in ${Math.round(firstPageMs)} ms; all ${pages} pages in ${Math.round(performance.now() - listStarted)} ms`,
  );
  await page.goto(`${ui.url}/#/d/${DOMAIN}/executions`);
  const pageStarted = performance.now();
  await page.locator('table.executions tbody tr').first().waitFor();
  console.log(
    `executions page with ${RUNS} runs shows its first page in ${Math.round(performance.now() - pageStarted)} ms`,
  );
} finally {
  await browser.close();
  await ui.close();
  swf.destroy();
  await server.close();
}
