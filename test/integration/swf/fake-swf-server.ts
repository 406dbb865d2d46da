// A small HTTP server that answers some SWF operations the way another SWF-compatible server
// might (no long polls, filters ignored, HTML pages): for testing flowy against such endpoints.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer: a JSON object (HTTP 200), or a status with a raw body. */
export type FakeAnswer = object | { status: number; contentType: string; body: string; delayMs?: number };

/** A running fake server. */
export interface FakeSwfServer {
  url: string;
  /** Every call: operation name and parsed JSON input. */
  calls: { operation: string; input: Record<string, any> }[];
  close(): Promise<void>;
}

const NOT_FOUND: FakeAnswer = {
  status: 404,
  contentType: 'text/html',
  body: '<html><body><h1>404 Not Found</h1></body></html>',
};

/** Starts it on a free loopback port; operations without a handler get an HTML 404 page. */
export async function startFakeSwf(
  handlers: Record<string, (input: Record<string, any>) => FakeAnswer | Promise<FakeAnswer>>,
): Promise<FakeSwfServer> {
  const calls: FakeSwfServer['calls'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('SimpleWorkflowService.', '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, any>;
      calls.push({ operation, input });
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      const answer = handler ? await handler(input) : NOT_FOUND;
      if ('status' in answer && 'body' in answer) {
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      } else {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A JSON answer after a delay (a server that long-polls for `delayMs`). */
export function delayed(body: object, delayMs: number): FakeAnswer {
  return { status: 200, contentType: 'application/x-amz-json-1.0', body: JSON.stringify(body), delayMs };
}
