// Resolving a run's configuration from explicit values and the workflow type's defaults.
import type { ChildPolicy, RunConfig, TypeRecord } from '../store/records.ts';

/** Explicit values given by a start request, child decision or continue-as-new decision. */
export interface WorkflowConfigInput {
  executionStartToCloseTimeout?: string;
  taskList?: { name: string };
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  taskPriority?: string;
  lambdaRole?: string;
}

/** The member that had neither a value nor a type default (SWF_SPEC 6.1 step 4). */
export type MissingDefault = 'executionStartToCloseTimeout' | 'taskList' | 'taskStartToCloseTimeout' | 'childPolicy';

/** Decision failure cause for each missing default (SWF_SPEC 9, StartChild / ContinueAsNew). */
export const MISSING_DEFAULT_CAUSE: Record<MissingDefault, string> = {
  executionStartToCloseTimeout: 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED',
  taskList: 'DEFAULT_TASK_LIST_UNDEFINED',
  taskStartToCloseTimeout: 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED',
  childPolicy: 'DEFAULT_CHILD_POLICY_UNDEFINED',
};

/**
 * Value → type default → `fallback` (continue-as-new inherits the current run's values, a choice
 * the spec leaves open in 9.2); reports the first member still missing, in the spec's order.
 */
export function resolveWorkflowConfig(type: TypeRecord, input: WorkflowConfigInput, fallback?: RunConfig):
  { config: RunConfig } | { missing: MissingDefault } {
  const d = type.config as {
    defaultExecutionStartToCloseTimeout?: string; defaultTaskList?: { name: string };
    defaultTaskStartToCloseTimeout?: string; defaultChildPolicy?: string; defaultTaskPriority?: string; defaultLambdaRole?: string;
  };
  const executionStartToCloseTimeout = input.executionStartToCloseTimeout ?? d.defaultExecutionStartToCloseTimeout ?? fallback?.executionStartToCloseTimeout;
  if (executionStartToCloseTimeout === undefined) return { missing: 'executionStartToCloseTimeout' };
  const taskList = input.taskList?.name ?? d.defaultTaskList?.name ?? fallback?.taskList;
  if (taskList === undefined) return { missing: 'taskList' };
  const taskStartToCloseTimeout = input.taskStartToCloseTimeout ?? d.defaultTaskStartToCloseTimeout ?? fallback?.taskStartToCloseTimeout;
  if (taskStartToCloseTimeout === undefined) return { missing: 'taskStartToCloseTimeout' };
  const childPolicy = (input.childPolicy ?? d.defaultChildPolicy ?? fallback?.childPolicy) as ChildPolicy | undefined;
  if (childPolicy === undefined) return { missing: 'childPolicy' };
  return {
    config: {
      executionStartToCloseTimeout, taskList, taskStartToCloseTimeout, childPolicy,
      taskPriority: input.taskPriority ?? d.defaultTaskPriority ?? fallback?.taskPriority ?? '0',
      lambdaRole: input.lambdaRole ?? d.defaultLambdaRole ?? fallback?.lambdaRole,
    },
  };
}
