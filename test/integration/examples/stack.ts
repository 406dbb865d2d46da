// A whole flowy stack in one process for integration tests: the local server (manual clock by
// default) reached through the real SDK over its in-process transport, the scanned example
// workflows and activities, decision and activity workers, and the client.
import { fileURLToPath } from 'node:url';
import type { HistoryEvent, SWFClient } from '@aws-sdk/client-swf';
import type { Execution, FlowyClient } from '../../../src/client/index.ts';
import { scan } from '../../../src/definitions/index.ts';
import type { Registry } from '../../../src/definitions/index.ts';
import { startEmbeddedStack } from '../../../src/embedded/index.ts';
import type { PayloadStorage } from '../../../src/payloads/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createLogger } from '../../../src/common/index.ts';
import type { Logger, WorkerObserver } from '../../../src/common/index.ts';
import type { ActivityFunction } from '../../../src/worker/index.ts';

/** The repository root (where workflows/ and activities/ are). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Options of {@link startStack}. */
export interface StackOptions {
  clock?: 'manual' | 'system';
  /** Activity task lists served besides the scanned ones (e.g. per-agent lists). */
  activityTaskLists?: string[];
  overrides?: Record<string, ActivityFunction>;
  observer?: WorkerObserver;
  /** Start no workers (the test starts its own). */
  withoutWorkers?: boolean;
  /** Concurrent polls of each decision worker; default 1. */
  pollers?: number;
  domain?: string;
  /** Payload store of the workers and the client (none by default). */
  payloads?: PayloadStorage;
}

/** A running stack; always `close()` it. */
export interface Stack {
  server: LocalServer;
  swf: SWFClient;
  client: FlowyClient;
  registry: Registry;
  domain: string;
  /** Log lines the workers wrote (JSON). */
  logs: string[];
  logger: Logger;
  startWorkers(): void;
  stopWorkers(): Promise<void>;
  /** Waits for the run to close, skipping time while nothing else can happen; returns the close event. */
  closeEvent(execution: Execution, options?: { skipTime?: boolean }): Promise<HistoryEvent>;
  /** Waits until `predicate` holds for the run's history (no time skipping). */
  waitForHistory(
    execution: Execution,
    predicate: (events: HistoryEvent[]) => boolean,
    what: string,
  ): Promise<HistoryEvent[]>;
  close(): Promise<void>;
}

/** Starts the stack over the example folders. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const registry = await scan(['workflows', 'activities'], { cwd: ROOT });
  const logs: string[] = [];
  const logger = createLogger({
    format: 'json',
    level: 'debug',
    stream: { write: (line: string) => logs.push(line) } as unknown as NodeJS.WritableStream,
  });
  const stack = await startEmbeddedStack({
    registry,
    domain: options.domain ?? 'examples',
    clock: options.clock ?? 'manual',
    longPollMs: 500,
    activityTaskLists: options.activityTaskLists,
    overrides: options.overrides,
    observer: options.observer,
    pollers: options.pollers,
    logger,
    clientOptions: { env: {} },
    startWorkers: !options.withoutWorkers,
    payloads: options.payloads,
  });
  const { server, client } = stack;

  const closeEvent = async (execution: Execution, closeOptions: { skipTime?: boolean } = {}) => {
    const following = client.follow(execution, { pollIntervalMs: 10, maxPollIntervalMs: 20 });
    if (closeOptions.skipTime ?? true) await stack.skipTimeWhile(following);
    return (await following).event;
  };

  const waitForHistory = async (execution: Execution, predicate: (events: HistoryEvent[]) => boolean, what: string) => {
    for (let i = 0; i < 2000; i += 1) {
      const events = await client.history(execution);
      if (predicate(events)) return events;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`gave up waiting for ${what} in ${execution.workflowId}`);
  };

  return {
    server,
    swf: stack.swf,
    client,
    registry,
    domain: stack.domain,
    logs,
    logger,
    startWorkers: stack.startWorkers,
    stopWorkers: stack.stopWorkers,
    closeEvent,
    waitForHistory,
    close: stack.close,
  };
}

/** The eventTypes of a history, in order. */
export function eventTypes(events: HistoryEvent[]): string[] {
  return events.map((e) => e.eventType ?? '');
}
