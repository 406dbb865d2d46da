// A client of createSwfClient calls a local server without the SDK: directly on its in-process
// transport, or with plain JSON requests over HTTP. Either way its outputs and faults must be
// those the SDK reads over HTTP, the server's checks must hold, and an abandoned poll must lose no
// task.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { callSwf, createSwfClient } from '../../../src/swf/index.ts';
import { startFakeSwf } from './fake-swf-server.ts';

const DOMAIN = 'direct';
/** An output without what differs per call: its metadata, and the page token's issue time. */
const withoutMetadata = (output: object): object => {
  const { $metadata: _metadata, nextPageToken, ...rest } = output as { $metadata?: unknown; nextPageToken?: string };
  return { ...rest, hasNextPage: nextPageToken !== undefined };
};

for (const transport of ['direct calls on the in-process transport', 'plain JSON requests over HTTP'])
  describe(transport, () => {
    let server: LocalServer;
    let http: S.SWFClient;
    let direct: S.SWFClient;
    before(async () => {
      server = await startLocalServer({ longPollMs: 300 });
      http = createSwfClient({ endpoint: server.url, env: {}, maxAttempts: 1, sdkRequests: true });
      direct = transport.startsWith('direct')
        ? createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} })
        : createSwfClient({ endpoint: server.url, env: {} });
      await callSwf(direct, 'RegisterDomain', { name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' });
      await callSwf(direct, 'RegisterWorkflowType', {
        domain: DOMAIN,
        name: 'wf',
        version: '1',
        defaultTaskList: { name: 'decisions' },
        defaultExecutionStartToCloseTimeout: '600',
        defaultTaskStartToCloseTimeout: '30',
        defaultChildPolicy: 'TERMINATE',
        description: undefined,
      });
    });
    after(async () => {
      http.destroy();
      direct.destroy();
      await server.close();
    });

    test('reads give what the SDK reads over HTTP: Dates, numbers, pages of events, task tokens', async () => {
      const started = await callSwf(direct, 'StartWorkflowExecution', {
        domain: DOMAIN,
        workflowId: 'same',
        workflowType: { name: 'wf', version: '1' },
        input: 'in "quotes" \u2028 😀',
        tagList: ['t'],
      });
      assert.equal(typeof started.runId, 'string');
      assert.equal(started.$metadata.httpStatusCode, 200);
      const execution = { workflowId: 'same', runId: started.runId! };
      const task = await callSwf(direct, 'PollForDecisionTask', { domain: DOMAIN, taskList: { name: 'decisions' } });
      assert.equal(typeof task.taskToken, 'string');
      assert.ok(task.events!.every((e) => e.eventTimestamp instanceof Date));
      await callSwf(direct, 'RespondDecisionTaskCompleted', {
        taskToken: task.taskToken!,
        decisions: [
          { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '60' } },
        ],
        executionContext: 'ctx',
      });
      const oldestDate = new Date(Date.now() - 3_600_000);
      const reads: [string, object][] = [
        ['DescribeDomain', { name: DOMAIN }],
        ['ListDomains', { registrationStatus: 'REGISTERED' }],
        ['DescribeWorkflowType', { domain: DOMAIN, workflowType: { name: 'wf', version: '1' } }],
        ['ListWorkflowTypes', { domain: DOMAIN, registrationStatus: 'REGISTERED' }],
        ['DescribeWorkflowExecution', { domain: DOMAIN, execution }],
        ['ListOpenWorkflowExecutions', { domain: DOMAIN, startTimeFilter: { oldestDate } }],
        ['CountOpenWorkflowExecutions', { domain: DOMAIN, startTimeFilter: { oldestDate } }],
        ['CountPendingDecisionTasks', { domain: DOMAIN, taskList: { name: 'decisions' } }],
        ['GetWorkflowExecutionHistory', { domain: DOMAIN, execution }],
        ['GetWorkflowExecutionHistory', { domain: DOMAIN, execution, reverseOrder: true, maximumPageSize: 2 }],
      ];
      for (const [operation, input] of reads) {
        const op = operation as 'DescribeDomain';
        const [viaHttp, viaDirect] = [
          await callSwf(http, op, input as S.DescribeDomainInput),
          await callSwf(direct, op, input as S.DescribeDomainInput),
        ];
        assert.deepEqual(withoutMetadata(viaDirect), withoutMetadata(viaHttp), operation);
      }
      const described = await callSwf(direct, 'DescribeWorkflowExecution', { domain: DOMAIN, execution });
      assert.ok(described.executionInfo?.startTimestamp instanceof Date);
      assert.equal(described.latestExecutionContext, 'ctx');
      // an output is the caller's own copy
      (described.executionInfo as { tagList: string[] }).tagList.push('changed');
      const again = await callSwf(direct, 'DescribeWorkflowExecution', { domain: DOMAIN, execution });
      assert.deepEqual(again.executionInfo?.tagList, ['t']);
    });

    test('faults are the SDK classes with the server message, as over HTTP', async () => {
      const calls: [string, object][] = [
        ['DescribeWorkflowExecution', { domain: DOMAIN, execution: { workflowId: 'none', runId: 'none' } }],
        ['RegisterDomain', { name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' }],
        ['DescribeDomain', { name: '' }],
        ['ListOpenWorkflowExecutions', { domain: DOMAIN }],
        ['RespondActivityTaskCompleted', { taskToken: 'forged' }],
      ];
      for (const [operation, input] of calls) {
        const op = operation as 'DescribeDomain';
        const viaHttp = (await callSwf(http, op, input as S.DescribeDomainInput).catch((e: unknown) => e)) as
          S.SWFServiceException | undefined;
        const viaDirect = (await callSwf(direct, op, input as S.DescribeDomainInput).catch((e: unknown) => e)) as
          S.SWFServiceException | undefined;
        assert.ok(viaHttp instanceof S.SWFServiceException, `${operation} fails over HTTP`);
        assert.ok(viaDirect instanceof S.SWFServiceException, `${operation} fails directly: ${String(viaDirect)}`);
        assert.equal(viaDirect.constructor, viaHttp.constructor, operation);
        assert.deepEqual(
          [viaDirect.name, viaDirect.message, viaDirect.$fault, viaDirect.$metadata.httpStatusCode],
          [viaHttp.name, viaHttp.message, viaHttp.$fault, viaHttp.$metadata.httpStatusCode],
          operation,
        );
      }
    });

    test('a request over 1 MB is refused with the byte count, as over HTTP', async () => {
      const big = 'x'.repeat(600_000);
      const input = {
        domain: DOMAIN,
        workflowId: 'too-big',
        workflowType: { name: 'wf', version: '1' },
        tagList: [big, big],
      };
      const error = (await callSwf(direct, 'StartWorkflowExecution', input).catch((e: unknown) => e)) as Error;
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /Request of 1200\d{3} bytes exceeds the 1048576-byte limit/);
      const overHttp = (await callSwf(http, 'StartWorkflowExecution', input).catch((e: unknown) => e)) as Error;
      assert.equal(overHttp.message, error.message);
    });

    test('an aborted poll rejects with AbortError and claims nothing; the next poll gets the task', async () => {
      const stop = new AbortController();
      const polling = callSwf(
        direct,
        'PollForDecisionTask',
        { domain: DOMAIN, taskList: { name: 'decisions' } },
        { abortSignal: stop.signal },
      );
      stop.abort();
      await assert.rejects(polling, { name: 'AbortError' });
      const { runId } = await callSwf(direct, 'StartWorkflowExecution', {
        domain: DOMAIN,
        workflowId: 'after-abort',
        workflowType: { name: 'wf', version: '1' },
      });
      const task = await callSwf(direct, 'PollForDecisionTask', { domain: DOMAIN, taskList: { name: 'decisions' } });
      assert.equal(task.workflowExecution?.runId, runId);
    });

    test('a client given middleware of its own sends SDK requests, so the middleware sees them', async () => {
      const watched = transport.startsWith('direct')
        ? createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} })
        : createSwfClient({ endpoint: server.url, env: {} });
      const seen: string[] = [];
      watched.middlewareStack.add(
        (next, context) => (args) => {
          seen.push(context.commandName ?? '');
          return next(args);
        },
        { step: 'initialize', name: 'watch' },
      );
      await callSwf(watched, 'DescribeDomain', { name: DOMAIN });
      assert.deepEqual(seen, ['DescribeDomainCommand']);
      watched.destroy();
    });
  });

