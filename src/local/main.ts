// Runs the local server as a process: node --import tsx src/local/main.ts [--host H] [--port N] [--db FILE|:memory:]
// Defaults match `flowy dev`: 127.0.0.1, port 7766, .flowy/swf.db.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startLocalServer, type LocalServer } from './local-server.ts';

/** The line printed once the server listens; scripts wait for it and read the URL from it. */
export function describeListening(server: Pick<LocalServer, 'url'>): string {
  return `flowy local SWF listening on ${server.url}`;
}

/** Parses the command line, starts the server, stops it on SIGINT/SIGTERM. */
export async function runLocalServerProcess(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7766' },
      db: { type: 'string', default: '.flowy/swf.db' },
      'long-poll-ms': { type: 'string' },
      'test-controls': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a port number (0-65535; 0 picks a free one)`);
  const server = await startLocalServer({
    host: values.host,
    port,
    db: values.db,
    testControls: values['test-controls'],
    longPollMs: values['long-poll-ms'] ? Number(values['long-poll-ms']) : undefined,
  });
  console.log(describeListening(server));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runLocalServerProcess(process.argv.slice(2)).catch((error: Error) => {
    console.error(`flowy local SWF: ${error.message}`);
    process.exit(1);
  });
}
