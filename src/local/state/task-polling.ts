// One attempt to hand a task to a poller (the long-poll wait around it lives in the protocol layer).
import type { OperationInput } from '../../swf-model/index.ts';
import type { OperationContext } from './context.ts';
import { requireDomain } from './domains.ts';
import { startNextDecisionTask } from './decision-tasks.ts';
import { startNextActivityTask } from './activity-tasks.ts';
import { historyPage } from './history.ts';
import type { TaskTokenClaims } from '../tokens.ts';

/** SWF_SPEC 8.2: what an empty decision poll answers (no taskToken). */
export const EMPTY_DECISION_TASK = { previousStartedEventId: 0, startedEventId: 0 };
/** SWF_SPEC 13.1: what an empty activity poll answers (no taskToken). */
export const EMPTY_ACTIVITY_TASK = { startedEventId: 0 };

type DecisionPosition = [
  runId: string,
  scheduledEventId: number,
  startedEventId: number,
  previousStartedEventId: number,
  lastEventId: number,
  firstEventId: number,
];

/**
 * PollForDecisionTask: with a nextPageToken, the next history page of the same task (never a new
 * task); else starts the next deliverable task, or returns undefined when there is none.
 */
export function pollDecisionTaskOnce(
  ctx: OperationContext,
  input: OperationInput<'PollForDecisionTask'>,
): object | undefined {
  requireDomain(ctx, input.domain);
  const query = {
    op: 'PollForDecisionTask',
    domain: input.domain,
    taskList: input.taskList.name,
    reverse: !!input.reverseOrder,
    fromPrevious: !!input.startAtPreviousStartedEvent,
  };
  if (input.nextPageToken) {
    const [runId, scheduledEventId, startedEventId, previousStartedEventId, lastEventId, firstEventId] =
      ctx.tokens.readPageToken<DecisionPosition>(input.nextPageToken, query, ctx.nowMs);
    const run = ctx.loadRun(runId);
    if (!run) return { ...EMPTY_DECISION_TASK };
    return decisionTaskOutput(
      ctx,
      input,
      query,
      run.runId,
      scheduledEventId,
      startedEventId,
      previousStartedEventId,
      firstEventId,
      lastEventId,
    );
  }
  if (!ctx.isCallerConnected()) return undefined; // SWF_SPEC 8.2: a poller that left takes nothing
  const started = startNextDecisionTask(ctx, input.domain, input.taskList.name, input.identity);
  if (!started) return undefined;
  const { run, task, startedEventId } = started;
  const firstEventId = input.startAtPreviousStartedEvent
    ? firstEventSincePreviousStart(ctx, run.runId, run.previousStartedEventId)
    : 1;
  return decisionTaskOutput(
    ctx,
    input,
    query,
    run.runId,
    task.scheduledEventId,
    startedEventId,
    run.previousStartedEventId,
    firstEventId,
  );
}

/**
 * SWF_SPEC 8.2 startAtPreviousStartedEvent: the events stamped at or after the previous
 * DecisionTaskStarted event (the whole history when there was none).
 */
function firstEventSincePreviousStart(ctx: OperationContext, runId: string, previousStartedEventId: number): number {
  if (previousStartedEventId === 0) return 1;
  return ctx.store.firstEventIdAtTimeOf(runId, previousStartedEventId);
}

function decisionTaskOutput(
  ctx: OperationContext,
  input: OperationInput<'PollForDecisionTask'>,
  query: object,
  runId: string,
  scheduledEventId: number,
  startedEventId: number,
  previousStartedEventId: number,
  firstEventId: number,
  after?: number,
): object {
  const run = ctx.loadRun(runId)!;
  // the history a decision task carries ends at its DecisionTaskStarted event
  const page = historyPage(ctx, run, startedEventId, input, after, firstEventId);
  const nextPageToken =
    page.lastEventId === undefined
      ? undefined
      : ctx.tokens.pageToken(
          query,
          [
            runId,
            scheduledEventId,
            startedEventId,
            previousStartedEventId,
            page.lastEventId,
            firstEventId,
          ] satisfies DecisionPosition,
          ctx.nowMs,
        );
  return {
    taskClaims: { kind: 'decision', runId, scheduledEventId, startedEventId } satisfies TaskTokenClaims,
    startedEventId,
    workflowExecution: { workflowId: run.workflowId, runId: run.runId },
    workflowType: { name: run.typeName, version: run.typeVersion },
    events: page.events,
    nextPageToken,
    previousStartedEventId,
  };
}

/** PollForActivityTask: starts the next task of the list, or returns undefined when there is none. */
export function pollActivityTaskOnce(
  ctx: OperationContext,
  input: OperationInput<'PollForActivityTask'>,
): object | undefined {
  requireDomain(ctx, input.domain);
  if (!ctx.isCallerConnected()) return undefined; // SWF_SPEC 13.1: a poller that left takes nothing
  const started = startNextActivityTask(ctx, input.domain, input.taskList.name, input.identity);
  if (!started) return undefined;
  const { run, task } = started;
  return {
    taskClaims: {
      kind: 'activity',
      runId: run.runId,
      scheduledEventId: task.scheduledEventId,
      startedEventId: task.startedEventId,
    } satisfies TaskTokenClaims,
    activityId: task.activityId,
    startedEventId: task.startedEventId,
    workflowExecution: { workflowId: run.workflowId, runId: run.runId },
    activityType: { name: task.typeName, version: task.typeVersion },
    input: task.input,
  };
}
