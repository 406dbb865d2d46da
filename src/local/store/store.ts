// The SQL of the local server: one SQLite database, prepared statements, one transaction per call.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasync, fdatasyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';
import type {
  ActivityTaskRecord,
  DeadlineKind,
  DeadlineRecord,
  DecisionTaskRecord,
  DomainRecord,
  EventRecord,
  RunRecord,
  TypeRecord,
} from './records.ts';
import { JsonText } from './records.ts';
import {
  opt,
  RUN_COLUMNS,
  runParams,
  toActivityTask,
  toDeadline,
  toDecisionTask,
  toDomain,
  toRun,
  toType,
  type Row,
} from './rows.ts';

/** Filters of a visibility query (SWF_SPEC 7), already validated. */
export interface VisibilityQuery {
  domain: string;
  isOpen: boolean;
  timeField: 'start' | 'close';
  oldestMs: number;
  latestMs?: number;
  workflowId?: string;
  typeName?: string;
  typeVersion?: string;
  tag?: string;
  closeStatus?: string;
  /** Newest first unless reverse. */
  reverse: boolean;
  /** Position after which to continue: [timeMs, runId]. */
  after?: [number, string];
  limit?: number;
}

/** A commit failed: none of the calls it held was kept. */
export class StoreCommitError extends Error {
  override name = 'StoreCommitError';
}

/** Options for opening a store. */
export interface StoreOptions {
  /** File path or ':memory:'. */
  path: string;
}

/**
 * The next task a poll takes: most urgent first, then FIFO; a run with a started decision task
 * gets no second one (SWF_SPEC 8.1). Served by the *_by_urgency indexes without sorting.
 */
export const NEXT_DECISION_TASK_SQL = `SELECT d.* FROM decision_tasks d WHERE d.domain = ? AND d.task_list = ? AND d.started_event_id = 0
  AND NOT EXISTS (SELECT 1 FROM decision_tasks s WHERE s.run_id = d.run_id AND s.started_event_id > 0)
  ORDER BY d.priority DESC, d.rowid ASC LIMIT 1`;
/** The next activity task a poll takes: most urgent first, then FIFO (SWF_SPEC 13.1). */
export const NEXT_ACTIVITY_TASK_SQL = `SELECT * FROM activity_tasks WHERE domain = ? AND task_list = ? AND started_event_id = 0
  ORDER BY priority DESC, rowid ASC LIMIT 1`;

/** One wire event (SWF_SPEC 17.2) from an events row: its one attributes member is named after its type. */
const WIRE_EVENT_SQL = `'{"eventTimestamp":' || (ts_ms / 1000.0) || ',"eventType":"' || event_type || '","eventId":' || event_id
  || ',"' || lower(substr(event_type, 1, 1)) || substr(event_type, 2) || 'EventAttributes":' || attrs || '}'`;
const eventPageSql = (order: 'ASC' | 'DESC', after: '>' | '<', last: 'max' | 'min'): string =>
  `SELECT count(*) AS n, ${last}(event_id) AS last,
    '[' || coalesce(group_concat(${WIRE_EVENT_SQL}, ',' ORDER BY event_id ${order}), '') || ']' AS json
  FROM (SELECT * FROM events WHERE run_id = ? AND event_id ${after} ? AND event_id >= ? AND event_id <= ?
    ORDER BY event_id ${order} LIMIT ?)`;
/** A page of events as JSON text, and whether another event follows its last one. */
const EVENT_PAGE_SQL = {
  asc: eventPageSql('ASC', '>', 'max'),
  desc: eventPageSql('DESC', '<', 'min'),
  moreAsc: 'SELECT 1 FROM events WHERE run_id = ? AND event_id > ? AND event_id >= ? AND event_id <= ? LIMIT 1',
  moreDesc: 'SELECT 1 FROM events WHERE run_id = ? AND event_id < ? AND event_id >= ? AND event_id <= ? LIMIT 1',
};