test('plain JSON requests retry throttling and 5xx answers as the SDK does, then give its fault', async () => {
  let answers = 0;
  const fake = await startFakeSwf({
    DescribeDomain: () =>
      ++answers <= 2
        ? {
            status: answers === 1 ? 400 : 500,
            contentType: 'application/x-amz-json-1.0',
            body: JSON.stringify({
              __type: answers === 1 ? 'ThrottlingException' : 'com.amazonaws.swf.base.model#InternalFailure',
              message: 'try again',
            }),
          }
        : {
            domainInfo: { name: 'd', status: 'REGISTERED' },
            configuration: { workflowExecutionRetentionPeriodInDays: '1' },
          },
    CountPendingDecisionTasks: () => ({
      status: 400,
      contentType: 'application/x-amz-json-1.0',
      body: JSON.stringify({ __type: 'com.amazonaws.swf.base.model#UnknownResourceFault', message: 'no domain' }),
    }),
  });
  const client = createSwfClient({ endpoint: fake.url, env: {}, maxAttempts: 3 });
  try {
    const described = await callSwf(client, 'DescribeDomain', { name: 'd' });
    assert.equal(described.domainInfo?.name, 'd');
    assert.equal(answers, 3, 'two failed attempts, then the answer');
    const fault = await callSwf(client, 'CountPendingDecisionTasks', { domain: 'd', taskList: { name: 'l' } }).catch(
      (e: unknown) => e,
    );
    assert.ok(fault instanceof S.UnknownResourceFault);
    assert.equal((fault as Error).message, 'no domain');
    assert.equal(
      fake.calls.filter((c) => c.operation === 'CountPendingDecisionTasks').length,
      1,
      'a fault is not retried',
    );
  } finally {
    client.destroy();
    await fake.close();
  }
});
