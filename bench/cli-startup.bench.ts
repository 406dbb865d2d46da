// How long `flowy` takes to start: wall time of whole processes (node, the TypeScript loader,
// the parser) for --help and for commands that do not scan, median of several runs. The target is
// under 400 ms on an idle machine. The commands talk to a local server started here (in memory).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLocalServer } from '../src/local/index.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 7);

/** Runs `flowy <args>` to its end (asynchronously, so that the server here keeps answering). */
function flowy(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/flowy.js', ...args], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const server = await startLocalServer({ db: ':memory:' });
const endpoint = server.url;
const cases: [string, string[]][] = [
  ['flowy --help', ['--help']],
  ['flowy start --help', ['start', '--help']],
  ['flowy --version', ['--version']],
  ['flowy register (scans)', ['register', '--endpoint', endpoint]],
  ['flowy list', ['list', '--endpoint', endpoint]],
  ['flowy describe unknown-id', ['describe', 'unknown-id', '--endpoint', endpoint]],
];
// one run first so the loader's transpile cache is warm, as it is after the first command
spawnSync(process.execPath, ['bin/flowy.js', '--help'], { cwd: ROOT });
console.log(`median wall time of ${RUNS} runs each`);
for (const [label, args] of cases) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await flowy(args);
    times.push(performance.now() - started);
  }
  console.log(
    `${label.padEnd(32)} ${median(times).toFixed(0).padStart(6)} ms   (min ${Math.min(...times).toFixed(0)} ms)`,
  );
}
await server.close();
