// decide(): a decision task's history in, decisions out, by running the workflow's code against
// the history (DESIGN.md, "The replay model"):
//
//  1. The code starts when WorkflowExecutionStarted is applied. Events are applied one at a time,
//     in event order; after each event that settled something, the microtask queue is drained, so
//     the code observes results in exactly the order SWF recorded them.
//  2. At each replayed DecisionTaskStarted, the decisions the code issued since the previous one
//     are matched, in order, against the outcomes recorded after that task's DecisionTaskCompleted
//     (command-matching.ts); a difference is a NonDeterminismError.
//  3. At the last DecisionTaskStarted (the task being decided), whatever the code issued since is
//     the answer, with the close decision last when run() has settled.
import { applyEvent } from './apply-event.ts';
import { matchRecordedDecisions } from './command-matching.ts';
import { executionStorage } from './context.ts';
import { installDeterminismGuard } from './determinism-guard.ts';
import { Execution, type ExecutionIdentity } from './execution.ts';
import { decisionTaskBoundaries, inEventOrder } from './history.ts';
import { getWorkflowOptions, type WorkflowClass } from './options.ts';
import { jsonSerializer, type Serializer } from './serializer.ts';
import type { CloseKind } from './close-decision.ts';
import type { Decision, HistoryEvent } from './swf-types.ts';

installDeterminismGuard();

/** SWF terminates a run whose history reaches 25,000 events (SWF_SPEC 15). */
export const SWF_EVENT_LIMIT = 25_000;

/** Options of `decide()`. */
export interface DecideOptions {
  /** How inputs and results are encoded; default JSON. */
  serializer?: Serializer;
  /** History length from which a warning suggests `restart()`; default 20,000. */
  eventLimitWarningAt?: number;
  /**
   * The execution being decided (PollForDecisionTask's `workflowExecution`): child workflow ids
   * are derived from `workflowId`, `random()`/`uuid()` are seeded from both. Default:
   * `{ workflowId: 'workflow', runId: '' }`.
   */
  execution?: { workflowId?: string | undefined; runId?: string | undefined };
}

/** What `decide()` returns. */
export interface DecideResult {
  /** The decisions to send with RespondDecisionTaskCompleted, close decision last. */
  decisions: Decision[];
  /** How the code closed the execution so far; 'open' while `run()` has not settled. */
  status: 'open' | CloseKind;
  /** Advice for operators, e.g. a history nearing SWF's 25,000-event cap. */
  warnings: string[];
}

const drainMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replays `history` (all events of the run up to the DecisionTaskStarted being answered) through
 * `workflow`'s code and returns the new decisions. Throws `NonDeterminismError` when the code does
 * not match the recorded events; errors thrown by `run()` become a FailWorkflowExecution decision.
 *
 * ```ts
 * const { decisions } = await decide(task.events, OrderWorkflow, { execution: task.workflowExecution });
 * await swf.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
 * ```
 */
export async function decide(history: readonly HistoryEvent[], workflow: WorkflowClass, options: DecideOptions = {}): Promise<DecideResult> {
  const events = inEventOrder(history);
  const execution = new Execution(identityOf(events, workflow, options), options.serializer ?? jsonSerializer);
  indexMarkers(execution, events);
  const boundaries = decisionTaskBoundaries(events);
  let task = 0;
  const enterTask = (): void => {
    const boundary = boundaries[task];
    if (boundary) execution.setNow(boundary.nowMillis);
    execution.replayingTaskCompletedEventId =
      boundary?.completedIndex === undefined ? undefined : events[boundary.completedIndex]!.eventId;
  };
  enterTask();

  for (let index = 0; index < events.length && !execution.isClosed; index++) {
    const event = events[index]!;
    switch (event.eventType) {
      case 'DecisionTaskStarted': {
        const boundary = boundaries[task];
        if (boundary?.startedIndex !== index) break; // a task that timed out: its events go to the next one
        if (boundary.completedIndex === undefined) return result(execution, events, options);
        matchRecordedDecisions(execution, events, boundary.completedIndex);
        task++;
        enterTask();
        break;
      }
      case 'DecisionTaskScheduled':
      case 'DecisionTaskCompleted':
      case 'DecisionTaskTimedOut':
        break;
      case 'WorkflowExecutionStarted':
        startRun(execution, workflow, event);
        await drainMicrotasks();
        break;
      default:
        applyEvent(execution, event);
        if (execution.hasSettled) {
          execution.hasSettled = false;
          await drainMicrotasks();
        }
    }
  }
  return result(execution, events, options);
}

function identityOf(events: readonly HistoryEvent[], workflow: WorkflowClass, options: DecideOptions): ExecutionIdentity {
  const startedType = events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
  const declared = getWorkflowOptions(workflow);
  return {
    workflowId: options.execution?.workflowId ?? 'workflow',
    runId: options.execution?.runId ?? '',
    workflowType: {
      name: startedType?.name ?? declared?.name ?? workflow.name,
      version: startedType?.version ?? declared?.version ?? '1',
    },
  };
}

function indexMarkers(execution: Execution, events: readonly HistoryEvent[]): void {
  for (const event of events) {
    if (event.eventType !== 'MarkerRecorded') continue;
    const a = event.markerRecordedEventAttributes ?? {};
    execution.markers.set(a.markerName ?? '', { details: a.details, decisionTaskCompletedEventId: a.decisionTaskCompletedEventId });
  }
}

function startRun(execution: Execution, workflow: WorkflowClass, event: HistoryEvent): void {
  const attributes = event.workflowExecutionStartedEventAttributes ?? {};
  execution.started = attributes;
  executionStorage.run(execution, () => {
    const running = new Promise<unknown>((resolve) => {
      const input = execution.serializer.deserialize(attributes.input);
      resolve(new workflow().run(input));
    });
    running.then(
      (value) => execution.settleRun('completed', value),
      (error: unknown) => execution.settleRun('failed', error),
    );
  });
}

function result(execution: Execution, events: readonly HistoryEvent[], options: DecideOptions = {}): DecideResult {
  const warnings: string[] = [];
  const limit = options.eventLimitWarningAt ?? 20_000;
  const count = events.at(-1)?.eventId ?? events.length;
  if (count >= limit) {
    warnings.push(
      `History of workflow ${execution.workflowId} has ${count} events; SWF terminates a run at ${SWF_EVENT_LIMIT}. ` +
        'Call this.restart(input) to continue as a new run with a fresh history.',
    );
  }
  const decisions = execution.isClosed ? [] : execution.takeCommands().map((command) => command.decision);
  return { decisions, status: execution.closeKind ?? 'open', warnings };
}
