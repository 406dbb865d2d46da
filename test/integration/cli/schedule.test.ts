import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../../../src/definitions/index.ts';
import { ScheduleWorkflow } from '../../../src/schedules/index.ts';
import { registerAll } from '../../../src/swf/index.ts';
import { DecisionWorker } from '../../../src/worker/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT, startStack } from '../examples/stack.ts';
import type { Stack } from '../examples/stack.ts';

describe('flowy schedule', () => {
  let stack: Stack;
  let scheduler: DecisionWorker;
  let scheduling: Promise<void>;
  let flowy: (...args: string[]) => ReturnType<typeof runCli>;
  before(async () => {
    stack = await startStack();
    const registry = new Registry();
    registry.addWorkflow(ScheduleWorkflow);
    await registerAll(stack.swf, stack.domain, registry); // what start-workflow-worker does for the built-in type
    scheduler = new DecisionWorker({ client: stack.swf, domain: stack.domain, taskList: 'flowy-schedules', registry });
    scheduling = scheduler.start();
    flowy = (...args) => runCli(args, { SWF_ENDPOINT: stack.server.url, SWF_DOMAIN: stack.domain }, ROOT);
  });
  after(async () => {
    await scheduler.stop();
    await scheduling;
    await stack.close();
  });

  test('create, list, trigger, describe, pause, resume and delete a schedule', async () => {
    const created = await flowy(
      'schedule',
      'create',
      'hourly',
      '--workflow',
      'ApprovalRequest',
      '--cron',
      '0 * * * *',
      '--timezone',
      'Europe/Paris',
      '--input',
      '{"request":"coffee","timeoutSeconds":5}',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(
      created.stdout,
      /^created schedule hourly \(workflowId schedule-hourly\): "0 \* \* \* \*" Europe\/Paris starts ApprovalRequest@1\nnext: \S+T\d\d:00:00.000Z, /,
    );
    const run = { workflowId: 'schedule-hourly', runId: await stack.client.latestRunId('schedule-hourly') };
    await stack.waitForHistory(
      run,
      (events) => events.some((e) => e.eventType === 'TimerStarted'),
      'the schedule to sleep',
    );

    assert.match(
      (await flowy('schedule', 'list')).stdout,
      /^hourly {2}"0 \* \* \* \*" Europe\/Paris {2}ApprovalRequest@1 {2}next \S+:00:00.000Z\n$/,
    );
    assert.equal((await flowy('schedule', 'trigger', 'hourly')).code, 0);
    await stack.waitForHistory(
      run,
      (events) => events.some((e) => e.eventType === 'ChildWorkflowExecutionStarted'),
      'the triggered run',
    );
    const described = await flowy('schedule', 'describe', 'hourly');
    assert.match(described.stdout, /^runs: {8}1 started, 0 skipped, 0 missed; open: schedule-hourly-\S+-trigger-1$/m);
    assert.match(described.stdout, /^ {2}\S+ {2}schedule-hourly-\S+-trigger-1 {2}running \(triggered\)$/m);

    assert.equal((await flowy('schedule', 'pause', 'hourly')).code, 0);
    await stack.waitForHistory(run, (events) => events.some((e) => e.eventType === 'TimerCanceled'), 'the pause');
    assert.match((await flowy('schedule', 'describe', 'hourly')).stdout, /^schedule: {4}hourly \(PAUSED\)\n/);
    assert.match((await flowy('schedule', 'list', '--json')).stdout, /"paused": true/);
    assert.equal((await flowy('schedule', 'resume', 'hourly')).code, 0);

    const deleted = await flowy('schedule', 'delete', 'hourly');
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match((await flowy('schedule', 'list')).stdout, /^no schedules;/);
    const triggeredRun = (await stack.client.list({ workflowType: { name: 'ApprovalRequest' } })).map(
      (r) => r.execution?.workflowId,
    );
    assert.ok(
      triggeredRun.some((id) => /^schedule-hourly-.*-trigger-1$/.test(id ?? '')),
      'the run it started goes on',
    );
  });

  test('bad input is one line naming the fix, and nothing is created', async () => {
    const badCron = await flowy('schedule', 'create', 'bad', '--workflow', 'ApprovalRequest', '--cron', 'every day');
    assert.equal(badCron.code, 2);
    assert.match(
      badCron.stderr,
      /^flowy: Schedule cron "every day" is not valid \(.*\); use 5 fields, e\.g\. "\*\/5 \* \* \* \*"\n$/,
    );
    const unknownWorkflow = await flowy('schedule', 'create', 'bad', '--workflow', 'Nope', '--cron', '* * * * *');
    assert.equal(unknownWorkflow.code, 2);
    assert.match(
      unknownWorkflow.stderr,
      /^flowy: Workflow "Nope" is not in workflows, activities; pass --folders, or --workflow NAME@VERSION\n$/,
    );
    const missingName = await flowy('schedule', 'pause');
    assert.equal(missingName.code, 2);
    const unknown = await flowy('schedule', 'pause', 'nope');
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /^flowy: UnknownSchedule: No schedule "nope" in domain "examples"; "flowy schedule list" shows the schedules\n$/,
    );
    assert.match((await flowy('schedule', 'list')).stdout, /^no schedules;/);
  });
});
