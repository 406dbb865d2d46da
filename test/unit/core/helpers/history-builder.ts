// Builds SWF histories for decider tests: consecutive event ids, a clock that advances one second
// per event, and ids of scheduled/initiated events looked up by activity id, timer id or workflow id.
import type { Decision, HistoryEvent } from '../../../../src/core/engine.ts';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Fluent builder of a history; `events` is the history so far. */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private lastCompletedId = 0;
  private lastScheduledDecisionId = 0;
  private lastStartedDecisionId = 0;
  private readonly scheduledIds = new Map<string, number>();
  private readonly startedIds = new Map<string, number>();
  private readonly timerIds = new Map<string, number>();
  private readonly initiatedIds = new Map<string, number>();
  private readonly childRunIds = new Map<string, string>();
  private readonly childStartedIds = new Map<string, number>();

  /** Milliseconds of the next event's timestamp; `advance()` moves it. */
  clock = START;

  add(eventType: string, attributes: Record<string, unknown> = {}): this {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.events.push({ eventId, eventType, eventTimestamp: new Date(this.clock), [key]: attributes } as HistoryEvent);
    this.clock += 1000;
    return this;
  }

  get lastEventId(): number {
    return this.events.length;
  }

  advance(seconds: number): this {
    this.clock += seconds * 1000;
    return this;
  }

  started(input?: unknown, extra: Record<string, unknown> = {}): this {
    return this.add('WorkflowExecutionStarted', {
      ...(input === undefined ? {} : { input: JSON.stringify(input) }),
      childPolicy: 'TERMINATE',
      taskList: { name: 'default' },
      workflowType: { name: 'Test', version: '1' },
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '30',
      ...extra,
    }).decisionScheduled();
  }

  decisionScheduled(): this {
    this.add('DecisionTaskScheduled', { taskList: { name: 'default' } });
    this.lastScheduledDecisionId = this.lastEventId;
    return this;
  }

  decisionStarted(): this {
    this.add('DecisionTaskStarted', { scheduledEventId: this.lastScheduledDecisionId });
    this.lastStartedDecisionId = this.lastEventId;
    return this;
  }

  /** DecisionTaskScheduled + DecisionTaskStarted. */
  decisionTask(): this {
    return this.decisionScheduled().decisionStarted();
  }

  decisionCompleted(): this {
    this.add('DecisionTaskCompleted', {
      scheduledEventId: this.lastScheduledDecisionId,
      startedEventId: this.lastStartedDecisionId,
    });
    this.lastCompletedId = this.lastEventId;
    return this;
  }

  decisionTimedOut(): this {
    return this.add('DecisionTaskTimedOut', {
      timeoutType: 'START_TO_CLOSE',
      scheduledEventId: this.lastScheduledDecisionId,
      startedEventId: this.lastStartedDecisionId,
    });
  }

  /** Records the success events SWF writes for `decisions` (SWF_SPEC 9). */
  outcomes(decisions: Decision[]): this {
    const completed = { decisionTaskCompletedEventId: this.lastCompletedId };
    for (const d of decisions) {
      switch (d.decisionType) {
        case 'ScheduleActivityTask': {
          const a = d.scheduleActivityTaskDecisionAttributes!;
          this.add('ActivityTaskScheduled', { taskList: { name: 'default' }, ...a, ...completed });
          this.scheduledIds.set(a.activityId, this.lastEventId);
          break;
        }
        case 'StartTimer':
          this.add('TimerStarted', { ...d.startTimerDecisionAttributes, ...completed });
          this.timerIds.set(d.startTimerDecisionAttributes!.timerId, this.lastEventId);
          break;
        case 'CancelTimer':
          this.add('TimerCanceled', {
            ...d.cancelTimerDecisionAttributes,
            startedEventId: this.timerIds.get(d.cancelTimerDecisionAttributes!.timerId),
            ...completed,
          });
          break;
        case 'RecordMarker':
          this.add('MarkerRecorded', { ...d.recordMarkerDecisionAttributes, ...completed });
          break;
        case 'StartChildWorkflowExecution': {
          const a = d.startChildWorkflowExecutionDecisionAttributes!;
          this.add('StartChildWorkflowExecutionInitiated', {
            taskList: { name: 'default' },
            childPolicy: 'TERMINATE',
            ...a,
            ...completed,
          });
          this.initiatedIds.set(a.workflowId, this.lastEventId);
          break;
        }
        case 'RequestCancelActivityTask':
          this.add('ActivityTaskCancelRequested', { ...d.requestCancelActivityTaskDecisionAttributes, ...completed });
          break;
        case 'RequestCancelExternalWorkflowExecution':
          this.add('RequestCancelExternalWorkflowExecutionInitiated', {
            ...d.requestCancelExternalWorkflowExecutionDecisionAttributes,
            ...completed,
          });
          break;
        case 'CompleteWorkflowExecution':
          this.add('WorkflowExecutionCompleted', { ...d.completeWorkflowExecutionDecisionAttributes, ...completed });
          break;
        case 'FailWorkflowExecution':
          this.add('WorkflowExecutionFailed', { ...d.failWorkflowExecutionDecisionAttributes, ...completed });
          break;
        case 'CancelWorkflowExecution':
          this.add('WorkflowExecutionCanceled', { ...d.cancelWorkflowExecutionDecisionAttributes, ...completed });
          break;
        case 'ContinueAsNewWorkflowExecution':
          this.add('WorkflowExecutionContinuedAsNew', {
            taskList: { name: 'default' },
            childPolicy: 'TERMINATE',
            workflowType: { name: 'Test', version: '1' },
            newExecutionRunId: 'run-2',
            ...d.continueAsNewWorkflowExecutionDecisionAttributes,
            ...completed,
          });
          break;
        default:
          throw new Error(`HistoryBuilder.outcomes: ${d.decisionType} not supported`);
      }
    }
    return this;
  }

  /** DecisionTaskCompleted followed by the outcomes of `decisions`. */
  completedWith(decisions: Decision[]): this {
    return this.decisionCompleted().outcomes(decisions);
  }

  /** ActivityTaskScheduled for `activityId` (type name taken from the id: `Charge-2@3` → Charge). */
  scheduled(activityId: string, input?: unknown, version = '1'): this {
    const name = activityId.replace(/-\d+(@\d+)?$/, '');
    return this.outcomes([
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityId,
          activityType: { name, version },
          ...(input === undefined ? {} : { input: JSON.stringify(input) }),
        },
      },
    ]);
  }

  timerStarted(timerId: string, seconds: number): this {
    return this.outcomes([
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId, startToFireTimeout: String(seconds) } },
    ]);
  }

  markerRecorded(markerName: string, details?: unknown): this {
    return this.outcomes([
      {
        decisionType: 'RecordMarker',
        recordMarkerDecisionAttributes: {
          markerName,
          ...(details === undefined ? {} : { details: JSON.stringify(details) }),
        },
      },
    ]);
  }

  childInitiated(workflowId: string, name: string, version = '1'): this {
    return this.outcomes([
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: { workflowId, workflowType: { name, version } },
      },
    ]);
  }

  completedExecution(result?: unknown): this {
    return this.outcomes([
      {
        decisionType: 'CompleteWorkflowExecution',
        completeWorkflowExecutionDecisionAttributes: result === undefined ? {} : { result: JSON.stringify(result) },
      },
    ]);
  }

  /** Marks the close decision as refused (SWF_SPEC 8.3 UNHANDLED_DECISION). */
  closeFailed(eventType: string, cause = 'UNHANDLED_DECISION'): this {
    return this.add(eventType, { cause, decisionTaskCompletedEventId: this.lastCompletedId });
  }

  activityStarted(activityId: string): this {
    this.add('ActivityTaskStarted', { scheduledEventId: this.scheduledId(activityId), identity: 'worker' });
    this.startedIds.set(activityId, this.lastEventId);
    return this;
  }

  activityCompleted(activityId: string, result?: unknown): this {
    if (!this.startedIds.has(activityId)) this.activityStarted(activityId);
    return this.add('ActivityTaskCompleted', {
      scheduledEventId: this.scheduledId(activityId),
      startedEventId: this.startedIds.get(activityId),
      ...(result === undefined ? {} : { result: JSON.stringify(result) }),
    });
  }

  activityFailed(activityId: string, reason: string, details?: string): this {
    if (!this.startedIds.has(activityId)) this.activityStarted(activityId);
    return this.add('ActivityTaskFailed', {
      scheduledEventId: this.scheduledId(activityId),
      startedEventId: this.startedIds.get(activityId),
      reason,
      ...(details === undefined ? {} : { details }),
    });
  }

  activityTimedOut(activityId: string, timeoutType = 'START_TO_CLOSE'): this {
    return this.add('ActivityTaskTimedOut', {
      scheduledEventId: this.scheduledId(activityId),
      startedEventId: this.startedIds.get(activityId) ?? 0,
      timeoutType,
    });
  }

  activityCanceled(activityId: string): this {
    return this.add('ActivityTaskCanceled', {
      scheduledEventId: this.scheduledId(activityId),
      startedEventId: this.startedIds.get(activityId) ?? 0,
    });
  }

  scheduleActivityFailed(activityId: string, name: string, version: string, cause: string): this {
    return this.add('ScheduleActivityTaskFailed', {
      activityId,
      activityType: { name, version },
      cause,
      decisionTaskCompletedEventId: this.lastCompletedId,
    });
  }

  timerFired(timerId: string): this {
    return this.add('TimerFired', { timerId, startedEventId: this.timerIds.get(timerId) });
  }

  signaled(signalName: string, payload?: unknown): this {
    return this.add('WorkflowExecutionSignaled', {
      signalName,
      ...(payload === undefined ? {} : { input: JSON.stringify(payload) }),
    });
  }

  cancelRequested(): this {
    return this.add('WorkflowExecutionCancelRequested', {});
  }

  childStarted(workflowId: string): this {
    const runId = `run-of-${workflowId}`;
    this.childRunIds.set(workflowId, runId);
    this.add('ChildWorkflowExecutionStarted', {
      workflowExecution: { workflowId, runId },
      workflowType: { name: 'Child', version: '1' },
      initiatedEventId: this.initiated(workflowId),
    });
    this.childStartedIds.set(workflowId, this.lastEventId);
    return this;
  }

  childClosed(eventType: string, workflowId: string, extra: Record<string, unknown> = {}): this {
    if (!this.childRunIds.has(workflowId)) this.childStarted(workflowId);
    return this.add(eventType, {
      workflowExecution: { workflowId, runId: this.childRunIds.get(workflowId) },
      workflowType: { name: 'Child', version: '1' },
      initiatedEventId: this.initiated(workflowId),
      startedEventId: this.childStartedIds.get(workflowId),
      ...extra,
    });
  }

  startChildFailed(workflowId: string, name: string, version: string, cause: string): this {
    return this.add('StartChildWorkflowExecutionFailed', {
      workflowId,
      workflowType: { name, version },
      cause,
      initiatedEventId: 0,
      decisionTaskCompletedEventId: this.lastCompletedId,
    });
  }

  private scheduledId(activityId: string): number {
    const id = this.scheduledIds.get(activityId);
    if (id === undefined) throw new Error(`HistoryBuilder: activity ${activityId} was not scheduled`);
    return id;
  }

  private initiated(workflowId: string): number {
    const id = this.initiatedIds.get(workflowId);
    if (id === undefined) throw new Error(`HistoryBuilder: child ${workflowId} was not initiated`);
    return id;
  }
}
