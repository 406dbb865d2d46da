/** A workflow or activity type as SWF names it. */
export interface TypeRef {
  name: string;
  version: string;
}

/** What every decision-task event reports: where the task came from and which run it decides. */
export interface DecisionTaskInfo {
  domain: string;
  taskList: string;
  workflowId: string;
  runId: string;
  workflowType: TypeRef;
  startedEventId: number;
}

/** What every activity-task event reports; `attempt` is decoded from the activityId (1 = first). */
export interface ActivityTaskInfo {
  domain: string;
  taskList: string;
  workflowId: string;
  runId: string;
  activityId: string;
  activityType: TypeRef;
  attempt: number;
}

/** A decision task that was answered; `decisions` holds the decisionType of each decision sent. */
export type DecisionTaskCompletedEvent = DecisionTaskInfo & { durationMs: number; decisions: string[] };

/** A decision task that could not be answered (the decider threw, or responding failed). */
export type DecisionTaskFailedEvent = DecisionTaskInfo & { durationMs: number; error: Error };

/** Today's code does not match the recorded history at `eventId`. */
export type NonDeterminismEvent = DecisionTaskInfo & { eventId: number; message: string };

/** An activity that returned a result. */
export type ActivityCompletedEvent = ActivityTaskInfo & { durationMs: number };

/** An activity that threw (or was canceled); `reason` is what was reported to SWF. */
export type ActivityFailedEvent = ActivityTaskInfo & { durationMs: number; reason: string };

/** A workflow run, as a decision worker sees it. */
export interface WorkflowRunInfo {
  domain: string;
  taskList: string;
  workflowId: string;
  runId: string;
  workflowType: TypeRef;
}

/**
 * A run closed by its own decision ('completed', 'failed', 'canceled', 'continued'), reported when
 * the decision was accepted; `durationMs` runs from WorkflowExecutionStarted to the task that
 * closed it, by SWF's clock. A run that times out is not reported: SWF sends no decision task after
 * a timeout, so no decider sees it.
 */
export type WorkflowClosedEvent = WorkflowRunInfo & {
  status: 'completed' | 'failed' | 'canceled' | 'continued';
  durationMs: number;
};

/** A poll request that failed (network, throttling, unknown domain...). */
export interface PollErrorEvent {
  domain: string;
  taskList: string;
  kind: 'decision' | 'activity';
  error: Error;
}

/**
 * Hooks that workers call as they work. Every method is optional; an observer must not throw
 * (workers guard against it, but a throwing observer loses its own events).
 */
export interface WorkerObserver {
  decisionTaskStarted?(e: DecisionTaskInfo): void;
  decisionTaskCompleted?(e: DecisionTaskCompletedEvent): void;
  decisionTaskFailed?(e: DecisionTaskFailedEvent): void;
  nonDeterminism?(e: NonDeterminismEvent): void;
  activityStarted?(e: ActivityTaskInfo): void;
  activityCompleted?(e: ActivityCompletedEvent): void;
  activityFailed?(e: ActivityFailedEvent): void;
  pollError?(e: PollErrorEvent): void;
  /** The first decision task of a run was answered (the run's code started). */
  workflowStarted?(e: WorkflowRunInfo): void;
  workflowClosed?(e: WorkflowClosedEvent): void;
}

/** The names of the WorkerObserver hooks, in declaration order. */
export const OBSERVER_HOOKS = [
  'decisionTaskStarted',
  'decisionTaskCompleted',
  'decisionTaskFailed',
  'nonDeterminism',
  'activityStarted',
  'activityCompleted',
  'activityFailed',
  'pollError',
  'workflowStarted',
  'workflowClosed',
] as const satisfies readonly (keyof WorkerObserver)[];

/** An observer that ignores everything; the default where none is given. */
export const noopObserver: WorkerObserver = Object.freeze({});

/**
 * One observer that forwards each event to all of `observers`, in order. A throwing observer does
 * not stop the others from seeing the event; the first error is rethrown after all were called.
 */
export function combineObservers(...observers: (WorkerObserver | undefined)[]): WorkerObserver {
  const present = observers.filter((o): o is WorkerObserver => o !== undefined);
  const combined: WorkerObserver = {};
  for (const hook of OBSERVER_HOOKS) {
    const listeners = present.filter((o) => typeof o[hook] === 'function');
    if (listeners.length === 0) continue;
    (combined as Record<string, (e: unknown) => void>)[hook] = (event: unknown) => {
      let firstError: unknown;
      let failed = false;
      for (const listener of listeners) {
        try {
          (listener[hook] as (e: unknown) => void).call(listener, event);
        } catch (error) {
          if (!failed) firstError = error;
          failed = true;
        }
      }
      if (failed) throw firstError;
    };
  }
  return combined;
}

/**
 * Calls `observer[hook](event)` and never throws: an observer's bug must not fail a task. The
 * error goes to `onError` (workers pass their logger) so it is not swallowed silently.
 */
export function notifyObserver<K extends keyof WorkerObserver>(
  observer: WorkerObserver | undefined,
  hook: K,
  event: Parameters<NonNullable<WorkerObserver[K]>>[0],
  onError?: (error: unknown) => void,
): void {
  const fn = observer?.[hook] as ((e: typeof event) => void) | undefined;
  if (!fn) return;
  try {
    fn.call(observer, event);
  } catch (error) {
    onError?.(error);
  }
}
