import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { ActivityProxy, Workflow, WorkflowProxy } from '../../../src/core/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { activity, Registry, workflow } from '../../../src/definitions/index.ts';
import { startLocalServer } from '../../../src/local/index.ts';
import { createSwfClient, registerAll } from '../../../src/swf/index.ts';
import { ActivityWorker, DecisionWorker } from '../../../src/worker/index.ts';
import { flowyTracing } from '../../../src/tracing/index.ts';
import { TestEnvironment } from '../../../src/testing/index.ts';

const attemptsOfReserve = new Map<string, number>();

@activity({
  name: 'TracedReserve',
  taskList: 'traced-activities',
  input: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'], additionalProperties: false },
})
class TracedReserve {
  async run(input: { sku: string }) {
    const attempt = (attemptsOfReserve.get(input.sku) ?? 0) + 1;
    attemptsOfReserve.set(input.sku, attempt);
    if (attempt === 1) throw new Error('warehouse busy');
    return `reserved ${input.sku}`;
  }
}

@activity({ name: 'TracedPack', taskList: 'traced-activities', input: { type: 'string' } })
class TracedPack {
  async run(sku: string) {
    // a span of the activity's own: under the attempt's span (the active one while it runs)
    trace.getTracer('packing').startSpan('weigh parcel').end();
    return `packed ${sku}`;
  }
}

@workflow({ name: 'TracedShipping', taskList: 'traced', input: { type: 'string' } })
class TracedShipping extends Workflow<string, string> {
  pack = ActivityProxy(TracedPack);
  async run(sku: string) {
    return this.pack(sku);
  }
}

@workflow({
  name: 'TracedOrder',
  taskList: 'traced',
  input: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
})
class TracedOrder extends Workflow<{ sku: string }, string> {
  reserve = ActivityProxy(TracedReserve, { retry: { maxAttempts: 2, initialInterval: 1 } });
  ship = WorkflowProxy(TracedShipping);
  async run(order: { sku: string }) {
    const reserved = await this.reserve({ sku: order.sku });
    const shipped = await this.ship(order.sku);
    return `${reserved}, ${shipped}`;
  }
}

// The application's OpenTelemetry setup: a global provider exporting to memory, and a context manager.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

/** The local server with traced decision and activity workers and a traced client; runs `body`, then stops all. */
async function withTracedStack(
  domain: string,
  maxCachedExecutions: number,
  body: (client: FlowyClient) => Promise<void>,
): Promise<void> {
  exporter.reset();
  const tracing = flowyTracing();
  const server = await startLocalServer({ longPollMs: 200 });
  const swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
  const registry = new Registry();
  for (const cls of [TracedOrder, TracedShipping]) registry.addWorkflow(cls);
  for (const cls of [TracedReserve, TracedPack]) registry.addActivity(cls);
  await registerAll(swf, domain, registry);
  const decisions = new DecisionWorker({
    client: swf,
    domain,
    taskList: 'traced',
    registry,
    maxCachedExecutions,
    workflowInterceptors: [tracing.workflow],
    decisionTaskInterceptors: [tracing.decisionTask],
  });
  const activities = new ActivityWorker({
    client: swf,
    domain,
    taskList: 'traced-activities',
    registry,
    interceptors: [tracing.activity],
  });
  const running = [decisions.start(), activities.start()];
  try {
    await body(new FlowyClient({ client: swf, domain, registry, interceptors: [tracing.client] }));
  } finally {
    await decisions.stop();
    await activities.stop();
    await Promise.all(running);
    swf.destroy();
    await server.close();
  }
}

