// Pages of the executions list: open and closed runs merged newest first, filtered by any
// combination of workflowId, type, tag, close status and start time. SWF takes one of
// executionFilter/typeFilter/tagFilter/closeStatusFilter per request (SWF_SPEC 10); the most
// selective one goes to SWF and the others are applied here, page by page, never to the whole list.
import type { CloseStatus, SWFClient, WorkflowExecutionInfo } from '../swf/index.ts';
import { countClosedExecutions, countOpenExecutions, listClosedExecutions, listOpenExecutions } from '../swf/index.ts';
import { BadRequest } from './bad-request.ts';

/** What the list shows; every field is optional and they combine. */
export interface ExecutionFilters {
  status: 'all' | 'open' | 'closed';
  workflowId?: string;
  typeName?: string;
  typeVersion?: string;
  tag?: string;
  closeStatus?: CloseStatus;
  startedAfter?: Date;
  startedBefore?: Date;
}

/** Where the next page starts in each list: the SWF page token and how far into that page we got. */
interface SourceCursor {
  token?: string;
  index: number;
  isDone: boolean;
}

interface PageCursor {
  open: SourceCursor;
  closed: SourceCursor;
}

/** One page of the list. */
export interface ExecutionPage {
  executions: WorkflowExecutionInfo[];
  /** Give it back to get the next page; absent on the last page. */
  cursor?: string;
}

/** At most this many SWF list requests serve one page (a page may come back short, with a cursor). */
const MAX_REQUESTS_PER_PAGE = 20;

/** A readable one-per-source walk over SWF list pages, with the position it has reached. */
class Source {
  private page: WorkflowExecutionInfo[] | undefined;
  private nextToken: string | undefined;
  constructor(
    private readonly fetchPage: (
      token: string | undefined,
    ) => Promise<{ items: WorkflowExecutionInfo[]; nextToken?: string }>,
    private readonly matches: (info: WorkflowExecutionInfo) => boolean,
    readonly cursor: SourceCursor,
    private readonly budget: { requests: number },
  ) {}

  /** The next matching execution without consuming it; undefined at the end (or out of budget). */
  async peek(): Promise<WorkflowExecutionInfo | undefined> {
    for (;;) {
      if (this.cursor.isDone) return undefined;
      if (!this.page) {
        if (this.budget.requests <= 0) return undefined;
        this.budget.requests -= 1;
        const loaded = await this.fetchPage(this.cursor.token);
        this.page = loaded.items;
        this.nextToken = loaded.nextToken;
      }
      while (this.cursor.index < this.page.length) {
        const info = this.page[this.cursor.index]!;
        if (this.matches(info)) return info;
        this.cursor.index += 1;
      }
      if (!this.nextToken) {
        this.cursor.isDone = true;
        return undefined;
      }
      this.cursor.token = this.nextToken;
      this.cursor.index = 0;
      this.page = undefined;
    }
  }

  /** Consumes the execution `peek` returned. */
  take(): void {
    this.cursor.index += 1;
  }
}

/** The one filter SWF applies, the most selective first; the rest are checked here. */
function swfFilter(filters: ExecutionFilters): Record<string, unknown> {
  if (filters.workflowId) return { executionFilter: { workflowId: filters.workflowId } };
  if (filters.tag) return { tagFilter: { tag: filters.tag } };
  if (filters.typeName) return { typeFilter: { name: filters.typeName, version: filters.typeVersion || undefined } };
  return {};
}

function matchesAll(filters: ExecutionFilters): (info: WorkflowExecutionInfo) => boolean {
  return (info) =>
    (!filters.workflowId || info.execution?.workflowId === filters.workflowId) &&
    (!filters.tag || (info.tagList ?? []).includes(filters.tag)) &&
    (!filters.typeName || info.workflowType?.name === filters.typeName) &&
    (!filters.typeVersion || info.workflowType?.version === filters.typeVersion) &&
    (!filters.closeStatus || info.closeStatus === filters.closeStatus);
}

function startTimeFilter(filters: ExecutionFilters): { oldestDate: Date; latestDate?: Date } {
  return { oldestDate: filters.startedAfter ?? new Date(0), latestDate: filters.startedBefore };
}

