// End to end through the framework: executions of sequential activities (real @workflow/@activity,
// real workers), in one process with a file database and as `flowy dev` + worker processes over
// loopback HTTP. Prints steps/s, CPU ms per step per process, the latency of one 10-step
// execution, API calls and fsync'd commits per step, the 1,000-step vs 10-step cost per step and
// an activity worker with concurrency 500.
// Run: npm run bench -- e2e   (E2E_REPEATS=n, E2E_EXECUTIONS=n, E2E_ONLY=one|processes to narrow)
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CountClosedWorkflowExecutionsCommand, GetWorkflowExecutionHistoryCommand } from '@aws-sdk/client-swf';
import { FlowyClient } from '../src/client/index.ts';
import { scan } from '../src/definitions/index.ts';
import type { Registry } from '../src/definitions/index.ts';
import { startLocalServer } from '../src/local/index.ts';
import { createSwfClient, registerAll } from '../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../src/worker/index.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE = join(ROOT, 'bench/e2e-fixture');
const REPEATS = Number(process.env.E2E_REPEATS ?? 3);
const EXECUTIONS = Number(process.env.E2E_EXECUTIONS ?? 200);
const STEPS = 10;
const ONLY = process.env.E2E_ONLY;
/** Worker settings of both setups. */
const DECISION_POLLERS = 4;
const ACTIVITY_CONCURRENCY = 32;
const CLOCK_TICK_MS = 10; // /proc/<pid>/stat counts CPU in 1/100 s

interface Throughput {
  steps: number;
  wallMs: number;
  /** CPU ms by process name. */
  cpuMs: Record<string, number>;
  calls: number;
  commits: number;
}

/** Servers older than stats() (to measure a baseline checkout with this file) count nothing. */
const statsOf = (server: { stats?: () => { calls: number; commits: number } }) =>
  server.stats?.() ?? { calls: NaN, commits: NaN };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Counts CompleteWorkflowExecution decisions of a worker in this process. */
