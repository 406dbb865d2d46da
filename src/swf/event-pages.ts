// Pages of history events (GetWorkflowExecutionHistory, PollForDecisionTask) are read with
// JSON.parse instead of the SDK's schema walk, which costs about three times as much per event
// (a 10,000-event history: about 30 ms of a query's CPU). Every other answer, and every fault,
// goes through the SDK's deserializer as before.
import type { ServiceInputTypes, ServiceOutputTypes, SWFClient } from '@aws-sdk/client-swf';
import { eventsWithDates } from '../swf-model/index.ts';
import type { DeserializeMiddleware, HandlerExecutionContext } from '@smithy/types';

const EVENT_PAGE_COMMANDS = new Set(['GetWorkflowExecutionHistoryCommand', 'PollForDecisionTaskCommand']);

/** Answers read here, by the context of their call, for the outer middleware to hand on. */
const readAnswers = new WeakMap<HandlerExecutionContext, Record<string, unknown>>();

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === null || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * The answer in `bytes` with each event's `eventTimestamp` (epoch seconds on the wire) as a Date,
 * as the SDK gives it; undefined when `bytes` is not a JSON object (the SDK then explains).
 */
export function readEventPage(bytes: Uint8Array): Record<string, unknown> | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
  eventsWithDates((answer as { events?: unknown }).events);
  return answer as Record<string, unknown>;
}

/** Makes `client` read event pages with {@link readEventPage}. */
export function readEventPagesDirectly(client: SWFClient): void {
  // next to the transport: takes a successful answer's body before the SDK's deserializer sees it,
  // and leaves that an empty object to read
  const takeBody: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
    const result = await next(args);
    if (!EVENT_PAGE_COMMANDS.has(context.commandName ?? '')) return result;
    const response = result.response as RawResponse;
    if (response.statusCode !== 200) return result;
    const bytes = await bodyBytes(response.body);
    if (bytes === undefined) return result;
    const answer = readEventPage(bytes);
    if (answer === undefined) {
      response.body = bytes;
      return result;
    }
    readAnswers.set(context, answer);
    response.body = new TextEncoder().encode('{}');
    return result;
  };
  client.middlewareStack.addRelativeTo(takeBody, {
    name: 'flowyReadEventPage',
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
  });
  // just outside the deserializer, so every other middleware sees the whole output: puts the
  // answer read above into it
  const giveAnswer: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
    const result = await next(args);
    const answer = readAnswers.get(context);
    if (answer !== undefined) {
      readAnswers.delete(context);
      Object.assign(result.output as object, answer);
    }
    return result;
  };
  client.middlewareStack.addRelativeTo(giveAnswer, {
    name: 'flowyEventPageOutput',
    relation: 'before',
    toMiddleware: 'deserializerMiddleware',
  });
}
