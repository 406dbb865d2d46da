// SWF_SPEC 11: page size and page tokens bound to the query.
import type { OperationContext } from './context.ts';

/** Where a paginated call starts and how to issue the token for the next page. */
export interface PageCursor<P> {
  after: P | undefined;
  limit: number;
  tokenAfter(position: P): string;
}

/** Reads maximumPageSize (0/absent = 1000) and the position in nextPageToken, checked against `query`. */
export function readPage<P>(
  ctx: OperationContext,
  input: { nextPageToken?: string; maximumPageSize?: number },
  query: unknown,
): PageCursor<P> {
  const after = input.nextPageToken ? ctx.tokens.readPageToken<P>(input.nextPageToken, query, ctx.nowMs) : undefined;
  return {
    after,
    limit: input.maximumPageSize ? input.maximumPageSize : 1000,
    tokenAfter: (position: P) => ctx.tokens.pageToken(query, position, ctx.nowMs),
  };
}
