// The UI over HTTP: a request handler that `flowy dev` mounts beside the SWF protocol, and a
// server of its own for `flowy ui`. Pages and files are GETs; actions are POSTs under /ui/api/.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventResolver } from './execution-view.ts';
import type { SWFClient } from '../swf/index.ts';
import type { Registry } from '../definitions/index.ts';
import { answerApi } from './api.ts';
import { CONTENT_SECURITY_POLICY, loadAssets, renderShell } from './assets.ts';
import { checkAction, checkHost } from './request-guard.ts';
import type { HostPolicy } from './request-guard.ts';

/** Options of {@link createUiHandler}. */
export interface UiOptions {
  /** The SDK client the UI reads and acts through (src/swf builds it). */
  client: SWFClient;
  /** The domain the page opens on. */
  domain: string;
  /** Turns signal, cancel, terminate and start off. */
  isReadOnly?: boolean;
  /** Shown in the page header: the endpoint URL or "SWF in <region>". Never credentials. */
  target: string;
  /** Scanned workflow code, for start input schemas. */
  registry?: Registry;
  /** 'loopback' (default) accepts only Host headers naming this machine. */
  hostPolicy?: HostPolicy;
  /** The payload store of a domain, to show stored payloads (src/payloads) in place of their references. */
  payloads?: (domain: string) => EventResolver | undefined;
}

/** A Node request listener serving the UI. */
export type UiHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Actions carry small JSON bodies. */
const MAX_BODY_BYTES = 256 * 1024;

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return reject(new Error(`The request body is over ${MAX_BODY_BYTES} bytes; send less`));
      let value: unknown;
      try {
        value = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reject(new Error('The request body is not JSON; send a JSON object'));
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return reject(new Error('The request body must be a JSON object'));
      resolve(value as Record<string, unknown>);
    });
  });
}

/** Builds the handler: one action token per handler, assets loaded once. */
export function createUiHandler(options: UiOptions): UiHandler {
  const token = randomBytes(24).toString('base64url');
  const assets = loadAssets();
  const shell = renderShell(token);
  const hostPolicy = options.hostPolicy ?? 'loopback';
  const context = {
    client: options.client,
    domain: options.domain,
    isReadOnly: options.isReadOnly ?? false,
    target: options.target,
    registry: options.registry,
    payloads: options.payloads,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://ui.invalid');
    const method = req.method ?? 'GET';
    const hostProblem = checkHost(req.headers.host, hostPolicy);
    if (hostProblem) return sendJson(res, 403, { error: hostProblem });
    if (url.pathname.startsWith('/ui/api/')) {
      const route = url.pathname.slice('/ui/api/'.length);
      if (method === 'POST') {
        const actionProblem = checkAction(req.headers, token);
        if (actionProblem) return sendJson(res, 403, { error: actionProblem });
        let body: Record<string, unknown>;
        try {
          body = await readBody(req);
        } catch (error) {
          return sendJson(res, 400, { error: (error as Error).message });
        }
        const answer = await answerApi(context, 'POST', route, url.searchParams, body);
        return sendJson(res, answer.status, answer.body);
      }
      if (method !== 'GET')
        return sendJson(res, 405, { error: `${method} is not used by the UI API; reads are GET, actions POST` });
      const answer = await answerApi(context, 'GET', route, url.searchParams, {});
      return sendJson(res, answer.status, answer.body);
    }
    if (method !== 'GET' && method !== 'HEAD')
      return sendJson(res, 405, { error: `${method} ${url.pathname} is not a UI page; pages are read with GET` });
    const asset = url.pathname === '/' || url.pathname === '/index.html' ? shell : assets.get(url.pathname);
    if (!asset) {
      res.writeHead(404, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end(`No page at ${url.pathname}; the UI is at /\n`);
      return;
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': asset === shell ? 'no-store' : 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : asset.body);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `UI failure: ${(error as Error)?.message ?? String(error)}` });
      else res.destroy();
    });
  };
}

/** True for the requests the UI answers when it shares a port with the SWF protocol. */
export function isUiRequest(method: string | undefined, path: string): boolean {
  if (path.startsWith('/_local/')) return false;
  return method === 'GET' || method === 'HEAD' || path.startsWith('/ui/');
}

/** A running `flowy ui` server. */
export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the UI on its own port (`flowy ui`); `host` defaults to loopback. */
export async function startUiServer(options: UiOptions & { host?: string; port?: number }): Promise<UiServer> {
  const host = options.host ?? '127.0.0.1';
  const handler = createUiHandler({
    ...options,
    hostPolicy: options.hostPolicy ?? (isLoopbackAddress(host) ? 'loopback' : 'any'),
  });
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new Error(
            `Port ${options.port} on ${host} is already in use; stop the other server or choose another port (0 picks a free one)`,
          ),
        );
      else if (error.code === 'EADDRNOTAVAIL')
        reject(
          new Error(
            `Cannot listen on ${host}: no such local address; use 127.0.0.1 or another address of this machine`,
          ),
        );
      else reject(error);
    });
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** True for addresses only this machine reaches. */
export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
