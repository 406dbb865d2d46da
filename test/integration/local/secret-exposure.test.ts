// The secret that signs task tokens never leaves the server: no answer of any of the 39 operations
// (successes, faults, unknown and prototype operation names) and no log line carries it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as S from '@aws-sdk/client-swf';
import type { HttpHandler } from '@smithy/core/protocols';
import { startLocalServer } from '../../../src/local/index.ts';
import { OPERATION_INPUTS } from '../../../src/local/protocol/input-shapes.ts';

/** Every spelling of the secret an answer could carry. */
function spellings(secret: Buffer): string[] {
  return [
    secret.toString('hex'),
    secret.toString('base64'),
    secret.toString('base64url'),
    JSON.stringify([...secret]).slice(1, -1),
  ];
}

/** Wraps the in-process transport, keeping every request's operation and every answer's body. */
function recording(inner: HttpHandler, seen: { operations: Set<string>; bodies: string[] }): HttpHandler {
  const decoder = new TextDecoder();
  return {
    ...inner,
    async handle(request, options) {
      seen.operations.add(String(request.headers['x-amz-target']).replace('SimpleWorkflowService.', ''));
      const answer = await inner.handle(request, options);
      seen.bodies.push(decoder.decode(answer.response.body as Uint8Array));
      return answer;
    },
  } as HttpHandler;
}

