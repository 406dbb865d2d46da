import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError, Workflow } from '../../../src/core/index.ts';
import { getActivityOptions, getWorkflowOptions } from '../../../src/core/engine.ts';
import { activity, workflow } from '../../../src/definitions/index.ts';

const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('@workflow and @activity', () => {
  test('store the options, read back with defaults applied', () => {
    @workflow({ name: 'Order', version: '3', taskList: 'orders', input: { type: 'object' } })
    class OrderWorkflow extends Workflow<unknown, void> {
      async run() {}
    }
    assert.deepEqual(getWorkflowOptions(OrderWorkflow), {
      name: 'Order',
      version: '3',
      taskList: 'orders',
      executionStartToCloseTimeout: 3600,
      taskStartToCloseTimeout: 30,
      childPolicy: 'TERMINATE',
      input: { type: 'object' },
    });

    @activity({ startToCloseTimeout: 20 })
    class SendEmail {
      async run() {}
    }
    assert.deepEqual(getActivityOptions(SendEmail), {
      name: 'SendEmail',
      version: '1',
      taskList: 'default',
      scheduleToStartTimeout: 300,
      startToCloseTimeout: 20,
      scheduleToCloseTimeout: 600,
      heartbeatTimeout: 'NONE',
    });
  });

  test('undecorated classes have no options, and subclasses do not inherit them', () => {
    class Plain {
      async run() {}
    }
    assert.equal(getActivityOptions(Plain), undefined);
    @workflow({ name: 'Base' })
    class Base extends Workflow<void, void> {
      async run() {}
    }
    class Derived extends Base {}
    assert.equal(getWorkflowOptions(Derived), undefined);
  });

  test('invalid options are rejected with an error naming the class, the field and the fix', () => {
    const cases: [() => void, RegExp][] = [
      [
        () =>
          workflow({ name: 'a:b' })(
            class Bad {
              async run() {}
            },
          ),
        /@workflow on Bad: name "a:b" is not a valid SWF name; use 1 to 256 characters without ':'/,
      ],
      [
        () =>
          activity({ version: 'x'.repeat(65) })(
            class Long {
              async run() {}
            },
          ),
        /@activity on Long: version .* 1 to 64 characters/,
      ],
      [
        () =>
          activity({ startToCloseTimeout: 1.5 })(
            class Half {
              async run() {}
            },
          ),
        /@activity on Half: startToCloseTimeout must be a whole number of seconds or 'NONE', got 1.5/,
      ],
      [
        () =>
          workflow({ executionStartToCloseTimeout: 'NONE' as unknown as number })(
            class Forever {
              async run() {}
            },
          ),
        /executionStartToCloseTimeout must be a whole number of seconds, got "NONE"/,
      ],
      [
        () =>
          workflow({ childPolicy: 'KILL' as 'TERMINATE' })(
            class Policy {
              async run() {}
            },
          ),
        /childPolicy must be 'TERMINATE', 'REQUEST_CANCEL' or 'ABANDON'/,
      ],
      [() => activity({})(class NoRun {}), /@activity on NoRun: the class needs an async run\(input\) method/],
    ];
    for (const [decorate, message] of cases)
      assert.throws(decorate, (error: unknown) => error instanceof ConfigurationError && message.test(error.message));
  });

  test('work when called as TC39 decorators (class, context)', () => {
    class Tc39 {
      async run() {}
    }
    activity({ name: 'Tc39' })(Tc39, {
      kind: 'class',
      name: 'Tc39',
      addInitializer() {},
      metadata: {},
    } as unknown as ClassDecoratorContext);
    assert.equal(getActivityOptions(Tc39)?.name, 'Tc39');
  });

  test('work in a project compiled with TC39 decorators (no experimentalDecorators)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowy-tc39-'));
    try {
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', experimentalDecorators: false } }),
      );
      writeFileSync(
        path.join(dir, 'main.ts'),
        `
        import { Workflow, activity, workflow } from ${JSON.stringify(path.join(root, 'src/index.ts'))};
        import { getWorkflowOptions, getActivityOptions } from ${JSON.stringify(path.join(root, 'src/core/engine.ts'))};
        let mode = 'legacy';
        const spy = (_target: unknown, context?: unknown) => { if (context) mode = 'tc39'; };
        @spy
        @workflow({ name: 'Modern', version: '7' })
        class Modern extends Workflow<void, void> { field = 1; async run() {} }
        @activity({ name: 'ModernActivity' })
        class ModernActivity { async run() {} }
        console.log(JSON.stringify([mode, getWorkflowOptions(Modern)?.version, getActivityOptions(ModernActivity)?.name]));
      `,
      );
      const tsx = import.meta.resolve('tsx');
      const child = spawnSync(process.execPath, ['--import', tsx, 'main.ts'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      });
      assert.equal(child.status, 0, child.stderr);
      assert.equal(child.stdout.trim(), '["tc39","7","ModernActivity"]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
