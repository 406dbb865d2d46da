// What logging and metrics cost end to end: workflows of sequential activity steps through the
// in-process local server, a decision worker, an activity worker and the client, with
//   off: silent logger, no observer
//   on:  pino JSON logs at info (to /dev/null) for workers, client and server, plus the metrics
//        observer and its /metrics endpoint (flowy's registry with prom-client's process metrics)
// Each mode runs in its own process and the two processes run at the same time, so that load from
// elsewhere on a shared machine falls on both alike; this is repeated PAIRS times. Figures: CPU ms
// (user + system, whole process) per step, median of each process's rounds, and the median over
// the pairs of on/off. The per-step logger and observer calls are also timed alone.
// Run: npm run bench -- observability
//      node --import tsx bench/observability.bench.ts [pairs] [rounds] [executions] [steps]
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { ActivityProxy, Workflow } from '../src/core/index.ts';
import { activity, Registry, workflow } from '../src/definitions/index.ts';
import { FlowyClient } from '../src/client/index.ts';
import { createLogger, notifyObserver, silentLogger, startMetricsServer } from '../src/common/index.ts';
import type { Logger, MetricsServer, WorkerObserver } from '../src/common/index.ts';
import { startLocalServer } from '../src/local/index.ts';
import { createSwfClient, registerAll } from '../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../src/worker/index.ts';

const CHILD_MODE = process.argv[2] === '--mode' ? (process.argv[3] as 'off' | 'on') : undefined;
const [PAIRS, ROUNDS, EXECUTIONS, STEPS] = (CHILD_MODE ? process.argv.slice(4) : process.argv.slice(2)).map(Number);
const pairs = PAIRS || 12;
const rounds = ROUNDS || 10;
const executions = EXECUTIONS || 5;
const steps = STEPS || 10;

@activity({ name: 'step', version: '1', taskList: 'bench-activities' })
class Step {
  async run(input: number): Promise<number> {
    return input + 1;
  }
}

@workflow({ name: 'Chain', version: '1', taskList: 'bench-decisions' })
class Chain extends Workflow<number, number> {
  step = ActivityProxy(Step);
  async run(steps: number): Promise<number> {
    let value = 0;
    for (let i = 0; i < steps; i++) value = await this.step(value);
    return value;
  }
}

interface Mode {
  name: 'off' | 'on';
  logger: Logger;
  observer?: WorkerObserver;
}

let round = 0;
const registered = new Set<string>();

/** One round: `executions` runs of `steps` steps each; returns the process CPU ms spent per step. */
async function measure(mode: Mode, swf: ReturnType<typeof createSwfClient>, registry: Registry): Promise<number> {
  const domain = `bench-${mode.name}`;
  round += 1;
  if (!registered.has(domain)) await registerAll(swf, domain, registry);
  registered.add(domain);
  const options = { client: swf, domain, registry, logger: mode.logger, observer: mode.observer };
  const workers = [
    new DecisionWorker({ ...options, taskList: 'bench-decisions' }),
    new ActivityWorker({ ...options, taskList: 'bench-activities', concurrency: 4 }),
  ];
  const domainClient = new FlowyClient({ client: swf, domain, registry, logger: mode.logger });
  const before = process.cpuUsage();
  const running = workers.map((worker) => worker.start());
  const runs = await Promise.all(
    Array.from({ length: executions }, (_, i) =>
      domainClient.startWorkflow(Chain, steps, { workflowId: `chain-${round}-${i}` }),
    ),
  );
  const results = await Promise.all(
    runs.map((run) => domainClient.result(run, { pollIntervalMs: 100, maxPollIntervalMs: 200 })),
  );
  const used = process.cpuUsage(before);
  if (results.some((r) => r !== steps)) throw new Error(`unexpected results ${JSON.stringify(results)}`);
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(running);
  return (used.user + used.system) / 1000 / (executions * steps);
}

/**
 * The same per-step calls without the rest of the stack, so that their cost shows above the noise
 * of a shared machine: per step, the decision worker's and the activity worker's child logger,
 * debug lines (dropped at info) and observer events. Returns CPU microseconds per step.
 */
