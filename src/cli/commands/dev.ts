// flowy dev: the local SWF-compatible server, until SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import type { UiHandler } from '../../ui/index.ts';
import { defineCommand } from '../command.ts';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { portNumber, wholeNumber } from '../number-option.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';

interface DevArgs extends FolderArgs {
  ui: boolean;
  readOnly: boolean;
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
    withFolders(yargs)
      .option('port', {
        type: 'number',
        coerce: portNumber(),
        default: DEFAULT_PORT,
        describe: 'Port (0 = any free port)',
      })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('db', { type: 'string', default: '.flowy/swf.db', describe: 'SQLite file, or :memory:' })
      .option('long-poll-ms', {
        type: 'number',
        coerce: wholeNumber('long-poll-ms', 0),
        describe: 'How long an empty poll is held [default: 60000]',
      })
      .option('test-controls', { type: 'boolean', default: false, describe: 'Enable /_local/reset and /_local/clock' })
      .option('clock', {
        choices: ['system', 'manual'] as const,
        default: 'system' as const,
        describe: 'manual: time moves only through /_local/clock',
      })
      .option('ui', {
        type: 'boolean',
        default: true,
        describe: 'Serve the web UI to browsers on the same port (--no-ui to turn off)',
      })
      .option('read-only', {
        type: 'boolean',
        default: false,
        describe: 'The web UI only shows; no signal, cancel, terminate or start',
      })
      .example('$0 dev', `serve on ${DEFAULT_ENDPOINT} with .flowy/swf.db`)
      .example('$0 dev --port 0 --db :memory:', 'a throwaway server on a free port'),
  async run(args, context) {
    // Before anything is created: a second `flowy dev` on a busy port leaves no database behind.
    await checkPortFree(args.host, args.port);
    const [
      { startLocalServer },
      { handleShutdownSignals },
      { createSwfClient },
      { createUiHandler, isLoopbackAddress, isUiRequest },
      { scanForUi },
    ] = await Promise.all([
      import('../../local/index.ts'),
      import('../../common/index.ts'),
      import('../../swf/index.ts'),
      import('../../ui/index.ts'),
      import('../ui-registry.ts'),
    ]);
    await context.connect(); // the UI works in the connection's domain
    if (args.db !== ':memory:') await mkdir(dirname(args.db), { recursive: true });
    // the UI reaches the server in process; its client exists once the server does
    let ui: UiHandler | undefined;
    const server = await startLocalServer({
      port: args.port,
      host: args.host,
      db: args.db,
      longPollMs: args.longPollMs,
      testControls: args.testControls,
      clock: args.clock,
      logger: await context.logger(),
      browser: args.ui
        ? {
            accepts: isUiRequest,
            handle: (req, res) => {
              if (ui) return ui(req, res);
              res.writeHead(503).end('flowy dev is starting; reload in a moment');
            },
          }
        : undefined,
    });
    const uiClient = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    if (args.ui) {
      ui = createUiHandler({
        client: uiClient,
        domain: context.domain,
        isReadOnly: args.readOnly,
        target: server.url,
        registry: await scanForUi(args.folders, context),
        hostPolicy: isLoopbackAddress(args.host) ? 'loopback' : 'any',
        payloads: (domain) => context.payloadsFor(domain),
      });
    }
    context.out(`flowy dev: local SWF server listening at ${server.url} (db ${args.db})`);
    if (args.ui) context.out(`web UI: ${server.url}/ in a browser`);
    context.out(`in other shells: export SWF_ENDPOINT=${server.url}`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const remove = handleShutdownSignals((received) => {
        remove();
        resolve(received);
      });
    });
    uiClient.destroy();
    const { calls, commits } = server.stats();
    await server.close();
    context.err(`flowy dev: stopped after ${calls} calls and ${commits} commits`);
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
        reject(
          new UsageError(
            `Port ${port} on ${host} is already in use (another flowy dev?); stop it, or pass --port (0 = any free port)`,
          ),
        );
      } else {
        reject(
          new UsageError(`Cannot listen on ${host}:${port} (${error.code ?? error.message}); check --host and --port`),
        );
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
