// Output that activities send to their run as signals while they work (the job tree's scripts
// send `output` signals): read from the histories of a run and of its children, as it grows.
import type { HistoryEvent } from '../core/engine.ts';
import type { Execution, ExecutionRef, FlowyClient } from './flowy-client.ts';

/** Text one run received, in history order. */
export interface OutputChunk {
  execution: Execution;
  text: string;
}

const CLOSE_EVENTS = new Set([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionContinuedAsNew',
]);

interface Followed {
  execution: Execution;
  lastEventId: number;
  isClosed: boolean;
}

/**
 * Reads the `signalName` signals (payload `{ text }`, or any JSON) of a run and of every child it
 * started, and returns on each `next()` what arrived since the previous call.
 */
export class RunOutputReader {
  private readonly followed: Followed[] = [];
  private root: Execution | undefined;

  constructor(
    private readonly client: FlowyClient,
    private readonly rootRef: ExecutionRef,
    private readonly signalName = 'output',
  ) {}

  /** The run being read (its runId resolved on the first `next()`). */
  get execution(): Execution | undefined {
    return this.root;
  }

  /** New output since the last call, and whether the run or any of its children is still open. */
  async next(): Promise<{ chunks: OutputChunk[]; isOpen: boolean }> {
    if (!this.root) {
      this.root = {
        workflowId: this.rootRef.workflowId,
        runId: this.rootRef.runId ?? (await this.client.latestRunId(this.rootRef.workflowId)),
      };
      this.followed.push({ execution: this.root, lastEventId: 0, isClosed: false });
    }
    const chunks: OutputChunk[] = [];
    // children found on the way are read in the same pass (the array grows while iterated)
    for (const run of this.followed) {
      if (run.isClosed) continue;
      const events = (await this.client.history(run.execution)) as HistoryEvent[];
      for (const event of events) {
        if ((event.eventId ?? 0) <= run.lastEventId) continue;
        run.lastEventId = event.eventId ?? run.lastEventId;
        const signaled = event.workflowExecutionSignaledEventAttributes;
        if (event.eventType === 'WorkflowExecutionSignaled' && signaled?.signalName === this.signalName) {
          chunks.push({ execution: run.execution, text: textOf(signaled.input) });
        }
        const child = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
        if (child?.workflowId && child.runId) {
          this.followed.push({
            execution: { workflowId: child.workflowId, runId: child.runId },
            lastEventId: 0,
            isClosed: false,
          });
        }
        if (CLOSE_EVENTS.has(event.eventType ?? '')) run.isClosed = true;
      }
    }
    return { chunks, isOpen: this.followed.some((run) => !run.isClosed) };
  }
}

/** The `text` of a `{ text }` payload, else the payload itself. */
function textOf(input: string | undefined): string {
  if (input === undefined) return '';
  try {
    const parsed = JSON.parse(input) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { text?: unknown }).text === 'string')
      return (parsed as { text: string }).text;
    return typeof parsed === 'string' ? parsed : `${input}\n`;
  } catch {
    return input;
  }
}
