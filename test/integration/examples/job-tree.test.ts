import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openChildren } from '../../../src/client/index.ts';
import { JobTree } from '../../../workflows/job-tree.ts';
import { runCli } from './capture.ts';
import { startStack } from './stack.ts';
import type { Stack } from './stack.ts';

describe('job tree example', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ activityTaskLists: ['agent-a', 'agent-b'] });
  });
  after(async () => {
    await stack.close();
  });

  test('runs one child workflow per job on its agent and collects exit codes and output', async () => {
    const execution = await stack.client.startWorkflow(
      JobTree,
      {
        jobs: [
          { name: 'build', agent: 'a', script: 'echo built' },
          { name: 'lint', agent: 'b', script: 'echo "2 warnings" >&2; exit 3' },
        ],
      },
      { workflowId: 'jobs-1' },
    );
    await stack.closeEvent(execution);
    assert.deepEqual(await stack.client.result(execution), {
      succeeded: false,
      jobs: [
        { name: 'build', agent: 'a', exitCode: 0, output: 'built\n' },
        { name: 'lint', agent: 'b', exitCode: 3, output: '2 warnings\n' },
      ],
    });
    const lint = await stack.client.history({ workflowId: 'jobs-1.lint' });
    const scheduled = lint.find((e) => e.eventType === 'ActivityTaskScheduled')?.activityTaskScheduledEventAttributes;
    assert.equal(scheduled?.taskList?.name, 'agent-b');
    const started = lint[0]?.workflowExecutionStartedEventAttributes;
    assert.equal(started?.parentWorkflowExecution?.workflowId, 'jobs-1');
  });

  test('cancelling the tree reaches the children, stops their scripts and closes everything as canceled', async () => {
    const execution = await stack.client.startWorkflow(
      JobTree,
      {
        jobs: [
          { name: 'quick', agent: 'a', script: 'echo done' },
          { name: 'slow', agent: 'b', script: 'sleep 30' },
        ],
      },
      { workflowId: 'jobs-2' },
    );
    const slow = await waitForChild(stack, 'jobs-2.slow');
    await stack.waitForHistory(
      slow,
      (events) => events.some((e) => e.eventType === 'ActivityTaskStarted'),
      'the slow script to start',
    );
    await stack.waitForHistory(
      execution,
      (events) => events.some((e) => e.eventType === 'ChildWorkflowExecutionCompleted'),
      'the quick job to finish',
    );

    const canceled = await runCli(['cancel', 'jobs-2', '--endpoint', stack.server.url, '--domain', stack.domain]);
    assert.equal(canceled.code, 0, canceled.stderr);
    assert.match(canceled.stdout, /^cancel requested for jobs-2 \(run \S+\)\n$/);

    const close = await stack.closeEvent(execution, { skipTime: false });
    assert.equal(close.eventType, 'WorkflowExecutionCanceled');
    assert.match(close.workflowExecutionCanceledEventAttributes?.details ?? '', /1 of 2 jobs had finished/);
    const child = await stack.client.history(slow);
    assert.equal(child.at(-1)?.eventType, 'WorkflowExecutionCanceled');
    assert.deepEqual(openChildren(await stack.client.history(execution)), []);
    // the parent asked the child to cancel, the child asked the agent: the script was stopped
    assert.ok(child.some((e) => e.eventType === 'ActivityTaskCancelRequested'));
    assert.ok(child.some((e) => e.eventType === 'ActivityTaskCanceled'));
    assert.ok(
      stack.logs.some((l) => l.includes('cancellation requested by the workflow') && l.includes('jobs-2.slow')),
    );
    const parent = await stack.client.history(execution);
    assert.ok(parent.some((e) => e.eventType === 'RequestCancelExternalWorkflowExecutionInitiated'));
  });

  test('"flowy cancel --children" also asks each open child directly', async () => {
    const execution = await stack.client.startWorkflow(
      JobTree,
      { jobs: [{ name: 'nap', agent: 'a', script: 'sleep 30' }] },
      { workflowId: 'jobs-3' },
    );
    const nap = await waitForChild(stack, 'jobs-3.nap');
    await stack.waitForHistory(
      nap,
      (events) => events.some((e) => e.eventType === 'ActivityTaskStarted'),
      'the script to start',
    );
    const canceled = await runCli([
      'cancel',
      'jobs-3',
      '--children',
      '--endpoint',
      stack.server.url,
      '--domain',
      stack.domain,
    ]);
    assert.equal(canceled.code, 0, canceled.stderr);
    assert.deepEqual(
      canceled.stdout
        .trim()
        .split('\n')
        .map((line) => /cancel requested for (\S+)/.exec(line)?.[1]),
      ['jobs-3', 'jobs-3.nap'],
    );
    const close = await stack.closeEvent(execution, { skipTime: false });
    assert.equal(close.eventType, 'WorkflowExecutionCanceled');
    assert.equal((await stack.client.history(nap)).at(-1)?.eventType, 'WorkflowExecutionCanceled');
  });
  test("a job's output is visible while it runs, and flowy logs prints it for the tree", async () => {
    const execution = await stack.client.startWorkflow(
      JobTree,
      {
        jobs: [
          { name: 'stream', agent: 'a', script: 'echo first; sleep 3; echo second' },
          { name: 'quiet', agent: 'b', script: 'true' },
        ],
      },
      { workflowId: 'jobs-3' },
    );
    const stream = await waitForChild(stack, 'jobs-3.stream');
    // the first line reaches the job's history while its script still runs
    const events = await stack.waitForHistory(
      stream,
      (history) => history.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'output'),
      'the first output signal',
    );
    assert.equal(
      events.some((e) => e.eventType === 'ActivityTaskCompleted'),
      false,
      'the script is still running',
    );
    const firstSignal = events.find((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'output');
    assert.deepEqual(JSON.parse(firstSignal?.workflowExecutionSignaledEventAttributes?.input ?? ''), {
      text: 'first\n',
    });

    const env = { SWF_ENDPOINT: stack.server.url, SWF_DOMAIN: stack.domain };
    const [followed] = await Promise.all([runCli(['logs', 'jobs-3', '--follow'], env), stack.closeEvent(execution)]);
    assert.equal(followed.code, 0, followed.stderr);
    assert.equal(followed.stdout, '[stream] first\n[stream] second\n');
    const one = await runCli(['logs', 'jobs-3.stream'], env);
    assert.equal(one.stdout, 'first\nsecond\n');
  });

  test('a job stops at its timeoutSeconds and reports it', async () => {
    const execution = await stack.client.startWorkflow(
      JobTree,
      { jobs: [{ name: 'stuck', agent: 'a', script: 'echo started; sleep 30', timeoutSeconds: 1 }] },
      { workflowId: 'jobs-4' },
    );
    await stack.closeEvent(execution);
    const result = (await stack.client.result(execution)) as {
      succeeded: boolean;
      jobs: { exitCode: number | null; timedOut?: boolean; output: string }[];
    };
    assert.equal(result.succeeded, false);
    assert.equal(result.jobs[0]?.timedOut, true);
    assert.equal(result.jobs[0]?.exitCode, null);
    assert.equal(result.jobs[0]?.output, 'started\n');
    const stuck = await stack.client.history({ workflowId: 'jobs-4.stuck' });
    const scheduled = stuck.find((e) => e.eventType === 'ActivityTaskScheduled')?.activityTaskScheduledEventAttributes;
    assert.equal(scheduled?.startToCloseTimeout, '61');
  });
});

async function waitForChild(stack: Stack, workflowId: string): Promise<{ workflowId: string; runId: string }> {
  for (let i = 0; i < 500; i += 1) {
    try {
      return { workflowId, runId: await stack.client.latestRunId(workflowId) };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  throw new Error(`child ${workflowId} never started`);
}
