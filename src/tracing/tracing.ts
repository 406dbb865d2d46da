// OpenTelemetry tracing of flowy, built on its interceptors. The trace context travels in the
// payloads' headers (core headers.ts): client start → the run → its decision tasks → the activity
// attempts and child runs they scheduled, across processes. Spans are made in the workers and the
// client, never in replayed workflow code: the workflow interceptor only writes headers into the
// decisions it sends, so a replay emits no span of its own.
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Span, TextMapPropagator, Tracer, TracerProvider } from '@opentelemetry/api';
import type { Headers, WorkflowInterceptorFactory } from '../core/engine.ts';
import type { ActivityInterceptor, DecisionTaskInterceptor } from '../worker/index.ts';
import type { ClientInterceptor } from '../client/index.ts';
import { w3cTraceContext } from './w3c.ts';

/** Options of {@link flowyTracing}. */
export interface FlowyTracingOptions {
  /** Where the tracer comes from; default the global provider (`trace.getTracer`). */
  tracerProvider?: TracerProvider;
  /** How the context is written into headers and read back; default W3C `traceparent`/`tracestate`. */
  propagator?: TextMapPropagator;
  /** Run spans a decision worker keeps open at most (runs it saw start and not close); default 10,000. */
  maxOpenRuns?: number;
}

/** The interceptors to register: on FlowyClient, DecisionWorker (both kinds) and ActivityWorker. */
export interface FlowyTracing {
  /** `new FlowyClient({ interceptors: [tracing.client] })`: a span per start, its context sent to the run. */
  client: ClientInterceptor;
  /** `new DecisionWorker({ decisionTaskInterceptors: [tracing.decisionTask] })`: the run and decision task spans. */
  decisionTask: DecisionTaskInterceptor;
  /** `new DecisionWorker({ workflowInterceptors: [tracing.workflow] })`: sends the context to activities and children. */
  workflow: WorkflowInterceptorFactory;
  /** `new ActivityWorker({ interceptors: [tracing.activity] })`: a span per activity attempt. */
  activity: ActivityInterceptor;
}

/** What a decision worker holds of a run it traces: its span, and the span of the task being decided. */
interface RunState {
  span: Span;
  task: Span | undefined;
}

const TRACER_NAME = 'flowy-ts';

/**
 * Tracing interceptors that share one tracer. Spans: `StartWorkflow <type>` (client),
 * `RunWorkflow <type>` (from a run's first decision task seen by the worker to its close),
 * `DecisionTask <type>` (one per task, children of the run), `RunActivity <type>` (one per attempt,
 * child of the decision task that scheduled the call). A child run's span is a child of the parent's
 * decision task that started it.
 *
 * ```ts
 * const tracing = flowyTracing();
 * new DecisionWorker({ ..., workflowInterceptors: [tracing.workflow], decisionTaskInterceptors: [tracing.decisionTask] });
 * new ActivityWorker({ ..., interceptors: [tracing.activity] });
 * new FlowyClient({ ..., interceptors: [tracing.client] });
 * ```
 */
