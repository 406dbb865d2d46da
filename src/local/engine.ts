// The server core: runs each operation in one transaction, then wakes pollers and re-arms deadlines.
import type { Clock } from './clock.ts';
import { StoreCommitError, type Store } from './store/store.ts';
import { OperationContext, type ServerIdentity } from './state/context.ts';
import { finishOperation } from './state/decision-tasks.ts';
import { fireDeadline } from './state/timeouts.ts';
import { OPERATIONS, READ_OPERATIONS, type Operation } from './state/operations.ts';
import { releaseUndeliveredTask } from './state/undelivered-tasks.ts';
import { EMPTY_ACTIVITY_TASK, EMPTY_DECISION_TASK } from './state/task-polling.ts';
import { PollerQueues } from './long-poll.ts';
import { TokenSigner, type TaskTokenClaims } from './tokens.ts';
import { SwfFault } from './faults.ts';
import type { Logger } from '../common/index.ts';

/** How a poll learns whether its caller is still there. */
export interface PollConnection {
  isConnected(): boolean;
  signal?: AbortSignal;
  /**
   * True when isConnected() is always current (a caller in this process, whose hang-up is its
   * abort signal): the poll then need not wait a turn of I/O for a hang-up to show.
   */
  isHangUpSeenAtOnce?: boolean;
}

/** Largest setTimeout delay Node accepts; longer deadlines are re-armed in steps. */
const MAX_TIMER_MS = 2_147_483_647;
/** SWF_SPEC 15: concurrent pollers per task list. */
const MAX_POLLERS_PER_LIST = 1000;
/** How far a deadline that failed to fire is put off. */
const POSTPONE_MS = 60_000;
/** Deadlines fired per transaction when many are due at once. */
const DEADLINE_BATCH = 200;

