// Every SWF call the workers, the client and the viewers send goes through callSwf: one typed door
// to SWF, built on the clients of createSwfClient. Those clients send SDK requests to real SWF; to
// a local server in this process they call its operations directly (src/swf-model/direct-calls.ts),
// and to `flowy dev` they send plain JSON requests (plain-http.ts): no SDK middleware or schema
// walks, with the SDK's outputs and faults. A client given middleware of its own goes back to SDK
// requests, so that the middleware sees every call.
import * as S from '@aws-sdk/client-swf';
import type { DirectCalls, DirectFault } from '../swf-model/index.ts';
import { abortError } from './faults.ts';

/** The operations of {@link callSwf}: input and output of each. */
export interface SwfOperations {
  CountClosedWorkflowExecutions: [S.CountClosedWorkflowExecutionsInput, S.CountClosedWorkflowExecutionsCommandOutput];
  CountOpenWorkflowExecutions: [S.CountOpenWorkflowExecutionsInput, S.CountOpenWorkflowExecutionsCommandOutput];
  CountPendingActivityTasks: [S.CountPendingActivityTasksInput, S.CountPendingActivityTasksCommandOutput];
  CountPendingDecisionTasks: [S.CountPendingDecisionTasksInput, S.CountPendingDecisionTasksCommandOutput];
  DescribeActivityType: [S.DescribeActivityTypeInput, S.DescribeActivityTypeCommandOutput];
  DescribeDomain: [S.DescribeDomainInput, S.DescribeDomainCommandOutput];
  DescribeWorkflowExecution: [S.DescribeWorkflowExecutionInput, S.DescribeWorkflowExecutionCommandOutput];
  DescribeWorkflowType: [S.DescribeWorkflowTypeInput, S.DescribeWorkflowTypeCommandOutput];
  GetWorkflowExecutionHistory: [S.GetWorkflowExecutionHistoryInput, S.GetWorkflowExecutionHistoryCommandOutput];
  ListActivityTypes: [S.ListActivityTypesInput, S.ListActivityTypesCommandOutput];
  ListClosedWorkflowExecutions: [S.ListClosedWorkflowExecutionsInput, S.ListClosedWorkflowExecutionsCommandOutput];
  ListDomains: [S.ListDomainsInput, S.ListDomainsCommandOutput];
  ListOpenWorkflowExecutions: [S.ListOpenWorkflowExecutionsInput, S.ListOpenWorkflowExecutionsCommandOutput];
  ListWorkflowTypes: [S.ListWorkflowTypesInput, S.ListWorkflowTypesCommandOutput];
  PollForActivityTask: [S.PollForActivityTaskInput, S.PollForActivityTaskCommandOutput];
  PollForDecisionTask: [S.PollForDecisionTaskInput, S.PollForDecisionTaskCommandOutput];
  RecordActivityTaskHeartbeat: [S.RecordActivityTaskHeartbeatInput, S.RecordActivityTaskHeartbeatCommandOutput];
  RegisterActivityType: [S.RegisterActivityTypeInput, S.RegisterActivityTypeCommandOutput];
  RegisterDomain: [S.RegisterDomainInput, S.RegisterDomainCommandOutput];
  RegisterWorkflowType: [S.RegisterWorkflowTypeInput, S.RegisterWorkflowTypeCommandOutput];
  RequestCancelWorkflowExecution: [
    S.RequestCancelWorkflowExecutionInput,
    S.RequestCancelWorkflowExecutionCommandOutput,
  ];
  RespondActivityTaskCanceled: [S.RespondActivityTaskCanceledInput, S.RespondActivityTaskCanceledCommandOutput];
  RespondActivityTaskCompleted: [S.RespondActivityTaskCompletedInput, S.RespondActivityTaskCompletedCommandOutput];
  RespondActivityTaskFailed: [S.RespondActivityTaskFailedInput, S.RespondActivityTaskFailedCommandOutput];
  RespondDecisionTaskCompleted: [S.RespondDecisionTaskCompletedInput, S.RespondDecisionTaskCompletedCommandOutput];
  SignalWorkflowExecution: [S.SignalWorkflowExecutionInput, S.SignalWorkflowExecutionCommandOutput];
  StartWorkflowExecution: [S.StartWorkflowExecutionInput, S.StartWorkflowExecutionCommandOutput];
  TerminateWorkflowExecution: [S.TerminateWorkflowExecutionInput, S.TerminateWorkflowExecutionCommandOutput];
}

/** The name of an operation of {@link callSwf}. */
export type SwfOperation = keyof SwfOperations;

