// Plain records the store reads and writes; the state machine works on these, never on rows.

/** SWF_SPEC 10.2: what happens to open children when their parent is terminated or times out. */
export type ChildPolicy = 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';

/** REGISTERED or DEPRECATED (domains and types). */
export type RegistrationStatus = 'REGISTERED' | 'DEPRECATED';

/** A domain. */
export interface DomainRecord {
  name: string;
  status: RegistrationStatus;
  description?: string;
  retention: string;
  createdMs: number;
}

/** A workflow or activity type with its registered defaults (`config`, as given). */
export interface TypeRecord {
  domain: string;
  kind: 'workflow' | 'activity';
  name: string;
  version: string;
  status: RegistrationStatus;
  description?: string;
  createdMs: number;
  deprecatedMs?: number;
  config: Record<string, unknown>;
}

/** The effective configuration of a run (SWF_SPEC 6.2 executionConfiguration). */
export interface RunConfig {
  taskList: string;
  taskStartToCloseTimeout: string;
  executionStartToCloseTimeout: string;
  childPolicy: ChildPolicy;
  taskPriority: string;
  lambdaRole?: string;
}

/** The parent link of a child run. */
export interface ParentLink {
  workflowId: string;
  runId: string;
  initiatedEventId: number;
  /** Id of ChildWorkflowExecutionStarted in the parent's history. */
  startedEventId: number;
}

/** One workflow run and its bookkeeping. */
export interface RunRecord {
  runId: string;
  domain: string;
  workflowId: string;
  typeName: string;
  typeVersion: string;
  isOpen: boolean;
  closeStatus?: string;
  startMs: number;
  closeMs?: number;
  tags: string[];
  cancelRequested: boolean;
  parent?: ParentLink;
  config: RunConfig;
  nextEventId: number;
  lastEventMs: number;
  latestContext?: string;
  latestActivityMs?: number;
  /** Task list for the next decision task (the run's list unless a temporary override is active). */
  decisionTaskList: string;
  /** startedEventId of the last decision task that was completed (SWF_SPEC 8.2). */
  previousStartedEventId: number;
  temporaryTaskList?: string;
  temporaryScheduleToStart?: string;
}

/** One history event as stored. */
export interface EventRecord {
  eventId: number;
  eventType: string;
  timestampMs: number;
  attributes: Record<string, unknown>;
}

/**
 * JSON already encoded, to be sent as it is: a page of events goes from the database to the wire
 * without being parsed and encoded again.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A scheduled (startedEventId 0) or started decision task. */
export interface DecisionTaskRecord {
  runId: string;
  scheduledEventId: number;
  domain: string;
  taskList: string;
  priority: number;
  startedEventId: number;
  startToClose: string;
}

/** The four resolved activity timeouts (duration strings or NONE). */
export interface ActivityTimeouts {
  scheduleToStart: string;
  scheduleToClose: string;
  startToClose: string;
  heartbeat: string;
}

/** A scheduled (startedEventId 0) or started activity task. */
export interface ActivityTaskRecord {
  runId: string;
  scheduledEventId: number;
  activityId: string;
  domain: string;
  taskList: string;
  priority: number;
  startedEventId: number;
  typeName: string;
  typeVersion: string;
  input?: string;
  timeouts: ActivityTimeouts;
  heartbeatDetails?: string;
  cancelRequested: boolean;
  latestCancelRequestedEventId?: number;
}

/** What a persisted deadline fires (SWF_SPEC 14). */
export type DeadlineKind =
  | 'execution-start-to-close'
  | 'decision-start-to-close'
  | 'decision-schedule-to-start'
  | 'activity-schedule-to-start'
  | 'activity-schedule-to-close'
  | 'activity-start-to-close'
  | 'activity-heartbeat'
  | 'timer'
  | 'retention';

/** A persisted deadline: `ref` is a scheduledEventId (or 0), `refText` a timerId. */
export interface DeadlineRecord {
  id: number;
  dueMs: number;
  kind: DeadlineKind;
  runId: string;
  ref: number;
  refText?: string;
}
