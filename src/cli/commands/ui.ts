// flowy ui: the web UI for executions against any endpoint (real SWF included), until a signal.
import { isLoopbackAddress, startUiServer } from '../../ui/index.ts';
import { handleShutdownSignals } from '../../worker/index.ts';
import { defineCommand } from '../command.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../report-error.ts';
import { UsageError } from '../usage-error.ts';
import { scanForUi } from '../ui-registry.ts';

interface UiArgs extends FolderArgs {
  port: number;
  host: string;
  readOnly: boolean;
}

/** `flowy ui`: prints the page's URL (first line of stdout) and serves until SIGINT/SIGTERM. */
export const uiCommand = defineCommand<UiArgs>({
  command: 'ui',
  describe: 'Serve the web UI for executions of any SWF endpoint',
  builder: (yargs) =>
    withFolders(yargs)
      .option('port', { type: 'number', default: 7767, describe: 'Port of the page (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (loopback keeps it to this machine)' })
      .option('read-only', { type: 'boolean', default: false, describe: 'Turn off signal, cancel, terminate and start' })
      .example('$0 ui --region eu-west-1 --domain shop', 'look at real SWF with the standard AWS credentials')
      .example('$0 ui --endpoint http://127.0.0.1:7766 --read-only', 'a look-only page of a local server'),
  async run(args, context) {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) {
      throw new UsageError(`--port ${args.port} is not a port; give a whole number from 0 (any free port) to 65535`);
    }
    const registry = await scanForUi(args.folders, context);
    const server = await startUiServer({
      client: context.swf,
      domain: context.domain,
      isReadOnly: args.readOnly,
      target: context.target,
      registry,
      host: args.host,
      port: args.port,
    });
    context.out(`flowy ui: ${server.url}/ (${context.target}, domain ${context.domain}${args.readOnly ? ', read-only' : ''})`);
    if (!isLoopbackAddress(args.host)) context.err(`flowy ui: listening on ${args.host}; anyone who reaches it can act on executions unless --read-only`);
    await new Promise<void>((resolve) => {
      const remove = handleShutdownSignals(() => {
        remove();
        resolve();
      });
    });
    await server.close();
    context.err('flowy ui: stopped');
    return EXIT_OK;
  },
});
