// Flowy against SWF-compatible servers that behave unlike SWF: polls that come back empty at once,
// visibility filters ignored, operations answered with HTML. Real SDK clients, fake servers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ListDomainsCommand } from '@aws-sdk/client-swf';
import { createSwfClient, pollForDecisionTask, OperationNotImplementedError } from '../../../src/swf/index.ts';
import { runPollLoop } from '../../../src/worker/poll-loop.ts';
import { createLogger } from '../../../src/common/index.ts';
import { FlowyClient } from '../../../src/client/index.ts';
import { runCli } from '../examples/capture.ts';
import { delayed, startFakeSwf } from './fake-swf-server.ts';

const EMPTY_DECISION_TASK = { previousStartedEventId: 0, startedEventId: 0 };
const A_DECISION_TASK = {
  taskToken: 't',
  startedEventId: 3,
  previousStartedEventId: 0,
  workflowExecution: { workflowId: 'w', runId: 'r' },
  workflowType: { name: 'wf', version: '1' },
  events: [],
};

/** Runs a decision poll loop against `url` until `sleeps` waits were asked for; returns them. */
async function pollDelays(url: string, sleeps: number): Promise<number[]> {
  const client = createSwfClient({ endpoint: url, env: {} });
  const stop = new AbortController();
  const delays: number[] = [];
  try {
    await runPollLoop({
      kind: 'decision',
      domain: 'd',
      taskList: 'l',
      logger: createLogger({ level: 'silent' }),
      signal: stop.signal,
      pollOnce: async () => Boolean(await pollForDecisionTask(client, { domain: 'd', taskList: 'l' })),
      onError: (error) => {
        throw error;
      },
      // every empty poll counts as instant here, however slow this machine is
      instantEmptyPollMs: 60_000,
      sleep: async (ms) => {
        delays.push(ms);
        if (delays.length >= sleeps) stop.abort();
      },
    });
  } finally {
    client.destroy();
  }
  return delays;
}

