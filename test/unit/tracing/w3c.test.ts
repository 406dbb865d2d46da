import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { w3cTraceContext } from '../../../src/tracing/index.ts';

const setter = {
  set: (carrier: Record<string, string>, key: string, value: string) => {
    carrier[key] = value;
  },
};
const getter = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};
const traceId = '0af7651916cd43dd8448eb211c80319c';
const spanId = 'b7ad6b7169203331';

describe('the W3C trace context headers', () => {
  test('a span context goes out as traceparent and tracestate and comes back as a remote parent', () => {
    const carrier: Record<string, string> = {};
    const sent = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
    w3cTraceContext.inject(sent, carrier, setter);
    assert.deepEqual(carrier, { traceparent: `00-${traceId}-${spanId}-01` });
    const received = trace.getSpanContext(
      w3cTraceContext.extract(ROOT_CONTEXT, { ...carrier, tracestate: 'shop=1' }, getter),
    );
    assert.deepEqual(
      { ...received, traceState: received?.traceState?.serialize() },
      { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true, traceState: 'shop=1' },
    );
  });

  test('no context, or a malformed or all-zero traceparent, propagates nothing', () => {
    const carrier: Record<string, string> = {};
    w3cTraceContext.inject(ROOT_CONTEXT, carrier, setter);
    assert.deepEqual(carrier, {});
    for (const traceparent of [
      'garbage',
      `01-${traceId}-${spanId}-01`,
      `00-${'0'.repeat(32)}-${spanId}-01`,
      `00-${traceId}-${'0'.repeat(16)}-01`,
    ]) {
      assert.equal(
        trace.getSpanContext(w3cTraceContext.extract(ROOT_CONTEXT, { traceparent }, getter)),
        undefined,
        traceparent,
      );
    }
  });
});
