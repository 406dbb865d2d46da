// The state of one API call in progress: the store inside its transaction, the call's instant,
// the runs it touched, and what must happen after commit (wake pollers, re-arm the scheduler).
import { needsDecision } from '../../swf-model/index.ts';
import type { Store } from '../store/store.ts';
import type { DeadlineKind, RunRecord } from '../store/records.ts';
import type { TokenSigner } from '../tokens.ts';

/** A task list that got a deliverable task in this call. */
export interface TaskListKey {
  domain: string;
  kind: 'decision' | 'activity';
  taskList: string;
}

/** Server settings the state machine needs. */
export interface ServerIdentity {
  accountId: string;
  region: string;
}

/** One API call (or one scheduler sweep) inside one transaction. */
export class OperationContext {
  private readonly runs = new Map<string, RunRecord>();
  private readonly dirty = new Set<string>();
  /** Runs that got an event needing a decision (SWF_SPEC 8.1); scheduled once at the end. */
  readonly needsDecision = new Set<string>();
  /** Task lists to wake after commit, one entry per deliverable task. */
  readonly wakeups: TaskListKey[] = [];
  /** The earliest due time of the deadlines this call added, if it added any. */
  earliestNewDeadlineMs: number | undefined;
  /** For a poll: whether its caller is still there; a task is never claimed for a caller that left. */
  isCallerConnected: () => boolean = () => true;

  constructor(
    readonly store: Store,
    /** The instant of this call; the scheduler sets it to the deadline being fired. */
    public nowMs: number,
    readonly tokens: TokenSigner,
    readonly identity: ServerIdentity,
  ) {}

  /** A run by id, cached for the call so that every change is seen by later steps. */
  loadRun(runId: string): RunRecord | undefined {
    let run = this.runs.get(runId);
    if (!run) {
      run = this.store.getRun(runId);
      if (run) this.runs.set(runId, run);
    }
    return run;
  }

  /** The open run of a workflowId, seeing runs closed or started earlier in this call. */
  findOpenRun(domain: string, workflowId: string): RunRecord | undefined {
    const stored = this.store.findOpenRun(domain, workflowId);
    if (!stored) return undefined;
    const run = this.loadRun(stored.runId)!;
    return run.isOpen ? run : undefined;
  }

  /** Registers a run created in this call (already inserted in the store). */
  adoptRun(run: RunRecord): void {
    this.runs.set(run.runId, run);
  }

  /** Marks a run changed; it is written at the end of the call, or now with `saveRun`. */
  touch(run: RunRecord): void {
    this.dirty.add(run.runId);
  }

  /** Writes a run at once (used when later queries of this call must see it). */
  saveRun(run: RunRecord): void {
    this.store.updateRun(run);
    this.dirty.delete(run.runId);
  }

  /**
   * Appends an event to an open run. SWF_SPEC 17.1: ids are consecutive, timestamps never decrease.
   * Returns the new event id.
   */
  appendEvent(run: RunRecord, eventType: string, attributes: Record<string, unknown>): number {
    if (!run.isOpen) throw new Error(`internal: append ${eventType} to closed run ${run.runId}`);
    const eventId = run.nextEventId++;
    const timestampMs = Math.max(this.nowMs, run.lastEventMs);
    run.lastEventMs = timestampMs;
    this.store.insertEvent(run.runId, { eventId, eventType, timestampMs, attributes: withoutUndefined(attributes) });
    if (needsDecision(eventType)) this.needsDecision.add(run.runId); // SWF_SPEC 8.1
    this.touch(run);
    return eventId;
  }

  /** Persists a deadline and re-arms the scheduler after commit. */
  addDeadline(dueMs: number, kind: DeadlineKind, runId: string, ref: number, refText?: string): void {
    this.store.insertDeadline(dueMs, kind, runId, ref, refText);
    if (this.earliestNewDeadlineMs === undefined || dueMs < this.earliestNewDeadlineMs)
      this.earliestNewDeadlineMs = dueMs;
  }

  /** Asks for one poller of the list to be woken after commit. */
  wake(key: TaskListKey): void {
    this.wakeups.push(key);
  }

  /** Writes every changed run. */
  flushRuns(): void {
    for (const runId of this.dirty) this.store.updateRun(this.runs.get(runId)!);
    this.dirty.clear();
  }
}

/** Drops undefined members so that stored attributes never carry empty values (SWF_SPEC 17.3). */
export function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines members: a "__proto__" key stays a member and never becomes the prototype
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}
