// Runs the CLI's main() in process with captured output.
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/index.ts';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `flowy <argv>` in this process with its own env and captured streams. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString('utf8'));
        callback();
      },
    });
  const code = await main(argv, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    env,
    ...(cwd ? { cwd } : {}),
  });
  return { code, stdout, stderr };
}
