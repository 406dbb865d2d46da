// src/tracing: OpenTelemetry tracing on flowy's interceptors (the package's `flowy-ts/tracing`).
// The only layer that imports @opentelemetry/api, an optional peer dependency.
export { flowyTracing } from './tracing.ts';
export type { FlowyTracing, FlowyTracingOptions } from './tracing.ts';
export { w3cTraceContext } from './w3c.ts';
