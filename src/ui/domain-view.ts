// The domain page's data: registered and deprecated workflow and activity types with their defaults,
// and the task lists those defaults name with their pending task counts. SWF has no "list task
// lists" operation (SWF_SPEC 9), so the task lists shown are the types' default ones.
import type { SWFClient } from '../swf/index.ts';
import type { Registry } from '../definitions/index.ts';
import {
  countPendingTasks,
  describeActivityType,
  describeDomain,
  describeWorkflowType,
  listActivityTypes,
  listWorkflowTypes,
} from '../swf/index.ts';

/** One type as the domain page lists it. */
export interface TypeRow {
  name: string;
  version: string;
  status: string;
  description?: string;
  creationDate?: Date;
  deprecationDate?: Date;
  defaults: Record<string, string | undefined>;
  /** The JSON Schema of the input, when the workflow's code is in the scanned folders. */
  inputSchema?: unknown;
}

/** A task list named by a type's defaults, with what waits in it. */
export interface TaskListRow {
  name: string;
  decisionTasks: number;
  activityTasks: number;
}

/** The domain page. */
export interface DomainView {
  domain: { name: string; status?: string; description?: string; retentionDays?: string };
  workflowTypes: TypeRow[];
  activityTypes: TypeRow[];
  taskLists: TaskListRow[];
}

/** Reads every type of `domain` (both statuses), their defaults, and the pending counts of their task lists. */
export async function readDomainView(client: SWFClient, domain: string, registry?: Registry): Promise<DomainView> {
  const described = await describeDomain(client, domain);
  const [workflows, deprecatedWorkflows, activities, deprecatedActivities] = await Promise.all([
    listWorkflowTypes(client, domain, 'REGISTERED'),
    listWorkflowTypes(client, domain, 'DEPRECATED'),
    listActivityTypes(client, domain, 'REGISTERED'),
    listActivityTypes(client, domain, 'DEPRECATED'),
  ]);
  const workflowTypes = await Promise.all(
    [...workflows, ...deprecatedWorkflows].map(async (info) => {
      const type = { name: info.workflowType?.name ?? '', version: info.workflowType?.version ?? '' };
      const config = (await describeWorkflowType(client, domain, type)).configuration ?? {};
      const definition = registry
        ?.workflows()
        .find((w) => w.options.name === type.name && w.options.version === type.version);
      return {
        ...type,
        status: info.status ?? '',
        description: info.description,
        creationDate: info.creationDate,
        deprecationDate: info.deprecationDate,
        defaults: {
          taskList: config.defaultTaskList?.name,
          executionStartToCloseTimeout: config.defaultExecutionStartToCloseTimeout,
          taskStartToCloseTimeout: config.defaultTaskStartToCloseTimeout,
          childPolicy: config.defaultChildPolicy,
          taskPriority: config.defaultTaskPriority,
        },
        inputSchema: definition?.options.input,
      };
    }),
  );
  const activityTypes = await Promise.all(
    [...activities, ...deprecatedActivities].map(async (info) => {
      const type = { name: info.activityType?.name ?? '', version: info.activityType?.version ?? '' };
      const config = (await describeActivityType(client, domain, type)).configuration ?? {};
      return {
        ...type,
        status: info.status ?? '',
        description: info.description,
        creationDate: info.creationDate,
        deprecationDate: info.deprecationDate,
        defaults: {
          taskList: config.defaultTaskList?.name,
          scheduleToStartTimeout: config.defaultTaskScheduleToStartTimeout,
          startToCloseTimeout: config.defaultTaskStartToCloseTimeout,
          scheduleToCloseTimeout: config.defaultTaskScheduleToCloseTimeout,
          heartbeatTimeout: config.defaultTaskHeartbeatTimeout,
          taskPriority: config.defaultTaskPriority,
        },
      };
    }),
  );
  const names = new Set(
    [...workflowTypes, ...activityTypes].map((t) => t.defaults.taskList).filter((n): n is string => Boolean(n)),
  );
  const taskLists = await Promise.all(
    [...names].sort().map(async (name) => ({ name, ...(await countPendingTasks(client, domain, name)) })),
  );
  return {
    domain: {
      name: domain,
      status: described.domainInfo?.status,
      description: described.domainInfo?.description,
      retentionDays: described.configuration?.workflowExecutionRetentionPeriodInDays,
    },
    workflowTypes: workflowTypes.sort(byNameAndVersion),
    activityTypes: activityTypes.sort(byNameAndVersion),
    taskLists,
  };
}

function byNameAndVersion(a: TypeRow, b: TypeRow): number {
  return a.name.localeCompare(b.name) || a.version.localeCompare(b.version);
}
