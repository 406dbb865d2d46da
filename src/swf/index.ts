// src/swf: the one place that talks @aws-sdk/client-swf — client factory, connection rules,
// registration from a Registry, paged history and decision-task polling, fault helpers.
export { createSwfClient, clientConfig, LONG_POLL_REQUEST_TIMEOUT_MS } from './client.ts';
export type { SwfClientOptions } from './client.ts';
export {
  resolveConnection,
  normalizeEndpoint,
  isLoopback,
  isAwsEndpoint,
  LOCAL_DEFAULT_ENDPOINT,
  LOCAL_DEFAULT_REGION,
  DEFAULT_DOMAIN,
} from './connection.ts';
export type { Connection, ConnectionOptions } from './connection.ts';
export { getEventsAfter, getHistory, getLastEvent, pollForDecisionTask } from './history.ts';
export type { DecisionTask, PollTarget } from './history.ts';
export {
  registerAll,
  registerDomain,
  registerWorkflowType,
  registerActivityType,
  durationString,
} from './registration.ts';
export type { RegistrationReport, DomainOptions } from './registration.ts';
export {
  listOpenExecutions,
  listClosedExecutions,
  countOpenExecutions,
  countClosedExecutions,
  describeExecution,
  listDomains,
  describeDomain,
  listWorkflowTypes,
  listActivityTypes,
  describeWorkflowType,
  describeActivityType,
  countPendingTasks,
  signalExecution,
  requestCancelExecution,
  terminateExecution,
  startExecution,
} from './executions.ts';
export { isFault, isAbort, isConnectionError, describeError } from './faults.ts';
export { OperationNotImplementedError } from './non-json-answers.ts';
export type { SwfFaultName } from './faults.ts';
export { MAX_HEARTBEAT_DETAILS } from './limits.ts';
export { callSwf } from './calls.ts';
export type { SwfOperation, SwfOperations } from './calls.ts';
// The SDK's types that the rest of flowy speaks in (only src/swf imports @aws-sdk).
export type {
  SWFClient,
  CloseStatus,
  Decision as SdkDecision,
  DescribeWorkflowExecutionCommandOutput,
  HistoryEvent,
  PollForActivityTaskCommandOutput,
  WorkflowExecutionDetail,
  WorkflowExecutionInfo,
} from '@aws-sdk/client-swf';
export { readEngineStatus } from './status.ts';
export type { EngineStatus, EngineStatusOptions, TaskListStatus } from './status.ts';
