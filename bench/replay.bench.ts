// Full replay of long histories of sequential activities (1,000 / 10,000 / 25,000 events): how
// fast decide() runs a history and how much memory it takes; for comparison, what the caching
// Decider spends on the next decision task of the same execution, and on every task of a whole
// execution.
import os from 'node:os';
import { ActivityProxy, Workflow } from '../src/core/index.ts';
import { decide, Decider, type HistoryEvent } from '../src/core/engine.ts';

const Step = { name: 'Step', version: '1' };

/** Calls `Step` over and over, one activity per decision task. */
class Sequential extends Workflow<number, number> {
  step = ActivityProxy<number, number>(Step);
  async run(count: number) {
    let total = 0;
    for (let i = 0; i < count; i++) total += await this.step(i);
    return total;
  }
}

const EVENTS_PER_STEP = 6; // DecisionTaskCompleted, ActivityTaskScheduled/Started/Completed, DecisionTaskScheduled/Started

/** A history of about `size` events, ending with the DecisionTaskStarted of an open task. */
function history(size: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let clock = Date.UTC(2026, 0, 1);
  const add = (eventType: string, attributes: Record<string, unknown>): number => {
    const eventId = events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    events.push({ eventId, eventType, eventTimestamp: new Date((clock += 1000)), [key]: attributes } as HistoryEvent);
    return eventId;
  };
  const steps = Math.floor((size - 3) / EVENTS_PER_STEP);
  add('WorkflowExecutionStarted', {
    input: String(steps + 1),
    childPolicy: 'TERMINATE',
    taskList: { name: 'default' },
    workflowType: { name: 'Sequential', version: '1' },
  });
  let scheduled = add('DecisionTaskScheduled', { taskList: { name: 'default' } });
  let started = add('DecisionTaskStarted', { scheduledEventId: scheduled });
  for (let i = 0; i < steps; i++) {
    const completed = add('DecisionTaskCompleted', { scheduledEventId: scheduled, startedEventId: started });
    const activity = add('ActivityTaskScheduled', {
      activityId: `Step-${i + 1}`,
      activityType: Step,
      input: String(i),
      taskList: { name: 'default' },
      decisionTaskCompletedEventId: completed,
    });
    const activityStarted = add('ActivityTaskStarted', { scheduledEventId: activity });
    add('ActivityTaskCompleted', { scheduledEventId: activity, startedEventId: activityStarted, result: '1' });
    scheduled = add('DecisionTaskScheduled', { taskList: { name: 'default' } });
    started = add('DecisionTaskStarted', { scheduledEventId: scheduled });
  }
  return events;
}

/** Runs `fn` while sampling the heap every millisecond; returns its duration and the peak heap. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakHeapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { value, ms, peakHeapMb: (peak - base) / 2 ** 20 };
}

const rows: Record<string, string | number>[] = [];
for (const size of [1_000, 10_000, 25_000]) {
  const events = history(size);
  await decide(events.slice(0, 200), Sequential); // warm-up
  // median of three runs: the machine is shared, single runs are noisy
  const runs = [];
  for (let i = 0; i < 3; i++)
    runs.push(await measure(() => decide(events, Sequential, { eventLimitWarningAt: Infinity })));
  runs.sort((a, b) => a.ms - b.ms);
  const full = runs[1]!;
  if (full.value.decisions[0]?.scheduleActivityTaskDecisionAttributes === undefined)
    throw new Error('unexpected decisions');

  // the next decision task of the same execution: full replay vs. the cached state
  const decider = new Decider();
  const execution = { workflowId: 'bench', runId: String(size) };
  const prefix = events.slice(0, events.length - EVENTS_PER_STEP);
  await decider.decide(prefix, Sequential, execution);
  const cached = await measure(() => decider.decide(events, Sequential, execution));
  if (decider.cacheHits !== 1) throw new Error('the cached path was not taken');

  rows.push({
    events: events.length,
    'full replay ms (median of 3)': Math.round(full.ms),
    'range ms': `${Math.round(runs[0]!.ms)}–${Math.round(runs[2]!.ms)}`,
    'events/s': Math.round(events.length / (full.ms / 1000)),
    'peak heap MB': Number(full.peakHeapMb.toFixed(1)),
    'next task, cached ms': Number(cached.ms.toFixed(2)),
  });
}

console.table(rows);

// Deciding every task of an execution as it grows: a full replay per task costs O(events²) in
// total; the caching Decider applies each event once.
const whole: Record<string, string | number>[] = [];
for (const size of [1_000, 5_000]) {
  const events = history(size);
  const starts = events.flatMap((event, index) => (event.eventType === 'DecisionTaskStarted' ? [index + 1] : []));
  const full = await measure(async () => {
    for (const end of starts) await decide(events.slice(0, end), Sequential, { eventLimitWarningAt: Infinity });
  });
  const decider = new Decider({ eventLimitWarningAt: Infinity });
  const cached = await measure(async () => {
    for (const end of starts)
      await decider.decide(events.slice(0, end), Sequential, { workflowId: 'whole', runId: String(size) });
  });
  whole.push({
    events: events.length,
    'decision tasks': starts.length,
    'full replay per task, total ms': Math.round(full.ms),
    'Decider, total ms': Math.round(cached.ms),
    'Decider ms per task': Number((cached.ms / starts.length).toFixed(2)),
  });
}
console.table(whole);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ` +
    `Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ` +
    `max RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
