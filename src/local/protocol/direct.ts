// The in-process transport's shortcut (src/swf-model/direct-calls.ts): the SDK's input object in,
// the output as the SDK would have read it out, with the same validation, limits, faults and
// hang-up handling as a request over HTTP, and no JSON in between.
import { randomUUID } from 'node:crypto';
import type { DirectAnswer, DirectCalls } from '../../swf-model/index.ts';
import { eventsWithDates, wireInput } from '../../swf-model/index.ts';
import type { SwfEngine } from '../engine.ts';
import { SwfFault } from '../faults.ts';
import { JsonText } from '../store/records.ts';
import type { TaskTokenClaims } from '../tokens.ts';
import { asFault, MAX_REQUEST_BYTES, runOperation } from './dispatch.ts';

/** The operations of `engine` as plain calls (the local server hangs them on its request handler). */
export function createDirectCalls(engine: SwfEngine): DirectCalls {
  const sign = (claims: TaskTokenClaims): string => engine.signTaskToken(claims);
  return {
    async call(operation, input, { signal, region }): Promise<DirectAnswer> {
      try {
        if (engine.isClosed)
          throw new SwfFault(
            'ServiceUnavailableException',
            'The local SWF server is shut down; start it again to continue',
          );
        const wire = checkedWireInput(input);
        const { output, release } = await runOperation(
          engine,
          operation,
          wire,
          { isConnected: () => !signal?.aborted, signal, isHangUpSeenAtOnce: true },
          region,
        );
        if (signal?.aborted) release?.(); // the call was abandoned: nobody gets this answer
        return { output: sdkOutput(output, sign) as Record<string, unknown> };
      } catch (error) {
        const fault = asFault(engine, operation, error);
        return { fault: { type: fault.type, message: fault.message, statusCode: fault.statusCode } };
      }
    },
  };
}

/**
 * A copy of the SDK's input as its JSON would be read back: Dates as epoch seconds, undefined
 * members left out. Refused, as over HTTP, when its JSON would pass SWF's request size limit.
 */
function checkedWireInput(input: object): Record<string, unknown> {
  const size = { chars: 0 };
  const copy = wireInput(input, size) as Record<string, unknown>;
  // a UTF-8 byte of JSON per character at least, at most six (a \u escape): measure only near the limit
  if (size.chars * 6 > MAX_REQUEST_BYTES) {
    const bytes = Buffer.byteLength(JSON.stringify(copy), 'utf8');
    if (bytes > MAX_REQUEST_BYTES) {
      throw new SwfFault(
        'ValidationException',
        `Request of ${bytes} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit of SWF requests`,
      );
    }
  }
  return copy;
}

/**
 * The output as the SDK reads it: a fresh copy with Dates kept, `taskClaims` signed into
 * `taskToken`, a page of events (JsonText) parsed with its timestamps as Dates, undefined members
 * left out, and the `$metadata` every SDK output has.
 */
function sdkOutput(value: object, sign: (claims: TaskTokenClaims) => string): object {
  const output = copyOutput(value, sign) as Record<string, unknown>;
  output.$metadata = { httpStatusCode: 200, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 };
  return output;
}

function copyOutput(value: unknown, sign: (claims: TaskTokenClaims) => string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof JsonText) return eventsWithDates(JSON.parse(value.text));
  if (Array.isArray(value)) return value.map((item) => copyOutput(item, sign));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    if (key === 'taskClaims') copy.taskToken = sign(member as TaskTokenClaims);
    else copy[key] = copyOutput(member, sign);
  }
  return copy;
}
