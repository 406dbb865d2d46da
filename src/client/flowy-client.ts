// The typed client for user code and the CLI: start workflows, wait for results, signal,
// cancel, terminate, inspect, and finish activities that complete asynchronously.
import { jsonSerializer } from '../core/index.ts';
import {
  getWorkflowOptions,
  lastDecidedEventId,
  MAX_REASON_LENGTH,
  ReplayedRun,
  truncate,
  withHeaders,
} from '../core/engine.ts';
import type { Headers, WorkflowInterceptorFactory } from '../core/engine.ts';
import { interceptedStart, type ClientInterceptor } from './client-interceptors.ts';
import type { Serializer, WorkflowClass } from '../core/index.ts';
import { checkSchema, validateInput } from '../definitions/index.ts';
import type { PayloadStorage } from '../payloads/index.ts';
import type { Registry, WorkflowDefinition } from '../definitions/index.ts';
import { callSwf, durationString, getEventsAfter, getHistory, isFault } from '../swf/index.ts';
import type {
  CloseStatus,
  DescribeWorkflowExecutionCommandOutput,
  HistoryEvent,
  SWFClient,
  WorkflowExecutionInfo,
} from '../swf/index.ts';
import { silentLogger } from '../common/index.ts';
import type { Logger } from '../common/index.ts';
import { closeStatusOf, readEvent } from '../swf-model/index.ts';
import { InvalidInput, UnknownExecution, WorkflowExecutionFailed } from './errors.ts';
import type { ScheduleDescription, ScheduleSpec } from '../schedules/index.ts';
import { createSchedule, deleteSchedule, describeSchedule, listSchedules, signalSchedule } from './schedules.ts';
import type { ScheduleSummary } from './schedules.ts';

/** Options of {@link FlowyClient}. */
export interface FlowyClientOptions {
  client: SWFClient;
  domain: string;
  /** Used to find a workflow's defaults and schema when it is named rather than given as a class. */
  registry?: Registry;
  serializer?: Serializer;
  /** Any pino-compatible logger; what the client does to executions is logged at debug. */
  logger?: Logger;
  /** Wrap what the client sends (client-interceptors.ts), the first one outermost. */
  interceptors?: ClientInterceptor[];
  /** Workflow interceptors for the runs `query()` replays (their `query` method wraps each query), as on the decision workers. */
  workflowInterceptors?: WorkflowInterceptorFactory[];
  /**
   * How many runs `query()` keeps replayed (least recently used are dropped); default 50, 0 keeps
   * none. A later query of a kept run reads only the newer events and replays only when the
   * workflow decided again.
   */
  queryCacheSize?: number;
  /** Stores workflow inputs, signal payloads and activity results over its threshold, and resolves references in what it reads (src/payloads). */
  payloads?: PayloadStorage;
}

/** A workflow given as its class or as its SWF type. */
export type WorkflowRef = WorkflowClass | { name: string; version: string };

/** Options of {@link FlowyClient.startWorkflow}; anything not given comes from the workflow's options. */
export interface StartWorkflowOptions {
  workflowId?: string;
  taskList?: string;
  tags?: string[];
  executionStartToCloseTimeout?: number;
  taskStartToCloseTimeout?: number | 'NONE';
  childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
  /** Sent with the input, for the run's interceptors (WorkflowRunInput.headers); the input travels in an envelope then. */
  headers?: Headers;
}

/** An execution: its workflowId and, optionally, one run (default: the latest run). */
export interface ExecutionRef {
  workflowId: string;
  runId?: string;
}

/** A started execution. */
export interface Execution {
  workflowId: string;
  runId: string;
}

/** Filters of {@link FlowyClient.list}. `closed` lists closed runs, otherwise open ones. */
export interface ListOptions {
  closed?: boolean;
  workflowId?: string;
  workflowType?: { name: string; version?: string };
  tag?: string;
  closeStatus?: CloseStatus;
  /** Only runs started at or after this time; default: the last 30 days. */
  startedAfter?: Date;
  /** At most this many runs (newest first); default 100. */
  maxResults?: number;
}

