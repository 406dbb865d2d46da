// flowy dev: the local SWF-compatible server, until SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { defineCommand } from '../command.ts';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { wholeNumber } from '../number-option.ts';

interface DevArgs {
  port: number;
  host: string;
  db: string;
  longPollMs?: number;
  testControls: boolean;
  clock: 'system' | 'manual';
}

/** The port of src/swf's LOCAL_DEFAULT_ENDPOINT (not imported: the SDK would load for --help). */
const DEFAULT_PORT = 7766;
const DEFAULT_ENDPOINT = `http://127.0.0.1:${DEFAULT_PORT}`;

/** `flowy dev`: prints the URL it listens on (first line of stdout), serves until a signal. */
export const devCommand = defineCommand<DevArgs>({
  command: 'dev',
  describe: 'Run the local SWF-compatible server',
  offline: true,
  builder: (yargs) =>
    yargs
      .option('port', { type: 'number', coerce: wholeNumber('port', 0), default: DEFAULT_PORT, describe: 'Port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('db', { type: 'string', default: '.flowy/swf.db', describe: 'SQLite file, or :memory:' })
      .option('long-poll-ms', { type: 'number', coerce: wholeNumber('long-poll-ms', 0), describe: 'How long an empty poll is held [default: 60000]' })
      .option('test-controls', { type: 'boolean', default: false, describe: 'Enable /_local/reset and /_local/clock' })
      .option('clock', { choices: ['system', 'manual'] as const, default: 'system' as const, describe: 'manual: time moves only through /_local/clock' })
      .example('$0 dev', `serve on ${DEFAULT_ENDPOINT} with .flowy/swf.db`)
      .example('$0 dev --port 0 --db :memory:', 'a throwaway server on a free port'),
  async run(args, context) {
    // Before anything is created: a second `flowy dev` on a busy port leaves no database behind.
    await checkPortFree(args.host, args.port);
    const [{ startLocalServer }, { handleShutdownSignals }] = await Promise.all([import('../../local/index.ts'), import('../../common/index.ts')]);
    if (args.db !== ':memory:') await mkdir(dirname(args.db), { recursive: true });
    const server = await startLocalServer({
      port: args.port,
      host: args.host,
      db: args.db,
      longPollMs: args.longPollMs,
      testControls: args.testControls,
      clock: args.clock,
      logger: await context.logger(),
    });
    context.out(`flowy dev: local SWF server listening at ${server.url} (db ${args.db})`);
    context.out(`in other shells: export SWF_ENDPOINT=${server.url}`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const remove = handleShutdownSignals((received) => {
        remove();
        resolve(received);
      });
    });
    await server.close();
    context.err('flowy dev: stopped');
    // Ctrl-C exits 130 (as npx reports it); SIGTERM exits 0.
    return signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_OK;
  },
});

/** Throws a one-line error when `host:port` cannot be listened on (in use, or not an address of this machine). */
async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UsageError(`Port ${port} on ${host} is already in use (another flowy dev?); stop it, or pass --port (0 = any free port)`));
      } else {
        reject(new UsageError(`Cannot listen on ${host}:${port} (${error.code ?? error.message}); check --host and --port`));
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
