// The SQLite schema of the local server. Bump SCHEMA_VERSION when a table changes shape.

/** Version written to meta.schema_version; a database of another version is refused. */
export const SCHEMA_VERSION = '1';

/** Every table and index; applied with CREATE ... IF NOT EXISTS on open. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS domains (
  name TEXT PRIMARY KEY, status TEXT NOT NULL, description TEXT, retention TEXT NOT NULL,
  created_ms INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS domain_tags (
  domain TEXT NOT NULL, key TEXT NOT NULL, value TEXT, PRIMARY KEY (domain, key)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS types (
  domain TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  status TEXT NOT NULL, description TEXT, created_ms INTEGER NOT NULL, deprecated_ms INTEGER,
  config TEXT NOT NULL, PRIMARY KEY (domain, kind, name, version)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, domain TEXT NOT NULL, workflow_id TEXT NOT NULL,
  type_name TEXT NOT NULL, type_version TEXT NOT NULL, is_open INTEGER NOT NULL,
  close_status TEXT, start_ms INTEGER NOT NULL, close_ms INTEGER, tags TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL, parent_workflow_id TEXT, parent_run_id TEXT,
  parent_initiated_event_id INTEGER, parent_started_event_id INTEGER, config TEXT NOT NULL,
  next_event_id INTEGER NOT NULL, last_event_ms INTEGER NOT NULL, latest_context TEXT,
  latest_activity_ms INTEGER, decision_task_list TEXT NOT NULL,
  previous_started_event_id INTEGER NOT NULL, temporary_task_list TEXT,
  temporary_schedule_to_start TEXT);
CREATE INDEX IF NOT EXISTS runs_by_workflow ON runs (domain, workflow_id, is_open);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs (domain, is_open, start_ms);
CREATE INDEX IF NOT EXISTS runs_by_close ON runs (domain, is_open, close_ms);
CREATE INDEX IF NOT EXISTS runs_by_parent ON runs (parent_run_id, is_open);

CREATE TABLE IF NOT EXISTS events (
  run_id TEXT NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL,
  ts_ms INTEGER NOT NULL, attrs TEXT NOT NULL, PRIMARY KEY (run_id, event_id)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS decision_tasks (
  run_id TEXT NOT NULL, scheduled_event_id INTEGER NOT NULL, domain TEXT NOT NULL,
  task_list TEXT NOT NULL, priority INTEGER NOT NULL, started_event_id INTEGER NOT NULL,
  start_to_close TEXT NOT NULL, PRIMARY KEY (run_id, scheduled_event_id));
-- Polls take the most urgent task first, then FIFO: ORDER BY priority DESC, rowid ASC. The index
-- must store priority descending (rowid ascends within a key), else every poll sorts the queue.
DROP INDEX IF EXISTS decision_tasks_queue;
CREATE INDEX IF NOT EXISTS decision_tasks_by_urgency
  ON decision_tasks (domain, task_list, started_event_id, priority DESC);

CREATE TABLE IF NOT EXISTS activity_tasks (
  run_id TEXT NOT NULL, scheduled_event_id INTEGER NOT NULL, activity_id TEXT NOT NULL,
  domain TEXT NOT NULL, task_list TEXT NOT NULL, priority INTEGER NOT NULL,
  started_event_id INTEGER NOT NULL, type_name TEXT NOT NULL, type_version TEXT NOT NULL,
  input TEXT, timeouts TEXT NOT NULL, heartbeat_details TEXT,
  cancel_requested INTEGER NOT NULL, latest_cancel_requested_event_id INTEGER,
  PRIMARY KEY (run_id, scheduled_event_id), UNIQUE (run_id, activity_id));
DROP INDEX IF EXISTS activity_tasks_queue;
CREATE INDEX IF NOT EXISTS activity_tasks_by_urgency
  ON activity_tasks (domain, task_list, started_event_id, priority DESC);

CREATE TABLE IF NOT EXISTS timers (
  run_id TEXT NOT NULL, timer_id TEXT NOT NULL, started_event_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, timer_id)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS deadlines (
  id INTEGER PRIMARY KEY AUTOINCREMENT, due_ms INTEGER NOT NULL, kind TEXT NOT NULL,
  run_id TEXT NOT NULL, ref INTEGER NOT NULL, ref_text TEXT);
CREATE INDEX IF NOT EXISTS deadlines_by_due ON deadlines (due_ms, id);
CREATE INDEX IF NOT EXISTS deadlines_by_run ON deadlines (run_id, kind, ref);
`;
