// The yargs parser of `flowy`: global options, every command, strict usage errors.
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { FlowyCommand } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { withGlobalOptions } from './global-options.ts';
import type { GlobalArgs } from './global-options.ts';
import { UsageError } from './usage-error.ts';

/** Called with the command and its parsed arguments when a command matched. */
export type CommandHandler = (command: FlowyCommand<never>, args: GlobalArgs) => Promise<void>;

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The examples of `flowy --help`: [command line, what it does]. */
export const TOP_LEVEL_EXAMPLES: [string, string][] = [
  [
    '$0 run OrderPipeline --input \'{"orderId":"o-1","items":[{"sku":"book","quantity":1}]}\'',
    'run a workflow on an embedded server',
  ],
  ['$0 dev & $0 start-workflow-worker & $0 start-activity-worker', 'a local server and workers'],
  [
    '$0 start OrderPipeline --input \'{"orderId":"o-2","items":[{"sku":"pen","quantity":3}]}\' --wait',
    'start one and wait for its result',
  ],
];

/** Builds the parser; usage problems are thrown as UsageError, command work goes to `handle`. */
export function buildParser(handle: CommandHandler, argv: string[] = []): Argv<GlobalArgs> {
  let parser = withGlobalOptions(yargs())
    .scriptName('flowy')
    .usage('flowy <command> [options]\n\nWorkflows as code on Amazon SWF or the local SWF-compatible server.')
    .version(VERSION);
  for (const command of COMMANDS) {
    parser = parser.command(
      command.command,
      command.describe,
      (y) => command.builder(y as Argv<GlobalArgs>),
      (args) => handle(command, args as unknown as GlobalArgs),
    ) as Argv<GlobalArgs>;
  }
  return parser
    .demandCommand(1, 'Name a command; "flowy --help" lists them')
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      // a flag's coerce threw (yargs wraps it in a YError): still a usage error, exit 2
      if (error?.name === 'YError') throw new UsageError(error.message);
      if (error) throw error;
      throw new UsageError(cleanMessage(message, argv));
    })
    .help()
    .alias('help', 'h')
    .example(TOP_LEVEL_EXAMPLES)
    .epilogue(
      'Connection: --endpoint / SWF_ENDPOINT, else real SWF when AWS_REGION is set, else http://127.0.0.1:7766 ' +
        '(flowy dev). Exit codes: 0 ok, 1 workflow or command failed, 2 usage or input error.',
    )
    .wrap(Math.min(120, Math.max(100, process.stdout.columns || 120)));
}

/** yargs' messages, reworded where they would confuse, with the help to read. */
function cleanMessage(raw: string, argv: string[]): string {
  const message = raw.replace(/\s*\n\s*/g, ' ').trim();
  const command = COMMANDS.find((c) => c.command.split(' ')[0] === argv[0]);
  const help = command ? `flowy ${argv[0]} --help` : 'flowy --help';
  const suggestion = /^Did you mean (.*)\?$/.exec(message);
  if (suggestion) return `Unknown command "${argv[0]}"; did you mean "${suggestion[1]}"? See flowy --help`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown) return `Unknown ${command ? 'argument or option' : 'command or option'}: ${unknown[1]}; see ${help}`;
  if (/^Not enough non-option arguments/.test(message) && command)
    return `Missing arguments: usage is "flowy ${command.command}"; see ${help}`;
  if (/^Too many non-option arguments/.test(message) && command)
    return `Too many arguments: usage is "flowy ${command.command}"; see ${help}`;
  return message.includes('--help') ? message : `${message}; see ${help}`;
}
