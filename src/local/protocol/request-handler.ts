// The in-process transport: a smithy HttpHandler that hands SDK requests straight to the server.
import type { HttpHandler } from '@smithy/core/protocols';
import type { HttpHandlerOptions } from '@smithy/types';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { SwfEngine } from '../engine.ts';
import { handleApiRequest, type TestControls } from './dispatch.ts';

const encoder = new TextEncoder();

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error('The in-process SWF handler only accepts string or byte bodies');
}

/** Builds the handler; `new SWFClient({ requestHandler, endpoint: url, ... })` then skips TCP. */
export function createRequestHandler(engine: SwfEngine, controls?: TestControls): HttpHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      const given = options?.abortSignal as AbortSignal | undefined;
      // only a DOM-style signal can tell a waiting poll that its caller went away
      const signal = typeof given?.addEventListener === 'function' ? given : undefined;
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const answer = await handleApiRequest(
        engine,
        {
          method: request.method,
          path: request.path || '/',
          headers,
          body: bodyBytes(request.body),
          isConnected: () => !signal?.aborted,
          signal,
        },
        controls,
      );
      if (signal?.aborted) answer.release?.(); // the SDK call was abandoned: nobody gets this answer
      // a standalone Uint8Array: the SDK re-prototypes the body it is given, so no pooled Buffer
      return {
        response: new HttpResponse({
          statusCode: answer.statusCode,
          headers: answer.headers,
          body: encoder.encode(answer.body),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}
