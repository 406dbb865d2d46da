// Finds the application's workflow and activity classes: imports every module under the given
// folders and registers each exported class decorated with @workflow or @activity.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { ConfigurationError, type ActivityClass, type WorkflowClass } from '../core/index.ts';
import { getActivityOptions, getWorkflowOptions, toError } from '../core/engine.ts';
import { Registry } from './registry.ts';

/** Options of `scan()`. */
export interface ScanOptions {
  /** Folder the given folders are relative to; default `process.cwd()`. */
  cwd?: string;
  /** Registry to add to; default a new one. */
  registry?: Registry;
}

const MODULE_PATTERN = '**/*.{ts,mts,js,mjs}';
const IGNORED = ['**/node_modules/**', '**/*.d.ts', '**/*.test.*', '**/*.spec.*'];

/**
 * Imports every module under `folders` (default `workflows/` and `activities/`; missing folders
 * are skipped) and registers the decorated classes it exports. A duplicate name + version is a
 * `ConfigurationError` naming both files.
 *
 * ```ts
 * const registry = await scan(['src/workflows', 'src/activities']);
 * ```
 */
export async function scan(
  folders: string[] = ['workflows', 'activities'],
  options: ScanOptions = {},
): Promise<Registry> {
  const cwd = options.cwd ?? process.cwd();
  const registry = options.registry ?? new Registry();
  for (const folder of folders) {
    const root = path.resolve(cwd, folder);
    const files = (await fg(MODULE_PATTERN, { cwd: root, absolute: true, ignore: IGNORED, onlyFiles: true })).sort();
    for (const file of files) {
      let module: Record<string, unknown>;
      try {
        module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (error) {
        const reason = toError(error).message;
        throw new ConfigurationError(`Could not load ${path.relative(cwd, file)}: ${reason}`, { cause: error });
      }
      const relative = path.relative(cwd, file);
      for (const exported of new Set(Object.values(module))) {
        if (typeof exported !== 'function') continue;
        if (getWorkflowOptions(exported)) registry.addWorkflow(exported as WorkflowClass, relative);
        else if (getActivityOptions(exported)) registry.addActivity(exported as ActivityClass, relative);
      }
    }
  }
  return registry;
}
