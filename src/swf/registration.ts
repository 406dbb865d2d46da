// Registering the domain and every workflow and activity type of a Registry (Flowy's reg_remote):
// idempotent, so many workers may try at once and the ones that lose the race carry on.
import type { SWFClient } from '@aws-sdk/client-swf';
import type { ActivityDefinition, Registry, WorkflowDefinition } from '../definitions/index.ts';
import { isFault } from './faults.ts';
import { callSwf } from './calls.ts';

/** What {@link registerAll} did: names as `name@version`, split into new and already present. */
export interface RegistrationReport {
  domainCreated: boolean;
  registered: string[];
  existing: string[];
}

/** Options of the domain registration. */
export interface DomainOptions {
  /** Days SWF keeps closed executions; default 7. */
  retentionDays?: number;
  description?: string;
}

/** SWF durations are strings of whole seconds or 'NONE' (SWF_SPEC 1.3). */
export function durationString(value: number | 'NONE' | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value === 'NONE' ? 'NONE' : String(Math.max(0, Math.round(value)));
}

/** Registers `domain`; returns false (no error) when it already exists. */
export async function registerDomain(client: SWFClient, domain: string, options: DomainOptions = {}): Promise<boolean> {
  try {
    await callSwf(client, 'RegisterDomain', {
      name: domain,
      workflowExecutionRetentionPeriodInDays: String(options.retentionDays ?? 7),
      description: options.description,
    });
    return true;
  } catch (error) {
    if (isFault(error, 'DomainAlreadyExistsFault')) return false;
    throw error;
  }
}

/** Registers one workflow type with its defaults; returns false when that name@version exists. */
export async function registerWorkflowType(
  client: SWFClient,
  domain: string,
  definition: WorkflowDefinition,
): Promise<boolean> {
  const o = definition.options;
  return isNewType(
    callSwf(client, 'RegisterWorkflowType', {
      domain,
      name: o.name,
      version: o.version,
      description: o.description,
      defaultTaskList: { name: o.taskList },
      defaultExecutionStartToCloseTimeout: durationString(o.executionStartToCloseTimeout),
      defaultTaskStartToCloseTimeout: durationString(o.taskStartToCloseTimeout),
      defaultChildPolicy: o.childPolicy,
    }),
  );
}

/** True once `registering` succeeded, false when the type was registered already. */
async function isNewType(registering: Promise<unknown>): Promise<boolean> {
  try {
    await registering;
    return true;
  } catch (error) {
    if (isFault(error, 'TypeAlreadyExistsFault')) return false;
    throw error;
  }
}

/** Registers one activity type with its defaults; returns false when that name@version exists. */
export async function registerActivityType(
  client: SWFClient,
  domain: string,
  definition: ActivityDefinition,
): Promise<boolean> {
  const o = definition.options;
  return isNewType(
    callSwf(client, 'RegisterActivityType', {
      domain,
      name: o.name,
      version: o.version,
      description: o.description,
      defaultTaskList: { name: o.taskList },
      defaultTaskScheduleToStartTimeout: durationString(o.scheduleToStartTimeout),
      defaultTaskStartToCloseTimeout: durationString(o.startToCloseTimeout),
      defaultTaskScheduleToCloseTimeout: durationString(o.scheduleToCloseTimeout),
      defaultTaskHeartbeatTimeout: durationString(o.heartbeatTimeout),
    }),
  );
}

/**
 * Registers the domain and every type of `registry`. Types already registered keep their
 * original defaults (SWF type configuration is immutable: bump the version to change them).
 */
export async function registerAll(
  client: SWFClient,
  domain: string,
  registry: Registry,
  options: DomainOptions = {},
): Promise<RegistrationReport> {
  const report: RegistrationReport = {
    domainCreated: await registerDomain(client, domain, options),
    registered: [],
    existing: [],
  };
  for (const definition of registry.workflows()) {
    const created = await registerWorkflowType(client, domain, definition);
    (created ? report.registered : report.existing).push(`${definition.options.name}@${definition.options.version}`);
  }
  for (const definition of registry.activities()) {
    const created = await registerActivityType(client, domain, definition);
    (created ? report.registered : report.existing).push(`${definition.options.name}@${definition.options.version}`);
  }
  return report;
}
