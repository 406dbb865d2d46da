import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import noImportCycle from '../../../lint/no-import-cycle.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` placed at `path` (relative to the repository root). */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('the layer rules of eslint.config.mjs', () => {
  test('another layer is imported through its door: index.ts, or engine.ts for src/core', async () => {
    assert.deepEqual(await problems('src/cli/x.ts', "export { Workflow } from '../core/index.ts';\n"), []);
    assert.deepEqual(await problems('src/cli/x.ts', "export { decide } from '../core/engine.ts';\n"), []);
    assert.deepEqual(await problems('src/cli/commands/x.ts', "export { decide } from '../../core/engine.ts';\n"), []);
  });

  test("importing another layer's internal file is an error, at any depth", async () => {
    assert.deepEqual(await problems('src/cli/x.ts', "export { decide } from '../core/decide.ts';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/cli/commands/x.ts', "export { decide } from '../../core/decide.ts';\n"), [
      'no-restricted-imports',
    ]);
  });

  test("the package's entry points reach layers through their doors only", async () => {
    assert.deepEqual(await problems('src/entry/x.ts', "export { decide } from '../core/engine.ts';\n"), []);
    assert.deepEqual(await problems('src/entry/x.ts', "export { decide } from '../core/decide.ts';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/x.ts', "export { decide } from './core/decide.ts';\n"), [
      'no-restricted-imports',
    ]);
  });

  test('a layer may not import a layer above it', async () => {
    assert.deepEqual(await problems('src/core/x.ts', "export { FlowyClient } from '../client/index.ts';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/local/x.ts', "export { decide } from '../core/engine.ts';\n"), [
      'no-restricted-imports',
    ]);
  });

  test('flowy run does not import the testing kit; other commands may', async () => {
    const code = "export { replayHistory } from '../../testing/index.ts';\n";
    assert.deepEqual(await problems('src/cli/commands/run.ts', code), ['no-restricted-imports']);
    assert.deepEqual(await problems('src/cli/commands/replay.ts', code), []);
  });

  test('src/common depends on no other layer, and the others reach it through its door', async () => {
    assert.deepEqual(await problems('src/common/x.ts', "export { decide } from '../core/engine.ts';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/local/x.ts', "export { createLogger } from '../common/index.ts';\n"), []);
    assert.deepEqual(
      await problems('src/local/protocol/x.ts', "export { createLogger } from '../../common/logger.ts';\n"),
      ['no-restricted-imports'],
    );
  });

  test('src/core imports no Node I/O module', async () => {
    assert.deepEqual(await problems('src/core/x.ts', "export { readFile } from 'node:fs';\n"), [
      'no-restricted-imports',
    ]);
  });

  test('only src/swf imports the AWS SDK', async () => {
    const code = "export { SWFClient } from '@aws-sdk/client-swf';\n";
    assert.deepEqual(await problems('src/swf/x.ts', code), []);
    assert.deepEqual(await problems('src/client/x.ts', code), ['no-restricted-imports']);
    assert.deepEqual(await problems('src/core/x.ts', code), ['no-restricted-imports']);
  });

  test('the workers and the client import nothing from the AWS SDK: their SWF calls go through src/swf', async () => {
    const code = "export { SWFClient } from '@aws-sdk/client-swf';\n";
    for (const path of [
      'src/client/flowy-client.ts',
      'src/worker/activity-context.ts',
      'src/worker/activity-worker.ts',
      'src/worker/decision-worker.ts',
    ]) {
      assert.deepEqual(await problems(path, code), ['no-restricted-imports'], path);
    }
  });

  test('the S3 payload store may import @aws-sdk/client-s3, and not the SWF client', async () => {
    const path = 'src/payloads/s3-store.ts';
    assert.deepEqual(await problems(path, "export type { S3Client } from '@aws-sdk/client-s3';\n"), []);
    assert.deepEqual(await problems(path, "export { SWFClient } from '@aws-sdk/client-swf';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/payloads/x.ts', "export type { S3Client } from '@aws-sdk/client-s3';\n"), [
      'no-restricted-imports',
    ]);
  });

  test('only src/tracing imports @opentelemetry (an optional peer); nothing below reaches src/tracing', async () => {
    const code = "export { trace } from '@opentelemetry/api';\n";
    assert.deepEqual(await problems('src/tracing/x.ts', code), []);
    for (const path of [
      'src/worker/x.ts',
      'src/client/x.ts',
      'src/core/x.ts',
      'src/worker/decision-worker.ts',
      'src/cli/commands/run.ts',
      'src/index.ts',
      'src/entry/tracing.ts',
    ]) {
      assert.deepEqual(await problems(path, code), ['no-restricted-imports'], path);
    }
    assert.deepEqual(await problems('src/tracing/x.ts', "export { DecisionWorker } from '../worker/index.ts';\n"), []);
    assert.deepEqual(await problems('src/worker/x.ts', "export { flowyTracing } from '../tracing/index.ts';\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(
      await problems('src/entry/tracing.ts', "export { flowyTracing } from '../tracing/index.ts';\n"),
      [],
    );
  });

  test('src/swf-model may take types from the SDK, and nothing else', async () => {
    assert.deepEqual(
      await problems(
        'src/swf-model/operations.ts',
        "import type * as sdk from '@aws-sdk/client-swf';\nexport type X = sdk.SWFClient;\n",
      ),
      [],
    );
    assert.deepEqual(
      await problems('src/swf-model/operations.ts', "export { SWFClient } from '@aws-sdk/client-swf';\n"),
      ['@typescript-eslint/no-restricted-imports'],
    );
  });

  test('a disable directive that disables nothing is an error', async () => {
    const code = '// eslint-disable-next-line no-console\nexport const x = 1;\n';
    const [result] = await eslint.lintText(code, { filePath: join(root, 'src/core/x.ts') });
    assert.match(result!.messages.map((message) => message.message).join(), /Unused eslint-disable directive/);
  });
});

describe('the no-import-cycle rule', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'flowy-cycle-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  function lint(file: string): string[] {
    const linter = new Linter({ cwd: folder });
    const path = join(folder, file);
    const config = {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { flowy: { rules: { 'no-import-cycle': noImportCycle } } },
      rules: { 'flowy/no-import-cycle': 'error' as const },
    };
    return linter.verify(readText(path), [config], path).map((message) => message.message);
  }
  const files = new Map<string, string>();
  function write(file: string, code: string): void {
    files.set(join(folder, file), code);
    writeFileSync(join(folder, file), code);
  }
  const readText = (path: string): string => files.get(path)!;

  test('a cycle made of type-only imports is reported on both sides', () => {
    write('a.ts', "import type { B } from './b.ts';\nexport type A = { b?: B };\n");
    write('b.ts', "import type { A } from './a.ts';\nexport type B = { a?: A };\n");
    assert.match(lint('a.ts').join(), /Import cycle: a\.ts imports b\.ts/);
    assert.match(lint('b.ts').join(), /Import cycle: b\.ts imports a\.ts/);
  });

  test('imports that point one way only are not a cycle', () => {
    write('c.ts', "import { d } from './d.ts';\nexport const c = d;\n");
    write('d.ts', 'export const d = 1;\n');
    assert.deepEqual(lint('c.ts'), []);
  });
});