/**
 * The persistent state. On a file database every change is on disk before anyone hears of it, so
 * an acknowledged call survives a kill -9 or power loss: SQLite runs in WAL mode with
 * synchronous=NORMAL (a commit writes the log without waiting for the disk) and the store itself
 * syncs the log (fdatasync) before it lets a commit's callers go. Group commit: calls join one
 * open transaction while the previous one is being synced, off the event loop, in the thread pool.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;
  private readonly statements = new Map<string, Database.Statement>();
  /** The stored column values (RUN_COLUMNS) of the run records read or written. */
  private readonly storedRuns = new WeakMap<RunRecord, unknown[]>();
  /** The open group-commit transaction and how to tell its calls that it is on disk. */
  private batch:
    { committed: Promise<void>; resolve(): void; reject(error: Error): void; isHeld?: boolean } | undefined;
  /** True while a committed batch is being synced; the open batch commits when that ends. */
  private isSyncing = false;
  /** Settles when the batch being synced is on disk (set while isSyncing). */
  private synced: Promise<void> | undefined;
  /** The write-ahead log, synced before a commit's callers are answered (file databases only). */
  private walFd: number | undefined;
  private isClosed = false;
  /** Syncs of committed transactions to disk since the store opened (one per group of calls). */
  readonly counters = { commits: 0 };

  constructor(options: StoreOptions) {
    this.path = options.path;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    try {
      this.db = new Database(options.path);
      if (options.path !== ':memory:') {
        // one server per file: its pollers and timers live in its memory
        this.db.pragma('locking_mode = EXCLUSIVE');
        this.db.pragma('busy_timeout = 1000');
        this.db.pragma('journal_mode = WAL');
        // the log is synced by the store before any commit is acknowledged (see syncLog)
        this.db.pragma('synchronous = NORMAL');
        // A checkpoint runs inside a COMMIT, on the event loop, and syncs the database file: one
        // every 10,000 log pages (about 40 MB) instead of 1,000 copies each hot page a tenth as
        // often. COMMIT took 127-136 us on average, 40% of it in checkpoints; now about 91 us.
        this.db.pragma('wal_autocheckpoint = 10000');
      }
      this.db.exec(SCHEMA_SQL);
      this.db.exec('BEGIN IMMEDIATE; COMMIT'); // takes the exclusive lock now, not at the first call
      if (options.path !== ':memory:') {
        this.walFd = openSync(`${options.path}-wal`, 'r');
        fdatasyncSync(this.walFd);
      }
    } catch (error) {
      const reason =
        (error as { code?: string }).code === 'SQLITE_BUSY'
          ? 'another local SWF server is using it; stop that one or pass another --db file'
          : `${(error as Error).message}; pass another --db file or :memory:`;
      throw new Error(`Cannot open the SWF database ${options.path}: ${reason}`, { cause: error });
    }
    const version = this.getMeta('schema_version');
    if (version === undefined) this.setMeta('schema_version', SCHEMA_VERSION);
    else if (version !== SCHEMA_VERSION) {
      throw new Error(
        `Database ${options.path} has schema version ${version}, this server needs ${SCHEMA_VERSION}; use a new --db file`,
      );
    }
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction: all of it is committed or none, and it is on disk when
   * this returns. Inside an open group-commit batch it becomes part of that batch.
   */
  transaction<T>(fn: () => T): T {
    const isOuter = !this.db.inTransaction;
    const result = this.db.transaction(fn).immediate();
    if (isOuter && this.walFd !== undefined) {
      fdatasyncSync(this.walFd);
      this.counters.commits += 1;
    }
    return result;
  }

  /**
   * Group commit: runs `fn` at once in its own savepoint of the shared open transaction (a
   * failure rolls back `fn` alone) and settles once the commit that holds it is on disk, so no
   * caller hears of a change before it is durable. The transaction is committed when the calls
   * of the current turn of the event loop are done. `applied` runs once `fn` succeeded, before
   * the commit: calls it sets off in this turn (a woken poller) join the same commit. In memory
   * there is nothing to wait for.
   */
  async grouped<T>(fn: () => T, applied?: () => void): Promise<T> {
    if (this.path === ':memory:') {
      const value = this.transaction(fn);
      applied?.();
      return value;
    }
    const batch = this.openBatch();
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: this.db.transaction(fn).immediate() };
      applied?.();
    } catch (error) {
      outcome = { error: error ?? new Error('operation failed') };
    }
    await batch;
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /**
   * Runs `fn`, which only reads, and settles once everything it could see is on disk: after the
   * open batch's commit and the sync in flight, if any; at once otherwise. A read opens no
   * transaction of its own to commit and costs no sync.
   */
  async read<T>(fn: () => T): Promise<T> {
    const value = this.db.transaction(fn).deferred();
    const pending = this.batch?.committed ?? this.synced;
    if (pending) await pending;
    return value;
  }

  private openBatch(): Promise<void> {
    if (this.batch) return this.batch.committed;
    this.db.exec('BEGIN IMMEDIATE');
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    committed.catch(() => {}); // every call awaits it; this only avoids an unhandled rejection
    this.batch = { committed, resolve, reject };
    // while a sync is running, the batch collects calls and commits when the sync ends
    if (!this.isSyncing) setImmediate(() => this.commitUnlessHeld());
    return committed;
  }

  /**
   * Keeps the open batch open for one more turn of the event loop, for a call that comes one turn
   * later (a woken poller's claim) to share its commit and sync. While a sync runs the batch stays
   * open anyway.
   */
  holdOneTurn(): void {
    if (this.batch && !this.isSyncing) this.batch.isHeld = true;
  }

  /** Commits the open batch, or once more turn has passed if it is held. */
  private commitUnlessHeld(): void {
    if (this.batch?.isHeld) {
      this.batch.isHeld = false;
      setImmediate(() => this.commitUnlessHeld());
      return;
    }
    this.commitAndSync();
  }

  /** Commits the open batch, syncs the log in the thread pool, then answers its calls. */
  private commitAndSync(): void {
    if (this.isSyncing) return;
    const batch = this.commitOpenBatch();
    if (!batch) return;
    this.isSyncing = true;
    this.synced = batch.committed;
    const fd = this.walFd!;
    fdatasync(fd, (error) => {
      this.isSyncing = false;
      this.synced = undefined;
      if (this.isClosed) {
        // close() synced everything already; the log may be gone since
        closeSync(fd);
        batch.resolve();
        return;
      }
      if (error) {
        batch.reject(
          new StoreCommitError(
            `The database could not be synced to disk, the call may not have been kept: ${error.message}`,
          ),
        );
      } else {
        this.counters.commits += 1;
        batch.resolve();
      }
      if (this.batch) this.commitAndSync();
    });
  }

  /** Commits the open batch (without syncing); undefined when none is open or the commit failed. */
  private commitOpenBatch(): NonNullable<Store['batch']> | undefined {
    const batch = this.batch;
    if (!batch) return undefined;
    this.batch = undefined;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      batch.reject(
        new StoreCommitError(`The database commit failed, nothing of this call was kept: ${(error as Error).message}`),
      );
      return undefined;
    }
    return batch;
  }

  /** Commits and syncs the open batch at once, and answers its calls (on close). */
  commitBatch(): void {
    const batch = this.commitOpenBatch();
    if (!batch) return;
    try {
      fdatasyncSync(this.walFd!);
    } catch (error) {
      batch.reject(
        new StoreCommitError(
          `The database could not be synced to disk, the call may not have been kept: ${(error as Error).message}`,
        ),
      );
      return;
    }
    this.counters.commits += 1;
    batch.resolve();
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.commitBatch();
    if (this.walFd !== undefined) {
      fdatasyncSync(this.walFd); // also covers a batch whose sync is still running
      if (!this.isSyncing) closeSync(this.walFd); // else its callback closes it
    }
    this.isClosed = true;
    this.db.close();
  }

  /** Deletes every row of every table except meta (test reset). */
  wipe(): void {
    this.transaction(() => {
      for (const table of [
        'domains',
        'domain_tags',
        'types',
        'runs',
        'events',
        'decision_tasks',
        'activity_tasks',
        'timers',
        'deadlines',
      ]) {
        this.db.exec(`DELETE FROM ${table}`);
      }
    });
  }

  // meta
  getMeta(key: string): string | undefined {
    return (this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined)?.value;
  }
  setMeta(key: string, value: string): void {
    this.stmt('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }
  /** The per-database secret that signs task and page tokens; created on first use. */
  secret(): Buffer {
    let hex = this.getMeta('secret');
    if (!hex) {
      hex = randomBytes(32).toString('hex');
      this.setMeta('secret', hex);
    }
    return Buffer.from(hex, 'hex');
  }

  // domains
  getDomain(name: string): DomainRecord | undefined {
    const r = this.stmt('SELECT * FROM domains WHERE name = ?').get(name) as Row | undefined;
    return r && toDomain(r);
  }
  insertDomain(d: DomainRecord): void {
    this.stmt('INSERT INTO domains (name, status, description, retention, created_ms) VALUES (?, ?, ?, ?, ?)').run(
      d.name,
      d.status,
      d.description ?? null,
      d.retention,
      d.createdMs,
    );
  }
  setDomainStatus(name: string, status: string): void {
    this.stmt('UPDATE domains SET status = ? WHERE name = ?').run(status, name);
  }
  countDomains(): number {
    return (this.stmt('SELECT count(*) AS n FROM domains').get() as Row).n;
  }
  listDomains(status: string, reverse: boolean, afterName: string | undefined, limit: number): DomainRecord[] {
    const sql = reverse
      ? 'SELECT * FROM domains WHERE status = ? AND (? IS NULL OR name < ?) ORDER BY name DESC LIMIT ?'
      : 'SELECT * FROM domains WHERE status = ? AND (? IS NULL OR name > ?) ORDER BY name ASC LIMIT ?';
    return (this.stmt(sql).all(status, afterName ?? null, afterName ?? null, limit) as Row[]).map(toDomain);
  }

  // domain tags
  listTags(domain: string): { key: string; value?: string }[] {
    return (this.stmt('SELECT key, value FROM domain_tags WHERE domain = ? ORDER BY key').all(domain) as Row[]).map(
      (r) => (r.value === null ? { key: r.key } : { key: r.key, value: r.value }),
    );
  }
  putTag(domain: string, key: string, value: string | undefined): void {
    this.stmt('INSERT OR REPLACE INTO domain_tags (domain, key, value) VALUES (?, ?, ?)').run(
      domain,
      key,
      value ?? null,
    );
  }
  deleteTag(domain: string, key: string): void {
    this.stmt('DELETE FROM domain_tags WHERE domain = ? AND key = ?').run(domain, key);
  }

  // types
  getType(domain: string, kind: string, name: string, version: string): TypeRecord | undefined {
    const r = this.stmt('SELECT * FROM types WHERE domain = ? AND kind = ? AND name = ? AND version = ?').get(
      domain,
      kind,
      name,
      version,
    ) as Row | undefined;
    return r && toType(r);
  }
  insertType(t: TypeRecord): void {
    this.stmt(
      'INSERT INTO types (domain, kind, name, version, status, description, created_ms, deprecated_ms, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      t.domain,
      t.kind,
      t.name,
      t.version,
      t.status,
      t.description ?? null,
      t.createdMs,
      t.deprecatedMs ?? null,
      JSON.stringify(t.config),
    );
  }
  setTypeStatus(t: TypeRecord, status: string, deprecatedMs: number | undefined): void {
    this.stmt(
      'UPDATE types SET status = ?, deprecated_ms = ? WHERE domain = ? AND kind = ? AND name = ? AND version = ?',
    ).run(status, deprecatedMs ?? null, t.domain, t.kind, t.name, t.version);
  }
  deprecateAllTypes(domain: string, nowMs: number): void {
    this.stmt(
      "UPDATE types SET status = 'DEPRECATED', deprecated_ms = ? WHERE domain = ? AND status = 'REGISTERED'",
    ).run(nowMs, domain);
  }
  deleteType(t: TypeRecord): void {
    this.stmt('DELETE FROM types WHERE domain = ? AND kind = ? AND name = ? AND version = ?').run(
      t.domain,
      t.kind,
      t.name,
      t.version,
    );
  }
  countTypes(domain: string, kind: string): number {
    return (this.stmt('SELECT count(*) AS n FROM types WHERE domain = ? AND kind = ?').get(domain, kind) as Row).n;
  }
  listTypes(
    domain: string,
    kind: string,
    status: string,
    name: string | undefined,
    reverse: boolean,
    after: [string, string] | undefined,
    limit: number,
  ): TypeRecord[] {
    const dir = reverse ? 'DESC' : 'ASC';
    const cmp = reverse ? '<' : '>';
    const sql = `SELECT * FROM types WHERE domain = ? AND kind = ? AND status = ? AND (? IS NULL OR name = ?)
      AND (? IS NULL OR (name, version) ${cmp} (?, ?)) ORDER BY name ${dir}, version ${dir} LIMIT ?`;
    return (
      this.stmt(sql).all(
        domain,
        kind,
        status,
        name ?? null,
        name ?? null,
        after ? 1 : null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit,
      ) as Row[]
    ).map(toType);
  }

  // runs
  getRun(runId: string): RunRecord | undefined {
    const r = this.stmt('SELECT * FROM runs WHERE run_id = ?').get(runId) as Row | undefined;
    return r && this.readRun(r);
  }
  findOpenRun(domain: string, workflowId: string): RunRecord | undefined {
    const r = this.stmt('SELECT * FROM runs WHERE domain = ? AND workflow_id = ? AND is_open = 1').get(
      domain,
      workflowId,
    ) as Row | undefined;
    return r && this.readRun(r);
  }
  /** A run as read, remembering its stored column values so that an update writes only what changed. */
  private readRun(r: Row): RunRecord {
    const run = toRun(r);
    this.storedRuns.set(
      run,
      RUN_COLUMNS.map((column) => r[column]),
    );
    return run;
  }
  insertRun(run: RunRecord): void {
    const params = runParams(run);
    this.stmt(
      `INSERT INTO runs (domain, workflow_id, type_name, type_version, is_open, close_status, start_ms,
      close_ms, tags, cancel_requested, parent_workflow_id, parent_run_id, parent_initiated_event_id,
      parent_started_event_id, config, next_event_id, last_event_ms, latest_context, latest_activity_ms,
      decision_task_list, previous_started_event_id, temporary_task_list, temporary_schedule_to_start, run_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...params);
    this.storedRuns.set(run, params.slice(0, RUN_COLUMNS.length));
  }
  /**
   * Writes the columns of `run` that changed since it was read or written: an UPDATE that sets an
   * indexed column rewrites that index's entry, and most updates change only counters.
   */
  updateRun(run: RunRecord): void {
    const params = runParams(run);
    const stored = this.storedRuns.get(run);
    const changed: number[] = [];
    for (let i = 0; i < RUN_COLUMNS.length; i++) if (stored?.[i] !== params[i]) changed.push(i);
    if (changed.length === 0) return;
    const sql = `UPDATE runs SET ${changed.map((i) => `${RUN_COLUMNS[i]} = ?`).join(', ')} WHERE run_id = ?`;
    this.stmt(sql).run(...changed.map((i) => params[i]), run.runId);
    this.storedRuns.set(run, params.slice(0, RUN_COLUMNS.length));
  }
  deleteRun(runId: string): void {
    this.stmt('DELETE FROM runs WHERE run_id = ?').run(runId);
    this.stmt('DELETE FROM events WHERE run_id = ?').run(runId);
  }
  openChildren(parentRunId: string): RunRecord[] {
    return (this.stmt('SELECT * FROM runs WHERE parent_run_id = ? AND is_open = 1').all(parentRunId) as Row[]).map(
      toRun,
    );
  }
  countOpenChildren(parentRunId: string): number {
    return (this.stmt('SELECT count(*) AS n FROM runs WHERE parent_run_id = ? AND is_open = 1').get(parentRunId) as Row)
      .n;
  }
  countOpenRuns(domain: string): number {
    return (this.stmt('SELECT count(*) AS n FROM runs WHERE domain = ? AND is_open = 1').get(domain) as Row).n;
  }
  /** Open runs of every domain (used on restart and by pendingWork). */
  countAllOpenRuns(): number {
    return (this.stmt('SELECT count(*) AS n FROM runs WHERE is_open = 1').get() as Row).n;
  }

  /** SWF_SPEC 7: list or count executions; ordered by the filter's time, newest first. */
  queryRuns(q: VisibilityQuery): RunRecord[] {
    const { sql, params } = this.visibilitySql(q, 'SELECT *');
    return (this.stmt(sql).all(...params) as Row[]).map(toRun);
  }
  countRuns(q: VisibilityQuery): number {
    const { sql, params } = this.visibilitySql({ ...q, after: undefined, limit: undefined }, 'SELECT count(*) AS n');
    return (this.stmt(sql).get(...params) as Row).n;
  }
  private visibilitySql(q: VisibilityQuery, select: string): { sql: string; params: unknown[] } {
    const column = q.timeField === 'start' ? 'start_ms' : 'close_ms';
    const where = ['domain = ?', 'is_open = ?', `${column} >= ?`];
    const params: unknown[] = [q.domain, q.isOpen ? 1 : 0, q.oldestMs];
    if (q.latestMs !== undefined) {
      where.push(`${column} <= ?`);
      params.push(q.latestMs);
    }
    if (q.workflowId !== undefined) {
      where.push('workflow_id = ?');
      params.push(q.workflowId);
    }
    if (q.typeName !== undefined) {
      where.push('type_name = ?');
      params.push(q.typeName);
    }
    if (q.typeVersion !== undefined) {
      where.push('type_version = ?');
      params.push(q.typeVersion);
    }
    if (q.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE value = ?)');
      params.push(q.tag);
    }
    if (q.closeStatus !== undefined) {
      where.push('close_status = ?');
      params.push(q.closeStatus);
    }
    const dir = q.reverse ? 'ASC' : 'DESC';
    if (q.after) {
      where.push(`(${column}, run_id) ${q.reverse ? '>' : '<'} (?, ?)`);
      params.push(q.after[0], q.after[1]);
    }
    let sql = `${select} FROM runs WHERE ${where.join(' AND ')}`;
    if (q.limit !== undefined) {
      sql += ` ORDER BY ${column} ${dir}, run_id ${dir} LIMIT ?`;
      params.push(q.limit);
    }
    return { sql, params };
  }

  // events
  insertEvent(runId: string, e: EventRecord): void {
    this.stmt('INSERT INTO events (run_id, event_id, event_type, ts_ms, attrs) VALUES (?, ?, ?, ?, ?)').run(
      runId,
      e.eventId,
      e.eventType,
      e.timestampMs,
      JSON.stringify(e.attributes),
    );
  }
  /** Removes a run's last event (a task start whose answer never reached its poller). */
  deleteLastEvent(runId: string, eventId: number): void {
    this.stmt('DELETE FROM events WHERE run_id = ? AND event_id = ?').run(runId, eventId);
  }
  getEvent(runId: string, eventId: number): EventRecord | undefined {
    const r = this.stmt('SELECT * FROM events WHERE run_id = ? AND event_id = ?').get(runId, eventId) as
      Row | undefined;
    return r && { eventId: r.event_id, eventType: r.event_type, timestampMs: r.ts_ms, attributes: JSON.parse(r.attrs) };
  }
  /**
   * The first event of a run stamped at or after the time of its event `eventId` (events are
   * stamped in id order); 1 when there is no such event.
   */
  firstEventIdAtTimeOf(runId: string, eventId: number): number {
    // back from `eventId` to the last event stamped earlier: a few rows, not the whole run
    const r = this.stmt(
      `SELECT event_id AS id FROM events WHERE run_id = ? AND event_id <= ?
        AND ts_ms < (SELECT ts_ms FROM events WHERE run_id = ? AND event_id = ?) ORDER BY event_id DESC LIMIT 1`,
    ).get(runId, eventId, runId, eventId) as Row | undefined;
    return r === undefined ? 1 : r.id + 1;
  }
  /**
   * Events with minId <= id, id <= maxId and after < id (ascending) or before > id (descending),
   * at most limit, as the JSON text of their wire array (SWF_SPEC 17.2), built by SQLite from the
   * stored attributes without parsing them. `lastId` is the page's last event id when more remain.
   */
  pageEvents(
    runId: string,
    reverse: boolean,
    position: number,
    minId: number,
    maxId: number,
    limit: number,
  ): { json: JsonText; lastId: number | undefined } {
    const page = this.stmt(reverse ? EVENT_PAGE_SQL.desc : EVENT_PAGE_SQL.asc).get(
      runId,
      position,
      minId,
      maxId,
      limit,
    ) as { n: number; last: number | null; json: string };
    const isFull = page.n === limit && page.last !== null;
    const hasMore =
      isFull &&
      this.stmt(reverse ? EVENT_PAGE_SQL.moreDesc : EVENT_PAGE_SQL.moreAsc).get(runId, page.last, minId, maxId) !==
        undefined;
    return { json: new JsonText(page.json), lastId: hasMore ? page.last! : undefined };
  }

  // decision tasks
  insertDecisionTask(t: DecisionTaskRecord): void {
    this.stmt(
      'INSERT INTO decision_tasks (run_id, scheduled_event_id, domain, task_list, priority, started_event_id, start_to_close) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(t.runId, t.scheduledEventId, t.domain, t.taskList, t.priority, t.startedEventId, t.startToClose);
  }
  decisionTasksOf(runId: string): DecisionTaskRecord[] {
    return (this.stmt('SELECT * FROM decision_tasks WHERE run_id = ?').all(runId) as Row[]).map(toDecisionTask);
  }
  /** SWF_SPEC 8.2: the deliverable decision task on a list, highest priority then oldest. */
  nextDecisionTask(domain: string, taskList: string): DecisionTaskRecord | undefined {
    const r = this.stmt(NEXT_DECISION_TASK_SQL).get(domain, taskList) as Row | undefined;
    return r && toDecisionTask(r);
  }
  setDecisionTaskStarted(runId: string, scheduledEventId: number, startedEventId: number): void {
    this.stmt('UPDATE decision_tasks SET started_event_id = ? WHERE run_id = ? AND scheduled_event_id = ?').run(
      startedEventId,
      runId,
      scheduledEventId,
    );
  }
  deleteDecisionTask(runId: string, scheduledEventId: number): void {
    this.stmt('DELETE FROM decision_tasks WHERE run_id = ? AND scheduled_event_id = ?').run(runId, scheduledEventId);
  }
  countPendingDecisionTasks(domain: string, taskList: string): number {
    return (
      this.stmt(
        'SELECT count(*) AS n FROM decision_tasks WHERE domain = ? AND task_list = ? AND started_event_id = 0',
      ).get(domain, taskList) as Row
    ).n;
  }

  // activity tasks
  insertActivityTask(t: ActivityTaskRecord): void {
    this.stmt(
      `INSERT INTO activity_tasks (run_id, scheduled_event_id, activity_id, domain, task_list, priority,
      started_event_id, type_name, type_version, input, timeouts, heartbeat_details, cancel_requested,
      latest_cancel_requested_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.runId,
      t.scheduledEventId,
      t.activityId,
      t.domain,
      t.taskList,
      t.priority,
      t.startedEventId,
      t.typeName,
      t.typeVersion,
      t.input ?? null,
      JSON.stringify(t.timeouts),
      t.heartbeatDetails ?? null,
      t.cancelRequested ? 1 : 0,
      t.latestCancelRequestedEventId ?? null,
    );
  }
  getActivityTask(runId: string, scheduledEventId: number): ActivityTaskRecord | undefined {
    const r = this.stmt('SELECT * FROM activity_tasks WHERE run_id = ? AND scheduled_event_id = ?').get(
      runId,
      scheduledEventId,
    ) as Row | undefined;
    return r && toActivityTask(r);
  }
  findActivityTask(runId: string, activityId: string): ActivityTaskRecord | undefined {
    const r = this.stmt('SELECT * FROM activity_tasks WHERE run_id = ? AND activity_id = ?').get(runId, activityId) as
      Row | undefined;
    return r && toActivityTask(r);
  }
  /** SWF_SPEC 13.1: the next scheduled activity task on a list, priority then FIFO. */
  nextActivityTask(domain: string, taskList: string): ActivityTaskRecord | undefined {
    const r = this.stmt(NEXT_ACTIVITY_TASK_SQL).get(domain, taskList) as Row | undefined;
    return r && toActivityTask(r);
  }
  setActivityTaskStarted(runId: string, scheduledEventId: number, startedEventId: number): void {
    this.stmt('UPDATE activity_tasks SET started_event_id = ? WHERE run_id = ? AND scheduled_event_id = ?').run(
      startedEventId,
      runId,
      scheduledEventId,
    );
  }
  setActivityHeartbeat(runId: string, scheduledEventId: number, details: string | undefined): void {
    this.stmt('UPDATE activity_tasks SET heartbeat_details = ? WHERE run_id = ? AND scheduled_event_id = ?').run(
      details ?? null,
      runId,
      scheduledEventId,
    );
  }
  setActivityCancelRequested(runId: string, scheduledEventId: number, eventId: number): void {
    this.stmt(
      'UPDATE activity_tasks SET cancel_requested = 1, latest_cancel_requested_event_id = ? WHERE run_id = ? AND scheduled_event_id = ?',
    ).run(eventId, runId, scheduledEventId);
  }
  deleteActivityTask(runId: string, scheduledEventId: number): void {
    this.stmt('DELETE FROM activity_tasks WHERE run_id = ? AND scheduled_event_id = ?').run(runId, scheduledEventId);
  }
  countOpenActivityTasks(runId: string): number {
    return (this.stmt('SELECT count(*) AS n FROM activity_tasks WHERE run_id = ?').get(runId) as Row).n;
  }
  countPendingActivityTasks(domain: string, taskList: string): number {
    return (
      this.stmt(
        'SELECT count(*) AS n FROM activity_tasks WHERE domain = ? AND task_list = ? AND started_event_id = 0',
      ).get(domain, taskList) as Row
    ).n;
  }

  // timers
  insertTimer(runId: string, timerId: string, startedEventId: number): void {
    this.stmt('INSERT INTO timers (run_id, timer_id, started_event_id) VALUES (?, ?, ?)').run(
      runId,
      timerId,
      startedEventId,
    );
  }
  getTimer(runId: string, timerId: string): { startedEventId: number } | undefined {
    const r = this.stmt('SELECT started_event_id FROM timers WHERE run_id = ? AND timer_id = ?').get(runId, timerId) as
      Row | undefined;
    return r && { startedEventId: r.started_event_id };
  }
  deleteTimer(runId: string, timerId: string): void {
    this.stmt('DELETE FROM timers WHERE run_id = ? AND timer_id = ?').run(runId, timerId);
  }
  countTimers(runId: string): number {
    return (this.stmt('SELECT count(*) AS n FROM timers WHERE run_id = ?').get(runId) as Row).n;
  }

  /** Drops every task, timer and deadline of a run (it closed). Retention deadlines are kept. */
  deleteOpenWorkOf(runId: string): void {
    this.stmt('DELETE FROM decision_tasks WHERE run_id = ?').run(runId);
    this.stmt('DELETE FROM activity_tasks WHERE run_id = ?').run(runId);
    this.stmt('DELETE FROM timers WHERE run_id = ?').run(runId);
    this.stmt("DELETE FROM deadlines WHERE run_id = ? AND kind <> 'retention'").run(runId);
  }

  // deadlines
  insertDeadline(dueMs: number, kind: DeadlineKind, runId: string, ref: number, refText?: string): void {
    this.stmt('INSERT INTO deadlines (due_ms, kind, run_id, ref, ref_text) VALUES (?, ?, ?, ?, ?)').run(
      dueMs,
      kind,
      runId,
      ref,
      refText ?? null,
    );
  }
  deleteDeadlines(runId: string, kind: DeadlineKind, ref: number, refText?: string): void {
    if (refText === undefined)
      this.stmt('DELETE FROM deadlines WHERE run_id = ? AND kind = ? AND ref = ?').run(runId, kind, ref);
    else this.stmt('DELETE FROM deadlines WHERE run_id = ? AND kind = ? AND ref_text = ?').run(runId, kind, refText);
  }
  /** Deletes every deadline of an activity task (schedule-to-start, schedule-to-close, start-to-close, heartbeat). */
  deleteActivityDeadlines(runId: string, scheduledEventId: number): void {
    this.stmt(
      `DELETE FROM deadlines WHERE run_id = ? AND kind IN ('activity-schedule-to-start', 'activity-schedule-to-close',
        'activity-start-to-close', 'activity-heartbeat') AND ref = ?`,
    ).run(runId, scheduledEventId);
  }
  /** Moves one deadline later (it failed to fire). */
  postponeDeadline(id: number, dueMs: number): void {
    this.stmt('UPDATE deadlines SET due_ms = ? WHERE id = ?').run(dueMs, id);
  }
  deleteDeadline(id: number): void {
    this.stmt('DELETE FROM deadlines WHERE id = ?').run(id);
  }
  /** The earliest deadline due at or before nowMs, if any. */
  nextDueDeadline(nowMs: number): DeadlineRecord | undefined {
    const r = this.stmt('SELECT * FROM deadlines WHERE due_ms <= ? ORDER BY due_ms, id LIMIT 1').get(nowMs) as
      Row | undefined;
    return r && toDeadline(r);
  }
  earliestDeadlineMs(): number | undefined {
    return opt((this.stmt('SELECT min(due_ms) AS m FROM deadlines').get() as Row).m);
  }
  /** Earliest deadline that is not retention purging (what a test would skip time to). */
  earliestWorkDeadlineMs(): number | undefined {
    return opt((this.stmt("SELECT min(due_ms) AS m FROM deadlines WHERE kind <> 'retention'").get() as Row).m);
  }

  /** SWF_SPEC-independent summary for time skipping: scheduled and started task counts. */
  taskCounts(): { scheduled: number; started: number } {
    const d = this.stmt(
      'SELECT sum(started_event_id = 0) AS s, sum(started_event_id > 0) AS t FROM decision_tasks',
    ).get() as Row;
    const a = this.stmt(
      'SELECT sum(started_event_id = 0) AS s, sum(started_event_id > 0) AS t FROM activity_tasks',
    ).get() as Row;
    return { scheduled: (d.s ?? 0) + (a.s ?? 0), started: (d.t ?? 0) + (a.t ?? 0) };
  }
}
