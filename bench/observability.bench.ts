// What logging and metrics cost end to end: workflows of sequential activity steps through the
// in-process local server, a decision worker, an activity worker and the client, with
//   off: silent logger, no observer
//   on:  pino JSON logs at info (to /dev/null) for workers, client and server, plus the metrics
//        observer and its /metrics endpoint (flowy's registry with prom-client's process metrics)
// Figures: CPU ms (user + system, whole process) per step, median of REPEATS rounds per mode,
// the modes alternating so that load from elsewhere falls on both.
// Run: npm run bench -- observability [executions] [steps] [rounds]   (bench/run.js passes only the name;
//      node --import tsx bench/observability.bench.ts 10 10 15 for other sizes)
import { createWriteStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ActivityProxy, Workflow } from '../src/core/index.ts';
import { activity, Registry, workflow } from '../src/definitions/index.ts';
import { FlowyClient } from '../src/client/index.ts';
import { createLogger, notifyObserver, silentLogger, startMetricsServer } from '../src/common/index.ts';
import type { Logger, MetricsServer, WorkerObserver } from '../src/common/index.ts';
import { startLocalServer } from '../src/local/index.ts';
import { createSwfClient, registerAll } from '../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../src/worker/index.ts';

const EXECUTIONS = Number(process.argv[2] ?? 10);
const STEPS = Number(process.argv[3] ?? 10);
/** Rounds per mode; the modes alternate, and each on/off pair gives one ratio. */
const REPEATS = Number(process.argv[4] ?? 15);

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

/** One round: EXECUTIONS runs of STEPS steps each; returns the process CPU ms spent per step. */
async function measure(mode: Mode, swf: ReturnType<typeof createSwfClient>, registry: Registry): Promise<number> {
  const domain = `bench-${++round}`;
  await registerAll(swf, domain, registry);
  const options = { client: swf, domain, registry, logger: mode.logger, observer: mode.observer };
  const workers = [
    new DecisionWorker({ ...options, taskList: 'bench-decisions' }),
    new ActivityWorker({ ...options, taskList: 'bench-activities', concurrency: 4 }),
  ];
  const domainClient = new FlowyClient({ client: swf, domain, registry, logger: mode.logger });
  const before = process.cpuUsage();
  const running = workers.map((worker) => worker.start());
  const runs = await Promise.all(Array.from({ length: EXECUTIONS }, (_, i) => domainClient.startWorkflow(Chain, STEPS, { workflowId: `chain-${i}` })));
  const results = await Promise.all(runs.map((run) => domainClient.result(run, { pollIntervalMs: 100, maxPollIntervalMs: 200 })));
  const used = process.cpuUsage(before);
  if (results.some((r) => r !== STEPS)) throw new Error(`unexpected results ${JSON.stringify(results)}`);
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(running);
  return (used.user + used.system) / 1000 / (EXECUTIONS * STEPS);
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
    const decision = { domain: 'bench', taskList: 'bench-decisions', workflowId, runId, workflowType: { name: 'Chain', version: '1' }, startedEventId: i };
    const decisionLog = mode.logger.child({ workflowId, runId, workflowType: 'Chain@1' });
    notifyObserver(mode.observer, 'decisionTaskStarted', decision);
    decisionLog.debug({ eventId: i, events: i }, 'decision task started');
    decisionLog.debug({ eventId: i, decisions: ['ScheduleActivityTask'] }, 'decision task completed');
    notifyObserver(mode.observer, 'decisionTaskCompleted', { ...decision, durationMs: 1.5, decisions: ['ScheduleActivityTask'] });
    const activityId = `step-${i}`;
    const task = { domain: 'bench', taskList: 'bench-activities', workflowId, runId, activityId, activityType: { name: 'step', version: '1' }, attempt: 1 };
    const activityLog = mode.logger.child({ workflowId, runId, activityId });
    notifyObserver(mode.observer, 'activityStarted', task);
    activityLog.debug({ attempt: 1 }, 'activity step started');
    activityLog.debug({ durationMs: 0.2 }, 'activity step completed');
    notifyObserver(mode.observer, 'activityCompleted', { ...task, durationMs: 0.2 });
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const devNull = createWriteStream('/dev/null');
  const onLogger = createLogger({ format: 'json', level: 'info', stream: devNull });
  const metrics: MetricsServer = await startMetricsServer({ port: 0 });
  const server = await startLocalServer({ longPollMs: 1_000, logger: onLogger });
  const swf = createSwfClient({ endpoint: server.url, region: 'us-east-1', requestHandler: server.requestHandler, maxAttempts: 1 });
  const registry = new Registry();
  registry.addWorkflow(Chain);
  registry.addActivity(Step);
  const modes: Mode[] = [
    { name: 'off', logger: silentLogger },
    { name: 'on', logger: onLogger, observer: metrics.observer },
  ];
  const samples: Record<Mode['name'], number[]> = { off: [], on: [] };
  for (const mode of modes) await measure(mode, swf, registry); // warm-up
  for (let i = 0; i < REPEATS; i++) {
    // alternate which mode goes first
    const order = i % 2 === 0 ? modes : [...modes].reverse();
    for (const mode of order) samples[mode.name].push(await measure(mode, swf, registry));
  }
  const scrape = await (await fetch(metrics.url)).text();
  if (!scrape.includes('flowy_activities_completed_total')) throw new Error('the metrics endpoint did not see the activities');

  console.log(`${EXECUTIONS} executions x ${STEPS} steps per round, ${REPEATS} rounds per mode; ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const off = median(samples.off);
  const ratios = samples.on.map((on, i) => on / samples.off[i]!);
  console.table(
    modes.map((mode) => {
      const values = samples[mode.name];
      return {
        mode: mode.name,
        'CPU ms/step (median)': Number(median(values).toFixed(3)),
        'min-max': `${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)}`,
        'vs off (medians)': `${(((median(values) - off) / off) * 100).toFixed(1)}%`,
      };
    }),
  );
  console.log(`on/off, median of the ${ratios.length} back-to-back pairs: ${((median(ratios) - 1) * 100).toFixed(1)}% (pairs from ${((Math.min(...ratios) - 1) * 100).toFixed(0)}% to ${((Math.max(...ratios) - 1) * 100).toFixed(0)}%)`);

  const ITERATIONS = 100_000;
  const isolatedSamples: Record<Mode['name'], number[]> = { off: [], on: [] };
  for (const mode of modes) isolated(mode, ITERATIONS); // warm-up
  for (let i = 0; i < REPEATS; i++) for (const mode of modes) isolatedSamples[mode.name].push(isolated(mode, ITERATIONS));
  const extra = median(isolatedSamples.on) - median(isolatedSamples.off);
  console.log(`\nthe workers' logging and observer calls alone, ${ITERATIONS} steps x ${REPEATS} rounds:`);
  console.table(
    modes.map((mode) => ({
      mode: mode.name,
      'CPU us/step (median)': Number(median(isolatedSamples[mode.name]).toFixed(2)),
    })),
  );
  console.log(`on costs ${extra.toFixed(2)} us more per step: ${((extra / 1000 / off) * 100).toFixed(2)}% of an end-to-end step (${off.toFixed(3)} ms)`);
  await metrics.close();
  await server.close();
  swf.destroy();
  devNull.end();
}

await main();
