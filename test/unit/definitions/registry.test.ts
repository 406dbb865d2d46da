import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError, Workflow } from '../../../src/core/index.ts';
import { activity, Registry, scan, workflow } from '../../../src/definitions/index.ts';

const index = path.resolve(fileURLToPath(import.meta.url), '../../../../src/index.ts');

@workflow({ name: 'Billing', version: '1' })
class BillingV1 extends Workflow<void, void> {
  async run() {}
}
@workflow({ name: 'Billing', version: '2' })
class BillingV2 extends Workflow<void, void> {
  async run() {}
}
@workflow({ name: 'Billing', version: '1' })
class BillingClone extends Workflow<void, void> {
  async run() {}
}
@activity({ name: 'Invoice' })
class Invoice {
  async run() {}
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowy-scan-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text.replaceAll('FLOWY', JSON.stringify(index)));
  }
  return dir;
}

describe('Registry', () => {
  test('finds types by name and version; without a version, the highest', () => {
    const registry = new Registry();
    registry.addWorkflow(BillingV1);
    registry.addWorkflow(BillingV2);
    registry.addActivity(Invoice);
    assert.equal(registry.findWorkflow('Billing', '1')?.cls, BillingV1);
    assert.equal(registry.findWorkflow('Billing')?.cls, BillingV2);
    assert.equal(registry.findActivity('Invoice')?.options.version, '1');
    assert.equal(registry.findActivity('Nope'), undefined);
    assert.equal(registry.workflows().length, 2);
    assert.equal(registry.activities().length, 1);
  });

  test('a duplicate name + version is an error naming both classes and files', () => {
    const registry = new Registry();
    registry.addWorkflow(BillingV1, 'workflows/billing.ts');
    registry.addWorkflow(BillingV1, 'workflows/billing.ts'); // the same class again is harmless
    assert.throws(
      () => registry.addWorkflow(BillingClone, 'workflows/clone.ts'),
      (error: unknown) =>
        error instanceof ConfigurationError &&
        error.message ===
          'Workflow "Billing" version "1" is defined twice: BillingV1 in workflows/billing.ts and BillingClone in workflows/clone.ts; rename one or change its version',
    );
  });

  test('refuses classes without the decorator', () => {
    class Plain extends Workflow<void, void> {
      async run() {}
    }
    assert.throws(() => new Registry().addWorkflow(Plain), /Plain is not decorated with @workflow/);
  });
});

describe('scan', () => {
  test('imports every module under workflows/ and activities/ and registers the decorated exports', async () => {
    const dir = project({
      'workflows/order.ts': `import { Workflow, workflow } from FLOWY;\n@workflow({ name: 'ScanOrder' })\nexport class ScanOrder extends Workflow<void, void> { async run() {} }\nexport const helper = () => 1;`,
      'activities/nested/charge.ts': `import { activity } from FLOWY;\n@activity({ name: 'ScanCharge' })\nexport class ScanCharge { async run() {} }\nexport default ScanCharge;`,
      'activities/notes.md': 'not a module',
    });
    try {
      const registry = await scan(undefined, { cwd: dir });
      assert.deepEqual(
        registry.workflows().map((d) => [d.options.name, d.file]),
        [['ScanOrder', path.join('workflows', 'order.ts')]],
      );
      assert.deepEqual(
        registry.activities().map((d) => [d.options.name, d.file]),
        [['ScanCharge', path.join('activities', 'nested', 'charge.ts')]],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a duplicate across files names both files', async () => {
    const dir = project({
      'workflows/a.ts': `import { Workflow, workflow } from FLOWY;\n@workflow({ name: 'Twin' })\nexport class TwinA extends Workflow<void, void> { async run() {} }`,
      'workflows/b.ts': `import { Workflow, workflow } from FLOWY;\n@workflow({ name: 'Twin' })\nexport class TwinB extends Workflow<void, void> { async run() {} }`,
    });
    try {
      await assert.rejects(scan(['workflows'], { cwd: dir }), {
        name: 'ConfigurationError',
        message: `Workflow "Twin" version "1" is defined twice: TwinA in ${path.join('workflows', 'a.ts')} and TwinB in ${path.join('workflows', 'b.ts')}; rename one or change its version`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a module that fails to load is reported with its path', async () => {
    const dir = project({ 'activities/broken.ts': `throw new Error('boom');` });
    try {
      await assert.rejects(scan(['activities'], { cwd: dir }), /Could not load activities\/broken\.ts: boom/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('missing folders are skipped', async () => {
    const dir = project({});
    try {
      const registry = await scan(['workflows', 'activities'], { cwd: dir });
      assert.equal(registry.workflows().length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
