// The JSON API the page calls under /ui/api/: reads are GETs, actions are POSTs (already checked
// for token and origin by the request guard). Answers are { ...data } or { error } with a status.
import type { CloseStatus, SWFClient } from '../swf/index.ts';
import type { Registry } from '../definitions/index.ts';
import { describeError, isConnectionError, listDomains } from '../swf/index.ts';
import { cancelAction, nameField, signalAction, startAction, terminateAction } from './actions.ts';
import { BadRequest } from './bad-request.ts';
import { readDomainView } from './domain-view.ts';
import { countExecutions, readExecutionPage } from './execution-pages.ts';
import type { ExecutionFilters } from './execution-pages.ts';
import { readExecutionView, type EventResolver } from './execution-view.ts';

/** What the API works with. */
export interface ApiContext {
  client: SWFClient;
  /** The domain the page opens on. */
  domain: string;
  isReadOnly: boolean;
  /** Where the server reads from, for the page header (an endpoint URL or "SWF in <region>"). */
  target: string;
  /** Scanned workflow code, for input schemas; absent when no code was found. */
  registry?: Registry;
  /** The payload store of a domain, when payloads over SWF's limit are stored (src/payloads). */
  payloads?: ((domain: string) => EventResolver | undefined) | undefined;
}

/** An API answer before it is written out. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

const CLOSE_STATUSES = ['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'];
const MAX_PAGE_SIZE = 1000;

function text(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name)?.trim();
  return value ? value : undefined;
}

function dateParam(query: URLSearchParams, name: string, what: string): Date | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new BadRequest(`${what} "${value}" is not a date; use a form like 2026-01-31T12:00`);
  return date;
}

/** Reads the list filters from the query string, refusing values SWF would not accept. */
export function parseFilters(query: URLSearchParams): ExecutionFilters {
  const status = text(query, 'status') ?? 'all';
  if (!['all', 'open', 'closed'].includes(status))
    throw new BadRequest(`Status "${status}" is not one of all, open, closed`);
  const closeStatus = text(query, 'closeStatus');
  if (closeStatus && !CLOSE_STATUSES.includes(closeStatus))
    throw new BadRequest(`Close status "${closeStatus}" is not one of ${CLOSE_STATUSES.join(', ')}`);
  if (closeStatus && status === 'open')
    throw new BadRequest('A close status filter only applies to closed executions; choose status "closed" or "all"');
  const filters: ExecutionFilters = {
    status: status as ExecutionFilters['status'],
    workflowId: text(query, 'workflowId'),
    typeName: text(query, 'type'),
    typeVersion: text(query, 'version'),
    tag: text(query, 'tag'),
    closeStatus: closeStatus as CloseStatus | undefined,
    startedAfter: dateParam(query, 'from', 'Started after'),
    startedBefore: dateParam(query, 'to', 'Started before'),
  };
  if (filters.startedAfter && filters.startedBefore && filters.startedAfter > filters.startedBefore) {
    throw new BadRequest('"Started after" is later than "Started before"; swap them or clear one');
  }
  return filters;
}

function pageSize(query: URLSearchParams): number {
  const value = text(query, 'pageSize');
  if (value === undefined) return 50;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new BadRequest(`Page size "${value}" must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return size;
}

function afterEventId(query: URLSearchParams): number {
  const value = text(query, 'afterEventId');
  if (value === undefined) return 0;
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0)
    throw new BadRequest(`afterEventId "${value}" must be a whole number of 0 or more`);
  return id;
}

function domainOf(context: ApiContext, source: URLSearchParams | Record<string, unknown>): string {
  const value = source instanceof URLSearchParams ? text(source, 'domain') : source.domain;
  if (value === undefined || value === '') return context.domain;
  return nameField({ domain: value }, 'domain', 'Domain');
}

async function read(context: ApiContext, route: string, query: URLSearchParams): Promise<unknown> {
  const { client } = context;
  switch (route) {
    case 'config': {
      // IAM policies often allow one domain and not ListDomains: the page still works on its own domain
      let domains: string[] = [];
      let domainsProblem: string | undefined;
      try {
        domains = (await listDomains(client)).map((d) => d.name ?? '');
      } catch (error) {
        if (isConnectionError(error)) throw error;
        domainsProblem = `Other domains cannot be listed: ${describeError(error)}`;
      }
      return {
        domain: context.domain,
        domains,
        domainsProblem,
        isReadOnly: context.isReadOnly,
        target: context.target,
      };
    }
    case 'executions': {
      const domain = domainOf(context, query);
      const filters = parseFilters(query);
      const size = pageSize(query);
      const [page, counts] = await Promise.all([
        readExecutionPage(client, domain, filters, size, text(query, 'cursor')),
        text(query, 'cursor') ? undefined : countExecutions(client, domain, filters),
      ]);
      return { ...page, counts };
    }
    case 'execution': {
      const domain = domainOf(context, query);
      const workflowId = nameField({ workflowId: text(query, 'workflowId') }, 'workflowId', 'workflowId');
      return readExecutionView(
        client,
        domain,
        workflowId,
        text(query, 'runId'),
        afterEventId(query),
        context.payloads?.(domain),
      );
    }
    case 'domain':
      return readDomainView(client, domainOf(context, query), context.registry);
    default:
      return undefined;
  }
}

async function act(context: ApiContext, route: string, body: Record<string, unknown>): Promise<unknown> {
  if (context.isReadOnly) throw new ReadOnly();
  const domain = domainOf(context, body);
  switch (route) {
    case 'signal':
      return { message: await signalAction(context.client, domain, body) };
    case 'cancel':
      return { message: await cancelAction(context.client, domain, body) };
    case 'terminate':
      return { message: await terminateAction(context.client, domain, body) };
    case 'start':
      return startAction(context.client, domain, body, context.registry);
    default:
      return undefined;
  }
}

class ReadOnly extends Error {
  override readonly name = 'ReadOnly';
  constructor() {
    super('This UI was started with --read-only; actions are turned off');
  }
}

/** Answers one API call; SWF faults and bad input become { error } with a fitting status. */
export async function answerApi(
  context: ApiContext,
  method: string,
  route: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): Promise<ApiAnswer> {
  try {
    const result = method === 'GET' ? await read(context, route, query) : await act(context, route, body);
    if (result === undefined) return { status: 404, body: { error: `No API ${method} /ui/api/${route}` } };
    return { status: 200, body: result };
  } catch (error) {
    if (error instanceof BadRequest) return { status: 400, body: { error: error.message } };
    if (error instanceof ReadOnly) return { status: 403, body: { error: error.message } };
    if (error instanceof Error && error.name === 'UnknownResourceFault')
      return { status: 404, body: { error: describeError(error) } };
    if (isConnectionError(error))
      return { status: 502, body: { error: `Cannot reach ${context.target}: ${describeError(error)}` } };
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status && status >= 400 && status < 500) return { status: 400, body: { error: describeError(error) } };
    return { status: 500, body: { error: describeError(error) } };
  }
}
