// The inputs of SWF's operations as the SDK declares them (SWF_SPEC 3), for the server that
// implements them. Type-only: nothing of the SDK is loaded, and the SDK stays the one definition
// of the API's shapes instead of a second copy here.
import type * as sdk from '@aws-sdk/client-swf';

/** The SDK input type of each operation the local server types its state functions with. */
export interface OperationInputs {
  StartWorkflowExecution: sdk.StartWorkflowExecutionInput;
  DescribeWorkflowExecution: sdk.DescribeWorkflowExecutionInput;
  GetWorkflowExecutionHistory: sdk.GetWorkflowExecutionHistoryInput;
  SignalWorkflowExecution: sdk.SignalWorkflowExecutionInput;
  RequestCancelWorkflowExecution: sdk.RequestCancelWorkflowExecutionInput;
  TerminateWorkflowExecution: sdk.TerminateWorkflowExecutionInput;
  PollForDecisionTask: sdk.PollForDecisionTaskInput;
  PollForActivityTask: sdk.PollForActivityTaskInput;
  ListOpenWorkflowExecutions: sdk.ListOpenWorkflowExecutionsInput;
  ListClosedWorkflowExecutions: sdk.ListClosedWorkflowExecutionsInput;
  CountOpenWorkflowExecutions: sdk.CountOpenWorkflowExecutionsInput;
  CountClosedWorkflowExecutions: sdk.CountClosedWorkflowExecutionsInput;
  RegisterWorkflowType: sdk.RegisterWorkflowTypeInput;
  RegisterActivityType: sdk.RegisterActivityTypeInput;
  DescribeWorkflowType: sdk.DescribeWorkflowTypeInput;
  DescribeActivityType: sdk.DescribeActivityTypeInput;
  DeprecateWorkflowType: sdk.DeprecateWorkflowTypeInput;
  DeprecateActivityType: sdk.DeprecateActivityTypeInput;
  UndeprecateWorkflowType: sdk.UndeprecateWorkflowTypeInput;
  UndeprecateActivityType: sdk.UndeprecateActivityTypeInput;
  DeleteWorkflowType: sdk.DeleteWorkflowTypeInput;
  DeleteActivityType: sdk.DeleteActivityTypeInput;
  ListWorkflowTypes: sdk.ListWorkflowTypesInput;
  ListActivityTypes: sdk.ListActivityTypesInput;
  RespondDecisionTaskCompleted: sdk.RespondDecisionTaskCompletedInput;
  CountPendingDecisionTasks: sdk.CountPendingDecisionTasksInput;
  CountPendingActivityTasks: sdk.CountPendingActivityTasksInput;
  RecordActivityTaskHeartbeat: sdk.RecordActivityTaskHeartbeatInput;
  RespondActivityTaskCompleted: sdk.RespondActivityTaskCompletedInput;
  RespondActivityTaskFailed: sdk.RespondActivityTaskFailedInput;
  RespondActivityTaskCanceled: sdk.RespondActivityTaskCanceledInput;
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type Checked<V> = V extends readonly (infer E)[]
  ? Checked<E>[]
  : V extends string | number | boolean | Date | Uint8Array
    ? V
    : V extends object
      ? Validated<V>
      : V;

/**
 * `T` as the state machine receives it: the protocol layer validated it against the model, so the
 * members the SDK declares required (`name: string | undefined`) are present, at every depth.
 */
export type Validated<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]-?: Checked<NonNullable<T[K]>> } & {
  [K in OptionalKeys<T>]?: Checked<NonNullable<T[K]>> | undefined;
};

/** The validated input of operation `Op`. */
export type OperationInput<Op extends keyof OperationInputs> = Validated<OperationInputs[Op]>;