class Completions {
  count = 0;
  private waiters: { target: number; resolve: () => void }[] = [];
  readonly observer = {
    decisionTaskCompleted: (e: { decisions: string[] }) => {
      if (!e.decisions.includes('CompleteWorkflowExecution')) return;
      this.count += 1;
      for (const w of [...this.waiters]) {
        if (this.count >= w.target) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
  };
  until(target: number): Promise<void> {
    if (this.count >= target) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }
}

/** The one-process stack: embedded server on a file database, both workers, in-process transport. */
async function oneProcessStack(registry: Registry) {
  const dir = mkdtempSync(join(tmpdir(), 'flowy-e2e-'));
  const server = await startLocalServer({ db: join(dir, 'swf.db') });
  const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, maxAttempts: 1 });
  const domain = 'bench';
  await registerAll(swf, domain, registry);
  const completions = new Completions();
  const workers = [
    new DecisionWorker({
      client: swf,
      domain,
      taskList: 'bench-decisions',
      registry,
      pollers: DECISION_POLLERS,
      observer: completions.observer,
    }),
    new ActivityWorker({
      client: swf,
      domain,
      taskList: 'bench-activities',
      registry,
      concurrency: ACTIVITY_CONCURRENCY,
    }),
  ];
  const running = Promise.all(workers.map((w) => w.start()));
  const client = new FlowyClient({ client: swf, domain, registry });
  return {
    server,
    client,
    completions,
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await running;
      swf.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function oneProcessThroughput(registry: Registry, executions: number, steps: number): Promise<Throughput> {
  const stack = await oneProcessStack(registry);
  try {
    const Chain = registry.findWorkflow('BenchChain')!.cls;
    const before = statsOf(stack.server);
    const cpu = cpuNow();
    const t = performance.now();
    await Promise.all(Array.from({ length: executions }, () => stack.client.startWorkflow(Chain, { steps })));
    await stack.completions.until(executions);
    const wallMs = performance.now() - t;
    const after = statsOf(stack.server);
    return {
      steps: executions * steps,
      wallMs,
      cpuMs: { 'one process': cpuNow() - cpu },
      calls: after.calls - before.calls,
      commits: after.commits - before.commits,
    };
  } finally {
    await stack.close();
  }
}

/** CPU per step of `runs` executions of `steps` activities run one after the other, in one process. */
async function oneProcessSequentialCost(
  registry: Registry,
  runs: number,
  steps: number,
): Promise<{ cpuMsPerStep: number; callsPerStep: number; latencyMs: number[] }> {
  const stack = await oneProcessStack(registry);
  try {
    const Chain = registry.findWorkflow('BenchChain')!.cls;
    // warm up: the first execution loads and compiles the code paths
    await stack.client.startWorkflow(Chain, { steps: 3 });
    await stack.completions.until(1);
    const before = statsOf(stack.server);
    const cpu = cpuNow();
    const latencyMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await stack.client.startWorkflow(Chain, { steps });
      await stack.completions.until(i + 2);
      latencyMs.push(performance.now() - t);
    }
    const after = statsOf(stack.server);
    return {
      cpuMsPerStep: (cpuNow() - cpu) / (runs * steps),
      callsPerStep: (after.calls - before.calls) / (runs * steps),
      latencyMs,
    };
  } finally {
    await stack.close();
  }
}

// ---- separate processes ----

interface Proc {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<void>;
}

function flowy(args: string[]): Proc {
  const child = spawn(process.execPath, [join(ROOT, 'bin/flowy.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const began = Date.now();
        const look = () => {
          const line = text.split('\n').find((l) => pattern.test(l));
          if (line !== undefined) return resolve(line);
          if (child.exitCode !== null || Date.now() - began > timeoutMs)
            return reject(new Error(`no ${pattern} from flowy ${args[0]}:\n${text}`));
          setTimeout(look, 20);
        };
        look();
      }),
  };
}

/** CPU ms a process has used so far (user + system). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

async function processStack(options: { concurrency?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flowy-e2e-'));
  const dev = flowy(['dev', '--port', '0', '--db', join(dir, 'swf.db')]);
  const url = (await dev.waitFor(/listening at/)).match(/(http:\/\/\S+)/)![1]!;
  const common = ['--endpoint', url, '--domain', 'bench', '--folders', FIXTURE, '--log-format', 'json'];
  const decider = flowy(['start-workflow-worker', ...common, '--pollers', String(DECISION_POLLERS)]);
  await decider.waitFor(/polling/);
  const activities = flowy([
    'start-activity-worker',
    ...common,
    '--no-register',
    '--concurrency',
    String(options.concurrency ?? ACTIVITY_CONCURRENCY),
  ]);
  await activities.waitFor(/polling/);
  const swf = createSwfClient({ endpoint: url });
  const registry = await scan([FIXTURE]);
  const client = new FlowyClient({ client: swf, domain: 'bench', registry });
  const procs = { server: dev, 'decision worker': decider, 'activity worker': activities };
  let ownCalls = 0;
  return {
    swf,
    client,
    registry,
    cpu: () => Object.fromEntries(Object.entries(procs).map(([name, p]) => [name, processCpuMs(p.child.pid!)])),
    /** Waits until `target` executions closed, reading the count every 50 ms. */
    async closedAtLeast(target: number, timeoutMs = 600_000): Promise<number> {
      const began = Date.now();
      for (;;) {
        ownCalls += 1;
        const { count } = await swf.send(
          new CountClosedWorkflowExecutionsCommand({ domain: 'bench', startTimeFilter: { oldestDate: new Date(0) } }),
        );
        if ((count ?? 0) >= target || Date.now() - began > timeoutMs) return count ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    countCall: () => (ownCalls += 1),
    ownCalls: () => ownCalls,
    async close(): Promise<{ calls: number; commits: number }> {
      swf.destroy();
      for (const p of [activities, decider]) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
      dev.child.kill('SIGTERM');
      await dev.exited;
      rmSync(dir, { recursive: true, force: true });
      const [, calls, commits] = dev.output().match(/stopped after (\d+) calls and (\d+) commits/) ?? [];
      return { calls: Number(calls ?? NaN) - ownCalls, commits: Number(commits ?? NaN) };
    },
  };
}

async function processThroughput(executions: number, steps: number): Promise<Throughput> {
  const stack = await processStack();
  let result: Omit<Throughput, 'calls' | 'commits'>;
  try {
    const Chain = stack.registry.findWorkflow('BenchChain')!.cls;
    const cpu = stack.cpu();
    const t = performance.now();
    await Promise.all(Array.from({ length: executions }, () => stack.client.startWorkflow(Chain, { steps })));
    await stack.closedAtLeast(executions);
    const wallMs = performance.now() - t;
    const cpuAfter = stack.cpu();
    result = {
      steps: executions * steps,
      wallMs,
      cpuMs: Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, v - cpu[k]!])),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
  // the server's counters include registration and the workers' idle polls before the start
  const { calls, commits } = await stack.close();
  return { ...result, calls, commits };
}