/** Options of {@link FlowyClient.follow} and {@link FlowyClient.result}. */
export interface FollowOptions {
  /** How often the history is read while the run is open; default 500 ms. */
  pollIntervalMs?: number;
  /**
   * While nothing happens the interval grows (×1.5) up to this, to spare SWF's history
   * throttling on long waits; default 2000 ms (never below pollIntervalMs).
   */
  maxPollIntervalMs?: number;
  /** Called with every event as it is first seen, in order (across continue-as-new runs). */
  onEvent?: (event: HistoryEvent, execution: Execution) => void;
  signal?: AbortSignal;
}

/** Talks to SWF (or the local server) about executions of one domain. */
export class FlowyClient {
  readonly client: SWFClient;
  readonly domain: string;
  private readonly registry: Registry | undefined;
  private readonly serializer: Serializer;
  private readonly logger: Logger;
  private readonly interceptors: ClientInterceptor[];
  private readonly workflowInterceptors: WorkflowInterceptorFactory[];
  private readonly queryCacheSize: number;
  /** The payload store inputs and results over SWF's limit go to (undefined: none). */
  readonly payloads: PayloadStorage | undefined;
  /** Runs replayed for queries, with the events read so far; least recently used first. */
  private readonly replayedRuns = new Map<string, { events: HistoryEvent[]; run: ReplayedRun }>();

  constructor(options: FlowyClientOptions) {
    this.client = options.client;
    this.domain = options.domain;
    this.registry = options.registry;
    this.serializer = options.serializer ?? jsonSerializer;
    this.logger = (options.logger ?? silentLogger).child({ domain: options.domain });
    this.interceptors = options.interceptors ?? [];
    this.workflowInterceptors = options.workflowInterceptors ?? [];
    this.queryCacheSize = options.queryCacheSize ?? 50;
    this.payloads = options.payloads;
  }

  /**
   * Starts a run of `workflow` with `input` (checked against its input schema when known).
   * The workflowId defaults to `<name>-<uuid>`. Throws InvalidInput for bad input.
   */
  async startWorkflow(workflow: WorkflowRef, input: unknown, options: StartWorkflowOptions = {}): Promise<Execution> {
    const { definition, type } = this.checkedStart(workflow, input);
    const defaults = definition?.options;
    const workflowId = options.workflowId ?? `${type.name}-${crypto.randomUUID()}`;
    const taskList = options.taskList ?? defaults?.taskList;
    const start = interceptedStart(this.interceptors, async (call) => {
      const started = await callSwf(this.client, 'StartWorkflowExecution', {
        domain: this.domain,
        workflowId: call.workflowId,
        workflowType: call.workflowType,
        input: await this.offload(this.serializer.serialize(withHeaders(call.input, call.headers))),
        taskList: taskList ? { name: taskList } : undefined,
        tagList: options.tags,
        executionStartToCloseTimeout: durationString(
          options.executionStartToCloseTimeout ?? defaults?.executionStartToCloseTimeout,
        ),
        taskStartToCloseTimeout: durationString(options.taskStartToCloseTimeout ?? defaults?.taskStartToCloseTimeout),
        childPolicy: options.childPolicy ?? defaults?.childPolicy,
      });
      this.logger.debug(
        { workflowId: call.workflowId, runId: started.runId, workflowType: `${type.name}@${type.version}` },
        'workflow started',
      );
      return { workflowId: call.workflowId, runId: started.runId ?? '' };
    });
    const { workflowId: startedId, runId } = await start({
      workflowType: type,
      workflowId,
      input,
      headers: { ...options.headers },
    });
    return { workflowId: startedId, runId };
  }

