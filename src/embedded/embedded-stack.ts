// The whole of flowy in one process: the local server (in memory), an SDK client on its
// in-process transport, the types registered, one decision worker per workflow task list and one
// activity worker per activity task list, and a FlowyClient. `flowy run`, TestEnvironment and the
// examples' integration tests are this stack with different options.
import { FlowyClient } from '../client/index.ts';
import type { ClientInterceptor } from '../client/index.ts';
import type { Registry } from '../definitions/index.ts';
import { resolveActivityOptions } from '../core/engine.ts';
import type { WorkflowInterceptorFactory } from '../core/engine.ts';
import { startLocalServer } from '../local/index.ts';
import type { LocalServer } from '../local/index.ts';
import type { PayloadStorage } from '../payloads/index.ts';
import { createSwfClient, registerActivityType, registerAll } from '../swf/index.ts';
import type { SWFClient, SwfClientOptions } from '../swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../worker/index.ts';
import type { ActivityFunction, ActivityInterceptor, DecisionTaskInterceptor } from '../worker/index.ts';
import { silentLogger } from '../common/index.ts';
import type { Logger, WorkerObserver } from '../common/index.ts';
import { skipTimeUntil } from './time-skipping.ts';

/** An activity type known by name only, registered without a class (a test double implements it). */
export interface ActivityTypeRef {
  name: string;
  version: string;
  taskList?: string;
}

/** Options of {@link startEmbeddedStack}. */
export interface EmbeddedStackOptions {
  /** The workflow and activity classes the workers run. */
  registry: Registry;
  domain: string;
  /** 'manual' only moves when advanced (time skipping); default 'system'. */
  clock?: 'system' | 'manual';
  /** The manual clock's start; default the current time. */
  startTime?: Date;
  /** How long an empty poll waits; short, so that stopping does not wait on polls. Default 1000. */
  longPollMs?: number;
  /** Activity types registered without a class, served on their task lists. */
  activityTypes?: ActivityTypeRef[];
  /** Activity task lists served besides the activities' own (calls that pick a task list). */
  activityTaskLists?: string[];
  /** Implementations by activity name that replace the classes; read at each task. */
  overrides?: Record<string, ActivityFunction>;
  logger?: Logger;
  observer?: WorkerObserver;
  /** Interceptors of the client and of every worker (e.g. the four of flowy-ts/tracing). */
  interceptors?: StackInterceptors;
  /** Concurrent polls of each decision worker; default 1. */
  pollers?: number;
  /** Activities run at the same time per activity task list; default 4. */
  concurrency?: number;
  /** Time running activities get to finish when the stack stops; default 2000 ms. */
  shutdownGraceMs?: number;
  /** The identity a worker reports, by kind and task list; default the host and pid. */
  identity?: (kind: 'decision' | 'activity', taskList: string) => string | undefined;
  /** How the SDK client is made (environment, retries); endpoint and transport are the server's. */
  clientOptions?: Omit<SwfClientOptions, 'endpoint' | 'requestHandler'>;
  /** Start the workers now; default true. */
  startWorkers?: boolean;
  /** Where payloads over the threshold go (workers and client share it); default none. */
  payloads?: PayloadStorage;
}

/** Interceptors for each part of a stack, the first of each list outermost. */
export interface StackInterceptors {
  client?: ClientInterceptor[];
  workflow?: WorkflowInterceptorFactory[];
  decisionTask?: DecisionTaskInterceptor[];
  activity?: ActivityInterceptor[];
}

/** A running stack; always `close()` it. */
export interface EmbeddedStack {
  server: LocalServer;
  swf: SWFClient;
  client: FlowyClient;
  registry: Registry;
  domain: string;
  /** Starts one worker per task list (again after stopWorkers()). */
  startWorkers(): void;
  /** Stops the workers and waits for them. */
  stopWorkers(): Promise<void>;
  /** With the manual clock: jumps to the next deadline whenever nothing runs, until `running` settles. */
  skipTimeWhile(running: Promise<unknown>): Promise<void>;
  /** Stops the workers, the client and the server. */
  close(): Promise<void>;
}

/** Starts the server, registers the types and (unless told not to) starts the workers. */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { registry, domain } = options;
  const logger = options.logger ?? silentLogger;
  const server = await startLocalServer({
    clock: options.clock ?? 'system',
    longPollMs: options.longPollMs ?? 1_000,
    logger,
  });
  let swf: SWFClient | undefined;
  try {
    if (options.startTime) await server.clock.advanceTo(options.startTime);
    swf = createSwfClient({ ...options.clientOptions, endpoint: server.url, requestHandler: server.requestHandler });
    await registerAll(swf, domain, registry);
    for (const ref of options.activityTypes ?? []) {
      await registerActivityType(swf, domain, {
        options: resolveActivityOptions(ref.name, ref),
        cls: class Unimplemented {
          run() {}
        },
      });
    }
  } catch (error) {
    swf?.destroy();
    await server.close();
    throw error;
  }
  const interceptors = options.interceptors ?? {};
  const client = new FlowyClient({
    client: swf,
    domain,
    registry,
    logger,
    interceptors: interceptors.client,
    payloads: options.payloads,
  });
  const decisionLists = new Set(registry.workflows().map((w) => w.options.taskList));
  const activityLists = new Set([
    ...registry.activities().map((a) => a.options.taskList),
    ...(options.activityTypes ?? []).map((ref) => ref.taskList ?? 'default'),
    ...(options.activityTaskLists ?? []),
  ]);
  let workers: (DecisionWorker | ActivityWorker)[] = [];
  let running: Promise<unknown> = Promise.resolve();
  const common = { client: swf, domain, registry, logger, observer: options.observer, payloads: options.payloads };

  const stack: EmbeddedStack = {
    server,
    swf,
    client,
    registry,
    domain,
    startWorkers() {
      workers = [
        ...[...decisionLists].map(
          (taskList) =>
            new DecisionWorker({
              ...common,
              taskList,
              pollers: options.pollers,
              identity: options.identity?.('decision', taskList),
              workflowInterceptors: interceptors.workflow,
              decisionTaskInterceptors: interceptors.decisionTask,
            }),
        ),
        ...[...activityLists].map(
          (taskList) =>
            new ActivityWorker({
              ...common,
              taskList,
              identity: options.identity?.('activity', taskList),
              concurrency: options.concurrency ?? 4,
              overrides: options.overrides,
              shutdownGraceMs: options.shutdownGraceMs ?? 2_000,
              interceptors: interceptors.activity,
            }),
        ),
      ];
      running = Promise.all(workers.map((worker) => worker.start()));
    },
    async stopWorkers() {
      const stopping = workers;
      workers = [];
      await Promise.all(stopping.map((worker) => worker.stop()));
      await running;
    },
    async skipTimeWhile(work) {
      let settled = false;
      work.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled) {
        // 'idle' with nothing to skip to: the run waits for something outside (a signal); look again soon.
        if ((await skipTimeUntil(server, () => settled, { intervalMs: 5 })) === 'idle') {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    },
    async close() {
      try {
        await stack.stopWorkers();
      } finally {
        stack.swf.destroy();
        await server.close();
      }
    },
  };
  if (options.startWorkers ?? true) stack.startWorkers();
  return stack;
}