const COMMANDS: { [K in SwfOperation]: new (input: SwfOperations[K][0]) => unknown } = {
  CountClosedWorkflowExecutions: S.CountClosedWorkflowExecutionsCommand,
  CountOpenWorkflowExecutions: S.CountOpenWorkflowExecutionsCommand,
  CountPendingActivityTasks: S.CountPendingActivityTasksCommand,
  CountPendingDecisionTasks: S.CountPendingDecisionTasksCommand,
  DescribeActivityType: S.DescribeActivityTypeCommand,
  DescribeDomain: S.DescribeDomainCommand,
  DescribeWorkflowExecution: S.DescribeWorkflowExecutionCommand,
  DescribeWorkflowType: S.DescribeWorkflowTypeCommand,
  GetWorkflowExecutionHistory: S.GetWorkflowExecutionHistoryCommand,
  ListActivityTypes: S.ListActivityTypesCommand,
  ListClosedWorkflowExecutions: S.ListClosedWorkflowExecutionsCommand,
  ListDomains: S.ListDomainsCommand,
  ListOpenWorkflowExecutions: S.ListOpenWorkflowExecutionsCommand,
  ListWorkflowTypes: S.ListWorkflowTypesCommand,
  PollForActivityTask: S.PollForActivityTaskCommand,
  PollForDecisionTask: S.PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeat: S.RecordActivityTaskHeartbeatCommand,
  RegisterActivityType: S.RegisterActivityTypeCommand,
  RegisterDomain: S.RegisterDomainCommand,
  RegisterWorkflowType: S.RegisterWorkflowTypeCommand,
  RequestCancelWorkflowExecution: S.RequestCancelWorkflowExecutionCommand,
  RespondActivityTaskCanceled: S.RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompleted: S.RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailed: S.RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompleted: S.RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecution: S.SignalWorkflowExecutionCommand,
  StartWorkflowExecution: S.StartWorkflowExecutionCommand,
  TerminateWorkflowExecution: S.TerminateWorkflowExecutionCommand,
};

/** Clients that call without the SDK, with their calls (a local server's, or plain JSON requests). */
const directClients = new WeakMap<S.SWFClient, { calls: DirectCalls; region: string }>();

/**
 * Makes callSwf on `client` use `calls` in place of SDK requests (see createSwfClient). Once
 * middleware is added to the client (someone wants to see or change its requests), it sends SDK
 * requests again, through its own transport.
 */
export function callDirectly(client: S.SWFClient, calls: DirectCalls, region: string): void {
  directClients.set(client, { calls, region });
  const stack = client.middlewareStack;
  for (const method of ['add', 'addRelativeTo', 'use'] as const) {
    const original = stack[method].bind(stack) as (...args: unknown[]) => unknown;
    (stack as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      directClients.delete(client);
      return original(...args);
    };
  }
}

/**
 * Sends one SWF operation through `client`.
 *
 * ```ts
 * await callSwf(client, 'SignalWorkflowExecution', { domain, workflowId, signalName: 'go' });
 * ```
 */
export function callSwf<K extends SwfOperation>(
  client: S.SWFClient,
  operation: K,
  input: SwfOperations[K][0],
  options: { abortSignal?: AbortSignal } = {},
): Promise<SwfOperations[K][1]> {
  const direct = directClients.get(client);
  if (direct) return callDirect(direct, operation, input, options.abortSignal);
  const Command = COMMANDS[operation] as new (input: SwfOperations[K][0]) => Parameters<S.SWFClient['send']>[0];
  return client.send(new Command(input), options) as Promise<SwfOperations[K][1]>;
}

async function callDirect<K extends SwfOperation>(
  direct: { calls: DirectCalls; region: string },
  operation: K,
  input: SwfOperations[K][0],
  signal: AbortSignal | undefined,
): Promise<SwfOperations[K][1]> {
  if (signal?.aborted) throw abortError();
  const answer = await direct.calls.call(operation, input, { signal, region: direct.region });
  if (signal?.aborted) throw abortError();
  if ('fault' in answer) throw sdkFault(answer.fault);
  return answer.output as unknown as SwfOperations[K][1];
}

/** The SDK's modeled fault classes by name (UnknownResourceFault, ...). */
const MODELED_FAULTS = new Map<string, new (options: { message: string; $metadata: object }) => Error>(
  Object.entries(S)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof S.SWFServiceException)
    .map(([name, value]) => [name, value as new (options: { message: string; $metadata: object }) => Error]),
);

/** The error the SDK would have thrown for `fault`: its modeled class, else a ServiceException by that name. */
function sdkFault(fault: DirectFault): Error {
  const $metadata = { httpStatusCode: fault.statusCode, attempts: 1, totalRetryDelay: 0 };
  const Modeled = MODELED_FAULTS.get(fault.type);
  if (Modeled) return new Modeled({ message: fault.message, $metadata });
  return new S.SWFServiceException({
    name: fault.type,
    $fault: fault.statusCode >= 500 ? 'server' : 'client',
    $metadata,
    message: fault.message,
  });
}
