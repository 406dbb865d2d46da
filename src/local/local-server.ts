// startLocalServer: the SWF-compatible server, over TCP and in process (docs/INTERFACES.md).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HttpHandler } from '@smithy/core/protocols';
import { ManualClock, SystemClock, type Clock } from './clock.ts';
import { Store } from './store/store.ts';
import { SwfEngine } from './engine.ts';
import { listen } from './protocol/http-server.ts';
import { createRequestHandler } from './protocol/request-handler.ts';
import { createDirectCalls } from './protocol/direct.ts';
import { DIRECT_CALLS, type DirectCalls } from '../swf-model/index.ts';
import type { TestControls } from './protocol/dispatch.ts';
import { SwfFault } from './faults.ts';
import { createLogger } from '../common/index.ts';
import type { Logger } from '../common/index.ts';

/** Options of startLocalServer. */
export interface LocalServerOptions {
  /** File path or ':memory:' (default). */
  db?: string;
  /** Default '127.0.0.1' (loopback only). */
  host?: string;
  /** Default 0 = a free port. */
  port?: number;
  /** How long an empty poll waits; default 60000 (SWF_SPEC 8.2). */
  longPollMs?: number;
  /** Enables POST /_local/reset and GET|POST /_local/clock. */
  testControls?: boolean;
  /** 'manual' only moves when advanced. */
  clock?: 'system' | 'manual';
  /** Used in domain ARNs; default 123456789012. */
  accountId?: string;
  /** Used in domain ARNs; default us-east-1. */
  region?: string;
  /** Where internal failures are reported; default: JSON lines on stderr at level info. */
  logger?: Logger;
  /**
   * Answers the requests that are not the SWF protocol on the same port (`flowy dev` mounts the
   * web UI here): those for which `accepts(method, path)` is true.
   */
  browser?: BrowserRequests;
}

/** Another HTTP handler sharing the server's port, for the requests it accepts. */
export interface BrowserRequests {
  accepts(method: string | undefined, path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** The server's time, advanceable when the clock is manual. */
export interface LocalServerClock {
  now(): Date;
  /** Moves a manual clock forward, firing every deadline on the way before resolving. */
  advance(seconds: number): Promise<void>;
  advanceTo(date: Date): Promise<void>;
}

/** A running local server. */
export interface LocalServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /**
   * In-process transport for the SDK (no TCP). It also carries the server's operations as plain
   * calls (DIRECT_CALLS), which clients of createSwfClient use instead of HTTP and JSON.
   */
  requestHandler: HttpHandler & { [DIRECT_CALLS]: DirectCalls };
  clock: LocalServerClock;
  /** What is left to do: scheduled and started tasks and the next deadline (for time skipping). */
  pendingWork(): { scheduledTasks: number; startedTasks: number; nextDeadline?: Date };
  /** Forgets all domains, types and executions. */
  reset(): void;
  /** Calls served and database commits (each one fsync on a file database) since start. */
  stats(): { calls: number; commits: number };
  /** Stops listening, answers waiting polls, closes the database. */
  close(): Promise<void>;
}

function serverClock(clock: Clock, engine: SwfEngine): LocalServerClock {
  const advanceTo = async (date: Date) => {
    if (!(clock instanceof ManualClock)) {
      throw new SwfFault(
        'ValidationException',
        'The local server runs on the system clock; start it with clock: "manual" (flowy dev --clock manual) to advance time',
      );
    }
    engine.advanceTo(date.getTime(), (ms) => clock.set(ms));
  };
  return {
    now: () => new Date(clock.nowMs()),
    advance: (seconds: number) => advanceTo(new Date(clock.nowMs() + seconds * 1000)),
    advanceTo,
  };
}

/** Starts the server: opens (or creates) the database, resumes every open execution, listens. */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const store = new Store({ path: options.db ?? ':memory:' });
  const clock: Clock = options.clock === 'manual' ? new ManualClock() : new SystemClock();
  const engine = new SwfEngine(
    store,
    clock,
    {
      accountId: options.accountId ?? '123456789012',
      region: options.region ?? 'us-east-1',
    },
    options.longPollMs ?? 60_000,
    options.logger ?? createLogger(),
  );
  const publicClock = serverClock(clock, engine);
  const controls: TestControls | undefined = options.testControls
    ? {
        reset: () => engine.reset(),
        clock: () => ({ now: publicClock.now(), kind: clock.kind }),
        advance: (seconds) => publicClock.advance(seconds),
        advanceTo: (date) => publicClock.advanceTo(date),
      }
    : undefined;
  let server: Server;
  let url: string;
  try {
    ({ server, url } = await listen(engine, controls, options.host ?? '127.0.0.1', options.port ?? 0, options.browser));
  } catch (error) {
    store.close();
    throw error;
  }
  // deadlines that passed while the server was down fire now, stamped with their own time
  engine.armTimer();
  let closing: Promise<void> | undefined;
  return {
    url,
    requestHandler: Object.assign(createRequestHandler(engine, controls), {
      [DIRECT_CALLS]: createDirectCalls(engine),
    }),
    clock: publicClock,
    pendingWork: () => engine.pendingWork(),
    reset: () => engine.reset(),
    stats: () => ({ calls: engine.counters.calls, commits: store.counters.commits }),
    close: () => {
      closing ??= (async () => {
        engine.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })();
      return closing;
    },
  };
}