  /**
   * Waits until the run closes and returns its result. A run that continued as new is followed
   * to its successor. Throws WorkflowExecutionFailed when it failed, was canceled or
   * terminated, or timed out.
   */
  async result(execution: ExecutionRef, options: FollowOptions = {}): Promise<unknown> {
    const { event, execution: last } = await this.follow(execution, options);
    if (event.eventType === 'WorkflowExecutionCompleted') {
      const where = `the result of execution ${last.workflowId} (run ${last.runId})`;
      return this.serializer.deserialize(
        await this.resolve(event.workflowExecutionCompletedEventAttributes?.result, where),
      );
    }
    throw failureOf(event, last);
  }

  /**
   * Reads the run's history as it grows until a close event other than continue-as-new, calling
   * `onEvent` for each event. Returns the close event and the run it closed.
   */
  async follow(
    execution: ExecutionRef,
    options: FollowOptions = {},
  ): Promise<{ event: HistoryEvent; execution: Execution }> {
    let current: Execution = {
      workflowId: execution.workflowId,
      runId: execution.runId ?? (await this.latestRunId(execution.workflowId)),
    };
    let lastEventId = 0;
    const baseInterval = options.pollIntervalMs ?? 500;
    const maxInterval = Math.max(baseInterval, options.maxPollIntervalMs ?? 2000);
    let interval = baseInterval;
    for (;;) {
      const events = await getEventsAfter(this.client, this.domain, current, lastEventId);
      let continued = false;
      for (const event of events) {
        lastEventId = event.eventId ?? lastEventId;
        options.onEvent?.(event, current);
        if (!closeStatusOf(event.eventType)) continue;
        if (event.eventType !== 'WorkflowExecutionContinuedAsNew') return { event, execution: current };
        const next = event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        if (!next) return { event, execution: current };
        this.logger.debug(
          { workflowId: current.workflowId, runId: current.runId, newRunId: next },
          'following the run it continued as',
        );
        current = { workflowId: current.workflowId, runId: next };
        lastEventId = 0;
        continued = true;
        break;
      }
      if (continued) continue;
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('Stopped following the workflow');
      interval = events.length > 0 ? baseInterval : Math.min(maxInterval, interval * 1.5);
      await delay(interval, options.signal);
    }
  }

  /** The workflow's definition and type, after checking `input` against its schema when known. */
  private checkedStart(
    workflow: WorkflowRef,
    input: unknown,
  ): { definition: WorkflowDefinition | undefined; type: { name: string; version: string } } {
    const definition = this.resolveWorkflow(workflow);
    const type = definition
      ? { name: definition.options.name, version: definition.options.version }
      : (workflow as { name: string; version: string });
    if (definition) {
      const problem = validateInput(definition, input);
      if (problem !== undefined) throw new InvalidInput(`Input of workflow "${type.name}" is invalid: ${problem}`);
    }
    return { definition, type };
  }

