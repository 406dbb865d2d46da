// A whole flowy stack in one process for integration tests: the local server (manual clock by
// default) reached through the real SDK over its in-process transport, the scanned example
// workflows and activities, decision and activity workers, and the client.
import { fileURLToPath } from 'node:url';
import type { HistoryEvent, SWFClient } from '@aws-sdk/client-swf';
import { FlowyClient } from '../../../src/client/index.ts';
import type { Execution } from '../../../src/client/index.ts';
import { scan } from '../../../src/definitions/index.ts';
import type { Registry } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { skipTimeUntil } from '../../../src/testing/index.ts';
import { createLogger } from '../../../src/common/index.ts';
import type { Logger, WorkerObserver } from '../../../src/common/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';
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
  waitForHistory(execution: Execution, predicate: (events: HistoryEvent[]) => boolean, what: string): Promise<HistoryEvent[]>;
  close(): Promise<void>;
}

/** Starts the stack over the example folders. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const server = await startLocalServer({ clock: options.clock ?? 'manual', longPollMs: 500 });
  const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
  const domain = options.domain ?? 'examples';
  const registry = await scan(['workflows', 'activities'], { cwd: ROOT });
  await registerAll(swf, domain, registry);
  const logs: string[] = [];
  const logger = createLogger({ format: 'json', level: 'debug', stream: { write: (line: string) => logs.push(line) } as unknown as NodeJS.WritableStream });
  const client = new FlowyClient({ client: swf, domain, registry });
  let workers: (DecisionWorker | ActivityWorker)[] = [];
  let running: Promise<unknown> = Promise.resolve();

  const startWorkers = () => {
    const decisionLists = [...new Set(registry.workflows().map((w) => w.options.taskList))];
    const activityLists = [...new Set([...registry.activities().map((a) => a.options.taskList), ...(options.activityTaskLists ?? [])])];
    workers = [
      ...decisionLists.map((taskList) => new DecisionWorker({ client: swf, domain, taskList, registry, logger, observer: options.observer, pollers: options.pollers })),
      ...activityLists.map(
        (taskList) =>
          new ActivityWorker({ client: swf, domain, taskList, registry, logger, concurrency: 4, overrides: options.overrides, observer: options.observer, shutdownGraceMs: 2000 }),
      ),
    ];
    running = Promise.all(workers.map((w) => w.start()));
  };
  const stopWorkers = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await running;
    workers = [];
  };
  if (!options.withoutWorkers) startWorkers();

  const closeEvent = async (execution: Execution, closeOptions: { skipTime?: boolean } = {}) => {
    let closed = false;
    const following = client.follow(execution, { pollIntervalMs: 10, maxPollIntervalMs: 20 }).finally(() => {
      closed = true;
    });
    if (closeOptions.skipTime ?? true) {
      while (!closed) {
        const outcome = await skipTimeUntil(server, () => closed, { intervalMs: 5 });
        if (outcome === 'idle') await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
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
    swf,
    client,
    registry,
    domain,
    logs,
    logger,
    startWorkers,
    stopWorkers,
    closeEvent,
    waitForHistory,
    close: async () => {
      await stopWorkers();
      swf.destroy();
      await server.close();
    },
  };
}

/** The eventTypes of a history, in order. */
export function eventTypes(events: HistoryEvent[]): string[] {
  return events.map((e) => e.eventType ?? '');
}