const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
const one = (spans: ReadableSpan[], name: string) => {
  const found = named(spans, name);
  assert.equal(found.length, 1, `one span ${name}, got ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const follow = { pollIntervalMs: 20, maxPollIntervalMs: 100 };

describe('OpenTelemetry tracing on the interceptors, on the local server with real workers', () => {
  before(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  after(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  for (const [label, maxCachedExecutions] of [
    ['cached executions', 1000],
    ['a full replay at every task', 0],
  ] as const) {
    test(`one trace from the client start through the run, its decision tasks, a retried activity and a child with its own activity (${label})`, async () => {
      const sku = `book-${maxCachedExecutions}`;
      await withTracedStack(`traced-${maxCachedExecutions}`, maxCachedExecutions, async (client) => {
        // the application handles a request in a span of its own; the start joins it
        const request = trace.getTracer('shop').startSpan('POST /orders');
        const run = await context.with(trace.setSpan(context.active(), request), () =>
          client.startWorkflow(TracedOrder, { sku }, { workflowId: `order-${maxCachedExecutions}` }),
        );
        request.end();
        assert.equal(await client.result(run, follow), `reserved ${sku}, packed ${sku}`);
        const child = { workflowId: `order-${maxCachedExecutions}--TracedShipping-1` };
        await client.result(child, follow);
        const parentTasks = (await client.history(run)).filter((e) => e.eventType === 'DecisionTaskCompleted').length;
        const childTasks = (await client.history(child)).filter((e) => e.eventType === 'DecisionTaskCompleted').length;

        const spans = exporter.getFinishedSpans();
        assert.equal(
          new Set(spans.map((span) => span.spanContext().traceId)).size,
          1,
          'every span is in the one trace',
        );

        const start = one(spans, 'StartWorkflow TracedOrder');
        assert.equal(parentOf(start), idOf(one(spans, 'POST /orders')));
        assert.equal(start.attributes['flowy.run.id'], run.runId);

        const order = one(spans, 'RunWorkflow TracedOrder');
        assert.equal(parentOf(order), idOf(start));
        assert.equal(order.attributes['flowy.run.status'], 'completed');
        const orderTasks = named(spans, 'DecisionTask TracedOrder');
        assert.equal(orderTasks.length, parentTasks, 'one span per decision task answered, none for replays');
        for (const task of orderTasks) assert.equal(parentOf(task), idOf(order));

        const reserves = named(spans, 'RunActivity TracedReserve').sort(
          (a, b) => Number(a.attributes['flowy.activity.attempt']) - Number(b.attributes['flowy.activity.attempt']),
        );
        assert.deepEqual(
          reserves.map((s) => s.attributes['flowy.activity.attempt']),
          [1, 2],
          'one span per attempt',
        );
        assert.equal(reserves[0]!.status.code, SpanStatusCode.ERROR);
        assert.equal(reserves[0]!.status.message, 'warehouse busy');
        assert.notEqual(reserves[1]!.status.code, SpanStatusCode.ERROR);
        const scheduling = orderTasks.find((task) =>
          (task.attributes['flowy.decisions'] as string[]).includes('ScheduleActivityTask'),
        );
        assert.ok(scheduling, 'a decision task scheduled the activity');
        assert.equal(parentOf(reserves[0]!), idOf(scheduling));
        // the retry keeps the headers of its call (cached), or takes those of the task that sent it (full replay)
        assert.ok(
          orderTasks.some((task) => idOf(task) === parentOf(reserves[1]!)),
          'the retried attempt is under a task of the run',
        );

        const shipping = one(spans, 'RunWorkflow TracedShipping');
        const starting = orderTasks.find((task) =>
          (task.attributes['flowy.decisions'] as string[]).includes('StartChildWorkflowExecution'),
        );
        assert.ok(starting, 'a decision task started the child');
        assert.equal(parentOf(shipping), idOf(starting), 'the child run is a child of the task that started it');
        const shippingTasks = named(spans, 'DecisionTask TracedShipping');
        assert.equal(shippingTasks.length, childTasks);
        for (const task of shippingTasks) assert.equal(parentOf(task), idOf(shipping));
        const pack = one(spans, 'RunActivity TracedPack');
        assert.ok(
          shippingTasks.some((task) => idOf(task) === parentOf(pack)),
          'the child activity is under a task of the child',
        );
        assert.equal(parentOf(one(spans, 'weigh parcel')), idOf(pack), "the activity's own span is under its attempt");
      });
    });
  }

  test('without tracing, inputs travel as they are; with it, the activity still sees (and validates) its own input', async () => {
    await withTracedStack('traced-plain', 1000, async (client) => {
      const plain = new FlowyClient({ client: client.client, domain: client.domain });
      const run = await plain.startWorkflow({ name: 'TracedShipping', version: '1' }, 'pen', { workflowId: 'plain-1' });
      assert.equal(await plain.result(run, follow), 'packed pen');
      const history = await plain.history(run);
      assert.equal(history[0]!.workflowExecutionStartedEventAttributes?.input, '"pen"');
      const scheduled = history.find((e) => e.eventType === 'ActivityTaskScheduled');
      const input = JSON.parse(scheduled!.activityTaskScheduledEventAttributes!.input!);
      assert.equal(input.input, 'pen', 'the workflow interceptor sent the input in an envelope');
      assert.match(input.$flowyHeaders.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    });
  });

  test('TestEnvironment takes the tracing interceptors: the retry timer skipped ahead, the trace is the same', async () => {
    exporter.reset();
    const tracing = flowyTracing();
    const env = await TestEnvironment.create({
      workflows: [TracedOrder, TracedShipping],
      activities: [TracedReserve, TracedPack],
      interceptors: {
        client: [tracing.client],
        workflow: [tracing.workflow],
        decisionTask: [tracing.decisionTask],
        activity: [tracing.activity],
      },
    });
    try {
      const run = await env.start(TracedOrder, { sku: 'lamp' }, { workflowId: 'env-order' });
      assert.equal(await env.result(run), 'reserved lamp, packed lamp');
      await env.result({ workflowId: 'env-order--TracedShipping-1' });
    } finally {
      await env.close();
    }
    const spans = exporter.getFinishedSpans();
    assert.equal(new Set(spans.map((span) => span.spanContext().traceId)).size, 1);
    const start = one(spans, 'StartWorkflow TracedOrder');
    const order = one(spans, 'RunWorkflow TracedOrder');
    assert.equal(parentOf(order), idOf(start));
    assert.equal(named(spans, 'RunActivity TracedReserve').length, 2);
    const orderTasks = new Set(named(spans, 'DecisionTask TracedOrder').map(idOf));
    assert.ok(orderTasks.has(parentOf(one(spans, 'RunWorkflow TracedShipping'))!));
  });
});