  /**
   * Signal-with-start: sends the signal `name` with `payload` to the open run of
   * `options.workflowId`, first starting a run of `workflow` with `input` when none is open.
   * SWF has no atomic form, so a start that loses a race with another starter
   * (WorkflowExecutionAlreadyStartedFault) signals the run that won; the signal is never dropped.
   * `started` says whether this call started the run.
   */
  async signalWithStart(
    workflow: WorkflowRef,
    input: unknown,
    signal: { name: string; payload?: unknown },
    options: StartWorkflowOptions & { workflowId: string },
  ): Promise<Execution & { started: boolean }> {
    this.checkedStart(workflow, input); // bad input changes nothing, even when the run is open
    const { workflowId } = options;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.signal({ workflowId }, signal.name, signal.payload);
        return { workflowId, runId: await this.latestRunId(workflowId), started: false };
      } catch (error) {
        if (!isFault(error, 'UnknownResourceFault') || attempt > 5) throw error;
      }
      let started: Execution;
      try {
        started = await this.startWorkflow(workflow, input, options);
      } catch (error) {
        if (isFault(error, 'WorkflowExecutionAlreadyStartedFault')) continue; // another starter won: signal its run
        throw error;
      }
      try {
        await this.signal(started, signal.name, signal.payload);
        return { ...started, started: true };
      } catch (error) {
        if (!isFault(error, 'UnknownResourceFault')) throw error; // the new run closed already: try again
      }
    }
  }

  /** Sends the signal `name` with `payload` (JSON) to the open run. */
  async signal(execution: ExecutionRef, name: string, payload?: unknown): Promise<void> {
    await callSwf(this.client, 'SignalWorkflowExecution', {
      domain: this.domain,
      workflowId: execution.workflowId,
      runId: execution.runId,
      signalName: name,
      input: await this.offload(this.serializer.serialize(payload)),
    });
    this.logger.debug({ workflowId: execution.workflowId, runId: execution.runId, signalName: name }, 'signal sent');
  }

  /**
   * Asks the open run to cancel; the workflow decides how (it may clean up first). With
   * `children: true` the request also goes to every open child run, recursively (SWF itself
   * applies child policies only on terminate and timeout). Returns the runs asked to cancel.
   */
  async cancel(execution: ExecutionRef, options: { children?: boolean } = {}): Promise<Execution[]> {
    const runId = execution.runId ?? (await this.latestRunId(execution.workflowId));
    await callSwf(this.client, 'RequestCancelWorkflowExecution', {
      domain: this.domain,
      workflowId: execution.workflowId,
      runId,
    });
    this.logger.debug({ workflowId: execution.workflowId, runId }, 'cancel requested');
    const canceled: Execution[] = [{ workflowId: execution.workflowId, runId }];
    if (!options.children) return canceled;
    for (const child of openChildren(await this.history({ workflowId: execution.workflowId, runId }))) {
      try {
        canceled.push(...(await this.cancel(child, options)));
      } catch (error) {
        // A child that closed meanwhile has nothing left to cancel.
        if (!(error instanceof Error && error.name === 'UnknownResourceFault')) throw error;
      }
    }
    return canceled;
  }

  /** Ends the open run at once; its children follow its child policy unless `childPolicy` is given. */
  async terminate(
    execution: ExecutionRef,
    options: { reason?: string; details?: string; childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON' } = {},
  ): Promise<void> {
    await callSwf(this.client, 'TerminateWorkflowExecution', {
      domain: this.domain,
      workflowId: execution.workflowId,
      runId: execution.runId,
      reason: options.reason === undefined ? undefined : truncate(options.reason, MAX_REASON_LENGTH),
      details: options.details,
      childPolicy: options.childPolicy,
    });
    this.logger.debug(
      { workflowId: execution.workflowId, runId: execution.runId, reason: options.reason },
      'run terminated',
    );
  }

  /** SWF's description of a run: status, configuration, open counts. */
  async describe(execution: ExecutionRef): Promise<DescribeWorkflowExecutionCommandOutput> {
    const runId = execution.runId ?? (await this.latestRunId(execution.workflowId));
    return callSwf(this.client, 'DescribeWorkflowExecution', {
      domain: this.domain,
      execution: { workflowId: execution.workflowId, runId },
    });
  }

  /** Every event of a run (the latest run when no runId is given), oldest first. */
  async history(execution: ExecutionRef): Promise<HistoryEvent[]> {
    const runId = execution.runId ?? (await this.latestRunId(execution.workflowId));
    return getHistory(this.client, this.domain, { workflowId: execution.workflowId, runId });
  }

  /**
   * Answers the query `name` (a `@query()` method of `workflow`) for a run, open or closed, by
   * replaying its history with today's code: no worker needs to run. The run is the latest one
   * unless `runId` is given. Throws the NonDeterminismError `flowy replay` gives when the code no
   * longer matches the history.
   * `const progress = await client.query(Order, { workflowId: 'order-1' }, 'progress');`
   */
  async query(workflow: WorkflowClass, execution: ExecutionRef, name: string, ...args: unknown[]): Promise<unknown> {
    const options = getWorkflowOptions(workflow);
    if (!options) throw new InvalidInput(`Class ${workflow.name} is not a workflow; decorate it with @workflow({...})`);
    const runId = execution.runId ?? (await this.latestRunId(execution.workflowId));
    const run = { workflowId: execution.workflowId, runId };
    const key = `${run.workflowId}\u0000${runId}`;
    const cached = this.replayedRuns.get(key);
    this.replayedRuns.delete(key);
    const isReusable = cached !== undefined && cached.run.workflow === workflow;
    let events: HistoryEvent[];
    if (isReusable) {
      // only the events after the ones read before (reverse pages down to them)
      const newer = await this.resolveEvents(
        await getEventsAfter(this.client, this.domain, run, cached.events.at(-1)?.eventId ?? 0),
        run,
      );
      events = newer.length > 0 ? [...cached.events, ...newer] : cached.events;
    } else {
      events = await this.resolveEvents(await getHistory(this.client, this.domain, run), run);
    }
    const type = events[0]?.workflowExecutionStartedEventAttributes?.workflowType;
    const expected = options.name ?? workflow.name;
    if (type?.name !== undefined && type.name !== expected) {
      throw new InvalidInput(
        `Execution ${run.workflowId} (run ${runId}) is a run of workflow "${type.name}@${type.version}", not of "${expected}"; query it with the class of "${type.name}"`,
      );
    }
    const replayed =
      isReusable && cached.run.lastDecidedEventId === lastDecidedEventId(events)
        ? cached.run
        : await ReplayedRun.replay(events, workflow, {
            execution: run,
            serializer: this.replaySerializer(),
            checkSchema,
            source: `of run ${runId}`,
            interceptors: this.workflowInterceptors,
          });
    if (this.queryCacheSize > 0) {
      this.replayedRuns.set(key, { events, run: replayed });
      while (this.replayedRuns.size > this.queryCacheSize)
        this.replayedRuns.delete(this.replayedRuns.keys().next().value!);
    }
    return replayed.query(name, args);
  }

  /** Creates the schedule `name` (see src/schedules): `createSchedule('nightly', { cron: '0 2 * * *', workflow: { name: 'Report', version: '1' } })`. */
  createSchedule(name: string, spec: ScheduleSpec): Promise<Execution> {
    return createSchedule(this, name, spec);
  }

  /** Every open schedule with its cron, workflow, pause state and next fire time. */
  listSchedules(): Promise<ScheduleSummary[]> {
    return listSchedules(this);
  }

  /** A schedule's spec, counts, next fire times and last runs with their outcome. */
  describeSchedule(name: string): Promise<ScheduleDescription> {
    return describeSchedule(this, name);
  }

  /** Stops a schedule from firing until resumed (fire times during the pause are skipped). */
  pauseSchedule(name: string): Promise<void> {
    return signalSchedule(this, name, 'pause');
  }

  /** Resumes a paused schedule from the next fire time on. */
  resumeSchedule(name: string): Promise<void> {
    return signalSchedule(this, name, 'resume');
  }

  /** Runs the schedule's workflow now (the overlap policy applies). */
  triggerSchedule(name: string): Promise<void> {
    return signalSchedule(this, name, 'trigger');
  }

  /** Deletes a schedule; runs it started go on. */
  deleteSchedule(name: string): Promise<void> {
    return deleteSchedule(this, name);
  }

  /** Open (default) or closed runs, newest first, with at most one of the filters. */
  async list(options: ListOptions = {}): Promise<WorkflowExecutionInfo[]> {
    const max = options.maxResults ?? 100;
    const startTimeFilter = { oldestDate: options.startedAfter ?? new Date(Date.now() - 30 * 24 * 3600 * 1000) };
    const closeStatusFilter = options.closeStatus ? { status: options.closeStatus } : undefined;
    if (closeStatusFilter && !options.closed)
      throw new InvalidInput('A close status filter only applies to closed runs; add --closed');
    // SWF_SPEC: a list call takes at most one of these filters. The first one given goes to SWF,
    // the others are applied here to the pages it returns.
    const candidates = {
      executionFilter: options.workflowId ? { workflowId: options.workflowId } : undefined,
      typeFilter: options.workflowType,
      tagFilter: options.tag ? { tag: options.tag } : undefined,
      closeStatusFilter,
    };
    const [serverFilter] = Object.entries(candidates).filter(([, value]) => value !== undefined);
    const filters = serverFilter ? { [serverFilter[0]]: serverFilter[1] } : {};
    const infos: WorkflowExecutionInfo[] = [];
    let nextPageToken: string | undefined;
    do {
      const request = {
        domain: this.domain,
        startTimeFilter,
        ...filters,
        maximumPageSize: Math.min(1000, max - infos.length),
        nextPageToken,
      };
      const page = options.closed
        ? await callSwf(this.client, 'ListClosedWorkflowExecutions', request)
        : await callSwf(this.client, 'ListOpenWorkflowExecutions', request);
      infos.push(...(page.executionInfos ?? []).filter((info) => matchesListFilter(info, options)));
      nextPageToken = page.nextPageToken || undefined;
    } while (nextPageToken && infos.length < max);
    return infos.slice(0, max);
  }

  /** Completes an activity that chose asynchronous completion, with `result` (JSON). */
  async completeActivity(taskToken: string, result: unknown): Promise<void> {
    await callSwf(this.client, 'RespondActivityTaskCompleted', {
      taskToken,
      result: await this.offload(this.serializer.serialize(result)),
    });
  }

  /** Fails an activity that chose asynchronous completion. */
  async failActivity(taskToken: string, reason: string, details?: string): Promise<void> {
    await callSwf(this.client, 'RespondActivityTaskFailed', {
      taskToken,
      reason: truncate(reason, MAX_REASON_LENGTH),
      details,
    });
  }

  /**
   * The runId of the open run with this workflowId, else of its most recently started closed run.
   * Only runs of that workflowId count, whatever comes back: a server that ignores executionFilter
   * answers with other workflows' runs too.
   */
  async latestRunId(workflowId: string): Promise<string> {
    const query = {
      domain: this.domain,
      startTimeFilter: { oldestDate: new Date(0) },
      executionFilter: { workflowId },
    };
    const isMine = (info: WorkflowExecutionInfo) =>
      info.execution?.workflowId === workflowId && Boolean(info.execution.runId);
    const newest = (infos: WorkflowExecutionInfo[]) =>
      infos.filter(isMine).sort((a, b) => (b.startTimestamp?.getTime() ?? 0) - (a.startTimestamp?.getTime() ?? 0))[0]
        ?.execution?.runId;
    const openRun = newest(
      await this.allPages((nextPageToken) =>
        callSwf(this.client, 'ListOpenWorkflowExecutions', { ...query, nextPageToken }),
      ),
    );
    if (openRun) return openRun;
    const closedRun = newest(
      await this.allPages((nextPageToken) =>
        callSwf(this.client, 'ListClosedWorkflowExecutions', { ...query, nextPageToken }),
      ),
    );
    if (closedRun) return closedRun;
    throw new UnknownExecution(this.domain, workflowId);
  }

  private async allPages(
    page: (
      nextPageToken: string | undefined,
    ) => Promise<{ executionInfos?: WorkflowExecutionInfo[]; nextPageToken?: string }>,
  ): Promise<WorkflowExecutionInfo[]> {
    const infos: WorkflowExecutionInfo[] = [];
    let nextPageToken: string | undefined;
    do {
      const answer = await page(nextPageToken);
      infos.push(...(answer.executionInfos ?? []));
      nextPageToken = answer.nextPageToken || undefined;
    } while (nextPageToken);
    return infos;
  }

  /** With a payload store, replayed code may produce payloads of any size (the run stored them). */
  private replaySerializer(): Serializer {
    return this.payloads ? { ...this.serializer, maxLength: Number.POSITIVE_INFINITY } : this.serializer;
  }

  private offload(text: string | undefined): Promise<string | undefined> {
    return this.payloads ? this.payloads.offload(text) : Promise.resolve(text);
  }

  private resolveEvents(events: HistoryEvent[], run: Execution): Promise<HistoryEvent[]> {
    return this.payloads ? this.payloads.resolveEvents(events, run) : Promise.resolve(events);
  }

  private resolve(text: string | undefined, where: string): Promise<string | undefined> {
    return this.payloads ? this.payloads.resolve(text, where) : Promise.resolve(text);
  }

  private resolveWorkflow(workflow: WorkflowRef): WorkflowDefinition | undefined {
    if (typeof workflow === 'function') {
      const options = getWorkflowOptions(workflow);
      if (!options)
        throw new InvalidInput(`Class ${workflow.name} is not a workflow; decorate it with @workflow({...})`);
      return { options, cls: workflow };
    }
    return this.registry?.findWorkflow(workflow.name, workflow.version);
  }
}

