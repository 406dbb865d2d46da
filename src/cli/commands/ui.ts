// flowy ui: the web UI for executions against any endpoint (real SWF included), until a signal.
import { defineCommand } from '../command.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.ts';
import { portNumber } from '../number-option.ts';
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
      .option('port', {
        type: 'number',
        coerce: portNumber(),
        default: 7767,
        describe: 'Port of the page (0 = any free port)',
      })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to listen on (loopback keeps it to this machine)',
      })
      .option('read-only', {
        type: 'boolean',
        default: false,
        describe: 'Turn off signal, cancel, terminate and start',
      })
      .example('$0 ui --region eu-west-1 --domain shop', 'look at real SWF with the standard AWS credentials')
      .example('$0 ui --endpoint http://127.0.0.1:7766 --read-only', 'a look-only page of a local server'),
  async run(args, context) {
    const [{ isLoopbackAddress, startUiServer }, { handleShutdownSignals }] = await Promise.all([
      import('../../ui/index.ts'),
      import('../../common/index.ts'),
    ]);
    const registry = await scanForUi(args.folders, context);
    const server = await startUiServer({
      client: context.swf,
      domain: context.domain,
      isReadOnly: args.readOnly,
      target: context.target,
      registry,
      host: args.host,
      port: args.port,
      payloads: (domain) => context.payloadsFor(domain),
    });
    context.out(
      `flowy ui: ${server.url}/ (${context.target}, domain ${context.domain}${args.readOnly ? ', read-only' : ''})`,
    );
    if (!isLoopbackAddress(args.host))
      context.err(
        `flowy ui: listening on ${args.host}; anyone who reaches it can act on executions unless --read-only`,
      );
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const remove = handleShutdownSignals((received) => {
        remove();
        resolve(received);
      });
    });
    await server.close();
    context.err('flowy ui: stopped');
    // Ctrl-C exits 130 (as npx reports it); SIGTERM exits 0.
    return signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_OK;
  },
});
