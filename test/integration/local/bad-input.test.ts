// Bad input: every malformed request gets the right fault and changes nothing (SWF_SPEC 1.4, 2, 15).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import {
  createWorld,
  eventTypes,
  pollActivity,
  decide,
  rejectsWith,
  scheduleActivity,
  RAW_HTTP_SKIP,
  start,
  stateSnapshot,
  type World,
} from './fixtures.ts';

async function raw(
  h: Harness,
  target: string | undefined,
  body: string | Buffer,
): Promise<{ status: number; type: string; message: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target) headers['x-amz-target'] = target;
  const response = await fetch(h.endpoint, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const json = (await response.json()) as { __type: string; message: string };
  return { status: response.status, type: json.__type, message: json.message };
}

const rawSkip = RAW_HTTP_SKIP;

describe('bad input', () => {
  let h: Harness;
  let w: World;
  let snapshot: () => Promise<string>;
  before(async () => {
    h = await openHarness();
    w = await createWorld(h, 'bad');
    const run = await start(w, 'r');
    snapshot = () => stateSnapshot(w, run);
  });
  after(async () => {
    await h.close();
  });

  test('a body that is not JSON, or not an object, is a SerializationException', { skip: rawSkip }, async () => {
    const before = await snapshot();
    let r = await raw(h, 'SimpleWorkflowService.RegisterDomain', '{"name": "x", ');
    assert.equal(r.status, 400);
    assert.equal(r.type, 'com.amazon.coral.service#SerializationException');
    r = await raw(h, 'SimpleWorkflowService.RegisterDomain', '["x"]');
    assert.equal(r.type, 'com.amazon.coral.service#SerializationException');
    r = await raw(
      h,
      'SimpleWorkflowService.RegisterDomain',
      JSON.stringify({ name: 5, workflowExecutionRetentionPeriodInDays: '1' }),
    );
    assert.equal(r.type, 'com.amazon.coral.service#SerializationException');
    assert.match(r.message, /'name'/);
    assert.equal(await snapshot(), before);
  });

  test('an unknown or missing X-Amz-Target is UnknownOperationException', { skip: rawSkip }, async () => {
    let r = await raw(h, 'SimpleWorkflowService.LaunchRockets', '{}');
    assert.deepEqual([r.status, r.type], [400, 'com.amazon.coral.service#UnknownOperationException']);
    r = await raw(h, undefined, '{}');
    assert.equal(r.type, 'com.amazon.coral.service#UnknownOperationException');
    r = await raw(h, 'OtherService.RegisterDomain', '{}');
    assert.equal(r.type, 'com.amazon.coral.service#UnknownOperationException');
  });

  test('a request over 1 MB is refused and changes nothing', { skip: rawSkip }, async () => {
    const before = await snapshot();
    const body = JSON.stringify({ domain: w.domain, workflowId: 'r', signalName: 's', input: 'x'.repeat(1024 * 1024) });
    const r = await raw(h, 'SimpleWorkflowService.SignalWorkflowExecution', body);
    assert.ok(r.status >= 400 && r.status < 500);
    assert.match(r.type, /ValidationException$/);
    assert.equal(await snapshot(), before);
  });

  test('oversize members of section 15 are ValidationExceptions naming the field', async () => {
    const before = await snapshot();
    await rejectsWith(
      w.c.send(
        new S.SignalWorkflowExecutionCommand({
          domain: w.domain,
          workflowId: 'r',
          signalName: 's',
          input: 'x'.repeat(32_769),
        }),
      ),
      'ValidationException',
      /'input'/,
    );
    await rejectsWith(
      w.c.send(
        new S.StartWorkflowExecutionCommand({
          domain: w.domain,
          workflowId: 'x',
          workflowType: { name: 'wf', version: '1' },
          tagList: ['1', '2', '3', '4', '5', '6'],
        }),
      ),
      'ValidationException',
      /tagList/,
    );
    await rejectsWith(
      w.c.send(new S.RegisterDomainCommand({ name: 'd'.repeat(257), workflowExecutionRetentionPeriodInDays: '1' })),
      'ValidationException',
      /'name'/,
    );
    await rejectsWith(
      w.c.send(new S.RegisterWorkflowTypeCommand({ domain: w.domain, name: 'n', version: 'v'.repeat(65) })),
      'ValidationException',
      /'version'/,
    );
    await rejectsWith(
      w.c.send(new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1001 })),
      'ValidationException',
      /maximumPageSize/,
    );
    await rejectsWith(
      w.c.send(new S.ListDomainsCommand({ registrationStatus: 'SOMETIMES' as S.RegistrationStatus })),
      'ValidationException',
      /registrationStatus/,
    );
    await rejectsWith(
      w.c.send(
        new S.RegisterActivityTypeCommand({
          domain: w.domain,
          name: 'n',
          version: '1',
          defaultTaskStartToCloseTimeout: 'soon',
        }),
      ),
      'ValidationException',
      /defaultTaskStartToCloseTimeout/,
    );
    assert.equal(await snapshot(), before);
  });

  test('a missing required member is a ValidationException in the AWS message style', async () => {
    const e = await rejectsWith(
      w.c.send(new S.DescribeDomainCommand({} as S.DescribeDomainInput)),
      'ValidationException',
    );
    assert.equal(
      e.message,
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  test('invalid names are refused: separators, control characters, "arn", outer whitespace', async () => {
    const before = await snapshot();
    for (const name of ['a:b', 'a/b', 'a|b', 'a\u0001b', 'a\u0085b', 'arn', ' lead', 'trail ']) {
      await rejectsWith(
        w.c.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' })),
        'ValidationException',
        /'name'/,
      );
    }
    await rejectsWith(start(w, 'bad/id'), 'ValidationException', /workflowId/);
    await rejectsWith(
      w.c.send(new S.PollForActivityTaskCommand({ domain: w.domain, taskList: { name: 'a|b' } })),
      'ValidationException',
      /taskList\.name/,
    );
    assert.equal(await snapshot(), before);
  });

  test('a failed response with an oversize reason leaves the task started', async () => {
    const ww = await createWorld(h, 'reason');
    const run = await start(ww, 'r');
    await decide(ww, [scheduleActivity('a')]);
    const task = await pollActivity(ww);
    const before = await eventTypes(ww, run);
    await rejectsWith(
      ww.c.send(new S.RespondActivityTaskFailedCommand({ taskToken: task.taskToken!, reason: 'r'.repeat(257) })),
      'ValidationException',
      /reason/,
    );
    assert.deepEqual(await eventTypes(ww, run), before);
    await ww.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: task.taskToken!, result: 'fine' }));
  });

  test('tokens from another server or edited page tokens are refused', { skip: rawSkip }, async () => {
    const other = await openHarness();
    try {
      const ow = await createWorld(other, 'other');
      await start(ow, 'r');
      await decide(ow, [scheduleActivity('a')]);
      const foreign = await pollActivity(ow);
      await rejectsWith(
        w.c.send(new S.RespondActivityTaskCompletedCommand({ taskToken: foreign.taskToken! })),
        'ValidationException',
      );
    } finally {
      await other.close();
    }
    const run = (
      await w.c.send(
        new S.ListOpenWorkflowExecutionsCommand({ domain: w.domain, startTimeFilter: { oldestDate: new Date(0) } }),
      )
    ).executionInfos![0]!.execution!;
    const page = await w.c.send(
      new S.GetWorkflowExecutionHistoryCommand({ domain: w.domain, execution: run, maximumPageSize: 1 }),
    );
    const [payload, signature] = page.nextPageToken!.split('.');
    const edited = `${Buffer.from(
      Buffer.from(payload!, 'base64url')
        .toString()
        .replace(/"p":\d+/, '"p":0'),
    ).toString('base64url')}.${signature}`;
    await rejectsWith(
      w.c.send(
        new S.GetWorkflowExecutionHistoryCommand({
          domain: w.domain,
          execution: run,
          maximumPageSize: 1,
          nextPageToken: edited,
        }),
      ),
      'ValidationException',
    );
  });

  test('successful answers carry a request id and the JSON content type', { skip: rawSkip }, async () => {
    const response = await fetch(h.endpoint, {
      method: 'POST',
      body: JSON.stringify({ name: w.domain }),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'SimpleWorkflowService.DescribeDomain' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.ok(response.headers.get('x-amzn-requestid'));
  });
});