export function flowyTracing(options: FlowyTracingOptions = {}): FlowyTracing {
  const tracer: Tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  const propagator = options.propagator ?? w3cTraceContext;
  const maxOpenRuns = options.maxOpenRuns ?? 10_000;
  const runs = new Map<string, RunState>();

  const inject = (parent: Context, headers: Headers | undefined): Record<string, string> => {
    const carrier: Record<string, string> = { ...headers };
    propagator.inject(parent, carrier, {
      set: (c, key, value) => {
        c[key] = value;
      },
    });
    return carrier;
  };
  const extract = (headers: Headers | undefined): Context =>
    propagator.extract(ROOT_CONTEXT, headers ?? {}, {
      get: (c, key) => (Object.hasOwn(c, key) ? c[key] : undefined),
      keys: (c) => Object.keys(c),
    });

  const openRun = (key: string, start: () => Span): RunState => {
    const known = runs.get(key);
    if (known) return known;
    const state: RunState = { span: start(), task: undefined };
    runs.set(key, state);
    if (runs.size > maxOpenRuns) {
      // the oldest run this worker still holds: its close went to another worker, or never came
      const [oldestKey, oldest] = runs.entries().next().value as [string, RunState];
      runs.delete(oldestKey);
      oldest.span.setAttribute('flowy.run.closed_elsewhere', true);
      oldest.span.end();
    }
    return state;
  };

  const client: ClientInterceptor = {
    async startWorkflow(input, next) {
      const span = tracer.startSpan(
        `StartWorkflow ${input.workflowType.name}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { ...typeAttributes(input.workflowType), 'flowy.workflow.id': input.workflowId },
        },
        context.active(),
      );
      try {
        const started = await next({ ...input, headers: inject(trace.setSpan(context.active(), span), input.headers) });
        span.setAttribute('flowy.run.id', started.runId);
        return started;
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };

  const decisionTask: DecisionTaskInterceptor = {
    async decide(input, next) {
      const { info } = input;
      const key = runKey(info.workflowId, info.runId);
      const run = openRun(key, () =>
        tracer.startSpan(
          `RunWorkflow ${info.workflowType.name}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              ...typeAttributes(info.workflowType),
              'flowy.workflow.id': info.workflowId,
              'flowy.run.id': info.runId,
              'flowy.task_list': info.taskList,
              ...(input.isFirstTask ? {} : { 'flowy.run.resumed': true }),
            },
          },
          extract(input.headers),
        ),
      );
      const task = tracer.startSpan(
        `DecisionTask ${info.workflowType.name}`,
        {
          attributes: {
            'flowy.workflow.id': info.workflowId,
            'flowy.run.id': info.runId,
            'flowy.decision_task.started_event_id': info.startedEventId,
          },
        },
        trace.setSpan(ROOT_CONTEXT, run.span),
      );
      run.task = task;
      try {
        const outcome = await next(input);
        task.setAttribute('flowy.decisions', outcome.decisions);
        if (outcome.status !== 'open') {
          run.span.setAttribute('flowy.run.status', outcome.status);
          if (outcome.status === 'failed')
            run.span.setStatus({ code: SpanStatusCode.ERROR, message: 'the workflow failed' });
          runs.delete(key);
          run.span.end();
        }
        return outcome;
      } catch (error) {
        failSpan(task, error);
        throw error;
      } finally {
        run.task = undefined;
        task.end();
      }
    },
  };

  // Runs inside the replayed code: reads the decision task span the worker opened, writes headers.
  // A call replayed from an earlier task gets new headers too, but its decision is not sent again.
  const workflow: WorkflowInterceptorFactory = (info) => {
    const withTaskContext = <T extends { headers?: Headers }>(call: T): T => {
      const task = runs.get(runKey(info.workflowId, info.runId))?.task;
      return task ? { ...call, headers: inject(trace.setSpan(ROOT_CONTEXT, task), call.headers) } : call;
    };
    return {
      scheduleActivity: (input, next) => next(withTaskContext(input)),
      startChild: (input, next) => next(withTaskContext(input)),
    };
  };

  const activity: ActivityInterceptor = {
    async execute(input, next) {
      const { info } = input;
      const parent = extract(input.headers);
      const span = tracer.startSpan(
        `RunActivity ${info.activityType.name}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'flowy.activity.type': info.activityType.name,
            'flowy.activity.version': info.activityType.version,
            'flowy.activity.id': info.activityId,
            'flowy.activity.attempt': info.attempt,
            'flowy.workflow.id': info.workflowId,
            'flowy.run.id': info.runId,
            'flowy.task_list': info.taskList,
          },
        },
        parent,
      );
      try {
        // the activity's own spans (and instrumented libraries) nest under the attempt
        return await context.with(trace.setSpan(parent, span), () => next(input));
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };

  return { client, decisionTask, workflow, activity };
}

function runKey(workflowId: string, runId: string): string {
  return `${workflowId}\u0000${runId}`;
}

function typeAttributes(type: { name: string; version: string }): Record<string, string> {
  return { 'flowy.workflow.type': type.name, 'flowy.workflow.version': type.version };
}

function failSpan(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}
