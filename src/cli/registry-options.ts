// The --folders option of commands that load user workflows and activities.
import type { Argv } from 'yargs';
import { DEFAULT_FOLDERS } from './context.ts';

/** Parsed --folders. */
export interface FolderArgs {
  folders: string[];
}

/** Adds `--folders` (repeatable or comma separated) to a command. */
export function withFolders<T>(yargs: Argv<T>): Argv<T & FolderArgs> {
  return yargs.option('folders', {
    type: 'string',
    array: true,
    default: DEFAULT_FOLDERS,
    describe: 'Folders scanned for @workflow and @activity classes',
    coerce: (values: string[]) =>
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
  }) as unknown as Argv<T & FolderArgs>;
}
