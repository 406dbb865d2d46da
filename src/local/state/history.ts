// History events on the wire and history paging (SWF_SPEC 6.3, 11, 17).
import { eventAttributesKey } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import type { EventRecord, RunRecord } from '../store/records.ts';
import { readPage } from './paging.ts';

/** SWF_SPEC 17.2: the event with its one attributes member, `<lowerCamel(eventType)>EventAttributes`. */
export function eventToWire(e: EventRecord): Record<string, unknown> {
  return {
    eventTimestamp: new Date(e.timestampMs),
    eventType: e.eventType,
    eventId: e.eventId,
    [eventAttributesKey(e.eventType)]: e.attributes,
  };
}

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
): { events: Record<string, unknown>[]; lastEventId?: number } {
  const reverse = !!input.reverseOrder;
  const limit = input.maximumPageSize ? input.maximumPageSize : 1000;
  const start = after ?? (reverse ? maxEventId + 1 : 0);
  const rows = ctx.store.pageEvents(run.runId, reverse, start, minEventId, maxEventId, limit + 1);
  const items = rows.slice(0, limit);
  return {
    events: items.map(eventToWire),
    lastEventId: rows.length > limit ? items[items.length - 1]!.eventId : undefined,
  };
}

/** GetWorkflowExecutionHistory paging: the token is bound to `query` (SWF_SPEC 11). */
export function historyPageWithToken(
  ctx: OperationContext,
  run: RunRecord,
  input: { nextPageToken?: string; maximumPageSize?: number; reverseOrder?: boolean },
  query: unknown,
): { events: Record<string, unknown>[]; nextPageToken?: string } {
  const page = readPage<number>(ctx, input, query);
  const result = historyPage(ctx, run, Number.MAX_SAFE_INTEGER, input, page.after);
  return {
    events: result.events,
    nextPageToken: result.lastEventId === undefined ? undefined : page.tokenAfter(result.lastEventId),
  };
}
