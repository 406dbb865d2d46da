// History paging (SWF_SPEC 6.3, 11, 17): pages of events as the JSON text of their wire form.
import type { OperationContext } from './context.ts';
import type { JsonText, RunRecord } from '../store/records.ts';
import { readPage } from './paging.ts';

/**
 * One page of a run's events from `minEventId` up to `maxEventId`, continuing after position
 * `after` (an eventId). `lastEventId` is set when more events remain: the position for the next
 * page, which stays stable while events arrive.
 */
export function historyPage(
  ctx: OperationContext,
  run: RunRecord,
  maxEventId: number,
  input: { maximumPageSize?: number; reverseOrder?: boolean },
  after: number | undefined,
  minEventId = 1,
): { events: JsonText; lastEventId?: number } {
  const reverse = !!input.reverseOrder;
  const limit = input.maximumPageSize ? input.maximumPageSize : 1000;
  const start = after ?? (reverse ? maxEventId + 1 : 0);
  const page = ctx.store.pageEvents(run.runId, reverse, start, minEventId, maxEventId, limit);
  return { events: page.json, lastEventId: page.lastId };
}

/** GetWorkflowExecutionHistory paging: the token is bound to `query` (SWF_SPEC 11). */
export function historyPageWithToken(
  ctx: OperationContext,
  run: RunRecord,
  input: { nextPageToken?: string; maximumPageSize?: number; reverseOrder?: boolean },
  query: unknown,
): { events: JsonText; nextPageToken?: string } {
  const page = readPage<number>(ctx, input, query);
  const result = historyPage(ctx, run, Number.MAX_SAFE_INTEGER, input, page.after);
  return {
    events: result.events,
    nextPageToken: result.lastEventId === undefined ? undefined : page.tokenAfter(result.lastEventId),
  };
}
