// Conformance: domain, type and tag operations (SWF_SPEC 4, 5, 16) through the real SDK.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import { rejectsWith } from './fixtures.ts';

describe('domains', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  test('register, describe with arn, and duplicate registration is DomainAlreadyExistsFault', async () => {
    const name = h.domainName('reg');
    await h.client.send(
      new S.RegisterDomainCommand({ name, description: 'd', workflowExecutionRetentionPeriodInDays: '3' }),
    );
    const d = await h.client.send(new S.DescribeDomainCommand({ name }));
    assert.equal(d.domainInfo?.status, 'REGISTERED');
    assert.equal(d.domainInfo?.description, 'd');
    assert.match(d.domainInfo?.arn ?? '', /^arn:aws:swf:[^:]+:\d+:\/domain\//);
    assert.equal(d.configuration?.workflowExecutionRetentionPeriodInDays, '3');
    const e = await rejectsWith(
      h.client.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' })),
      'DomainAlreadyExistsFault',
    );
    assert.ok(e instanceof S.DomainAlreadyExistsFault);
  });

  test('the domain ARN uses the region of the request signature', async (t) => {
    if (!h.server) return t.skip('the local server reads the region from the credential scope');
    const client = new S.SWFClient({
      endpoint: h.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    try {
      const name = h.domainName('region');
      await client.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
      const arn = (await client.send(new S.DescribeDomainCommand({ name }))).domainInfo!.arn!;
      assert.match(arn, /^arn:aws:swf:eu-west-1:/);
      await client.send(new S.TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k', value: 'v' }] }));
      assert.equal((await client.send(new S.ListTagsForResourceCommand({ resourceArn: arn }))).tags!.length, 1);
    } finally {
      client.destroy();
    }
  });

  test('unknown domain is UnknownResourceFault, an instance of the SDK class', async () => {
    const e = await rejectsWith(
      h.client.send(new S.DescribeDomainCommand({ name: h.domainName('missing') })),
      'UnknownResourceFault',
      /Unknown domain/,
    );
    assert.ok(e instanceof S.UnknownResourceFault);
  });

  test('deprecate deprecates its types; deprecating twice is DomainDeprecatedFault; undeprecate restores', async () => {
    const name = h.domainName('dep');
    await h.client.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
    await h.client.send(new S.RegisterWorkflowTypeCommand({ domain: name, name: 'wf', version: '1' }));
    await h.client.send(new S.DeprecateDomainCommand({ name }));
    await rejectsWith(h.client.send(new S.DeprecateDomainCommand({ name })), 'DomainDeprecatedFault');
    const t = await h.client.send(
      new S.DescribeWorkflowTypeCommand({ domain: name, workflowType: { name: 'wf', version: '1' } }),
    );
    assert.equal(t.typeInfo?.status, 'DEPRECATED');
    await rejectsWith(
      h.client.send(new S.RegisterWorkflowTypeCommand({ domain: name, name: 'wf2', version: '1' })),
      'DomainDeprecatedFault',
    );
    const listed = await h.client.send(new S.ListDomainsCommand({ registrationStatus: 'DEPRECATED' }));
    assert.ok(listed.domainInfos?.some((d) => d.name === name));
    await h.client.send(new S.UndeprecateDomainCommand({ name }));
    await rejectsWith(h.client.send(new S.UndeprecateDomainCommand({ name })), 'DomainAlreadyExistsFault');
  });

  test('ListDomains pages by name with nextPageToken and reverseOrder', async () => {
    const names = [0, 1, 2, 3, 4].map(() => h.domainName('page'));
    for (const name of names)
      await h.client.send(new S.RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
    const seen: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await h.client.send(
        new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 2, nextPageToken }),
      );
      assert.ok((page.domainInfos?.length ?? 0) > 0, 'no empty page with a token');
      seen.push(...page.domainInfos!.map((d) => d.name!));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    assert.deepEqual(seen, [...seen].sort());
    for (const name of names) assert.ok(seen.includes(name));
    const reversed = await h.client.send(
      new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', reverseOrder: true }),
    );
    assert.deepEqual(
      reversed.domainInfos!.map((d) => d.name),
      [...seen].sort().reverse(),
    );
  });

  test('a page token used with other arguments is a ValidationException', async () => {
    for (let i = 0; i < 3; i++)
      await h.client.send(
        new S.RegisterDomainCommand({ name: h.domainName('tok'), workflowExecutionRetentionPeriodInDays: '1' }),
      );
    const page = await h.client.send(
      new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1 }),
    );
    assert.ok(page.nextPageToken);
    await rejectsWith(
      h.client.send(
        new S.ListDomainsCommand({
          registrationStatus: 'REGISTERED',
          maximumPageSize: 1,
          reverseOrder: true,
          nextPageToken: page.nextPageToken,
        }),
      ),
      'ValidationException',
    );
    await rejectsWith(
      h.client.send(
        new S.ListDomainsCommand({ registrationStatus: 'REGISTERED', nextPageToken: `${page.nextPageToken}x` }),
      ),
      'ValidationException',
    );
  });

  test('retention out of range is a ValidationException', async () => {
    await rejectsWith(
      h.client.send(
        new S.RegisterDomainCommand({ name: h.domainName('ret'), workflowExecutionRetentionPeriodInDays: '91' }),
      ),
      'ValidationException',
      /workflowExecutionRetentionPeriodInDays/,
    );
  });

  test('tags: tag, list, untag, more than 50 is TooManyTagsFault, unknown ARN is UnknownResourceFault', async () => {
    const name = h.domainName('tags');
    await h.client.send(
      new S.RegisterDomainCommand({
        name,
        workflowExecutionRetentionPeriodInDays: '1',
        tags: [{ key: 'team', value: 'a' }],
      }),
    );
    const arn = (await h.client.send(new S.DescribeDomainCommand({ name }))).domainInfo!.arn!;
    await h.client.send(
      new S.TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'team', value: 'b' },
          { key: 'env', value: 'dev' },
        ],
      }),
    );
    let tags = (await h.client.send(new S.ListTagsForResourceCommand({ resourceArn: arn }))).tags!;
    assert.deepEqual(tags, [
      { key: 'env', value: 'dev' },
      { key: 'team', value: 'b' },
    ]);
    await h.client.send(new S.UntagResourceCommand({ resourceArn: arn, tagKeys: ['env', 'nope'] }));
    tags = (await h.client.send(new S.ListTagsForResourceCommand({ resourceArn: arn }))).tags!;
    assert.deepEqual(tags, [{ key: 'team', value: 'b' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await rejectsWith(h.client.send(new S.TagResourceCommand({ resourceArn: arn, tags: many })), 'TooManyTagsFault');
    assert.equal(
      (await h.client.send(new S.ListTagsForResourceCommand({ resourceArn: arn }))).tags!.length,
      1,
      'a refused tag call changes nothing',
    );
    await rejectsWith(
      h.client.send(new S.ListTagsForResourceCommand({ resourceArn: `${arn}-nope` })),
      'UnknownResourceFault',
    );
  });
});

