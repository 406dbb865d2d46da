// The TCP transport: a Node HTTP server in front of handleApiRequest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SwfEngine } from '../engine.ts';
import { faultResponse, handleApiRequest, MAX_REQUEST_BYTES, type ApiResponse, type TestControls } from './dispatch.ts';
import { SwfFault } from '../faults.ts';

function send(res: ServerResponse, answer: ApiResponse): void {
  if (res.destroyed) {
    answer.release?.();
    return;
  }
  if (answer.release) watchDelivery(res, answer.release);
  res.writeHead(answer.statusCode, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

/**
 * Calls `release` when a poll answer carrying a task turns out unread. TCP tells: a peer that closes
 * with our answer unread in its buffer, or that had closed before it arrived, answers with a reset,
 * while one that read it closes cleanly or sends its next request on the connection.
 */
function watchDelivery(res: ServerResponse, release: () => void): void {
  const socket = res.socket;
  if (!socket) return release();
  const stop = () => {
    socket.off('close', onClose);
    socket.off('data', onNextRequest);
  };
  const onClose = (hadError: boolean) => {
    stop();
    if (hadError || !res.writableFinished) release();
  };
  const onNextRequest = () => {
    if (res.writableFinished) stop();
  };
  socket.on('close', onClose);
  socket.on('data', onNextRequest);
}

function handle(
  engine: SwfEngine,
  controls: TestControls | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let isTooLarge = false;
  const disconnected = new AbortController();
  // a poller whose connection closed must not be given a task (SWF_SPEC 8.2)
  res.on('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) isTooLarge = true;
    else chunks.push(chunk);
  });
  req.on('error', () => disconnected.abort());
  req.on('end', () => {
    if (isTooLarge) {
      send(
        res,
        faultResponse(
          new SwfFault(
            'ValidationException',
            `Request of ${size} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit of SWF requests`,
          ),
        ),
      );
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    void handleApiRequest(
      engine,
      {
        method: req.method ?? 'POST',
        path: (req.url ?? '/').split('?')[0]!,
        headers,
        body: Buffer.concat(chunks),
        isConnected: () => !disconnected.signal.aborted && !req.socket.destroyed,
        signal: disconnected.signal,
      },
      controls,
    ).then((answer) => send(res, answer));
  });
}

/** Another handler for the requests that are not SWF's (the web UI); see LocalServerOptions.browser. */
export interface SideHandler {
  accepts(method: string | undefined, path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Starts listening; resolves with the server and its http://host:port URL. */
export async function listen(
  engine: SwfEngine,
  controls: TestControls | undefined,
  host: string,
  port: number,
  side?: SideHandler,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (side?.accepts(req.method, (req.url ?? '/').split('?')[0]!)) side.handle(req, res);
    else handle(engine, controls, req, res);
  });
  // long polls last 60 s; keep the defaults above that
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is already in use; stop the other server or choose another port (0 picks a free one)`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(
          new Error(
            `Cannot listen on ${host}: no such local address; use 127.0.0.1 or another address of this machine`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}` };
}
