// The request shape of every SWF operation (SWF_SPEC appendix B) and of every decision (appendix E).
import { decisionAttributesKey } from '../../swf-model/index.ts';
import type { Shape } from './shape-validation.ts';

const req = (shape: Shape): Shape => ({ ...shape, required: true });
const text = (min: number, max: number): Shape => ({ t: 'string', min, max });
const name: Shape = { t: 'string', min: 1, max: 256, isName: true };
const domainName: Shape = { t: 'string', min: 1, max: 256, isName: true, isTrimmed: true };
const version: Shape = { t: 'string', min: 1, max: 64, isName: true };
const data = text(0, 32768);
const limitedData = text(0, 2048);
const reason = text(0, 256);
const description = text(0, 1024);
const identity = text(0, 256);
const runIdOptional = text(0, 64);
const duration: Shape = { t: 'string', max: 8, isDuration: true };
const durationRequired: Shape = { t: 'string', min: 1, max: 8, isDuration: true };
/** SWF_SPEC 6.1: a start's executionStartToCloseTimeout, and a type's default for it, are never NONE. */
const executionTimeout: Shape = { t: 'string', max: 8, isDuration: true, isExecutionTimeout: true };
const priority: Shape = { t: 'string', isPriority: true };
const taskToken = text(1, 1024);
const pageToken = text(0, 2048);
const pageSize: Shape = { t: 'int', min: 0, max: 1000 };
const bool: Shape = { t: 'bool' };
const arn = text(1, 1600);
const childPolicy: Shape = { t: 'string', values: ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'] };
const registrationStatus: Shape = { t: 'string', values: ['REGISTERED', 'DEPRECATED'] };
const closeStatus: Shape = {
  t: 'string',
  values: ['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'],
};
const struct = (fields: Record<string, Shape>): Shape => ({ t: 'struct', fields });
const taskList = struct({ name: req(domainName) });
const workflowType = struct({ name: req(name), version: req(version) });
const activityType = workflowType;
const execution = struct({ workflowId: req(name), runId: req(text(1, 64)) });
const tagList: Shape = { t: 'list', member: text(0, 256), max: 5 };
const timeFilter = struct({ oldestDate: req({ t: 'timestamp' }), latestDate: { t: 'timestamp' } });
const executionFilter = struct({ workflowId: req(name) });
const typeFilter = struct({ name: req(name), version: text(0, 64) });
const tagFilter = struct({ tag: req(text(0, 256)) });
const closeStatusFilter = struct({ status: req(closeStatus) });
const resourceTag = struct({ key: req(text(1, 128)), value: text(0, 256) });
const resourceTags: Shape = { t: 'list', member: resourceTag };
const paging = { nextPageToken: pageToken, maximumPageSize: pageSize, reverseOrder: bool };

/**
 * Attribute shapes of each decision type, keyed by decisionType (appendix E). A Map: decision types
 * come from requests, and a plain object would answer "constructor" or "__proto__" too.
 */
export const DECISION_ATTRIBUTES: ReadonlyMap<string, Record<string, Shape>> = new Map(
  Object.entries<Record<string, Shape>>({
    ScheduleActivityTask: {
      activityType: req(activityType),
      activityId: req(name),
      control: data,
      input: data,
      scheduleToCloseTimeout: duration,
      taskList,
      taskPriority: priority,
      scheduleToStartTimeout: duration,
      startToCloseTimeout: duration,
      heartbeatTimeout: duration,
    },
    RequestCancelActivityTask: { activityId: req(name) },
    CompleteWorkflowExecution: { result: data },
    FailWorkflowExecution: { reason, details: data },
    CancelWorkflowExecution: { details: data },
    ContinueAsNewWorkflowExecution: {
      input: data,
      executionStartToCloseTimeout: duration,
      taskList,
      taskPriority: priority,
      taskStartToCloseTimeout: duration,
      childPolicy,
      tagList,
      workflowTypeVersion: version,
      lambdaRole: arn,
    },
    RecordMarker: { markerName: req(text(1, 256)), details: data },
    StartTimer: { timerId: req(name), control: data, startToFireTimeout: req(durationRequired) },
    CancelTimer: { timerId: req(name) },
    SignalExternalWorkflowExecution: {
      workflowId: req(name),
      runId: runIdOptional,
      signalName: req(text(1, 256)),
      input: data,
      control: data,
    },
    RequestCancelExternalWorkflowExecution: { workflowId: req(name), runId: runIdOptional, control: data },
    StartChildWorkflowExecution: {
      workflowType: req(workflowType),
      workflowId: req(name),
      control: data,
      input: data,
      executionStartToCloseTimeout: duration,
      taskList,
      taskPriority: priority,
      taskStartToCloseTimeout: duration,
      childPolicy,
      tagList,
      lambdaRole: arn,
    },
    ScheduleLambdaFunction: {
      id: req(name),
      name: req(text(1, 64)),
      control: data,
      input: data,
      startToCloseTimeout: duration,
    },
  }),
);

const decision = struct({
  decisionType: req({ t: 'string', values: [...DECISION_ATTRIBUTES.keys()] }),
  ...Object.fromEntries([...DECISION_ATTRIBUTES.keys()].map((type) => [decisionAttributesKey(type), struct({})])),
});

const typeRef = (key: 'workflowType' | 'activityType') => ({
  domain: req(domainName),
  [key]: req(key === 'workflowType' ? workflowType : activityType),
});
const visibilityOpen = {
  domain: req(domainName),
  startTimeFilter: req(timeFilter),
  typeFilter,
  tagFilter,
  executionFilter,
};
const visibilityClosed = {
  domain: req(domainName),
  startTimeFilter: timeFilter,
  closeTimeFilter: timeFilter,
  executionFilter,
  closeStatusFilter,
  typeFilter,
  tagFilter,
};
const pollFields = { domain: req(domainName), taskList: req(taskList), identity };

/**
 * Input members of each of the 39 operations (appendix B), keyed by the name in X-Amz-Target. A Map:
 * a plain object would also answer prototype names such as "constructor" or "toString".
 */
export const OPERATION_INPUTS: ReadonlyMap<string, Record<string, Shape>> = new Map(
  Object.entries<Record<string, Shape>>({
    RegisterDomain: {
      name: req(domainName),
      description,
      workflowExecutionRetentionPeriodInDays: req(text(1, 8)),
      tags: resourceTags,
    },
    DescribeDomain: { name: req(domainName) },
    ListDomains: { registrationStatus: req(registrationStatus), ...paging },
    DeprecateDomain: { name: req(domainName) },
    UndeprecateDomain: { name: req(domainName) },
    RegisterWorkflowType: {
      domain: req(domainName),
      name: req(name),
      version: req(version),
      description,
      defaultTaskStartToCloseTimeout: duration,
      defaultExecutionStartToCloseTimeout: executionTimeout,
      defaultTaskList: taskList,
      defaultTaskPriority: priority,
      defaultChildPolicy: childPolicy,
      defaultLambdaRole: arn,
    },
    RegisterActivityType: {
      domain: req(domainName),
      name: req(name),
      version: req(version),
      description,
      defaultTaskStartToCloseTimeout: duration,
      defaultTaskHeartbeatTimeout: duration,
      defaultTaskList: taskList,
      defaultTaskPriority: priority,
      defaultTaskScheduleToStartTimeout: duration,
      defaultTaskScheduleToCloseTimeout: duration,
    },
    DescribeWorkflowType: typeRef('workflowType'),
    DescribeActivityType: typeRef('activityType'),
    DeprecateWorkflowType: typeRef('workflowType'),
    DeprecateActivityType: typeRef('activityType'),
    UndeprecateWorkflowType: typeRef('workflowType'),
    UndeprecateActivityType: typeRef('activityType'),
    DeleteWorkflowType: typeRef('workflowType'),
    DeleteActivityType: typeRef('activityType'),
    ListWorkflowTypes: { domain: req(domainName), name, registrationStatus: req(registrationStatus), ...paging },
    ListActivityTypes: { domain: req(domainName), name, registrationStatus: req(registrationStatus), ...paging },
    StartWorkflowExecution: {
      domain: req(domainName),
      workflowId: req(name),
      workflowType: req(workflowType),
      taskList,
      taskPriority: priority,
      input: data,
      executionStartToCloseTimeout: executionTimeout,
      tagList,
      taskStartToCloseTimeout: duration,
      childPolicy,
      lambdaRole: arn,
    },
    DescribeWorkflowExecution: { domain: req(domainName), execution: req(execution) },
    GetWorkflowExecutionHistory: { domain: req(domainName), execution: req(execution), ...paging },
    SignalWorkflowExecution: {
      domain: req(domainName),
      workflowId: req(name),
      runId: runIdOptional,
      signalName: req(text(1, 256)),
      input: data,
    },
    RequestCancelWorkflowExecution: { domain: req(domainName), workflowId: req(name), runId: runIdOptional },
    TerminateWorkflowExecution: {
      domain: req(domainName),
      workflowId: req(name),
      runId: runIdOptional,
      reason,
      details: data,
      childPolicy,
    },
    ListOpenWorkflowExecutions: { ...visibilityOpen, ...paging },
    ListClosedWorkflowExecutions: { ...visibilityClosed, ...paging },
    CountOpenWorkflowExecutions: visibilityOpen,
    CountClosedWorkflowExecutions: visibilityClosed,
    PollForDecisionTask: { ...pollFields, ...paging, startAtPreviousStartedEvent: bool },
    RespondDecisionTaskCompleted: {
      taskToken: req(taskToken),
      decisions: { t: 'list', member: decision },
      executionContext: data,
      taskList,
      taskListScheduleToStartTimeout: duration,
    },
    CountPendingDecisionTasks: { domain: req(domainName), taskList: req(taskList) },
    PollForActivityTask: pollFields,
    RecordActivityTaskHeartbeat: { taskToken: req(taskToken), details: limitedData },
    RespondActivityTaskCompleted: { taskToken: req(taskToken), result: data },
    RespondActivityTaskFailed: { taskToken: req(taskToken), reason, details: data },
    RespondActivityTaskCanceled: { taskToken: req(taskToken), details: data },
    CountPendingActivityTasks: { domain: req(domainName), taskList: req(taskList) },
    TagResource: { resourceArn: req(arn), tags: req(resourceTags) },
    UntagResource: { resourceArn: req(arn), tagKeys: req({ t: 'list', member: text(1, 128) }) },
    ListTagsForResource: { resourceArn: req(arn) },
  }),
);
