#!/usr/bin/env node
// Runs every benchmark in bench/ (or those whose name contains an argument).
import { spawnSync } from 'node:child_process';
import fg from 'fast-glob';

const filters = process.argv.slice(2);
const files = fg
  .sync('bench/*.bench.ts')
  .sort()
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
let status = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
    stdio: 'inherit',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  if (result.status !== 0) status = result.status ?? 1;
}
process.exit(status);