test(
  'no answer of any operation and no log line contains the token secret or the database path',
  { skip: process.env.SWF_ENDPOINT ? 'runs the local server itself' : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowy-secret-'));
    const db = join(dir, 'swf.db');
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    try {
      // the secret is created with the database; read it back while no server holds the file
      await (await startLocalServer({ db })).close();
      const file = new Database(db, { readonly: true });
      const secret = Buffer.from(
        (file.prepare("SELECT value FROM meta WHERE key = 'secret'").get() as { value: string }).value,
        'hex',
      );
      file.close();
      process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stderr.write;

      const server = await startLocalServer({ db, longPollMs: 50 });
      const seen = { operations: new Set<string>(), bodies: [] as string[] };
      const c = new S.SWFClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 't', secretAccessKey: 't' },
        maxAttempts: 1,
        requestHandler: recording(server.requestHandler, seen),
      });
      const attempt = async (promise: Promise<unknown>) => {
        await promise.catch(() => undefined);
      };
      try {
        const domain = 'secret-d';
        const workflowType = { name: 'wf', version: '1' };
        const activityType = { name: 'act', version: '1' };
        await c.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
        await attempt(
          c.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' })),
        );
        await c.send(
          new S.RegisterWorkflowTypeCommand({
            domain,
            ...workflowType,
            defaultTaskList: { name: 'd' },
            defaultExecutionStartToCloseTimeout: '60',
            defaultTaskStartToCloseTimeout: '30',
            defaultChildPolicy: 'TERMINATE',
          }),
        );
        await c.send(
          new S.RegisterActivityTypeCommand({
            domain,
            ...activityType,
            defaultTaskList: { name: 'a' },
            defaultTaskScheduleToStartTimeout: 'NONE',
            defaultTaskScheduleToCloseTimeout: 'NONE',
            defaultTaskStartToCloseTimeout: '60',
            defaultTaskHeartbeatTimeout: 'NONE',
          }),
        );
        const { domainInfo } = await c.send(new S.DescribeDomainCommand({ name: domain }));
        await c.send(new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1 }));
        await c.send(new S.DescribeWorkflowTypeCommand({ domain, workflowType }));
        await c.send(new S.DescribeActivityTypeCommand({ domain, activityType }));
        await c.send(new S.ListWorkflowTypesCommand({ domain, registrationStatus: 'REGISTERED' }));
        await c.send(new S.ListActivityTypesCommand({ domain, registrationStatus: 'REGISTERED' }));
        const { runId } = await c.send(
          new S.StartWorkflowExecutionCommand({ domain, workflowId: 'w', workflowType, input: 'in' }),
        );
        const execution = { workflowId: 'w', runId: runId! };
        await c.send(new S.CountPendingDecisionTasksCommand({ domain, taskList: { name: 'd' } }));
        const decision = await c.send(
          new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'd' }, maximumPageSize: 1 }),
        );
        await c.send(
          new S.PollForDecisionTaskCommand({
            domain,
            taskList: { name: 'd' },
            maximumPageSize: 1,
            nextPageToken: decision.nextPageToken,
          }),
        );
        await c.send(
          new S.RespondDecisionTaskCompletedCommand({
            taskToken: decision.taskToken!,
            decisions: [
              {
                decisionType: 'ScheduleActivityTask',
                scheduleActivityTaskDecisionAttributes: { activityType, activityId: 'a1' },
              },
            ],
          }),
        );
        await attempt(c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: decision.taskToken! })));
        await c.send(new S.CountPendingActivityTasksCommand({ domain, taskList: { name: 'a' } }));
        const activity = await c.send(new S.PollForActivityTaskCommand({ domain, taskList: { name: 'a' } }));
        await c.send(new S.RecordActivityTaskHeartbeatCommand({ taskToken: activity.taskToken!, details: 'half' }));
        await c.send(new S.RespondActivityTaskFailedCommand({ taskToken: activity.taskToken!, reason: 'r' }));
        await attempt(c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: activity.taskToken! })));
        await attempt(c.send(new S.RespondActivityTaskCanceledCommand({ taskToken: activity.taskToken! })));
        await attempt(
          c.send(
            new S.RespondActivityTaskCompletedCommand({ taskToken: `${activity.taskToken!.split('.')[0]}.forged` }),
          ),
        );
        await c.send(new S.SignalWorkflowExecutionCommand({ domain, workflowId: 'w', signalName: 's' }));
        await c.send(new S.RequestCancelWorkflowExecutionCommand({ domain, workflowId: 'w' }));
        await c.send(new S.DescribeWorkflowExecutionCommand({ domain, execution }));
        await c.send(new S.GetWorkflowExecutionHistoryCommand({ domain, execution, maximumPageSize: 2 }));
        await c.send(new S.ListOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }));
        await c.send(
          new S.CountOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
        );
        await c.send(new S.TerminateWorkflowExecutionCommand({ domain, workflowId: 'w', reason: 'done' }));
        await c.send(
          new S.ListClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
        );
        await c.send(
          new S.CountClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
        );
        await c.send(new S.DeprecateWorkflowTypeCommand({ domain, workflowType }));
        await c.send(new S.UndeprecateWorkflowTypeCommand({ domain, workflowType }));
        await c.send(new S.DeprecateActivityTypeCommand({ domain, activityType }));
        await c.send(new S.UndeprecateActivityTypeCommand({ domain, activityType }));
        await attempt(c.send(new S.DeleteWorkflowTypeCommand({ domain, workflowType })));
        await c.send(new S.DeprecateWorkflowTypeCommand({ domain, workflowType }));
        await c.send(new S.DeleteWorkflowTypeCommand({ domain, workflowType }));
        await c.send(new S.DeprecateActivityTypeCommand({ domain, activityType }));
        await c.send(new S.DeleteActivityTypeCommand({ domain, activityType }));
        await c.send(new S.TagResourceCommand({ resourceArn: domainInfo!.arn!, tags: [{ key: 'k', value: 'v' }] }));
        await c.send(new S.ListTagsForResourceCommand({ resourceArn: domainInfo!.arn! }));
        await c.send(new S.UntagResourceCommand({ resourceArn: domainInfo!.arn!, tagKeys: ['k'] }));
        await c.send(new S.DeprecateDomainCommand({ name: domain }));
        await c.send(new S.UndeprecateDomainCommand({ name: domain }));
        assert.deepEqual(
          [...OPERATION_INPUTS.keys()].filter((name) => !seen.operations.has(name)),
          [],
          'every operation was called',
        );

        for (const name of [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'Unknown']) {
          const response = await fetch(server.url, {
            method: 'POST',
            body: '{}',
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${name}` },
          });
          seen.bodies.push(await response.text());
        }
      } finally {
        c.destroy();
        await server.close();
      }
      const everything = [...seen.bodies, ...logged].join('\n');
      for (const spelling of spellings(secret))
        assert.ok(!everything.includes(spelling), `the secret appears as ${spelling}`);
      assert.ok(!everything.includes(dir), 'the database path appears in an answer or log line');
    } finally {
      process.stderr.write = write;
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
