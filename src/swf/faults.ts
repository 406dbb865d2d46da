// Recognising SWF faults and connection failures in errors thrown by the SDK.
import type { SwfFaultName } from '../swf-model/index.ts';

/** The SWF fault names a caller may want to branch on (SWF_SPEC 1.4; the list is src/swf-model's). */
export type { SwfFaultName } from '../swf-model/index.ts';

/** True when `error` is the SWF fault `name` (as the SDK names it). */
export function isFault(error: unknown, name: SwfFaultName): boolean {
  return error instanceof Error && error.name === name;
}

/** What the SDK throws when a request is aborted by its signal (recognised by {@link isAbort}). */
export function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

/** True when the request was aborted by our own AbortSignal (shutdown), not by the network. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** True when the error says the endpoint could not be reached (as opposed to a fault it answered). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && CONNECTION_CODES.has(code)) return true;
  if (error.name === 'TimeoutError' || error.name === 'RequestTimeout') return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined && !('$fault' in error) && /socket|connect|network|timed? ?out/i.test(error.message);
}

/** A one-line description of an SDK error: the fault name and its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const name = error.name !== 'Error' ? error.name : (code ?? 'Error');
  return error.message ? `${name}: ${error.message}` : name;
}