/** The filter checked again on what came back: a server may ignore a filter and answer with every run. */
function matchesListFilter(info: WorkflowExecutionInfo, options: ListOptions): boolean {
  const { workflowId, workflowType, tag, closeStatus } = options;
  if (workflowId !== undefined && info.execution?.workflowId !== workflowId) return false;
  if (
    workflowType &&
    (info.workflowType?.name !== workflowType.name ||
      (workflowType.version !== undefined && info.workflowType?.version !== workflowType.version))
  )
    return false;
  if (tag !== undefined && !(info.tagList ?? []).includes(tag)) return false;
  return closeStatus === undefined || info.closeStatus === closeStatus;
}

/** Children of a run that started and have not closed, from its history. */
export function openChildren(events: HistoryEvent[]): Execution[] {
  const views = events.map(readEvent);
  const closed = new Set<number>();
  for (const view of views) {
    if (
      view?.kind === 'child' &&
      view.eventType !== 'ChildWorkflowExecutionStarted' &&
      view.initiatedEventId !== undefined
    ) {
      closed.add(view.initiatedEventId);
    }
  }
  const open: Execution[] = [];
  for (const view of views) {
    if (view?.eventType !== 'ChildWorkflowExecutionStarted' || closed.has(view.initiatedEventId ?? -1)) continue;
    const { workflowId, runId } = view.attributes.workflowExecution ?? {};
    if (workflowId && runId) open.push({ workflowId, runId });
  }
  return open;
}

