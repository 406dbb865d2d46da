// Options shared by the two worker commands.
import type { Argv } from 'yargs';
import { withFolders } from './registry-options.ts';
import type { FolderArgs } from './registry-options.ts';
import { wholeNumber } from './number-option.ts';

/** Parsed worker options. */
export interface WorkerArgs extends FolderArgs {
  taskList?: string[];
  register: boolean;
  identity?: string;
  loop?: number;
  metricsPort?: number;
  metricsHost?: string;
  watch: boolean;
}

/** Adds the options both workers take. */
export function withWorkerOptions<T>(yargs: Argv<T>): Argv<T & WorkerArgs> {
  return withFolders(yargs)
    .option('task-list', {
      type: 'string',
      array: true,
      describe: 'Task lists to poll [default: every task list of the scanned types]',
    })
    .option('register', {
      type: 'boolean',
      default: true,
      describe: 'Register the domain and types at start (--no-register to skip)',
    })
    .option('identity', { type: 'string', describe: 'Identity reported to SWF [default: host:pid]' })
    .option('loop', {
      type: 'number',
      coerce: wholeNumber('loop'),
      describe: 'Handle this many polls per task list, then exit (for tests)',
    })
    .option('metrics-port', {
      type: 'number',
      coerce: wholeNumber('metrics-port', 0),
      describe: 'Serve Prometheus metrics on this port (0 = any free port)',
    })
    .option('watch', {
      type: 'boolean',
      default: false,
      describe:
        'Development: restart the worker whenever a file in the scanned folders changes (new types are registered, open runs get the new code)',
    })
    .option('metrics-host', {
      type: 'string',
      default: '127.0.0.1',
      describe: 'Address of the metrics endpoint',
    }) as unknown as Argv<T & WorkerArgs>;
}