function startMillis(info: WorkflowExecutionInfo): number {
  return info.startTimestamp ? new Date(info.startTimestamp).getTime() : 0;
}

function decodeCursor(text: string | undefined, filters: ExecutionFilters): PageCursor {
  const fresh = (isWanted: boolean): SourceCursor => ({ index: 0, isDone: !isWanted });
  const isOpenWanted = filters.status !== 'closed' && !filters.closeStatus;
  if (!text) return { open: fresh(isOpenWanted), closed: fresh(filters.status !== 'open') };
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageCursor;
    for (const source of [value.open, value.closed]) {
      if (
        typeof source?.index !== 'number' ||
        typeof source.isDone !== 'boolean' ||
        (source.token !== undefined && typeof source.token !== 'string')
      )
        throw new Error('shape');
    }
    return value;
  } catch {
    throw new BadRequest('The page cursor is not one this server gave out; open the first page again');
  }
}

/** Reads one page of at most `pageSize` executions, newest start first. */
export async function readExecutionPage(
  client: SWFClient,
  domain: string,
  filters: ExecutionFilters,
  pageSize: number,
  cursorText?: string,
): Promise<ExecutionPage> {
  const cursor = decodeCursor(cursorText, filters);
  const budget = { requests: MAX_REQUESTS_PER_PAGE };
  const common = {
    domain,
    startTimeFilter: startTimeFilter(filters),
    maximumPageSize: pageSize,
    ...swfFilter(filters),
  };
  const matches = matchesAll(filters);
  const open = new Source(
    async (token) => {
      const page = await listOpenExecutions(client, { ...common, nextPageToken: token });
      return { items: page.executionInfos ?? [], nextToken: page.nextPageToken || undefined };
    },
    matches,
    cursor.open,
    budget,
  );
  const closedFilter =
    filters.closeStatus && !('executionFilter' in common) && !('tagFilter' in common) && !('typeFilter' in common)
      ? { closeStatusFilter: { status: filters.closeStatus } }
      : {};
  const closed = new Source(
    async (token) => {
      const page = await listClosedExecutions(client, { ...common, ...closedFilter, nextPageToken: token });
      return { items: page.executionInfos ?? [], nextToken: page.nextPageToken || undefined };
    },
    matches,
    cursor.closed,
    budget,
  );

  const executions: WorkflowExecutionInfo[] = [];
  while (executions.length < pageSize) {
    const [nextOpen, nextClosed] = [await open.peek(), await closed.peek()];
    if (!nextOpen && !nextClosed) break;
    if (nextOpen && (!nextClosed || startMillis(nextOpen) >= startMillis(nextClosed))) {
      executions.push(nextOpen);
      open.take();
    } else {
      executions.push(nextClosed!);
      closed.take();
    }
  }
  const isEnd = cursor.open.isDone && cursor.closed.isDone;
  return { executions, cursor: isEnd ? undefined : Buffer.from(JSON.stringify(cursor)).toString('base64url') };
}

/** Open and closed counts for the filter SWF applies; `isExact` is false when other filters apply on top. */
export async function countExecutions(
  client: SWFClient,
  domain: string,
  filters: ExecutionFilters,
): Promise<{ open: number; closed: number; truncated: boolean; isExact: boolean }> {
  const filter = swfFilter(filters);
  const closedFilter =
    filters.closeStatus && Object.keys(filter).length === 0
      ? { closeStatusFilter: { status: filters.closeStatus } }
      : {};
  const common = { domain, startTimeFilter: startTimeFilter(filters), ...filter };
  const isOpenWanted = filters.status !== 'closed' && !filters.closeStatus;
  const [open, closed] = await Promise.all([
    isOpenWanted ? countOpenExecutions(client, common) : { count: 0, truncated: false },
    filters.status !== 'open'
      ? countClosedExecutions(client, { ...common, ...closedFilter })
      : { count: 0, truncated: false },
  ]);
  const filterCount = [filters.workflowId, filters.tag, filters.typeName, filters.closeStatus].filter(Boolean).length;
  const isExact = filterCount <= 1 && !(filters.typeVersion && !filters.typeName);
  return { open: open.count, closed: closed.count, truncated: open.truncated || closed.truncated, isExact };
}
