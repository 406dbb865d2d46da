// Schedules from code (FlowyClient's schedule methods and `flowy schedule`): a schedule is an
// execution of the FlowySchedule workflow (src/schedules) with workflowId `schedule-<name>`;
// creating one starts it, pause/resume/trigger are signals, describe is a query, delete terminates
// it (runs it started keep running: its child policy is ABANDON).
import { invalidIdReason } from '../core/engine.ts';
import {
  initialScheduleState,
  ScheduleWorkflow,
  SCHEDULE_WORKFLOW_NAME,
  scheduleWorkflowId,
} from '../schedules/index.ts';
import type { ScheduleDescription, ScheduleSpec } from '../schedules/index.ts';
import { isFault } from '../swf/index.ts';
import { InvalidInput } from './errors.ts';

/** A run of a workflow. */
interface Execution {
  workflowId: string;
  runId: string;
}

/** What the schedule operations use of FlowyClient (declared here: flowy-client.ts imports this file). */
export interface ScheduleHost {
  readonly domain: string;
  startWorkflow(workflow: typeof ScheduleWorkflow, input: unknown, options: { workflowId: string }): Promise<Execution>;
  list(options: {
    workflowType?: { name: string };
    workflowId?: string;
    startedAfter?: Date;
    maxResults?: number;
  }): Promise<{ execution?: { workflowId?: string; runId?: string } }[]>;
  query(
    workflow: typeof ScheduleWorkflow,
    execution: { workflowId: string; runId?: string },
    name: string,
  ): Promise<unknown>;
  signal(execution: { workflowId: string; runId?: string }, name: string): Promise<void>;
  terminate(
    execution: { workflowId: string; runId?: string },
    options: { reason?: string; childPolicy?: 'ABANDON' },
  ): Promise<void>;
}

/** No open schedule of that name. */
export class UnknownSchedule extends Error {
  override readonly name = 'UnknownSchedule';
  constructor(domain: string, name: string) {
    super(`No schedule "${name}" in domain "${domain}"; "flowy schedule list" shows the schedules`);
  }
}

/** A line of `listSchedules`. */
export interface ScheduleSummary {
  name: string;
  execution: Execution;
  cron: string;
  timezone: string;
  workflow: string;
  paused: boolean;
  nextFireTime?: string;
}

/** Starts the schedule `name`; throws InvalidInput for a bad name or spec, or a name in use. */
export async function createSchedule(client: ScheduleHost, name: string, spec: ScheduleSpec): Promise<Execution> {
  const invalid = invalidIdReason(scheduleWorkflowId(name));
  if (invalid) throw new InvalidInput(`Schedule name ${JSON.stringify(name)} ${invalid}`);
  let state;
  try {
    state = initialScheduleState(name, spec);
  } catch (error) {
    throw new InvalidInput((error as Error).message);
  }
  try {
    return await client.startWorkflow(ScheduleWorkflow, state, { workflowId: scheduleWorkflowId(name) });
  } catch (error) {
    if (isFault(error, 'WorkflowExecutionAlreadyStartedFault')) {
      throw new InvalidInput(
        `Schedule "${name}" exists already in domain "${client.domain}"; delete it first or pick another name`,
      );
    }
    throw error;
  }
}

/** Every open schedule, with its next fire time. */
export async function listSchedules(client: ScheduleHost): Promise<ScheduleSummary[]> {
  const infos = await client.list({ workflowType: { name: SCHEDULE_WORKFLOW_NAME }, maxResults: 1000 });
  const summaries: ScheduleSummary[] = [];
  for (const info of infos) {
    const execution = { workflowId: info.execution!.workflowId!, runId: info.execution!.runId! };
    const described = (await client.query(ScheduleWorkflow, execution, 'describe')) as ScheduleDescription;
    summaries.push({
      name: described.name,
      execution,
      cron: described.spec.cron,
      timezone: described.spec.timezone,
      workflow: `${described.spec.workflow.name}@${described.spec.workflow.version}`,
      paused: described.paused,
      ...(described.nextFireTimes[0] ? { nextFireTime: described.nextFireTimes[0] } : {}),
    });
  }
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

/** The schedule's spec, state, next fire times and last runs with their outcome. */
export async function describeSchedule(client: ScheduleHost, name: string): Promise<ScheduleDescription> {
  const runId = await openRunId(client, name);
  return (await client.query(
    ScheduleWorkflow,
    { workflowId: scheduleWorkflowId(name), runId },
    'describe',
  )) as ScheduleDescription;
}

/** Sends `pause`, `resume` or `trigger` to the schedule. */
export async function signalSchedule(
  client: ScheduleHost,
  name: string,
  signal: 'pause' | 'resume' | 'trigger',
): Promise<void> {
  await openRunId(client, name);
  await client.signal({ workflowId: scheduleWorkflowId(name) }, signal);
}

/** Ends the schedule; runs it started go on. */
export async function deleteSchedule(client: ScheduleHost, name: string): Promise<void> {
  const runId = await openRunId(client, name);
  await client.terminate(
    { workflowId: scheduleWorkflowId(name), runId },
    { reason: 'schedule deleted', childPolicy: 'ABANDON' },
  );
}

async function openRunId(client: ScheduleHost, name: string): Promise<string> {
  const [open] = await client.list({ workflowId: scheduleWorkflowId(name), startedAfter: new Date(0), maxResults: 1 });
  const runId = open?.execution?.runId;
  if (!runId) throw new UnknownSchedule(client.domain, name);
  return runId;
}