/** Runs SWF operations against a store. */
export class SwfEngine {
  readonly pollers = new PollerQueues();
  private readonly tokens: TokenSigner;
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer goes off (epoch ms). */
  private timerDueMs = 0;
  private hasClosed = false;
  /** SWF calls served since start (polls count once per look at the queue). */
  readonly counters = { calls: 0 };
  /** Tasks whose poll answers could not be delivered, given back together on the next turn. */
  private readonly undelivered: TaskTokenClaims[] = [];

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    private readonly identity: ServerIdentity,
    private readonly longPollMs: number,
    /** Where failures the server survives are reported. */
    readonly logger: Logger,
  ) {
    this.tokens = new TokenSigner(store.secret());
  }

  /** True once close() was called; calls are then refused. */
  get isClosed(): boolean {
    return this.hasClosed;
  }

  /**
   * Runs a (non-waiting) operation in one transaction; nothing is kept if it throws. `region` is
   * the caller's SigV4 region (SWF_SPEC 1.1), used in domain ARNs.
   */
  run(operation: string | Operation, input: Record<string, any>, region?: string): object | undefined {
    const { ctx, apply } = this.begin(operation, input, region);
    const output = this.store.transaction(apply);
    this.afterCommit(ctx);
    return output;
  }

  /**
   * Runs an operation and answers once it is durable. On a file database the calls share the
   * store's group commit, each in its own savepoint: a call that fails is rolled back alone, and
   * no call is answered before the commit that holds it is on disk, so an acknowledged call is
   * never lost.
   */
  async execute(
    operation: string | Operation,
    input: Record<string, any>,
    region?: string,
  ): Promise<object | undefined> {
    const { ctx, apply } = this.begin(operation, input, region);
    try {
      if (typeof operation === 'string' && READ_OPERATIONS.has(operation)) return await this.store.read(apply);
      // Pollers are woken before the commit: their claims can join it; neither call is answered
      // before that commit.
      return await this.store.grouped(apply, () => this.afterCommit(ctx));
    } catch (error) {
      if (error instanceof StoreCommitError) throw new SwfFault('InternalFailure', error.message);
      throw error;
    }
  }

  /** Counts the call and prepares it: its context, and what runs inside its transaction. */
  private begin(
    operation: string | Operation,
    input: Record<string, any>,
    region: string | undefined,
  ): { ctx: OperationContext; apply: () => object | undefined } {
    const handler = handlerOf(operation);
    const identity = region ? { ...this.identity, region } : this.identity;
    const ctx = new OperationContext(this.store, this.clock.nowMs(), this.tokens, identity);
    this.counters.calls += 1;
    const apply = (): object | undefined => {
      const result = handler(ctx, input);
      finishOperation(ctx);
      return result;
    };
    return { ctx, apply };
  }

  /**
   * SWF_SPEC 8.2 / 13.1 long poll: tries to start a task; if none, waits for a wake-up or the poll
   * timeout. A task is only claimed while the caller is still connected, so a poller that went
   * away never swallows one.
   */
  async poll(
    operation: 'PollForDecisionTask' | 'PollForActivityTask',
    input: Record<string, any>,
    connection: PollConnection,
    region?: string,
  ): Promise<object> {
    const empty = operation === 'PollForDecisionTask' ? EMPTY_DECISION_TASK : EMPTY_ACTIVITY_TASK;
    const key = PollerQueues.key(
      input.domain,
      operation === 'PollForDecisionTask' ? 'decision' : 'activity',
      input.taskList?.name,
    );
    const deadline = Date.now() + this.longPollMs;
    for (;;) {
      if (!connection.isConnected() || this.isClosed) {
        this.pollers.wakeOne(key); // pass on a wake-up this poller may have consumed
        return { ...empty };
      }
      // a hang-up already on the wire is only seen after one more turn of I/O: let it in first
      if (!connection.isHangUpSeenAtOnce) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!connection.isConnected() || this.isClosed) continue;
      }
      // checked again inside the claim's transaction, where nothing can come in between
      const claim: Operation = (ctx, pollInput) => {
        ctx.isCallerConnected = () => connection.isConnected() && !this.isClosed;
        return OPERATIONS.get(operation)!(ctx, pollInput);
      };
      this.pollers.beginLook(key);
      let output: { taskClaims?: TaskTokenClaims } | undefined;
      let isMissed: boolean;
      try {
        output = (await this.execute(claim, input, region)) as { taskClaims?: TaskTokenClaims } | undefined;
      } finally {
        isMissed = this.pollers.endLook(key);
      }
      // the wake-up it took while it found a task belongs to another poller
      if (output && isMissed) this.pollers.wakeOne(key);
      if (output?.taskClaims !== undefined && !input.nextPageToken) {
        // a hang-up during the claim's commit (an fsync blocks the loop) is seen one turn later
        if (!connection.isHangUpSeenAtOnce) await new Promise((resolve) => setImmediate(resolve));
        if (!connection.isConnected()) {
          this.releaseUndelivered(output.taskClaims);
          continue;
        }
      }
      if (output) return output;
      // a task that arrived while this call waited for its commit rang while nobody waited; look again
      if (isMissed) continue;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { ...empty };
      if (this.pollers.waiting(key) >= MAX_POLLERS_PER_LIST) {
        throw new SwfFault(
          'LimitExceededFault',
          `Task list ${input.taskList.name} in domain ${input.domain} already has ${MAX_POLLERS_PER_LIST} waiting pollers; use fewer pollers`,
        );
      }
      const outcome = await this.pollers.wait(key, remaining, connection.signal, !connection.isHangUpSeenAtOnce);
      if (outcome === 'timeout') return { ...empty };
    }
  }

  /** The taskToken of a started task's claims, as the protocol layer puts it on the wire. */
  signTaskToken(claims: TaskTokenClaims): string {
    return this.tokens.taskToken(claims);
  }

  /**
   * Gives back the task of a poll answer that cannot reach its poller (it hung up), so that it is
   * not left started until its timeout. Safe to call for a task already closed or given back.
   */
  releaseUndelivered(claims: TaskTokenClaims): void {
    this.undelivered.push(claims);
    if (this.undelivered.length === 1) setImmediate(() => this.releaseUndeliveredBatch());
  }

  /** Latest starts first: a start can be undone without a trace only while it is its run's last event. */
  private releaseUndeliveredBatch(): void {
    const batch = this.undelivered.splice(0).sort((a, b) => b.startedEventId - a.startedEventId);
    if (this.isClosed) return; // left started; they time out after a restart like any lost task
    this.execute((ctx) => {
      for (const claims of batch) releaseUndeliveredTask(ctx, claims);
      return {};
    }, {}).catch((error: unknown) => {
      console.error(
        `flowy local SWF: giving back ${batch.length} undelivered task(s) failed; they stay started until their timeouts:`,
        (error as Error)?.message ?? error,
      );
    });
  }

  private afterCommit(ctx: OperationContext): void {
    for (const w of ctx.wakeups) {
      const woken = this.pollers.wakeOne(PollerQueues.key(w.domain, w.kind, w.taskList));
      // a poller over HTTP claims one turn later: the commit waits for it, so both share one sync
      if (woken.claimsAfterATurn) this.store.holdOneTurn();
    }
    if (ctx.earliestNewDeadlineMs !== undefined) this.armTimerBy(ctx.earliestNewDeadlineMs);
  }

  /** Fires every deadline due at or before `nowMs`, in due order, each stamped with its own time. */
  fireDue(nowMs: number): void {
    for (;;) {
      let fired: number;
      try {
        fired = this.fireBatch(nowMs, DEADLINE_BATCH);
      } catch {
        // one deadline of the batch fails: fire them one by one so that the others still fire
        this.fireSeparately(nowMs);
        return;
      }
      if (fired < DEADLINE_BATCH) return;
    }
  }

  private fireBatch(nowMs: number, limit: number): number {
    const ctx = new OperationContext(this.store, nowMs, this.tokens, this.identity);
    const fired = this.store.transaction(() => {
      let count = 0;
      for (; count < limit; count++) {
        const deadline = this.store.nextDueDeadline(nowMs);
        if (!deadline) break;
        ctx.nowMs = deadline.dueMs; // SWF_SPEC 14: events are stamped at the deadline
        fireDeadline(ctx, deadline);
        finishOperation(ctx);
      }
      return count;
    });
    this.afterCommit(ctx);
    return fired;
  }

  private fireSeparately(nowMs: number): void {
    for (;;) {
      const deadline = this.store.nextDueDeadline(nowMs);
      if (!deadline) return;
      try {
        this.fireBatch(nowMs, 1);
      } catch (error) {
        // nothing of it was applied; it is kept and tried again a minute later
        this.logger.error(
          { runId: deadline.runId, err: error },
          `firing a ${deadline.kind} deadline failed; retrying in 60 s`,
        );
        this.store.transaction(() => this.store.postponeDeadline(deadline.id, nowMs + POSTPONE_MS));
      }
    }
  }

  /** Sets the single timer to the earliest deadline (system clock only; a manual clock is advanced). */
  armTimer(): void {
    if (this.clock.kind !== 'system' || this.isClosed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const earliest = this.store.earliestDeadlineMs();
    if (earliest !== undefined) this.setTimer(earliest);
  }

  /**
   * Makes the timer go off by `dueMs` (a deadline just added), without reading the deadlines: a
   * timer set for a deadline since removed goes off early, finds nothing due and is set again.
   */
  private armTimerBy(dueMs: number): void {
    if (this.clock.kind !== 'system' || this.isClosed) return;
    if (this.timer && this.timerDueMs <= dueMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.setTimer(dueMs);
  }

  private setTimer(dueMs: number): void {
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, dueMs - Date.now()));
    this.timerDueMs = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fireDue(Date.now());
      this.armTimer();
    }, delay);
    this.timer.unref();
  }

  /** Manual clock: moves to `targetMs`, firing every deadline on the way in order. */
  advanceTo(targetMs: number, setClock: (ms: number) => void): void {
    for (;;) {
      const next = this.store.earliestDeadlineMs();
      if (next === undefined || next > targetMs) break;
      setClock(next);
      this.fireDue(next);
    }
    setClock(targetMs);
  }

  /** For time skipping: scheduled and started task counts and the next deadline. */
  pendingWork(): { scheduledTasks: number; startedTasks: number; nextDeadline?: Date } {
    const counts = this.store.taskCounts();
    const next = this.store.earliestWorkDeadlineMs();
    return {
      scheduledTasks: counts.scheduled,
      startedTasks: counts.started,
      nextDeadline: next === undefined ? undefined : new Date(next),
    };
  }

  /** Test control: forget every domain, type and execution (the signing secret is kept). */
  reset(): void {
    this.store.wipe();
    this.pollers.wakeAll();
    this.armTimer();
  }

  /** Commits what is pending, stops the timer and answers waiting polls. */
  close(): void {
    this.store.commitBatch();
    this.hasClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pollers.wakeAll();
  }
}

function handlerOf(operation: string | Operation): Operation {
  if (typeof operation === 'function') return operation;
  const handler = OPERATIONS.get(operation);
  if (!handler) throw new SwfFault('UnknownOperationException', `Unknown operation ${operation}`);
  return handler;
}
