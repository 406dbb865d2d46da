// Mapping between SQLite rows and the records of records.ts.
import type {
  ActivityTaskRecord,
  DeadlineRecord,
  DecisionTaskRecord,
  DomainRecord,
  RunRecord,
  TypeRecord,
} from './records.ts';

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, any>;

/** NULL columns become undefined members. */
export const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** Row → DomainRecord. */
export function toDomain(r: Row): DomainRecord {
  return {
    name: r.name,
    status: r.status,
    description: opt(r.description),
    retention: r.retention,
    createdMs: r.created_ms,
  };
}

/** Row → TypeRecord (config is JSON). */
export function toType(r: Row): TypeRecord {
  return {
    domain: r.domain,
    kind: r.kind,
    name: r.name,
    version: r.version,
    status: r.status,
    description: opt(r.description),
    createdMs: r.created_ms,
    deprecatedMs: opt(r.deprecated_ms),
    config: JSON.parse(r.config),
  };
}

/** Row → RunRecord. */
export function toRun(r: Row): RunRecord {
  return {
    runId: r.run_id,
    domain: r.domain,
    workflowId: r.workflow_id,
    typeName: r.type_name,
    typeVersion: r.type_version,
    isOpen: r.is_open === 1,
    closeStatus: opt(r.close_status),
    startMs: r.start_ms,
    closeMs: opt(r.close_ms),
    tags: JSON.parse(r.tags),
    cancelRequested: r.cancel_requested === 1,
    parent: r.parent_run_id
      ? {
          workflowId: r.parent_workflow_id,
          runId: r.parent_run_id,
          initiatedEventId: r.parent_initiated_event_id,
          startedEventId: r.parent_started_event_id,
        }
      : undefined,
    config: JSON.parse(r.config),
    nextEventId: r.next_event_id,
    lastEventMs: r.last_event_ms,
    latestContext: opt(r.latest_context),
    latestActivityMs: opt(r.latest_activity_ms),
    decisionTaskList: r.decision_task_list,
    previousStartedEventId: r.previous_started_event_id,
    temporaryTaskList: opt(r.temporary_task_list),
    temporaryScheduleToStart: opt(r.temporary_schedule_to_start),
  };
}

/** The columns of runs in the order of {@link runParams} (run_id, which follows them, left out). */
export const RUN_COLUMNS = [
  'domain',
  'workflow_id',
  'type_name',
  'type_version',
  'is_open',
  'close_status',
  'start_ms',
  'close_ms',
  'tags',
  'cancel_requested',
  'parent_workflow_id',
  'parent_run_id',
  'parent_initiated_event_id',
  'parent_started_event_id',
  'config',
  'next_event_id',
  'last_event_ms',
  'latest_context',
  'latest_activity_ms',
  'decision_task_list',
  'previous_started_event_id',
  'temporary_task_list',
  'temporary_schedule_to_start',
] as const;

/** RunRecord → the parameters of INSERT/UPDATE runs, run_id last. */
export function runParams(run: RunRecord): unknown[] {
  return [
    run.domain,
    run.workflowId,
    run.typeName,
    run.typeVersion,
    run.isOpen ? 1 : 0,
    run.closeStatus ?? null,
    run.startMs,
    run.closeMs ?? null,
    JSON.stringify(run.tags),
    run.cancelRequested ? 1 : 0,
    run.parent?.workflowId ?? null,
    run.parent?.runId ?? null,
    run.parent?.initiatedEventId ?? null,
    run.parent?.startedEventId ?? null,
    JSON.stringify(run.config),
    run.nextEventId,
    run.lastEventMs,
    run.latestContext ?? null,
    run.latestActivityMs ?? null,
    run.decisionTaskList,
    run.previousStartedEventId,
    run.temporaryTaskList ?? null,
    run.temporaryScheduleToStart ?? null,
    run.runId,
  ];
}

/** Row → DecisionTaskRecord. */
export function toDecisionTask(r: Row): DecisionTaskRecord {
  return {
    runId: r.run_id,
    scheduledEventId: r.scheduled_event_id,
    domain: r.domain,
    taskList: r.task_list,
    priority: r.priority,
    startedEventId: r.started_event_id,
    startToClose: r.start_to_close,
  };
}

/** Row → ActivityTaskRecord (timeouts are JSON). */
export function toActivityTask(r: Row): ActivityTaskRecord {
  return {
    runId: r.run_id,
    scheduledEventId: r.scheduled_event_id,
    activityId: r.activity_id,
    domain: r.domain,
    taskList: r.task_list,
    priority: r.priority,
    startedEventId: r.started_event_id,
    typeName: r.type_name,
    typeVersion: r.type_version,
    input: opt(r.input),
    timeouts: JSON.parse(r.timeouts),
    heartbeatDetails: opt(r.heartbeat_details),
    cancelRequested: r.cancel_requested === 1,
    latestCancelRequestedEventId: opt(r.latest_cancel_requested_event_id),
  };
}

/** Row → DeadlineRecord. */
export function toDeadline(r: Row): DeadlineRecord {
  return { id: r.id, dueMs: r.due_ms, kind: r.kind, runId: r.run_id, ref: r.ref, refText: opt(r.ref_text) };
}
