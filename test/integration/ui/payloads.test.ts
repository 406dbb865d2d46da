// Stored payloads (src/payloads) are shown, not their references: on the web UI's run page and in
// `flowy history`'s timeline; a blob that cannot be read leaves the reference and says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowyClient } from '../../../src/client/index.ts';
import { Workflow } from '../../../src/core/index.ts';
import { Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { FilePayloadStore, gzipCodec, MemoryPayloadStore, PayloadStorage } from '../../../src/payloads/index.ts';
import { createSwfClient, registerAll, type SWFClient } from '../../../src/swf/index.ts';
import { startUiServer, type UiServer } from '../../../src/ui/index.ts';
import { runCli } from '../examples/capture.ts';

const DOMAIN = 'ui-payloads';
const BIG = `big:${'x'.repeat(40_000)}`;

@workflow({ name: 'TakesBigInput', taskList: 'ui-payloads' })
class TakesBigInput extends Workflow<string, string> {
  async run(input: string): Promise<string> {
    return input;
  }
}

describe('stored payloads in the UI and the timeline', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let ui: UiServer;
  let dir: string;
  let storage: PayloadStorage;
  let emptyStorage: PayloadStorage;
  let useEmpty = false;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowy-ui-payloads-'));
    server = await startLocalServer({});
    swf = createSwfClient({ endpoint: server.url, env: {} });
    const registry = new Registry();
    registry.addWorkflow(TakesBigInput);
    await registerAll(swf, DOMAIN, registry);
    // where FLOWY_PAYLOADS=<dir> puts a domain's blobs, with the default codec
    storage = new PayloadStorage({ store: new FilePayloadStore(join(dir, DOMAIN)), codecs: [gzipCodec] });
    emptyStorage = new PayloadStorage({ store: new MemoryPayloadStore() });
    const client = new FlowyClient({ client: swf, domain: DOMAIN, registry, payloads: storage });
    await client.startWorkflow(TakesBigInput, BIG, { workflowId: 'big-input' });
    ui = await startUiServer({
      client: swf,
      domain: DOMAIN,
      target: server.url,
      port: 0,
      payloads: () => (useEmpty ? emptyStorage : storage),
    });
  });
  after(async () => {
    await ui?.close();
    swf?.destroy();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const view = async () =>
    (await (await fetch(`${ui.url}/ui/api/execution?domain=${DOMAIN}&workflowId=big-input`)).json()) as {
      summary: { input?: string };
      events: { workflowExecutionStartedEventAttributes?: { input?: string } }[];
      payloadProblem?: string;
    };

  test('the run page gets the stored input, not its reference', async () => {
    const shown = await view();
    assert.equal(shown.payloadProblem, undefined);
    assert.equal(shown.summary.input, JSON.stringify(BIG));
    assert.equal(shown.events[0]?.workflowExecutionStartedEventAttributes?.input, JSON.stringify(BIG));
  });

  test('a blob that cannot be read leaves the reference and says why', async () => {
    useEmpty = true;
    try {
      const shown = await view();
      assert.match(
        shown.payloadProblem ?? '',
        /Stored payloads are shown as their references: Payload .* is not in the payload store/,
      );
      assert.match(shown.summary.input ?? '', /\$flowyPayload/);
    } finally {
      useEmpty = false;
    }
  });

  test('flowy history shows the stored input in its timeline', async () => {
    const env = { SWF_ENDPOINT: server.url, SWF_DOMAIN: DOMAIN, FLOWY_PAYLOADS: dir };
    const timeline = await runCli(['history', 'big-input'], env);
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.match(timeline.stdout, /"big:xxxx/);
    assert.doesNotMatch(timeline.stdout, /\$flowyPayload/);
    const recorded = await runCli(['history', 'big-input', '--json'], env);
    assert.match(recorded.stdout, /\$flowyPayload/, 'the recording keeps the reference');
  });
});
