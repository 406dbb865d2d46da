// flowy dev: the local SWF-compatible server, until SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startLocalServer } from '../../local/index.ts';
import { createSwfClient, LOCAL_DEFAULT_ENDPOINT } from '../../swf/index.ts';
import { createUiHandler, isLoopbackAddress, isUiRequest } from '../../ui/index.ts';
import type { UiHandler } from '../../ui/index.ts';
import { handleShutdownSignals } from '../../worker/index.ts';
import { defineCommand } from '../command.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../report-error.ts';
import { scanForUi } from '../ui-registry.ts';

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

const DEFAULT_PORT = Number(new URL(LOCAL_DEFAULT_ENDPOINT).port);

/** `flowy dev`: prints the URL it listens on (first line of stdout), serves until a signal. */
export const devCommand = defineCommand<DevArgs>({
  command: 'dev',
  describe: 'Run the local SWF-compatible server',
  builder: (yargs) =>
    withFolders(yargs)
      .option('port', { type: 'number', default: DEFAULT_PORT, describe: 'Port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('db', { type: 'string', default: '.flowy/swf.db', describe: 'SQLite file, or :memory:' })
      .option('long-poll-ms', { type: 'number', describe: 'How long an empty poll is held [default: 60000]' })
      .option('test-controls', { type: 'boolean', default: false, describe: 'Enable /_local/reset and /_local/clock' })
      .option('clock', { choices: ['system', 'manual'] as const, default: 'system' as const, describe: 'manual: time moves only through /_local/clock' })
      .option('ui', { type: 'boolean', default: true, describe: 'Serve the web UI to browsers on the same port (--no-ui to turn off)' })
      .option('read-only', { type: 'boolean', default: false, describe: 'The web UI only shows; no signal, cancel, terminate or start' })
      .example('$0 dev', `serve on ${LOCAL_DEFAULT_ENDPOINT} with .flowy/swf.db`)
      .example('$0 dev --port 0 --db :memory:', 'a throwaway server on a free port'),
  async run(args, context) {
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
      browser: args.ui ? {
        accepts: isUiRequest,
        handle: (req, res) => {
          if (ui) return ui(req, res);
          res.writeHead(503).end('flowy dev is starting; reload in a moment');
        },
      } : undefined,
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
      });
    }
    context.out(`flowy dev: local SWF server listening at ${server.url} (db ${args.db})`);
    if (args.ui) context.out(`web UI: ${server.url}/ in a browser`);
    context.out(`in other shells: export SWF_ENDPOINT=${server.url}`);
    await new Promise<void>((resolve) => {
      const remove = handleShutdownSignals(() => {
        remove();
        resolve();
      });
    });
    uiClient.destroy();
    await server.close();
    context.err('flowy dev: stopped');
    return EXIT_OK;
  },
});