function isolated(mode: Mode, iterations: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const workflowId = `chain-${i % 10}`;
    const runId = `run-${i % 10}`;
    const decision = {
      domain: 'bench',
      taskList: 'bench-decisions',
      workflowId,
      runId,
      workflowType: { name: 'Chain', version: '1' },
      startedEventId: i,
    };
    const decisionLog = mode.logger.child({ workflowId, runId, workflowType: 'Chain@1' });
    notifyObserver(mode.observer, 'decisionTaskStarted', decision);
    decisionLog.debug({ eventId: i, events: i }, 'decision task started');
    decisionLog.debug({ eventId: i, decisions: ['ScheduleActivityTask'] }, 'decision task completed');
    notifyObserver(mode.observer, 'decisionTaskCompleted', {
      ...decision,
      durationMs: 1.5,
      decisions: ['ScheduleActivityTask'],
    });
    const activityId = `step-${i}`;
    const task = {
      domain: 'bench',
      taskList: 'bench-activities',
      workflowId,
      runId,
      activityId,
      activityType: { name: 'step', version: '1' },
      attempt: 1,
    };
    const activityLog = mode.logger.child({ workflowId, runId, activityId });
    notifyObserver(mode.observer, 'activityStarted', task);
    activityLog.debug({ attempt: 1 }, 'activity step started');
    activityLog.debug({ durationMs: 0.2 }, 'activity step completed');
    notifyObserver(mode.observer, 'activityCompleted', { ...task, durationMs: 0.2 });
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** The logger and observer of a mode; `on` serves its metrics on a free port. */
async function modeFor(name: 'off' | 'on'): Promise<{ mode: Mode; close(): Promise<void> }> {
  if (name === 'off') return { mode: { name, logger: silentLogger }, close: async () => {} };
  const devNull = createWriteStream('/dev/null');
  const metrics: MetricsServer = await startMetricsServer({ port: 0 });
  return {
    mode: {
      name,
      logger: createLogger({ format: 'json', level: 'info', stream: devNull }),
      observer: metrics.observer,
    },
    async close() {
      const scrape = await (await fetch(metrics.url)).text();
      await metrics.close();
      devNull.end();
      if (!scrape.includes('flowy_decision_tasks_completed_total'))
        throw new Error('the metrics endpoint saw no decision task');
    },
  };
}

/** A child process: one mode, a warm-up round then `rounds` rounds; prints their figures as JSON. */
async function runChild(name: 'off' | 'on'): Promise<void> {
  const { mode, close } = await modeFor(name);
  const server = await startLocalServer({ longPollMs: 1_000, logger: mode.logger });
  const swf = createSwfClient({
    endpoint: server.url,
    region: 'us-east-1',
    requestHandler: server.requestHandler,
    maxAttempts: 1,
  });
  const registry = new Registry();
  registry.addWorkflow(Chain);
  registry.addActivity(Step);
  await measure(mode, swf, registry);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await measure(mode, swf, registry));
  await server.close();
  swf.destroy();
  await close();
  process.stdout.write(JSON.stringify(samples) + '\n');
  process.exit(0);
}

function child(name: 'off' | 'on'): Promise<number[]> {
  const file = fileURLToPath(import.meta.url);
  const args = [
    '--import',
    'tsx',
    file,
    '--mode',
    name,
    String(pairs),
    String(rounds),
    String(executions),
    String(steps),
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as number[])
        : reject(new Error(`bench child "${name}" exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const rows: Record<string, number | string>[] = [];
  const ratios: number[] = [];
  const minRatios: number[] = [];
  const offs: number[] = [];
  const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;
  for (let pair = 1; pair <= pairs; pair++) {
    const [offSamples, onSamples] = await Promise.all([child('off'), child('on')]);
    const [off, on] = [median(offSamples), median(onSamples)];
    const [offMin, onMin] = [Math.min(...offSamples), Math.min(...onSamples)];
    offs.push(off);
    ratios.push(on / off);
    minRatios.push(onMin / offMin);
    rows.push({
      pair,
      'off CPU ms/step': Number(off.toFixed(3)),
      'on CPU ms/step': Number(on.toFixed(3)),
      'on vs off': percent(on / off),
      'on vs off, fastest rounds': percent(onMin / offMin),
    });
  }
  console.log(
    `${pairs} pairs of simultaneous processes, ${rounds} rounds of ${executions} executions x ${steps} steps each; ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.table(rows);
  console.log(
    `on vs off, median over the pairs: ${percent(median(ratios))} (pairs from ${percent(Math.min(...ratios))} to ${percent(Math.max(...ratios))})`,
  );
  // contention only adds time, so each process's fastest round is the least disturbed one
  console.log(`on vs off, fastest rounds, median over the pairs: ${percent(median(minRatios))}`);

  const off = await modeFor('off');
  const on = await modeFor('on');
  const ITERATIONS = 100_000;
  const isolatedSamples = { off: [] as number[], on: [] as number[] };
  for (const { mode } of [off, on]) isolated(mode, ITERATIONS); // warm-up
  for (let i = 0; i < 15; i++)
    for (const { mode } of [off, on]) isolatedSamples[mode.name].push(isolated(mode, ITERATIONS));
  const extra = median(isolatedSamples.on) - median(isolatedSamples.off);
  const step = median(offs);
  console.log(
    `\nthe workers' per-step logging and observer calls alone, ${ITERATIONS} steps x 15 rounds (CPU us/step, median):`,
  );
  console.log(
    `off ${median(isolatedSamples.off).toFixed(2)}, on ${median(isolatedSamples.on).toFixed(2)}: ${extra.toFixed(2)} us more, ${((extra / 1000 / step) * 100).toFixed(2)}% of an end-to-end step (${step.toFixed(3)} ms)`,
  );
  await on.close();
}

if (CHILD_MODE) await runChild(CHILD_MODE);
else await main();
