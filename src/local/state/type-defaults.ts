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
 * Value → type default, for a start, a child and a continued run alike (SWF_SPEC 6.1, 9.2, 10.2: a
 * continued run does not inherit the current run's values); reports the first member still
 * missing, in the spec's order.
 */
export function resolveWorkflowConfig(
  type: TypeRecord,
  input: WorkflowConfigInput,
): { config: RunConfig } | { missing: MissingDefault } {
  const d = type.config as {
    defaultExecutionStartToCloseTimeout?: string;
    defaultTaskList?: { name: string };
    defaultTaskStartToCloseTimeout?: string;
    defaultChildPolicy?: string;
    defaultTaskPriority?: string;
    defaultLambdaRole?: string;
  };
  const executionStartToCloseTimeout = input.executionStartToCloseTimeout ?? d.defaultExecutionStartToCloseTimeout;
  if (executionStartToCloseTimeout === undefined) return { missing: 'executionStartToCloseTimeout' };
  const taskList = input.taskList?.name ?? d.defaultTaskList?.name;
  if (taskList === undefined) return { missing: 'taskList' };
  const taskStartToCloseTimeout = input.taskStartToCloseTimeout ?? d.defaultTaskStartToCloseTimeout;
  if (taskStartToCloseTimeout === undefined) return { missing: 'taskStartToCloseTimeout' };
  const childPolicy = (input.childPolicy ?? d.defaultChildPolicy) as ChildPolicy | undefined;
  if (childPolicy === undefined) return { missing: 'childPolicy' };
  return {
    config: {
      executionStartToCloseTimeout,
      taskList,
      taskStartToCloseTimeout,
      childPolicy,
      taskPriority: input.taskPriority ?? d.defaultTaskPriority ?? '0',
      lambdaRole: input.lambdaRole ?? d.defaultLambdaRole,
    },
  };
}
