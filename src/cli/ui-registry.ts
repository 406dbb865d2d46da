// The workflow code the UI knows schemas from: the scanned folders when they load; else none.
import type { Registry } from '../definitions/index.ts';
import type { CliContext } from './context.ts';

/** Scans `folders` for workflow classes; a folder that fails to load is reported and the UI runs without schemas. */
export async function scanForUi(folders: string[], context: CliContext): Promise<Registry | undefined> {
  try {
    return await context.registry(folders);
  } catch (error) {
    context.err(
      `flowy ui: workflow code in ${folders.join(', ')} did not load (${(error as Error).message}); start inputs are checked as JSON only`,
    );
    return undefined;
  }
}
