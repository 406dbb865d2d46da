// The shape of one CLI command: its yargs definition and what it does with a context.
import type { Argv } from 'yargs';
import type { CliContext } from './context.ts';
import type { GlobalArgs } from './global-options.ts';

/** A command: `command` and `describe` as yargs takes them, `builder` adds its options and examples. */
export interface FlowyCommand<A = object> {
  command: string;
  aliases?: string[];
  describe: string;
  /** True for commands that never talk to SWF: their context is not connected (no SDK import). */
  offline?: boolean;
  builder: (yargs: Argv<GlobalArgs>) => Argv<object>;
  /** Does the work; returns the exit code. Errors thrown are reported by main(). */
  run(args: A & GlobalArgs, context: CliContext): Promise<number>;
}

/** Declares a command with its argument type checked at the definition. */
export function defineCommand<A>(command: FlowyCommand<A>): FlowyCommand<A> {
  return command;
}
