// src/cli: `flowy` — parses the command line, runs the command, returns the exit code.
// Start-up stays short: the parser and the command definitions import only yargs; what a command
// needs (the SDK, the scanner, the server, the workers) is imported when it runs.
import type { FlowyCommand } from './command.ts';
import { CliContext } from './context.ts';
import type { CliIO } from './context.ts';
import { EXIT_OK } from './exit-codes.ts';
import type { GlobalArgs } from './global-options.ts';
import { buildParser } from './parser.ts';

export type { CliIO } from './context.ts';
export { UsageError } from './usage-error.ts';
export { EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED } from './exit-codes.ts';
export { ProgressPrinter } from './progress.ts';

/** Turns an error into its line on stderr and the exit code (the explanations load on first error). */
async function reportError(
  error: unknown,
  context: { err(line: string): void; verbose: boolean; target?: string },
): Promise<number> {
  const { reportError: report } = await import('./report-error.ts');
  return report(error, context);
}

/**
 * Runs `flowy` with `argv` (the arguments after the executable) and returns the exit code:
 * 0 success, 1 the workflow or command failed, 2 usage or input error. Errors are one line on
 * stderr; `--verbose` adds the stack.
 */
export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const streams: CliIO = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
  };
  let code = EXIT_OK;
  let context: CliContext | undefined;
  const handle = async (command: FlowyCommand<never>, args: GlobalArgs): Promise<void> => {
    context = new CliContext(args, streams, argv);
    try {
      if (!command.offline) await context.connect();
      code = await command.run(args as never, context);
    } catch (error) {
      code = await reportError(error, {
        err: (line) => context?.err(line),
        verbose: args.verbose,
        target: safeTarget(context),
      });
    } finally {
      context.close();
    }
  };
  try {
    await buildParser(handle, argv).parseAsync(argv, {}, (_error, _args, output) => {
      if (output) streams.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    });
  } catch (error) {
    return reportError(error, {
      err: (line) => streams.stderr.write(`${line}\n`),
      verbose: argv.includes('--verbose'),
    });
  }
  return code;
}

function safeTarget(context: CliContext | undefined): string | undefined {
  try {
    return context?.target;
  } catch {
    return undefined;
  }
}