/** Latency of one 10-step execution alone, from the server's own timestamps (start to close). */
async function processLatency(runs: number): Promise<number[]> {
  const stack = await processStack();
  try {
    const Chain = stack.registry.findWorkflow('BenchChain')!.cls;
    const latencies: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const execution = await stack.client.startWorkflow(Chain, { steps: STEPS });
      await stack.closedAtLeast(i + 1);
      const { events = [] } = await stack.swf.send(
        new GetWorkflowExecutionHistoryCommand({ domain: 'bench', execution }),
      );
      const first = events[0]!.eventTimestamp!.getTime();
      const last = events.at(-1)!.eventTimestamp!.getTime();
      if (i > 0) latencies.push(last - first); // the first one warms up
    }
    return latencies;
  } finally {
    await stack.close();
  }
}

/** 500 executions of one activity that holds its slot 2 s, on one worker with concurrency 500. */
async function concurrencyCheck(count: number): Promise<string> {
  const stack = await processStack({ concurrency: count });
  try {
    const Hold = stack.registry.findWorkflow('BenchHoldOne')!.cls;
    const t = performance.now();
    await Promise.all(Array.from({ length: count }, () => stack.client.startWorkflow(Hold, { ms: 2000 })));
    const closed = await stack.closedAtLeast(count, 90_000);
    const seconds = (performance.now() - t) / 1000;
    const { count: completed } = await stack.swf.send(
      new CountClosedWorkflowExecutionsCommand({
        domain: 'bench',
        startTimeFilter: { oldestDate: new Date(0) },
        closeStatusFilter: { status: 'COMPLETED' },
      }),
    );
    return closed >= count && completed === count
      ? `ok: ${count} activities of 2 s each, all completed in ${fmt(seconds, 1)} s`
      : `FAILED: ${completed ?? 0} of ${count} completed (${closed} closed) after ${fmt(seconds, 1)} s`;
  } finally {
    await stack.close();
  }
}

function printThroughput(setup: string, results: Throughput[]): void {
  const steps = results[0]!.steps;
  const rates = results.map((r) => r.steps / (r.wallMs / 1000));
  const names = Object.keys(results[0]!.cpuMs);
  const cpuPerStep = (name: string) => median(results.map((r) => r.cpuMs[name]! / r.steps));
  const totalCpu = median(results.map((r) => Object.values(r.cpuMs).reduce((a, b) => a + b, 0) / r.steps));
  console.log(`\n${setup}: ${EXECUTIONS} executions x ${STEPS} steps, median of ${results.length}`);
  console.log(`  steps/s                 ${fmt(median(rates), 0)}  (runs: ${rates.map((r) => fmt(r, 0)).join(', ')})`);
  for (const name of names) console.log(`  CPU ms/step ${name.padEnd(16)}${fmt(cpuPerStep(name))}`);
  if (names.length > 1) console.log(`  CPU ms/step ${'all processes'.padEnd(16)}${fmt(totalCpu)}`);
  console.log(`  API calls per step      ${fmt(median(results.map((r) => r.calls / steps)))}`);
  console.log(`  fsync'd commits/step    ${fmt(median(results.map((r) => r.commits / steps)))}`);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} x ${cpu[0]?.model.trim()}, node ${process.version}, load average ${loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  const registry = await scan([FIXTURE]);

  if (ONLY !== 'processes') {
    const one: Throughput[] = [];
    for (let i = 0; i < REPEATS; i++) one.push(await oneProcessThroughput(registry, EXECUTIONS, STEPS));
    printThroughput('one process, file database, in-process transport', one);
    const short = await oneProcessSequentialCost(registry, 30, STEPS);
    console.log(
      `  one 10-step execution   ${fmt(median(short.latencyMs), 1)} ms median of ${short.latencyMs.length} (start to close, measured by the caller)`,
    );
    const long = await oneProcessSequentialCost(registry, 1, 1000);
    console.log(
      `\none process, sequential: CPU ms/step of 10-step executions ${fmt(short.cpuMsPerStep)} (${fmt(short.callsPerStep)} calls/step), of one 1,000-step execution ${fmt(long.cpuMsPerStep)} (${fmt(long.callsPerStep)} calls/step): x${fmt(long.cpuMsPerStep / short.cpuMsPerStep)}`,
    );
  }
  if (ONLY !== 'one') {
    const procs: Throughput[] = [];
    for (let i = 0; i < REPEATS; i++) procs.push(await processThroughput(EXECUTIONS, STEPS));
    printThroughput('flowy dev + workflow worker + activity worker processes, loopback HTTP', procs);
    const latencies = await processLatency(5);
    console.log(
      `  one 10-step execution   ${fmt(median(latencies), 0)} ms median of ${latencies.length} (server timestamps, start to close)`,
    );
    console.log(`\nactivity worker --concurrency 500: ${await concurrencyCheck(500)}`);
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
}

await main();
