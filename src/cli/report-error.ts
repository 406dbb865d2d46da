// Turning any error of a command into one clear line on stderr and an exit code.
import { InvalidInput, UnknownExecution, WorkflowExecutionFailed } from '../client/index.ts';
import { describeError, isConnectionError, isFault, OperationNotImplementedError } from '../swf/index.ts';
import { Interrupted, UsageError } from './usage-error.ts';

import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE } from './exit-codes.ts';

export { EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED } from './exit-codes.ts';

/** Writes `error` as one line (plus its stack with --verbose) and returns the exit code. */
export function reportError(
  error: unknown,
  context: { err(line: string): void; verbose: boolean; target?: string },
): number {
  const { line, code } = explain(error, context.target);
  context.err(`flowy: ${line}`);
  if (context.verbose && error instanceof Error && error.stack) context.err(error.stack);
  return code;
}

/** The line and exit code for `error`. */
export function explain(error: unknown, target = 'the SWF endpoint'): { line: string; code: number } {
  if (error instanceof UsageError || error instanceof InvalidInput) return { line: error.message, code: EXIT_USAGE };
  if (error instanceof Error && (error.name === 'ConfigurationError' || error.name === 'InvalidInput')) {
    return { line: error.message, code: EXIT_USAGE };
  }
  if (error instanceof WorkflowExecutionFailed || error instanceof UnknownExecution)
    return { line: error.message, code: EXIT_FAILED };
  if (error instanceof Interrupted)
    return { line: error.message, code: error.signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_FAILED };
  if (isConnectionError(error)) {
    return {
      line: `cannot reach ${target} (${describeError(error)}); start "flowy dev", or point --endpoint / SWF_ENDPOINT at a server (AWS_REGION for real SWF)`,
      code: EXIT_FAILED,
    };
  }
  // a server that answered with something other than SWF JSON: the message names endpoint and operation
  if (error instanceof OperationNotImplementedError) return { line: error.message, code: EXIT_FAILED };
  const tls = tlsProblem(error);
  if (tls) return { line: `cannot talk to ${target}: ${tls}`, code: EXIT_FAILED };
  if (isNotSwf(error)) {
    const status = (error as { $response?: { statusCode?: number } }).$response?.statusCode;
    return {
      line: `${target} answered${status ? ` HTTP ${status}` : ''} with something that is not the SWF API; check --endpoint / SWF_ENDPOINT (flowy dev prints its URL)`,
      code: EXIT_FAILED,
    };
  }
  if (error instanceof Error && error.name === 'CredentialsProviderError') {
    return {
      line: `no AWS credentials for ${target}: ${error.message}; set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or use --endpoint for a local server`,
      code: EXIT_FAILED,
    };
  }
  if (isFault(error, 'UnknownResourceFault') && error instanceof Error && /unknown domain/i.test(error.message)) {
    return {
      line: `${describeError(error)}; create it with "flowy register" (or start a worker without --no-register), or pick another with --domain`,
      code: EXIT_FAILED,
    };
  }
  if (isFault(error, 'UnknownResourceFault') && error instanceof Error && /unknown type/i.test(error.message)) {
    return {
      line: `${describeError(error)}; register it with "flowy register" (or start a worker without --no-register)`,
      code: EXIT_FAILED,
    };
  }
  if (isFault(error, 'ValidationException'))
    return { line: `SWF rejected the request: ${describeError(error)}`, code: EXIT_USAGE };
  return { line: describeError(error), code: EXIT_FAILED };
}

/** What went wrong in TLS, in words, when `error` is a TLS failure (an https:// URL to a plain-HTTP server, a bad certificate). */
function tlsProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'EPROTO' || /wrong version number|SSL routines/i.test(error.message)) {
    return 'the TLS handshake failed (an https:// URL to a server that speaks plain HTTP? flowy dev serves http://)';
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `its TLS certificate was refused (${code})`;
  return undefined;
}

/** True when the endpoint answered, but not in SWF's JSON protocol (a web page, another service). */
function isNotSwf(error: unknown): boolean {
  return (
    error instanceof Error && '$response' in error && /Deserialization error|is not valid JSON/i.test(error.message)
  );
}
