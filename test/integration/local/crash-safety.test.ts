// Crash safety: SIGKILL the server mid-run, restart it on the same database file, and every
// execution completes with nothing lost or duplicated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as S from '@aws-sdk/client-swf';
import { spawnServer, type ServerProcess } from './server-process.ts';

const EXECUTIONS = 40;
const STEPS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isFault = (error: unknown) => (error as { $fault?: string }).$fault === 'client';

/** Calls `fn` until it returns or throws an SWF fault (network errors while the server is down are retried). */
async function persist<T>(fn: () => Promise<T>, isDone: () => boolean): Promise<T | undefined> {
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (isFault(error)) throw error;
      if (isDone()) return undefined;
      await sleep(50);
    }
  }
}

/** A decider for "run STEPS activities one after another, then complete with their results". */
function decisionsFor(events: S.HistoryEvent[]): S.Decision[] {
  const results = events
    .filter((e) => e.eventType === 'ActivityTaskCompleted')
    .map((e) => e.activityTaskCompletedEventAttributes!.result!);
  const scheduled = events.filter((e) => e.eventType === 'ActivityTaskScheduled').length;
  const closed = events.filter((e) =>
    ['ActivityTaskCompleted', 'ActivityTaskFailed', 'ActivityTaskTimedOut', 'ActivityTaskCanceled'].includes(
      e.eventType!,
    ),
  ).length;
  if (scheduled > closed) return [];
  if (results.length === STEPS)
    return [
      {
        decisionType: 'CompleteWorkflowExecution',
        completeWorkflowExecutionDecisionAttributes: { result: results.join(',') },
      },
    ];
  return [
    {
      decisionType: 'ScheduleActivityTask',
      scheduleActivityTaskDecisionAttributes: {
        activityType: { name: 'step', version: '1' },
        activityId: `step-${results.length}-attempt-${scheduled}`,
        input: String(results.length),
      },
    },
  ];
}

test(
  'a server killed with SIGKILL mid-run resumes on the same file and every execution completes exactly once',
  { timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-crash-'));
    const db = join(dir, 'swf.db');
    let server: ServerProcess | undefined = await spawnServer({ db });
    const port = Number(new URL(server.url).port);
    const client = new S.SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
    });
    let isDone = false;
    let activitiesCompleted = 0;
    try {
      const domain = 'crash';
      await client.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
      await client.send(
        new S.RegisterWorkflowTypeCommand({
          domain,
          name: 'chain',
          version: '1',
          defaultTaskList: { name: 'd' },
          defaultExecutionStartToCloseTimeout: '600',
          defaultTaskStartToCloseTimeout: '2',
          defaultChildPolicy: 'TERMINATE',
        }),
      );
      await client.send(
        new S.RegisterActivityTypeCommand({
          domain,
          name: 'step',
          version: '1',
          defaultTaskList: { name: 'a' },
          defaultTaskScheduleToStartTimeout: 'NONE',
          defaultTaskScheduleToCloseTimeout: 'NONE',
          defaultTaskStartToCloseTimeout: '2',
          defaultTaskHeartbeatTimeout: 'NONE',
        }),
      );

      const decider = async () => {
        while (!isDone) {
          const task = await persist(
            () => client.send(new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'd' } })),
            () => isDone,
          );
          if (!task?.taskToken) continue;
          const events: S.HistoryEvent[] = [...task.events!];
          let token = task.nextPageToken;
          try {
            while (token) {
              const page = await client.send(
                new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'd' }, nextPageToken: token }),
              );
              events.push(...page.events!);
              token = page.nextPageToken;
            }
            await persist(
              () =>
                client.send(
                  new S.RespondDecisionTaskCompletedCommand({
                    taskToken: task.taskToken!,
                    decisions: decisionsFor(events),
                  }),
                ),
              () => isDone,
            );
          } catch (error) {
            if (!isFault(error)) continue; // server went away while paging: the task times out and comes back
            assert.equal((error as Error).name, 'UnknownResourceFault'); // answered before the crash, or timed out
          }
        }
      };
      const worker = async () => {
        while (!isDone) {
          const task = await persist(
            () => client.send(new S.PollForActivityTaskCommand({ domain, taskList: { name: 'a' } })),
            () => isDone,
          );
          if (!task?.taskToken) continue;
          try {
            await persist(
              () =>
                client.send(
                  new S.RespondActivityTaskCompletedCommand({ taskToken: task.taskToken!, result: `r${task.input}` }),
                ),
              () => isDone,
            );
            activitiesCompleted++;
          } catch (error) {
            assert.equal((error as Error).name, 'UnknownResourceFault');
          }
        }
      };
      const loops = [decider(), decider(), worker(), worker(), worker()];

      const started = new Set<string>();
      const starter = (async () => {
        for (let i = 0; i < EXECUTIONS; i++) {
          const workflowId = `chain-${i}`;
          try {
            await persist(
              () =>
                client.send(
                  new S.StartWorkflowExecutionCommand({
                    domain,
                    workflowId,
                    workflowType: { name: 'chain', version: '1' },
                  }),
                ),
              () => false,
            );
          } catch (error) {
            // the start committed but its answer was lost in the crash
            assert.equal((error as Error).name, 'WorkflowExecutionAlreadyStartedFault');
          }
          started.add(workflowId);
        }
      })();

      while (activitiesCompleted < 30) await sleep(10);
      await server.kill('SIGKILL');
      server = undefined;
      await sleep(200);
      server = await spawnServer({ db, port });
      await starter;

      const closedCount = async () =>
        (
          await client.send(
            new S.CountClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
          )
        ).count!;
      const deadline = Date.now() + 90_000;
      while ((await closedCount()) < EXECUTIONS && Date.now() < deadline) await sleep(200);
      isDone = true;
      await Promise.all(loops);

      assert.equal(started.size, EXECUTIONS);
      const closed = await client.send(
        new S.ListClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
      );
      assert.equal(closed.executionInfos!.length, EXECUTIONS, 'one run per workflowId, all closed');
      const open = await client.send(
        new S.CountOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
      );
      assert.equal(open.count, 0);
      for (const info of closed.executionInfos!) {
        assert.equal(info.closeStatus, 'COMPLETED');
        const events = (
          await client.send(new S.GetWorkflowExecutionHistoryCommand({ domain, execution: info.execution! }))
        ).events!;
        events.forEach((e, i) => assert.equal(e.eventId, i + 1, 'consecutive event ids'));
        const completions = events.filter((e) => e.eventType === 'ActivityTaskCompleted');
        assert.deepEqual(
          completions.map((e) => e.activityTaskCompletedEventAttributes!.result),
          ['r0', 'r1', 'r2'],
          'each step completed exactly once, in order',
        );
        assert.equal(events.filter((e) => e.eventType === 'WorkflowExecutionCompleted').length, 1);
        assert.equal(events.at(-1)!.workflowExecutionCompletedEventAttributes?.result, 'r0,r1,r2');
      }
    } finally {
      isDone = true;
      client.destroy();
      await server?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
