import { readFile } from 'node:fs/promises';
import type { HistoryEvent } from '../core/engine.ts';

/** The execution a recorded history belongs to (history events do not carry it). */
export interface ExecutionRef {
  workflowId?: string;
  runId?: string;
}

/**
 * A history as written to disk. Accepted shapes: what `flowy history --json` writes (the events
 * with the run's ids beside them: `{ workflowExecution: { workflowId, runId }, events }`), the raw
 * GetWorkflowExecutionHistory output `{ events: [...] }`, and a plain array of events.
 */
export type HistorySource =
  | string
  | readonly HistoryEvent[]
  | { events: readonly HistoryEvent[]; workflowExecution?: ExecutionRef; workflowId?: string; runId?: string };

/** A loaded history: its events in eventId order, the run's ids when known, and where it came from. */
export interface LoadedHistory {
  events: HistoryEvent[];
  execution: ExecutionRef;
  /** the file path, or "the given events" */
  source: string;
}

/**
 * Reads a history from a file path or takes it as given, in any of the HistorySource shapes.
 * Throws an Error naming the file and the expected shape when it is not a history.
 */
export async function loadHistory(input: HistorySource): Promise<LoadedHistory> {
  if (typeof input === 'string') {
    let text: string;
    try {
      text = await readFile(input, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(
        `Cannot read history file "${input}" (${code}); record one with "flowy history <workflowId> --json > ${input}"`,
        { cause: error },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `History file "${input}" is not JSON (${(error as Error).message}); it should hold what "flowy history --json" writes`,
        { cause: error },
      );
    }
    return fromValue(parsed, `"${input}"`);
  }
  return fromValue(input, 'the given events');
}

function fromValue(value: unknown, source: string): LoadedHistory {
  let events: unknown;
  let execution: ExecutionRef = {};
  if (Array.isArray(value)) {
    events = value;
  } else if (value && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)) {
    const object = value as { events: unknown; workflowExecution?: ExecutionRef; workflowId?: string; runId?: string };
    events = object.events;
    execution = {
      workflowId: object.workflowExecution?.workflowId ?? object.workflowId,
      runId: object.workflowExecution?.runId ?? object.runId,
    };
  } else {
    throw new Error(
      `History ${source} is not a history: expected an array of events or { events: [...] } (what "flowy history --json" or GetWorkflowExecutionHistory return)`,
    );
  }
  const list = events as unknown[];
  list.forEach((event, index) => {
    const e = event as { eventId?: unknown; eventType?: unknown } | null;
    if (!e || typeof e !== 'object' || typeof e.eventType !== 'string' || typeof e.eventId !== 'number') {
      throw new Error(
        `History ${source}: entry ${index} is not a history event (it needs a numeric eventId and an eventType)`,
      );
    }
  });
  if (list.length === 0) throw new Error(`History ${source} has no events`);
  const sorted = [...(list as HistoryEvent[])].sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
  if (sorted[0]!.eventType !== 'WorkflowExecutionStarted') {
    throw new Error(
      `History ${source} does not begin with WorkflowExecutionStarted (its first event is ${sorted[0]!.eventType} ${sorted[0]!.eventId}); replay needs the whole history of the run`,
    );
  }
  return { events: sorted, execution, source };
}
