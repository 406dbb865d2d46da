// SWF's JSON 1.0 protocol over plain HTTP, for SWF-compatible endpoints that take unsigned requests
// (the local server, `flowy dev`): one POST with the operation in X-Amz-Target, JSON in, JSON out.
// The SDK spends about 0.2 ms of CPU per call on its middleware, endpoint rules and schema walks;
// this spends a fraction of that. Outputs and faults are the SDK's (Dates, fault classes), and the
// SDK's retries of connection failures, throttling and 5xx answers are kept.
import { Agent, request } from 'node:http';
import { eventsWithDates, wireInput } from '../swf-model/index.ts';
import type { DirectAnswer, DirectCalls } from '../swf-model/index.ts';
import { OperationNotImplementedError } from './non-json-answers.ts';
import { abortError } from './faults.ts';

/** Output members that are timestamps (epoch seconds on the wire, Dates in the SDK's outputs). */
const TIMESTAMP_MEMBERS = new Set([
  'startTimestamp',
  'closeTimestamp',
  'creationDate',
  'deprecationDate',
  'latestActivityTaskTimestamp',
]);

/** Fault names after which the SDK tries again (besides connection failures and 5xx answers). */
const RETRIED_FAULTS = new Set(['ThrottlingException', 'Throttling', 'ServiceUnavailableException', 'InternalFailure']);

const RETRIED_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** Options of {@link plainHttpCalls}. */
export interface PlainHttpOptions {
  /** http://host:port of the endpoint. */
  endpoint: string;
  /** Put in the Authorization header's credential scope, where a local server reads the caller's region. */
  authorization: string;
  maxAttempts: number;
  maxSockets: number;
  /** Socket inactivity timeout (longer than a long poll). */
  requestTimeoutMs: number;
}

/** The calls, and how to close their sockets. */
export function plainHttpCalls(options: PlainHttpOptions): DirectCalls & { destroy(): void } {
  const url = new URL(options.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const base = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || 80,
    path: url.pathname || '/',
    method: 'POST',
    agent,
  };
  const send = (operation: string, body: string, signal: AbortSignal | undefined) =>
    new Promise<DirectAnswer>((resolve, reject) => {
      const req = request(
        {
          ...base,
          signal,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `SimpleWorkflowService.${operation}`,
            authorization: options.authorization,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve(readAnswer(options.endpoint, operation, res.statusCode ?? 0, res.headers, Buffer.concat(chunks)));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.setTimeout(options.requestTimeoutMs, () =>
        req.destroy(
          Object.assign(new Error(`No answer from ${options.endpoint} within ${options.requestTimeoutMs} ms`), {
            name: 'TimeoutError',
          }),
        ),
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    async call(operation, input, { signal }) {
      const body = JSON.stringify(wireInput(input));
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await send(operation, body, signal);
          const isRetried =
            'fault' in answer && (answer.fault.statusCode >= 500 || RETRIED_FAULTS.has(answer.fault.type));
          if (!isRetried || attempt >= options.maxAttempts) return answer;
        } catch (error) {
          if (signal?.aborted) throw abortError();
          const code = (error as { code?: string }).code;
          if (attempt >= options.maxAttempts || code === undefined || !RETRIED_CODES.has(code)) throw error;
        }
        // the SDK's schedule: a random wait of up to 100 ms, doubling, capped at 20 s
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20_000, 100 * 2 ** (attempt - 1))));
      }
    },
    destroy: () => agent.destroy(),
  };
}

function readAnswer(
  endpoint: string,
  operation: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): DirectAnswer {
  let answer: unknown;
  try {
    answer = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    answer = undefined;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new OperationNotImplementedError(endpoint, operation, status, headerOf(headers, 'content-type'));
  }
  const members = answer as Record<string, unknown>;
  if (status === 200) {
    const output = withDates(members) as Record<string, unknown>;
    output.$metadata = {
      httpStatusCode: 200,
      requestId: headerOf(headers, 'x-amzn-requestid'),
      attempts: 1,
      totalRetryDelay: 0,
    };
    return { output };
  }
  // SWF_SPEC 1.4: __type is namespace#Name (or the header names it)
  const type = String(members.__type ?? headerOf(headers, 'x-amzn-errortype') ?? `HTTP ${status}`)
    .split('#')
    .pop()!
    .split(':')[0]!;
  const message =
    typeof members.message === 'string'
      ? members.message
      : typeof members.Message === 'string'
        ? members.Message
        : type;
  return { fault: { type, message, statusCode: status } };
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The output with its timestamp members (epoch seconds) as Dates, as the SDK reads them. */
function withDates(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) withDates(item);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const member = object[key];
    if (key === 'events') eventsWithDates(member);
    else if (TIMESTAMP_MEMBERS.has(key) && typeof member === 'number')
      object[key] = new Date(Math.round(member * 1000));
    else if (typeof member === 'object' && member !== null) withDates(member);
  }
  return value;
}
