// Options every command accepts: where SWF is, which domain, how to log and report errors.
import type { Argv } from 'yargs';

/** The parsed global options. */
export interface GlobalArgs {
  endpoint?: string;
  region?: string;
  domain?: string;
  verbose: boolean;
  logFormat?: 'json' | 'pretty';
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** Adds the global options to the parser. */
export function withGlobalOptions<T>(yargs: Argv<T>): Argv<T & GlobalArgs> {
  return yargs
    .option('endpoint', {
      type: 'string',
      describe:
        'SWF-compatible endpoint URL [env SWF_ENDPOINT]; unset with an AWS region = real SWF; else http://127.0.0.1:7766',
      global: true,
    })
    .option('region', { type: 'string', describe: 'AWS region of real SWF [env AWS_REGION]', global: true })
    .option('domain', { type: 'string', describe: 'SWF domain [env SWF_DOMAIN, default "flowy"]', global: true })
    .option('verbose', { type: 'boolean', default: false, describe: 'Print stacks with errors', global: true })
    .option('log-format', {
      choices: ['json', 'pretty'] as const,
      describe: 'Worker log format [default: pretty on a terminal, else json]',
      global: true,
    })
    .option('log-level', {
      choices: ['debug', 'info', 'warn', 'error', 'silent'] as const,
      describe: 'Lowest log level written [default: info]',
      global: true,
    })
    .group(
      ['endpoint', 'region', 'domain', 'verbose', 'log-format', 'log-level', 'help'],
      'Global options:',
    ) as unknown as Argv<T & GlobalArgs>;
}
