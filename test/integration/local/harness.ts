// Conformance harness: an SWF client for SWF_ENDPOINT, or for an in-process local server.
import { SWFClient } from '@aws-sdk/client-swf';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';

/** What a conformance test gets. */
export interface Harness {
  client: SWFClient;
  endpoint: string;
  /** The local server, or undefined when SWF_ENDPOINT points elsewhere (clock tests skip then). */
  server?: LocalServer;
  /** A fresh domain name for one test. */
  domainName(label: string): string;
  close(): Promise<void>;
}

let counter = 0;

/** SWF_ENDPOINT wins; else a local server on a free loopback port with a manual clock and 300 ms polls. */
export async function openHarness(
  options: { clock?: 'system' | 'manual'; longPollMs?: number; db?: string } = {},
): Promise<Harness> {
  const external = process.env.SWF_ENDPOINT;
  const server = external
    ? undefined
    : await startLocalServer({
        testControls: true,
        longPollMs: options.longPollMs ?? 300,
        clock: options.clock ?? 'manual',
        db: options.db,
      });
  const endpoint = external ?? server!.url;
  const client = new SWFClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  return {
    client,
    endpoint,
    server,
    domainName: (label) => `t-${label}-${stamp}-${++counter}`.slice(0, 256),
    close: async () => {
      client.destroy();
      await server?.close();
    },
  };
}

/** Skip reason for tests that need the local server's test clock. */
export function needsTestClock(): string | false {
  return process.env.SWF_ENDPOINT ? 'needs the local test clock (SWF_ENDPOINT is set)' : false;
}
