// Starting `bin/flowy.js` as real processes for end-to-end tests, and always stopping them.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FLOWY = fileURLToPath(new URL('../../../bin/flowy.js', import.meta.url));

/** A running flowy process with its output so far. */
export interface FlowyProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout/stderr line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string>;
}

const started = new Set<ChildProcessWithoutNullStreams>();

/** Starts `node bin/flowy.js ...args` in the repository root with `env` added to a clean environment. */
export function spawnFlowy(args: string[], env: Record<string, string> = {}): FlowyProcess {
  const child = spawn(process.execPath, [FLOWY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.add(child);
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const scan = () => {
    for (const waiter of [...waiters]) {
      const line = `${out}\n${err}`.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    scan();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    scan();
  });
  const exited = new Promise<number | string>((resolve) => {
    // 'close' (not 'exit'): by then everything the process wrote has been read.
    child.once('close', (code, signal) => {
      started.delete(child);
      resolve(code ?? signal ?? -1);
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine: (pattern, timeoutMs = 30_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        scan();
        void exited.then(() => {
          scan();
        });
      }),
  };
}

/** Runs `flowy ...args` to completion. */
export async function runFlowy(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const process = spawnFlowy(args, env);
  const code = await process.exited;
  return { code, stdout: process.stdout(), stderr: process.stderr() };
}

/** Starts `flowy dev` on a free port with an in-memory store; resolves once it listens. */
export async function startDevServer(extra: string[] = []): Promise<{ process: FlowyProcess; url: string }> {
  const server = spawnFlowy(['dev', '--port', '0', '--db', ':memory:', '--long-poll-ms', '2000', ...extra]);
  const line = await server.waitForLine(/listening at http:\/\/\S+/);
  const url = /(http:\/\/\S+)/.exec(line)?.[1] ?? '';
  return { process: server, url };
}

/** Kills (by pid) every process started here that is still running. */
export async function stopAll(): Promise<void> {
  const running = [...started];
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  }
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve),
        ),
    ),
  );
}
