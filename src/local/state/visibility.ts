// List and count executions (SWF_SPEC 7).
import type { OperationInput } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import type { VisibilityQuery } from '../store/store.ts';
import { validationError } from '../faults.ts';
import { requireDomain } from './domains.ts';
import { executionInfo } from './executions.ts';
import { readPage } from './paging.ts';

/** A time filter as the wire carries it: epoch seconds (SWF_SPEC 1.3), not the SDK's Date. */
type TimeFilter = { oldestDate: number; latestDate?: number };

/**
 * The input of the four list and count operations (ListClosed's is the widest): the SDK's shape
 * with the time filters as they arrive on the wire.
 */
type VisibilityInput = Omit<OperationInput<'ListClosedWorkflowExecutions'>, 'startTimeFilter' | 'closeTimeFilter'> & {
  startTimeFilter?: TimeFilter;
  closeTimeFilter?: TimeFilter;
};

const EXCLUSIVE_FILTERS = ['executionFilter', 'typeFilter', 'tagFilter', 'closeStatusFilter'] as const;

/** Turns the request filters into a query; at most one of the exclusive filters (SWF_SPEC 7). */
function buildQuery(ctx: OperationContext, input: VisibilityInput, isOpen: boolean): VisibilityQuery {
  requireDomain(ctx, input.domain);
  const start = input.startTimeFilter;
  const close = isOpen ? undefined : input.closeTimeFilter;
  if (!isOpen && (start ? 1 : 0) + (close ? 1 : 0) !== 1) {
    throw validationError('Exactly one of startTimeFilter and closeTimeFilter must be given');
  }
  const exclusive = EXCLUSIVE_FILTERS.filter(
    (f) => (isOpen ? f !== 'closeStatusFilter' : true) && input[f] !== undefined,
  );
  if (exclusive.length > 1) {
    throw validationError(
      `Only one of executionFilter, typeFilter, tagFilter${isOpen ? '' : ', closeStatusFilter'} may be given; got ${exclusive.join(' and ')}`,
    );
  }
  const time = (start ?? close)!;
  return {
    domain: input.domain,
    isOpen,
    timeField: start ? 'start' : 'close',
    oldestMs: Math.round(time.oldestDate * 1000),
    latestMs: time.latestDate === undefined ? undefined : Math.round(time.latestDate * 1000),
    workflowId: input.executionFilter?.workflowId,
    typeName: input.typeFilter?.name,
    typeVersion: input.typeFilter?.version || undefined,
    tag: input.tagFilter?.tag,
    closeStatus: input.closeStatusFilter?.status,
    reverse: !!input.reverseOrder,
  };
}

/** ListOpenWorkflowExecutions / ListClosedWorkflowExecutions: newest first, paginated. */
export function listExecutions(isOpen: boolean) {
  return (ctx: OperationContext, input: VisibilityInput): object => {
    const query = buildQuery(ctx, input, isOpen);
    const page = readPage<[number, string]>(ctx, input, { op: isOpen ? 'ListOpen' : 'ListClosed', ...query });
    const rows = ctx.store.queryRuns({ ...query, after: page.after, limit: page.limit + 1 });
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      executionInfos: items.map(executionInfo),
      nextPageToken:
        rows.length > page.limit && last
          ? page.tokenAfter([query.timeField === 'start' ? last.startMs : last.closeMs!, last.runId])
          : undefined,
    };
  };
}

/** CountOpenWorkflowExecutions / CountClosedWorkflowExecutions: exact, never truncated. */
export function countExecutions(isOpen: boolean) {
  return (ctx: OperationContext, input: VisibilityInput): object => {
    return { count: ctx.store.countRuns(buildQuery(ctx, input, isOpen)), truncated: false };
  };
}
