// The package as a user's project sees it: flowy-ts installed in node_modules (here a symlink to
// this repository), each documented subpath imported by name, in a fresh process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Each subpath and names the README and docs/INTERFACES.md tell users to import from it. */
const DOCUMENTED: Record<string, string[]> = {
  'flowy-ts': [
    'Workflow',
    'ActivityProxy',
    'WorkflowProxy',
    'all',
    'first',
    'finishOrder',
    'workflow',
    'activity',
    'ActivityFailed',
    'WorkflowCanceled',
  ],
  'flowy-ts/worker': [
    'DecisionWorker',
    'ActivityWorker',
    'scan',
    'Registry',
    'createSwfClient',
    'createLogger',
    'combineObservers',
    'startMetricsServer',
    'createWorkerMetrics',
    'metricsObserver',
    'handleShutdownSignals',
  ],
  'flowy-ts/client': ['FlowyClient', 'createSwfClient', 'WorkflowExecutionFailed', 'renderTimeline'],
  'flowy-ts/local': ['startLocalServer'],
  'flowy-ts/testing': ['replayHistory', 'TestEnvironment', 'loadHistory'],
  'flowy-ts/engine': ['decide', 'Decider', 'NonDeterminismError'],
  'flowy-ts/tracing': ['flowyTracing', 'w3cTraceContext'],
};

let project: string;

/** Runs `code` as main.ts of the user's project; returns its stdout parsed as JSON. */
function runInProject(code: string): unknown {
  writeFileSync(join(project, 'main.ts'), code);
  const child = spawnSync(process.execPath, ['--import', tsx, 'main.ts'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

describe('the package subpaths, imported from a project that installed flowy-ts', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'flowy-user-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root.replace(/\/$/, ''), join(project, 'node_modules', 'flowy-ts'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', type: 'module' }));
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  test('every documented name is exported by its subpath', () => {
    const imports = Object.keys(DOCUMENTED)
      .map((subpath, i) => `import * as m${i} from '${subpath}';`)
      .join('\n');
    const checks = Object.entries(DOCUMENTED)
      .map(
        ([subpath, names], i) =>
          `missing.push(...${JSON.stringify(names)}.filter((n) => !(n in m${i})).map((n) => '${subpath}: ' + n));`,
      )
      .join('\n');
    const missing = runInProject(
      `${imports}\nconst missing: string[] = [];\n${checks}\nconsole.log(JSON.stringify(missing));\n`,
    );
    assert.deepEqual(missing, []);
  });

  test('importing flowy-ts leaves Date and Math.random alone; deciding a workflow installs the guard', () => {
    const report = runInProject(`
      const OriginalDate = Date;
      const originalRandom = Math.random;
      const flowy = await import('flowy-ts');
      await import('flowy-ts/worker');
      await import('flowy-ts/testing');
      const { decide } = await import('flowy-ts/engine');
      const untouched = Date === OriginalDate && Math.random === originalRandom;
      class Clock extends flowy.Workflow<void, number> {
        async run() { return Date.now(); }
      }
      flowy.workflow({ name: 'Clock' })(Clock);
      const started = { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: new Date(0),
        workflowExecutionStartedEventAttributes: { workflowType: { name: 'Clock', version: '1' }, taskList: { name: 'default' } } };
      const scheduled = { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: new Date(0) };
      const taskStarted = { eventId: 3, eventType: 'DecisionTaskStarted', eventTimestamp: new Date(1000),
        decisionTaskStartedEventAttributes: { scheduledEventId: 2 } };
      const { decisions } = await decide([started, scheduled, taskStarted], Clock);
      console.log(JSON.stringify({
        untouched,
        guarded: Date !== OriginalDate && Math.random !== originalRandom,
        result: decisions[0]?.completeWorkflowExecutionDecisionAttributes?.result,
        outsideIsRealTime: Date.now() > 1000,
      }));
    `);
    assert.deepEqual(report, { untouched: true, guarded: true, result: '1000', outsideIsRealTime: true });
  });
});
