// flowy-ts/tracing: OpenTelemetry spans for workflow runs, decision tasks, activity attempts and
// child runs, in one trace from the client to the workers. Needs @opentelemetry/api (a peer
// dependency) and an SDK the application sets up.
//
//   import { flowyTracing } from 'flowy-ts/tracing';
//
//   const tracing = flowyTracing();
//   new DecisionWorker({ ..., workflowInterceptors: [tracing.workflow], decisionTaskInterceptors: [tracing.decisionTask] });
//   new ActivityWorker({ ..., interceptors: [tracing.activity] });
//   new FlowyClient({ ..., interceptors: [tracing.client] });

export { flowyTracing, w3cTraceContext } from '../tracing/index.ts';
export type { FlowyTracing, FlowyTracingOptions } from '../tracing/index.ts';
