// flowy dev: the local SWF-compatible server, until SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startLocalServer } from '../../local/index.ts';
import { LOCAL_DEFAULT_ENDPOINT } from '../../swf/index.ts';
import { handleShutdownSignals } from '../../common/index.ts';
import { defineCommand } from '../command.ts';
import { EXIT_OK } from '../report-error.ts';

interface DevArgs {
  port: number;
  host: string;
  db: string;
  longPollMs?: number;
  testControls: boolean;
  clock: 'system' | 'manual';
}

const DEFAULT_PORT = Number(new URL(LOCAL_DEFAULT_ENDPOINT).port);

/** `flowy dev`: prints the URL it listens on (first line of stdout), serves until a signal. */
export const devCommand = defineCommand<DevArgs>({
  command: 'dev',
  describe: 'Run the local SWF-compatible server',
  builder: (yargs) =>
    yargs
      .option('port', { type: 'number', default: DEFAULT_PORT, describe: 'Port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('db', { type: 'string', default: '.flowy/swf.db', describe: 'SQLite file, or :memory:' })
      .option('long-poll-ms', { type: 'number', describe: 'How long an empty poll is held [default: 60000]' })
      .option('test-controls', { type: 'boolean', default: false, describe: 'Enable /_local/reset and /_local/clock' })
      .option('clock', { choices: ['system', 'manual'] as const, default: 'system' as const, describe: 'manual: time moves only through /_local/clock' })
      .example('$0 dev', `serve on ${LOCAL_DEFAULT_ENDPOINT} with .flowy/swf.db`)
      .example('$0 dev --port 0 --db :memory:', 'a throwaway server on a free port'),
  async run(args, context) {
    if (args.db !== ':memory:') await mkdir(dirname(args.db), { recursive: true });
    const server = await startLocalServer({
      port: args.port,
      host: args.host,
      db: args.db,
      longPollMs: args.longPollMs,
      testControls: args.testControls,
      clock: args.clock,
      logger: context.logger(),
    });
    context.out(`flowy dev: local SWF server listening at ${server.url} (db ${args.db})`);
    context.out(`in other shells: export SWF_ENDPOINT=${server.url}`);
    await new Promise<void>((resolve) => {
      const remove = handleShutdownSignals(() => {
        remove();
        resolve();
      });
    });
    await server.close();
    context.err('flowy dev: stopped');
    return EXIT_OK;
  },
});