describe('workflow and activity types', () => {
  let h: Harness;
  let domain: string;
  before(async () => {
    h = await openHarness();
    domain = h.domainName('types');
    await h.client.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  });
  after(async () => {
    await h.close();
  });

  test('register and describe return only the defaults that were given', async () => {
    await h.client.send(
      new S.RegisterWorkflowTypeCommand({
        domain,
        name: 'w',
        version: '1',
        description: 'desc',
        defaultTaskList: { name: 'tl' },
        defaultChildPolicy: 'ABANDON',
      }),
    );
    const w = await h.client.send(
      new S.DescribeWorkflowTypeCommand({ domain, workflowType: { name: 'w', version: '1' } }),
    );
    assert.equal(w.typeInfo?.status, 'REGISTERED');
    assert.equal(w.typeInfo?.description, 'desc');
    assert.ok(w.typeInfo?.creationDate instanceof Date);
    assert.deepEqual({ ...w.configuration }, { defaultTaskList: { name: 'tl' }, defaultChildPolicy: 'ABANDON' });
    await h.client.send(
      new S.RegisterActivityTypeCommand({ domain, name: 'a', version: '1', defaultTaskHeartbeatTimeout: '10' }),
    );
    const a = await h.client.send(
      new S.DescribeActivityTypeCommand({ domain, activityType: { name: 'a', version: '1' } }),
    );
    assert.deepEqual({ ...a.configuration }, { defaultTaskHeartbeatTimeout: '10' });
    await rejectsWith(
      h.client.send(new S.RegisterActivityTypeCommand({ domain, name: 'a', version: '1' })),
      'TypeAlreadyExistsFault',
    );
    await rejectsWith(
      h.client.send(new S.RegisterWorkflowTypeCommand({ domain: h.domainName('none'), name: 'w', version: '1' })),
      'UnknownResourceFault',
    );
  });

  test('deprecate, undeprecate and delete follow the fault rules', async () => {
    const ref = { name: 'life', version: '1' };
    await h.client.send(new S.RegisterActivityTypeCommand({ domain, ...ref }));
    await rejectsWith(
      h.client.send(new S.DeleteActivityTypeCommand({ domain, activityType: ref })),
      'TypeNotDeprecatedFault',
    );
    await rejectsWith(
      h.client.send(new S.UndeprecateActivityTypeCommand({ domain, activityType: ref })),
      'TypeAlreadyExistsFault',
    );
    await h.client.send(new S.DeprecateActivityTypeCommand({ domain, activityType: ref }));
    const d = await h.client.send(new S.DescribeActivityTypeCommand({ domain, activityType: ref }));
    assert.equal(d.typeInfo?.status, 'DEPRECATED');
    assert.ok(d.typeInfo?.deprecationDate instanceof Date);
    await rejectsWith(
      h.client.send(new S.DeprecateActivityTypeCommand({ domain, activityType: ref })),
      'TypeDeprecatedFault',
    );
    await h.client.send(new S.UndeprecateActivityTypeCommand({ domain, activityType: ref }));
    await h.client.send(new S.DeprecateActivityTypeCommand({ domain, activityType: ref }));
    await h.client.send(new S.DeleteActivityTypeCommand({ domain, activityType: ref }));
    await rejectsWith(
      h.client.send(new S.DescribeActivityTypeCommand({ domain, activityType: ref })),
      'UnknownResourceFault',
    );
    const wref = { name: 'wlife', version: '1' };
    await h.client.send(new S.RegisterWorkflowTypeCommand({ domain, ...wref }));
    await h.client.send(new S.DeprecateWorkflowTypeCommand({ domain, workflowType: wref }));
    await rejectsWith(
      h.client.send(new S.DeprecateWorkflowTypeCommand({ domain, workflowType: wref })),
      'TypeDeprecatedFault',
    );
    await h.client.send(new S.UndeprecateWorkflowTypeCommand({ domain, workflowType: wref }));
    await rejectsWith(
      h.client.send(new S.DeleteWorkflowTypeCommand({ domain, workflowType: wref })),
      'TypeNotDeprecatedFault',
    );
    await h.client.send(new S.DeprecateWorkflowTypeCommand({ domain, workflowType: wref }));
    await h.client.send(new S.DeleteWorkflowTypeCommand({ domain, workflowType: wref }));
    await rejectsWith(
      h.client.send(new S.DescribeWorkflowTypeCommand({ domain, workflowType: wref })),
      'UnknownResourceFault',
    );
  });

  test('list types filters by status and name, sorts by name then version, and pages', async () => {
    const dom = h.domainName('list');
    await h.client.send(new S.RegisterDomainCommand({ name: dom, workflowExecutionRetentionPeriodInDays: '1' }));
    for (const [name, version] of [
      ['b', '1'],
      ['a', '2'],
      ['a', '1'],
      ['c', '1'],
    ]) {
      await h.client.send(new S.RegisterWorkflowTypeCommand({ domain: dom, name, version }));
    }
    await h.client.send(new S.DeprecateWorkflowTypeCommand({ domain: dom, workflowType: { name: 'c', version: '1' } }));
    const all: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await h.client.send(
        new S.ListWorkflowTypesCommand({
          domain: dom,
          registrationStatus: 'REGISTERED',
          maximumPageSize: 2,
          nextPageToken,
        }),
      );
      all.push(...page.typeInfos!.map((t) => `${t.workflowType!.name}@${t.workflowType!.version}`));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    assert.deepEqual(all, ['a@1', 'a@2', 'b@1']);
    const named = await h.client.send(
      new S.ListWorkflowTypesCommand({ domain: dom, registrationStatus: 'REGISTERED', name: 'a', reverseOrder: true }),
    );
    assert.deepEqual(
      named.typeInfos!.map((t) => t.workflowType!.version),
      ['2', '1'],
    );
    const deprecated = await h.client.send(
      new S.ListWorkflowTypesCommand({ domain: dom, registrationStatus: 'DEPRECATED' }),
    );
    assert.deepEqual(
      deprecated.typeInfos!.map((t) => t.workflowType!.name),
      ['c'],
    );
    await h.client.send(new S.RegisterActivityTypeCommand({ domain: dom, name: 'x', version: '1' }));
    const acts = await h.client.send(new S.ListActivityTypesCommand({ domain: dom, registrationStatus: 'REGISTERED' }));
    assert.deepEqual(
      acts.typeInfos!.map((t) => t.activityType!.name),
      ['x'],
    );
  });
});

test(
  'the 101st domain is refused with LimitExceededFault',
  { skip: process.env.SWF_ENDPOINT ? 'would exhaust a shared account' : false },
  async () => {
    const h = await openHarness();
    try {
      for (let i = 0; i < 100; i++)
        await h.client.send(
          new S.RegisterDomainCommand({ name: `limit-${i}`, workflowExecutionRetentionPeriodInDays: '1' }),
        );
      const e = await rejectsWith(
        h.client.send(new S.RegisterDomainCommand({ name: 'limit-100', workflowExecutionRetentionPeriodInDays: '1' })),
        'LimitExceededFault',
      );
      assert.ok(e instanceof S.LimitExceededFault);
    } finally {
      await h.close();
    }
  },
);
