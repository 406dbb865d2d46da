// The one constructor of SDK clients: endpoint, region, credentials and the long-poll socket timeout.
import { SWFClient } from '@aws-sdk/client-swf';
import type { ServiceInputTypes, ServiceOutputTypes, SWFClientConfig } from '@aws-sdk/client-swf';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { resolveConnection } from './connection.ts';
import type { Connection, ConnectionOptions } from './connection.ts';
import { explainNonJsonAnswers } from './non-json-answers.ts';
import { readEventPagesDirectly } from './event-pages.ts';
import { callDirectly } from './calls.ts';
import { plainHttpCalls } from './plain-http.ts';
import { DIRECT_CALLS, type DirectCalls } from '../swf-model/index.ts';

/** SWF holds a long poll for 60 s; the socket must outlive it (SWF_SPEC 1.1, 15). */
export const LONG_POLL_REQUEST_TIMEOUT_MS = 70_000;

/** Credentials sent to a local server, which does not check signatures. */
const LOCAL_CREDENTIALS = { accessKeyId: 'flowy-local', secretAccessKey: 'flowy-local' };

/** Options of {@link createSwfClient}; connection fields not given are resolved from the environment. */
export interface SwfClientOptions extends ConnectionOptions {
  /**
   * In-process transport (the local server's `requestHandler`): no TCP at all. When it carries the
   * server's operations as plain calls, callSwf uses them: no HTTP and no JSON either.
   */
  requestHandler?: SWFClientConfig['requestHandler'] & { [DIRECT_CALLS]?: DirectCalls };
  /**
   * Send every call as an SDK request; default false. Otherwise calls to a local server in this
   * process are plain function calls, and calls to an `http://` endpoint that takes unsigned
   * requests (`flowy dev`) are plain JSON requests (plain-http.ts). Real SWF always gets SDK requests.
   */
  sdkRequests?: boolean;
  /** SDK retry attempts for throttling, 5xx and network errors; default 3. */
  maxAttempts?: number;
  /**
   * Requests in flight at once (keep-alive sockets to the endpoint); default unlimited. A long poll
   * holds its socket for up to 60 s, so a cap below a worker's pollers plus its concurrency makes
   * completions and heartbeats wait behind polls (the SDK's own default of 50 did).
   */
  maxSockets?: number;
}

/**
 * Creates an SDK client for real SWF or an SWF-compatible endpoint. Endpoints that are not
 * Amazon's get dummy credentials unless credentials are set in the environment, and their
 * requests are not signed (SigV4 costs more CPU than the local server spends on most calls); the
 * socket timeout covers long polls. No client logs what it sends, so the SDK's logger step, which
 * copies every input and output (histories included) to redact it, is left out. Pages of events
 * are read with JSON.parse (see event-pages.ts).
 */
export function createSwfClient(options: SwfClientOptions = {}): SWFClient {
  // The SDK warns on every process about Node versions it will drop; that is not our users' news.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const connection = resolveConnection(options);
  const config = clientConfig(connection, options);
  const client = new SWFClient(config);
  client.middlewareStack.remove('loggerMiddleware');
  if (config.credentials === LOCAL_CREDENTIALS) {
    client.middlewareStack.remove('httpSigningMiddleware');
    client.middlewareStack.add(unsignedScope(connection.region), {
      step: 'finalizeRequest',
      name: 'flowyUnsignedScope',
    });
  }
  explainNonJsonAnswers(client, connection.endpoint ?? `Amazon SWF in ${connection.region}`);
  readEventPagesDirectly(client);
  const direct = options.requestHandler?.[DIRECT_CALLS];
  if (options.sdkRequests) return client;
  if (direct) callDirectly(client, direct, connection.region);
  else if (
    config.credentials === LOCAL_CREDENTIALS &&
    !options.requestHandler &&
    connection.endpoint?.startsWith('http://')
  ) {
    const calls = plainHttpCalls({
      endpoint: connection.endpoint,
      authorization: unsignedAuthorization(connection.region),
      maxAttempts: config.maxAttempts as number,
      maxSockets: options.maxSockets ?? Infinity,
      requestTimeoutMs: LONG_POLL_REQUEST_TIMEOUT_MS,
    });
    callDirectly(client, calls, connection.region);
    const destroy = client.destroy.bind(client);
    client.destroy = () => {
      calls.destroy();
      destroy();
    };
  }
  return client;
}

/**
 * In place of a signature: the Authorization header's credential scope alone, which is where a
 * local server reads the caller's region (used in domain ARNs, SWF_SPEC 1.1).
 */
function unsignedScope(region: string): FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  const authorization = unsignedAuthorization(region);
  return (next) => (args) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers.authorization = authorization;
    return next(args);
  };
}

function unsignedAuthorization(region: string): string {
  return `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20000101/${region}/swf/aws4_request, SignedHeaders=host, Signature=unsigned`;
}

/** The SDK configuration for a resolved connection (exported for tests). */
export function clientConfig(connection: Connection, options: SwfClientOptions = {}): SWFClientConfig {
  const env = options.env ?? process.env;
  const config: SWFClientConfig = {
    region: connection.region,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler:
      options.requestHandler ??
      new NodeHttpHandler({
        requestTimeout: LONG_POLL_REQUEST_TIMEOUT_MS,
        connectionTimeout: 10_000,
        httpAgent: { keepAlive: true, maxSockets: options.maxSockets ?? Infinity },
        httpsAgent: { keepAlive: true, maxSockets: options.maxSockets ?? Infinity },
      }),
  };
  if (connection.endpoint) config.endpoint = connection.endpoint;
  const hasEnvCredentials = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  // SWF-compatible servers (the local server) do not check signatures; Amazon's SWF needs the real chain.
  if ((!connection.isAws || options.requestHandler) && !hasEnvCredentials) config.credentials = LOCAL_CREDENTIALS;
  return config;
}
