// The SWF JSON 1.0 protocol: target and body in, JSON or fault out; shared by both transports.
import { randomUUID } from 'node:crypto';
import type { SwfEngine, PollConnection } from '../engine.ts';
import { SwfFault } from '../faults.ts';
import { OPERATION_INPUTS } from './input-shapes.ts';
import { checkMembers, throwIfInvalid } from './shape-validation.ts';
import { checkDecisionList } from './decision-list.ts';
import { POLL_OPERATIONS } from '../state/operations.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { encodeAnswer, toWire } from './wire.ts';

/** SWF_SPEC 15: requests over 1 MB are refused. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'SimpleWorkflowService.';

/** A request as either transport sees it. Header names are lower case. */
export interface ApiRequest extends PollConnection {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** The answer to send back. */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /**
   * Set on a poll answer that carries a task: the transport calls it when the answer cannot be
   * delivered (the poller hung up), and the task goes back to its list. At most once.
   */
  release?: () => void;
}

/** Test-only endpoints (SWF_SPEC 18), outside the SWF API. */
export interface TestControls {
  reset(): void;
  clock(): { now: Date; kind: string };
  advance(seconds: number): Promise<void>;
  advanceTo(date: Date): Promise<void>;
}

function respond(statusCode: number, body: object, extra: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...extra },
    body: encodeAnswer(body),
  };
}

/** SWF_SPEC 1.4: HTTP 400 with `__type` and `message`, plus x-amzn-ErrorType for other clients. */
export function faultResponse(fault: SwfFault): ApiResponse {
  return respond(
    fault.statusCode,
    { __type: fault.wireType, message: fault.message },
    { 'x-amzn-errortype': fault.type },
  );
}

function parseBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new SwfFault('SerializationException', 'The request body is not valid JSON; send a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SwfFault('SerializationException', 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** SWF_SPEC 1.1: the region of the SigV4 credential scope (signatures themselves are not checked). */
function signingRegion(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=[^/,]+\/\d{8}\/([a-z0-9-]+)\/swf\//.exec(authorization)?.[1] : undefined;
}

/** Parses, validates and runs one SWF request; every failure becomes a fault response. */
export async function handleApiRequest(
  engine: SwfEngine,
  request: ApiRequest,
  controls?: TestControls,
): Promise<ApiResponse> {
  try {
    if (request.path.startsWith('/_local/')) {
      if (!controls)
        throw new SwfFault(
          'UnknownOperationException',
          `${request.path} is a test control; start the server with testControls enabled`,
        );
      return await handleTestControl(request, controls);
    }
    if (engine.isClosed)
      throw new SwfFault(
        'ServiceUnavailableException',
        'The local SWF server is shut down; start it again to continue',
      );
    if (request.body.length > MAX_REQUEST_BYTES) {
      throw new SwfFault(
        'ValidationException',
        `Request of ${request.body.length} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit of SWF requests`,
      );
    }
    const target = request.headers['x-amz-target'];
    if (!target)
      throw new SwfFault(
        'UnknownOperationException',
        'Missing X-Amz-Target header; expected SimpleWorkflowService.<Operation>',
      );
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (!OPERATION_INPUTS.has(operation))
      throw new SwfFault(
        'UnknownOperationException',
        `Unknown operation ${target}; expected SimpleWorkflowService.<Operation>`,
      );
    const input = parseBody(request.body);
    const { output, release } = await runOperation(
      engine,
      operation,
      input,
      request,
      signingRegion(request.headers.authorization),
    );
    const answer = respond(200, toWire(output, (claims) => engine.signTaskToken(claims)) as object);
    if (release) answer.release = release;
    return answer;
  } catch (error) {
    return faultResponse(asFault(engine, request.headers['x-amz-target'], error));
  }
}

/** What a call failed with, as a fault to answer; a failure that is not an SWF fault is logged. */
export function asFault(engine: SwfEngine, operation: string | undefined, error: unknown): SwfFault {
  if (error instanceof SwfFault) return error;
  engine.logger.error({ operation, err: error }, 'internal failure');
  return new SwfFault('InternalFailure', `Internal failure: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * Validates and runs one operation on its input (a JSON object as on the wire), for both
 * transports. A poll answer that carries a task comes with `release`, to call when the answer
 * cannot be delivered (the poller hung up): the task goes back to its list. At most once.
 */
export async function runOperation(
  engine: SwfEngine,
  operation: string,
  input: Record<string, unknown>,
  connection: PollConnection,
  region: string | undefined,
): Promise<{ output: object; release?: () => void }> {
  const shape = OPERATION_INPUTS.get(operation);
  if (!shape)
    throw new SwfFault(
      'UnknownOperationException',
      `Unknown operation ${operation}; expected one of the operations of SimpleWorkflowService`,
    );
  const errors: string[] = [];
  checkMembers(input, shape, '', errors);
  if (operation === 'RespondDecisionTaskCompleted') checkDecisionList(input.decisions, errors);
  throwIfInvalid(errors);
  if (!POLL_OPERATIONS.has(operation)) return { output: (await engine.execute(operation, input, region)) ?? {} };
  const output: { taskClaims?: TaskTokenClaims } = await engine.poll(
    operation as 'PollForDecisionTask' | 'PollForActivityTask',
    input,
    connection,
    region,
  );
  const claims = output.taskClaims;
  // a further page of a decision task's history is not a claim: the task stays with its poller
  if (claims === undefined || input.nextPageToken) return { output };
  let isReleased = false;
  const release = () => {
    if (isReleased) return;
    isReleased = true;
    engine.releaseUndelivered(claims);
  };
  return { output, release };
}

async function handleTestControl(request: ApiRequest, controls: TestControls): Promise<ApiResponse> {
  const body = request.body.length > 0 ? parseBody(request.body) : {};
  if (request.path === '/_local/reset' && request.method === 'POST') {
    controls.reset();
    return respond(200, {});
  }
  if (request.path === '/_local/clock') {
    if (request.method === 'POST') {
      if (typeof body.advanceSeconds === 'number') await controls.advance(body.advanceSeconds);
      else if (typeof body.advanceTo === 'number') await controls.advanceTo(new Date(body.advanceTo * 1000));
      else
        throw new SwfFault(
          'ValidationException',
          'POST /_local/clock needs {"advanceSeconds": n} or {"advanceTo": epochSeconds}',
        );
    }
    const clock = controls.clock();
    return respond(200, { now: clock.now.getTime() / 1000, kind: clock.kind });
  }
  throw new SwfFault(
    'UnknownOperationException',
    `Unknown test control ${request.method} ${request.path}; use POST /_local/reset or GET|POST /_local/clock`,
  );
}
