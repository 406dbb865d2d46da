// The set of workflow and activity types an application defines, by name and version.
import { ConfigurationError, type ActivityClass, type WorkflowClass } from '../core/index.ts';
import {
  getActivityOptions,
  getWorkflowOptions,
  type ResolvedActivityOptions,
  type ResolvedWorkflowOptions,
} from '../core/engine.ts';

/** A registered workflow type. */
export interface WorkflowDefinition {
  options: ResolvedWorkflowOptions;
  cls: WorkflowClass;
  /** The module it was found in, when scanned. */
  file?: string;
}

/** A registered activity type. */
export interface ActivityDefinition {
  options: ResolvedActivityOptions;
  cls: ActivityClass;
  file?: string;
}

const where = (file: string | undefined): string => (file ? ` in ${file}` : '');

/**
 * Workflow and activity types by name and version. Adding the same name and version twice from
 * different classes is an error naming both files.
 *
 * ```ts
 * const registry = new Registry();
 * registry.addWorkflow(OrderWorkflow);
 * registry.findWorkflow('Order', '1')?.cls;
 * ```
 */
export class Registry {
  private readonly workflowMap = new Map<string, WorkflowDefinition>();
  private readonly activityMap = new Map<string, ActivityDefinition>();

  /** Registers a `@workflow` class. */
  addWorkflow(cls: WorkflowClass, file?: string): WorkflowDefinition {
    const options = getWorkflowOptions(cls);
    if (!options) throw new ConfigurationError(`${cls.name}${where(file)} is not decorated with @workflow({...})`);
    return this.add(this.workflowMap, 'Workflow', { options, cls, ...(file === undefined ? {} : { file }) });
  }

  /** Registers an `@activity` class. */
  addActivity(cls: ActivityClass, file?: string): ActivityDefinition {
    const options = getActivityOptions(cls);
    if (!options) throw new ConfigurationError(`${cls.name}${where(file)} is not decorated with @activity({...})`);
    return this.add(this.activityMap, 'Activity', { options, cls, ...(file === undefined ? {} : { file }) });
  }

  private add<D extends WorkflowDefinition | ActivityDefinition>(map: Map<string, D>, kind: string, definition: D): D {
    const key = `${definition.options.name}@${definition.options.version}`;
    const existing = map.get(key);
    if (existing) {
      if (existing.cls === definition.cls) return existing;
      throw new ConfigurationError(
        `${kind} "${definition.options.name}" version "${definition.options.version}" is defined twice: ` +
          `${existing.cls.name}${where(existing.file)} and ${definition.cls.name}${where(definition.file)}; rename one or change its version`,
      );
    }
    map.set(key, definition);
    return definition;
  }

  /** Every registered workflow type. */
  workflows(): WorkflowDefinition[] {
    return [...this.workflowMap.values()];
  }

  /** Every registered activity type. */
  activities(): ActivityDefinition[] {
    return [...this.activityMap.values()];
  }

  /** The workflow type `name` at `version`, or its only/highest version when no version is given. */
  findWorkflow(name: string, version?: string): WorkflowDefinition | undefined {
    return find(this.workflowMap, name, version);
  }

  /** The activity type `name` at `version`, or its only/highest version when no version is given. */
  findActivity(name: string, version?: string): ActivityDefinition | undefined {
    return find(this.activityMap, name, version);
  }
}

function find<D extends { options: { name: string; version: string } }>(
  map: Map<string, D>,
  name: string,
  version?: string,
): D | undefined {
  if (version !== undefined) return map.get(`${name}@${version}`);
  const candidates = [...map.values()].filter((d) => d.options.name === name);
  candidates.sort((a, b) => a.options.version.localeCompare(b.options.version, undefined, { numeric: true }));
  return candidates.at(-1);
}
