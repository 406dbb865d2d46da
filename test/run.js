#!/usr/bin/env node
// Runs the test suite with Node's own test runner. Node 20 does not expand globs
// given to --test, so the files are collected here. Arguments narrow the run:
//   node test/run.js unit          files whose path contains "unit"
//   node test/run.js test/unit/core/decide.test.ts
import { spawnSync } from 'node:child_process';
import fg from 'fast-glob';

const filters = process.argv.slice(2);
const files = fg
  .sync('test/**/*.test.ts', { ignore: ['**/node_modules/**', 'test/fixtures/**'] })
  .sort()
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(2);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1', FLOWY_TEST: '1' },
});
process.exit(result.status ?? 1);