describe('against other SWF servers', () => {
  test('polls answered empty at once are spaced by a growing pause, reset by a task', async () => {
    let polls = 0;
    const fake = await startFakeSwf({
      PollForDecisionTask: () => (++polls === 3 ? A_DECISION_TASK : EMPTY_DECISION_TASK),
    });
    try {
      const delays = await pollDelays(fake.url, 4);
      // polls 1 and 2 empty (200 ms, 400 ms ±20%), poll 3 a task (no pause), polls 4 and 5 empty again from 200 ms
      const within = (ms: number, base: number) => ms >= base * 0.8 && ms <= base * 1.2;
      assert.ok(
        within(delays[0]!, 200) && within(delays[1]!, 400) && within(delays[2]!, 200) && within(delays[3]!, 400),
        `pauses ${delays.join(', ')}`,
      );
      assert.equal(fake.calls.filter((c) => c.operation === 'PollForDecisionTask').length, 5);
    } finally {
      await fake.close();
    }
  });

  test('a server that long-polls gets its next poll without a pause', async () => {
    let polls = 0;
    const fake = await startFakeSwf({
      PollForDecisionTask: () =>
        ++polls > 3 ? { status: 500, contentType: 'text/plain', body: 'stop' } : delayed(EMPTY_DECISION_TASK, 150),
    });
    try {
      // the three empty polls each waited 150 ms: the only pause is the error backoff after the fourth
      const client = createSwfClient({ endpoint: fake.url, env: {}, maxAttempts: 1 });
      const stop = new AbortController();
      const delays: number[] = [];
      await runPollLoop({
        kind: 'decision',
        domain: 'd',
        taskList: 'l',
        logger: createLogger({ level: 'silent' }),
        signal: stop.signal,
        pollOnce: async () => Boolean(await pollForDecisionTask(client, { domain: 'd', taskList: 'l' })),
        onError: () => stop.abort(),
        sleep: async (ms) => {
          delays.push(ms);
        },
      });
      client.destroy();
      assert.equal(polls, 4);
      assert.equal(delays.length, 1, `pauses ${delays.join(', ')}`);
    } finally {
      await fake.close();
    }
  });

  test('result, describe and history without a runId use the latest run of that workflowId when the server ignores executionFilter', async () => {
    const info = (workflowId: string, runId: string, startedSecondsAgo: number, closeStatus?: string) => ({
      execution: { workflowId, runId },
      workflowType: { name: 'wf', version: '1' },
      startTimestamp: Date.now() / 1000 - startedSecondsAgo,
      executionStatus: closeStatus ? 'CLOSED' : 'OPEN',
      ...(closeStatus ? { closeStatus, closeTimestamp: Date.now() / 1000 } : {}),
    });
    const fake = await startFakeSwf({
      ListOpenWorkflowExecutions: () => ({ executionInfos: [info('other', 'r-other-open', 1)] }),
      ListClosedWorkflowExecutions: (input) =>
        input.nextPageToken
          ? {
              executionInfos: [
                info('mine', 'r-mine-old', 300, 'COMPLETED'),
                info('mine', 'r-mine-new', 100, 'COMPLETED'),
              ],
            }
          : { executionInfos: [info('other', 'r-other-closed', 2, 'COMPLETED')], nextPageToken: 'page-2' },
      DescribeWorkflowExecution: (input) => ({
        executionInfo: info(input.execution.workflowId, input.execution.runId, 100, 'COMPLETED'),
        executionConfiguration: {
          taskStartToCloseTimeout: '10',
          executionStartToCloseTimeout: '60',
          taskList: { name: 'l' },
          childPolicy: 'TERMINATE',
        },
        openCounts: { openActivityTasks: 0, openDecisionTasks: 0, openTimers: 0, openChildWorkflowExecutions: 0 },
      }),
      GetWorkflowExecutionHistory: (input) => ({
        events: [
          {
            eventId: 1,
            eventType: 'WorkflowExecutionStarted',
            eventTimestamp: Date.now() / 1000 - 100,
            workflowExecutionStartedEventAttributes: {
              workflowType: { name: 'wf', version: '1' },
              taskList: { name: 'l' },
              childPolicy: 'TERMINATE',
            },
          },
          {
            eventId: 2,
            eventType: 'WorkflowExecutionCompleted',
            eventTimestamp: Date.now() / 1000 - 90,
            workflowExecutionCompletedEventAttributes: {
              result: JSON.stringify(input.execution.runId),
              decisionTaskCompletedEventId: 1,
            },
          },
        ],
      }),
    });
    const swf = createSwfClient({ endpoint: fake.url, env: {} });
    try {
      const client = new FlowyClient({ client: swf, domain: 'd' });
      assert.equal(await client.latestRunId('mine'), 'r-mine-new');
      assert.equal((await client.describe({ workflowId: 'mine' })).executionInfo?.execution?.runId, 'r-mine-new');
      assert.equal(await client.result({ workflowId: 'mine' }), 'r-mine-new');
      const history = await runCli(['history', 'mine', '--json'], { SWF_ENDPOINT: fake.url, SWF_DOMAIN: 'd' });
      assert.equal(history.code, 0, history.stderr);
      assert.equal(
        (JSON.parse(history.stdout) as { workflowExecution: { runId: string } }).workflowExecution.runId,
        'r-mine-new',
      );
      assert.deepEqual(
        (await client.list({ closed: true, workflowId: 'mine' })).map((i) => i.execution?.runId),
        ['r-mine-old', 'r-mine-new'],
      );
      await assert.rejects(client.latestRunId('nobody'), /No execution with workflowId "nobody"/);
    } finally {
      swf.destroy();
      await fake.close();
    }
  });

  test('an operation answered with an HTML page is an error naming the operation and the endpoint', async () => {
    const fake = await startFakeSwf({});
    const swf = createSwfClient({ endpoint: fake.url, env: {} });
    try {
      const error = await swf
        .send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }))
        .catch((e: unknown) => e);
      assert.ok(error instanceof OperationNotImplementedError, String(error));
      assert.match(
        error.message,
        new RegExp(
          `The endpoint ${fake.url} does not implement the SWF operation ListDomains: it answered HTTP 404 with "text/html"`,
        ),
      );
      const cli = await runCli(['list'], { SWF_ENDPOINT: fake.url, SWF_DOMAIN: 'd' });
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /does not implement the SWF operation ListOpenWorkflowExecutions/);
      assert.equal(cli.stderr.trim().split('\n').length, 1, cli.stderr);
    } finally {
      swf.destroy();
      await fake.close();
    }
  });
});
