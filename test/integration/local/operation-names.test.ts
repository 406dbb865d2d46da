// Names taken from requests never reach Object.prototype: unknown operations, decision types and
// enum values are refused, and nothing the server answers carries its signing secret.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '@aws-sdk/client-swf';
import { openHarness, type Harness } from './harness.ts';
import { createWorld, eventTypes, rejectsWith, RAW_HTTP_SKIP, start, stateSnapshot, type World } from './fixtures.ts';

/** Every member of Object.prototype, plus names a function or a class would answer to. */
const PROTOTYPE_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  'length',
  'name',
  'call',
  'apply',
  'bind',
  'arguments',
  'caller',
  '',
];

async function raw(h: Harness, target: string, body: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(h.endpoint, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
  });
  const text = await response.text();
  return { status: response.status, type: (JSON.parse(text) as { __type: string }).__type, text };
}

/** An SDK client whose requests go out under another X-Amz-Target (retries on, as users run it). */
function retargetedClient(h: Harness, operation: string): S.SWFClient {
  const client = new S.SWFClient({
    endpoint: h.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
    maxAttempts: 3,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amz-target'] =
        `SimpleWorkflowService.${operation}`;
      return next(args);
    },
    { step: 'build', name: 'retarget' },
  );
  return client;
}

const rawSkip = RAW_HTTP_SKIP;

describe('names from requests', () => {
  let h: Harness;
  let w: World;
  let snapshot: () => Promise<string>;
  before(async () => {
    h = await openHarness();
    w = await createWorld(h, 'names');
    const run = await start(w, 'r');
    snapshot = () => stateSnapshot(w, run);
  });
  after(async () => {
    await h.close();
  });

  test(
    'every prototype name as an operation is 400 UnknownOperationException over raw HTTP, and changes nothing',
    { skip: rawSkip },
    async () => {
      const before = await snapshot();
      for (const name of PROTOTYPE_NAMES) {
        for (const body of ['{}', JSON.stringify({ domain: w.domain, name: w.domain })]) {
          const r = await raw(h, `SimpleWorkflowService.${name}`, body);
          assert.deepEqual([name, r.status, r.type], [name, 400, 'com.amazon.coral.service#UnknownOperationException']);
          assert.doesNotMatch(r.text, /secret|tokens|store|":memory:"/i, `answer to ${name}`);
        }
      }
      assert.equal(await snapshot(), before);
    },
  );

  test('a prototype name as the operation of an SDK call fails once with UnknownOperationException, never retried', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const client = retargetedClient(h, name);
      try {
        const e = await rejectsWith(
          client.send(new S.ListDomainsCommand({ registrationStatus: 'REGISTERED' })),
          'UnknownOperationException',
        );
        assert.equal((e as { $metadata?: { attempts?: number } }).$metadata?.attempts, 1, name);
      } finally {
        client.destroy();
      }
    }
  });

  test('a prototype name as a decision type is a ValidationException and changes nothing', async () => {
    const ww = await createWorld(h, 'dtype');
    const run = await start(ww, 'r');
    const task = await ww.c.send(
      new S.PollForDecisionTaskCommand({ domain: ww.domain, taskList: { name: ww.decisionList } }),
    );
    const before = await eventTypes(ww, run);
    for (const decisionType of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      await rejectsWith(
        ww.c.send(
          new S.RespondDecisionTaskCompletedCommand({
            taskToken: task.taskToken!,
            decisions: [{ decisionType: decisionType as S.DecisionType }],
          }),
        ),
        'ValidationException',
        /decisionType/,
      );
    }
    assert.deepEqual(await eventTypes(ww, run), before);
  });

  test('prototype names as enum values are ValidationExceptions', async () => {
    for (const value of ['constructor', 'toString', '__proto__']) {
      await rejectsWith(
        w.c.send(new S.ListDomainsCommand({ registrationStatus: value as S.RegistrationStatus })),
        'ValidationException',
        /registrationStatus/,
      );
      await rejectsWith(
        w.c.send(
          new S.TerminateWorkflowExecutionCommand({
            domain: w.domain,
            workflowId: 'r',
            childPolicy: value as S.ChildPolicy,
          }),
        ),
        'ValidationException',
        /childPolicy/,
      );
    }
  });
});
