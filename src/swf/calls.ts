// Every SWF call the workers and the client send themselves goes through callSwf: one typed door
// to the SDK, built on the clients of createSwfClient.
import {
  DescribeWorkflowExecutionCommand,
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  PollForActivityTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RequestCancelWorkflowExecutionCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import type * as S from '@aws-sdk/client-swf';

/** The operations of {@link callSwf}: input and output of each. */
export interface SwfOperations {
  DescribeWorkflowExecution: [S.DescribeWorkflowExecutionInput, S.DescribeWorkflowExecutionCommandOutput];
  ListClosedWorkflowExecutions: [S.ListClosedWorkflowExecutionsInput, S.ListClosedWorkflowExecutionsCommandOutput];
  ListOpenWorkflowExecutions: [S.ListOpenWorkflowExecutionsInput, S.ListOpenWorkflowExecutionsCommandOutput];
  PollForActivityTask: [S.PollForActivityTaskInput, S.PollForActivityTaskCommandOutput];
  RecordActivityTaskHeartbeat: [S.RecordActivityTaskHeartbeatInput, S.RecordActivityTaskHeartbeatCommandOutput];
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
  DescribeWorkflowExecution: DescribeWorkflowExecutionCommand,
  ListClosedWorkflowExecutions: ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutions: ListOpenWorkflowExecutionsCommand,
  PollForActivityTask: PollForActivityTaskCommand,
  RecordActivityTaskHeartbeat: RecordActivityTaskHeartbeatCommand,
  RequestCancelWorkflowExecution: RequestCancelWorkflowExecutionCommand,
  RespondActivityTaskCanceled: RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompleted: RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailed: RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompleted: RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecution: SignalWorkflowExecutionCommand,
  StartWorkflowExecution: StartWorkflowExecutionCommand,
  TerminateWorkflowExecution: TerminateWorkflowExecutionCommand,
};

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
  const Command = COMMANDS[operation] as new (input: SwfOperations[K][0]) => Parameters<S.SWFClient['send']>[0];
  return client.send(new Command(input), options) as Promise<SwfOperations[K][1]>;
}
