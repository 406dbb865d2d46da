// --watch for the worker commands: the worker runs in a child process that is restarted whenever a
// file in the scanned folders changes, so new types get registered and running executions are
// decided by the new code (modules cannot be unloaded from a running process).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliContext } from './context.ts';
import { EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

const FLOWY = fileURLToPath(new URL('../../bin/flowy.js', import.meta.url));

/** Changes closer together than this restart the worker once. */
const SETTLE_MS = 200;

/**
 * Runs `flowy <argv without --watch>` and restarts it (SIGTERM, wait, start again) when a `.ts`,
 * `.js` or `.json` file under `folders` changes. SIGINT/SIGTERM stop the worker and the watch.
 */
export async function runWatching(context: CliContext, folders: string[]): Promise<number> {
  const missing = folders.filter((folder) => !existsSync(resolve(context.io.cwd, folder)));
  if (missing.length > 0)
    throw new UsageError(`--watch: ${missing.join(', ')} does not exist; pass --folders with the folders to watch`);
  const childArgs = context.argv.filter((arg) => arg !== '--watch' && arg !== '--watch=true');
  const log = (message: string) => context.err(`flowy --watch: ${message}`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let isStopping = false;
  const start = () => {
    isStopping = false;
    child = spawn(process.execPath, [FLOWY, ...childArgs], {
      cwd: context.io.cwd,
      env: context.io.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => context.io.stdout.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => context.io.stderr.write(chunk));
    const current = child;
    exited = new Promise((done) =>
      current.once('close', (code) => {
        // a worker that fails to start (a syntax error, a duplicate type) waits for the next change
        if (!isStopping) log(`the worker exited with code ${code}; it starts again when a file changes`);
        done();
      }),
    );
  };
  const stop = async () => {
    isStopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();
  const changed = new Set<string>();
  const onChange = (folder: string, file: string | null) => {
    if (file && !/\.(ts|mts|js|mjs|json)$/.test(file)) return;
    changed.add(file ? resolve(folder, file) : folder);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].map((f) => f.replace(`${resolve(context.io.cwd)}/`, ''));
      changed.clear();
      restarting = restarting.then(async () => {
        log(`${files.join(', ')} changed: restarting the worker (it finishes the tasks it holds first)`);
        await stop();
        start();
      });
    }, SETTLE_MS);
  };
  const watchers: FSWatcher[] = folders.map((folder) => {
    const path = resolve(context.io.cwd, folder);
    return watch(path, { recursive: true }, (_event, file) => onChange(path, file));
  });

  log(`watching ${folders.join(', ')}; the worker restarts when a file there changes`);
  start();
  const signal = await new Promise<NodeJS.Signals>((done) => {
    const handler = (received: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      done(received);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await restarting;
  await stop();
  return signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_OK;
}
