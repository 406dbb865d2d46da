// How the settlement of `run()` becomes the decision that closes the execution (SWF_SPEC 9):
//   resolved                → CompleteWorkflowExecution (result serialized)
//   threw RestartRequest    → ContinueAsNewWorkflowExecution (this.restart(input), with the run's headers)
//   threw WorkflowCanceled  → CancelWorkflowExecution
//   threw anything else     → FailWorkflowExecution (reason: "<name>: <message>", details: JSON)
// A result or restart input too large for SWF fails the execution with a message naming it.
import { RestartRequest, WorkflowCanceled } from './errors.ts';
import { describeWorkflowFailure } from './failure.ts';
import { splitHeaders, withHeaders } from './headers.ts';
import { MAX_DATA_LENGTH, serializeChecked, truncate, type Serializer } from './serializer.ts';
import type { Decision, WorkflowExecutionStartedEventAttributes } from '../swf-model/index.ts';

/** What closing needs to know of the execution: how to encode, its type, how it was started. */
export interface ClosingExecution {
  readonly serializer: Serializer;
  readonly workflowType: { name: string };
  readonly started?: WorkflowExecutionStartedEventAttributes | undefined;
}

/** How the execution closes; also `DecideResult.status`. */
export type CloseKind = 'completed' | 'failed' | 'canceled' | 'continued';

/** The close decision for `run()` having resolved with, or thrown, `value`. */
export function closeDecision(
  outcome: 'completed' | 'failed',
  value: unknown,
  execution: ClosingExecution,
): { kind: CloseKind; decision: Decision } {
  try {
    if (outcome === 'completed') {
      const result = serializeChecked(
        execution.serializer,
        value,
        `Result of workflow "${execution.workflowType.name}"`,
      );
      return {
        kind: 'completed',
        decision: {
          decisionType: 'CompleteWorkflowExecution',
          completeWorkflowExecutionDecisionAttributes: result === undefined ? {} : { result },
        },
      };
    }
    if (value instanceof RestartRequest) return { kind: 'continued', decision: continueAsNew(value.input, execution) };
    if (value instanceof WorkflowCanceled) {
      const details = value.details === undefined ? {} : { details: truncate(value.details, MAX_DATA_LENGTH) };
      return {
        kind: 'canceled',
        decision: { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: details },
      };
    }
    return { kind: 'failed', decision: failDecision(value) };
  } catch (error) {
    return { kind: 'failed', decision: failDecision(error) };
  }
}

function continueAsNew(input: unknown, execution: ClosingExecution): Decision {
  const started = execution.started ?? {};
  // the headers the run was started with go on to the next run (e.g. its trace context)
  const { headers } = splitHeaders(execution.serializer.deserialize(started.input));
  const text = serializeChecked(
    execution.serializer,
    withHeaders(input, headers),
    `Input of restart() of workflow "${execution.workflowType.name}"`,
  );
  const attributes: NonNullable<Decision['continueAsNewWorkflowExecutionDecisionAttributes']> = {};
  if (text !== undefined) attributes.input = text;
  // Carry the current run's configuration over: the decision's values override the type's
  // defaults (SWF_SPEC 9.2), which may differ from what this run was started with.
  if (started.executionStartToCloseTimeout)
    attributes.executionStartToCloseTimeout = started.executionStartToCloseTimeout;
  if (started.taskList?.name) attributes.taskList = { name: started.taskList.name };
  if (started.taskPriority) attributes.taskPriority = started.taskPriority;
  if (started.taskStartToCloseTimeout) attributes.taskStartToCloseTimeout = started.taskStartToCloseTimeout;
  if (started.childPolicy) attributes.childPolicy = started.childPolicy;
  if (started.tagList && started.tagList.length > 0) attributes.tagList = [...started.tagList];
  return {
    decisionType: 'ContinueAsNewWorkflowExecution',
    continueAsNewWorkflowExecutionDecisionAttributes: attributes,
  };
}

/** The `FailWorkflowExecution` decision for an error thrown by `run()`. */
export function failDecision(error: unknown): Decision {
  const { reason, details } = describeWorkflowFailure(error);
  return { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason, details } };
}
