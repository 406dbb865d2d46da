// JSON given on the command line or in a file, with errors that name the flag.
import { readFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { UsageError } from './usage-error.ts';
import { toError } from '../core/engine.ts';

/** Parses `text` given to `--<flag>`; bad JSON is a UsageError naming the flag and the fix. */
export function parseJsonFlag(flag: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = toError(error).message;
    throw new UsageError(
      `--${flag} is not valid JSON (${why}); quote it for the shell, e.g. --${flag} '{"orderId":"o-1"}'`,
    );
  }
}

/** Reads and parses a JSON file named by `--<flag>`. */
export async function readJsonFile(flag: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--${flag} ${path}: cannot read the file (${code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${flag} ${path}: not valid JSON (${toError(error).message})`);
  }
}

/** Parsed --input / --input-file. */
export interface InputArgs {
  input?: string;
  inputFile?: string;
}

/** Adds `--input JSON` and `--input-file FILE` to a command; `what` names the value in the help. */
export function withInput<T>(yargs: Argv<T>, what: 'input' | 'payload' = 'input'): Argv<T & InputArgs> {
  const name = what === 'input' ? 'Input' : 'Payload';
  return yargs
    .option('input', { type: 'string', describe: `${name} as JSON` })
    .option('input-file', { type: 'string', describe: `Read the ${what} JSON from a file` }) as unknown as Argv<
    T & InputArgs
  >;
}

/** The input of `--input JSON` or `--input-file FILE` (at most one of them). */
export async function readInput(args: InputArgs): Promise<unknown> {
  if (args.input !== undefined && args.inputFile !== undefined) {
    throw new UsageError('Give the input once: --input JSON or --input-file FILE, not both');
  }
  if (args.inputFile !== undefined) return readJsonFile('input-file', args.inputFile);
  return parseJsonFlag('input', args.input);
}