/** The WorkflowExecutionFailed error for a close event other than completion. */
function failureOf(event: HistoryEvent, execution: Execution): WorkflowExecutionFailed {
  switch (event.eventType) {
    case 'WorkflowExecutionFailed':
      return new WorkflowExecutionFailed({
        closeStatus: 'FAILED',
        reason: event.workflowExecutionFailedEventAttributes?.reason,
        details: event.workflowExecutionFailedEventAttributes?.details,
        execution,
      });
    case 'WorkflowExecutionCanceled':
      return new WorkflowExecutionFailed({
        closeStatus: 'CANCELED',
        details: event.workflowExecutionCanceledEventAttributes?.details,
        execution,
      });
    case 'WorkflowExecutionTerminated': {
      const a = event.workflowExecutionTerminatedEventAttributes;
      return new WorkflowExecutionFailed({
        closeStatus: 'TERMINATED',
        reason: a?.reason ?? a?.cause,
        details: a?.details,
        execution,
      });
    }
    default:
      return new WorkflowExecutionFailed({
        closeStatus: 'TIMED_OUT',
        reason: event.workflowExecutionTimedOutEventAttributes?.timeoutType,
        execution,
      });
  }
}

/** Resolves after `ms` or when `signal` aborts, whichever is first, leaving no listener behind. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
