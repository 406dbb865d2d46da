// Endpoints that answer an operation with something other than SWF JSON (an HTML 404 page, a proxy's
// error): the SDK's "SyntaxError ... Deserialization error" becomes an error naming the operation.
import type { SWFClient } from '@aws-sdk/client-swf';

/** An endpoint answered an SWF operation with a body that is not SWF's JSON. */
export class OperationNotImplementedError extends Error {
  override readonly name = 'OperationNotImplemented';
  constructor(
    readonly endpoint: string,
    readonly operation: string,
    readonly status: number | undefined,
    readonly contentType: string | undefined,
  ) {
    super(
      `The endpoint ${endpoint} does not implement the SWF operation ${operation}: it answered` +
        `${status === undefined ? '' : ` HTTP ${status}`} with ${contentType ? `"${contentType}"` : 'a body'} that is not SWF JSON; ` +
        'point --endpoint (SWF_ENDPOINT) at Amazon SWF or an SWF-compatible server such as "flowy dev"',
    );
  }
}

interface UnparsedAnswer {
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  $metadata?: { httpStatusCode?: number };
}

/** True when the SDK could not parse the answer at all (as opposed to an SWF fault it parsed). */
function isUnparsedAnswer(error: unknown): error is Error & UnparsedAnswer {
  return error instanceof Error && error.name === 'SyntaxError' && /Deserialization error/.test(error.message);
}

/** Makes `client` explain non-JSON answers with {@link OperationNotImplementedError}. */
export function explainNonJsonAnswers(client: SWFClient, endpoint: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isUnparsedAnswer(error)) throw error;
        const operation = (context.commandName ?? 'operation').replace(/Command$/, '');
        const headers = error.$response?.headers ?? {};
        const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
        throw new OperationNotImplementedError(
          endpoint,
          operation,
          error.$response?.statusCode ?? error.$metadata?.httpStatusCode,
          contentType,
        );
      }
    },
    { step: 'initialize', name: 'flowyExplainNonJsonAnswers' },
  );
}
