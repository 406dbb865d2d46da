// The UI server without a browser: sharing flowy dev's port with SWF, who may act (host, origin,
// token, read-only), clear refusals of bad input, and paging merged open+closed lists with filters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import {
  ListDomainsCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import type { SWFClient } from '@aws-sdk/client-swf';
import { startLocalServer } from '../../../src/local/index.ts';
import type { LocalServer } from '../../../src/local/index.ts';
import { createSwfClient, getHistory, pollForDecisionTask, registerDomain } from '../../../src/swf/index.ts';
import { startUiServer, TOKEN_HEADER } from '../../../src/ui/index.ts';
import type { UiServer } from '../../../src/ui/index.ts';
import { runCli } from '../examples/capture.ts';
import { ROOT } from '../examples/stack.ts';

const DOMAIN = 'ui-api';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => { error?: string; [key: string]: unknown };
}

/** One HTTP request with any headers (Host included, which fetch does not let us set). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function tokenOf(url: string): Promise<string> {
  const page = await send(`${url}/`);
  const token = /name="flowy-ui-token" content="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(token, 'the page carries the action token');
  return token;
}

async function startRun(swf: SWFClient, workflowId: string, type: string, tag?: string): Promise<string> {
  const started = await swf.send(
    new StartWorkflowExecutionCommand({
      domain: DOMAIN,
      workflowId,
      workflowType: { name: type, version: '1' },
      tagList: tag ? [tag] : undefined,
    }),
  );
  return started.runId!;
}

/** The URL a started process prints on stdout (the first match of `pattern`). */
async function printedUrl(child: ChildProcess, pattern: RegExp): Promise<string> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = pattern.exec(line)?.[1];
    if (url) return url;
  }
  throw new Error(`the process ended without printing its URL: ${stderr}`);
}

describe('UI server', () => {
  let server: LocalServer;
  let swf: SWFClient;
  let ui: UiServer;
  let readOnly: UiServer;
  let token: string;

  before(async () => {
    server = await startLocalServer({ clock: 'manual' });
    swf = createSwfClient({ endpoint: server.url, requestHandler: server.requestHandler, env: {} });
    await registerDomain(swf, DOMAIN);
    for (const name of ['Alpha', 'Beta']) {
      await swf.send(
        new RegisterWorkflowTypeCommand({
          domain: DOMAIN,
          name,
          version: '1',
          defaultTaskList: { name: 'nobody' },
          defaultChildPolicy: 'TERMINATE',
          defaultExecutionStartToCloseTimeout: '3600',
          defaultTaskStartToCloseTimeout: '30',
        }),
      );
    }
    ui = await startUiServer({ client: swf, domain: DOMAIN, target: server.url, port: 0 });
    readOnly = await startUiServer({ client: swf, domain: DOMAIN, target: server.url, port: 0, isReadOnly: true });
    token = await tokenOf(ui.url);
  });

  after(async () => {
    await ui?.close();
    await readOnly?.close();
    swf?.destroy();
    await server?.close();
  });

  test('flowy dev answers browsers with the UI and SDK clients with SWF on the same port', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bin/flowy.js', 'dev', '--port', '0', '--db', ':memory:'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await printedUrl(child, /listening at (http:\/\/\S+)/);
      const page = await send(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      const client = createSwfClient({ endpoint: url, env: {} });
      try {
        assert.deepEqual(
          (await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }))).domainInfos,
          [],
        );
      } finally {
        client.destroy();
      }
      const config = (await send(`${url}/ui/api/config`)).json();
      assert.deepEqual(config.domains, []);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  test('flowy ui serves the page for another endpoint, read-only when asked', async () => {
    await startRun(swf, 'seen-by-flowy-ui', 'Alpha');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/flowy.js',
        'ui',
        '--endpoint',
        server.url,
        '--domain',
        DOMAIN,
        '--port',
        '0',
        '--read-only',
        '--folders',
        'workflows',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDSECRETLOOKING', AWS_SECRET_ACCESS_KEY: 'very-secret-key' },
      },
    );
    try {
      const url = await printedUrl(child, /flowy ui: (http:\/\/\S+?)\/ /);
      const config = (await send(`${url}/ui/api/config`)).json();
      assert.equal(config.isReadOnly, true);
      assert.equal(config.domain, DOMAIN);
      const page = await send(`${url}/`);
      assert.doesNotMatch(page.text + JSON.stringify(config), /AKIDSECRETLOOKING|very-secret-key/);
      const list = (await send(`${url}/ui/api/executions`)).json() as {
        executions: { execution: { workflowId: string } }[];
      };
      assert.ok(list.executions.some((e) => e.execution.workflowId === 'seen-by-flowy-ui'));
      const refused = await send(`${url}/ui/api/cancel`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: await tokenOf(url) },
        body: { workflowId: 'seen-by-flowy-ui' },
      });
      assert.equal(refused.status, 403);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  test('flowy ui refuses a port that is not one, in one line with exit code 2', async () => {
    const run = await runCli(['ui', '--port', '99999', '--endpoint', server.url]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr.trim(),
      'flowy: --port 99999 is not a port; give a whole number from 0 (any free port) to 65535',
    );
  });

  test('the page and its scripts come from the package, with no secret in them', async () => {
    const page = await send(`${ui.url}/`);
    assert.doesNotMatch(page.text, /https?:\/\/(?!127\.0\.0\.1)/, 'no outside URL');
    assert.doesNotMatch(page.text, /flowy-local|secretAccessKey/i);
    for (const path of [
      '/ui/vendor/preact.mjs',
      '/ui/vendor/hooks.mjs',
      '/ui/vendor/htm.mjs',
      '/ui/assets/app.js',
      '/ui/assets/style.css',
    ]) {
      assert.equal((await send(`${ui.url}${path}`)).status, 200, path);
    }
    assert.deepEqual(Object.keys((await send(`${ui.url}/ui/api/config`)).json()).sort(), [
      'domain',
      'domains',
      'isReadOnly',
      'target',
    ]);
    assert.deepEqual((await send(`${ui.url}/ui/api/config`)).json().domains, [DOMAIN]);
  });

  test('a Host header that is not this machine is refused (DNS rebinding)', async () => {
    const answer = await send(`${ui.url}/ui/api/config`, { headers: { host: 'attacker.example:80' } });
    assert.equal(answer.status, 403);
    assert.match(answer.json().error!, /Host "attacker.example:80" is not this machine/);
  });

  test('actions need the page token and the UI origin, and change nothing otherwise', async () => {
    const runId = await startRun(swf, 'guarded', 'Alpha');
    const body = { domain: DOMAIN, workflowId: 'guarded', runId, signalName: 'go' };
    const host = new URL(ui.url).host;
    const refusals: [Record<string, string>, RegExp][] = [
      [{}, /action token is missing or stale/],
      [{ [TOKEN_HEADER]: 'wrong' }, /action token is missing or stale/],
      [{ [TOKEN_HEADER]: token, origin: 'http://evil.example' }, /only from the UI's own page/],
      [{ [TOKEN_HEADER]: token, origin: 'null' }, /opaque origin/],
      [{ [TOKEN_HEADER]: token, 'sec-fetch-site': 'cross-site' }, /this request is cross-site/],
    ];
    for (const [headers, message] of refusals) {
      const answer = await send(`${ui.url}/ui/api/signal`, { method: 'POST', headers, body });
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.match(answer.json().error!, message);
    }
    assert.ok(
      !(await getHistory(swf, DOMAIN, { workflowId: 'guarded', runId })).some(
        (e) => e.eventType === 'WorkflowExecutionSignaled',
      ),
    );
    const accepted = await send(`${ui.url}/ui/api/signal`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
      body,
    });
    assert.equal(accepted.status, 200, accepted.text);
    assert.ok(
      (await getHistory(swf, DOMAIN, { workflowId: 'guarded', runId })).some(
        (e) => e.eventType === 'WorkflowExecutionSignaled',
      ),
    );
  });

  test('a read-only UI refuses every action', async () => {
    const runId = await startRun(swf, 'kept', 'Alpha');
    const readOnlyToken = await tokenOf(readOnly.url);
    for (const route of ['signal', 'cancel', 'terminate', 'start']) {
      const answer = await send(`${readOnly.url}/ui/api/${route}`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: readOnlyToken },
        body: { workflowId: 'kept', runId, signalName: 'x', reason: 'r', typeName: 'Alpha', typeVersion: '1' },
      });
      assert.equal(answer.status, 403);
      assert.match(answer.json().error!, /--read-only/);
    }
    assert.equal((await getHistory(swf, DOMAIN, { workflowId: 'kept', runId })).length, 2);
  });

  test('bad input gets a message naming the field, and nothing is sent', async () => {
    const runId = await startRun(swf, 'untouched', 'Alpha');
    const post = (route: string, body: Record<string, unknown>) =>
      send(`${ui.url}/ui/api/${route}`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'signal',
        { workflowId: 'untouched', runId, signalName: 'go', input: '{"by": ' },
        /Signal input is not valid JSON/,
      ],
      ['signal', { workflowId: 'untouched', runId, signalName: '' }, /Signal name is required/],
      ['signal', { workflowId: 'untouched', runId, signalName: 'a|b' }, /Signal name "a\|b" may not contain/],
      ['terminate', { workflowId: 'untouched', runId, reason: '' }, /Reason is required to terminate/],
      ['start', { typeName: 'Alpha', typeVersion: '1', input: '[1,' }, /Input is not valid JSON/],
      ['start', { typeName: 'Alpha' }, /Workflow type version is required/],
      [
        'signal',
        { domain: 'bad:domain', workflowId: 'untouched', signalName: 'go' },
        /Domain "bad:domain" may not contain/,
      ],
    ];
    for (const [route, body, message] of cases) {
      const answer = await post(route, body);
      assert.equal(answer.status, 400, `${route} ${JSON.stringify(body)}`);
      assert.match(answer.json().error!, message);
    }
    const reads: [string, RegExp][] = [
      ['executions?closeStatus=NOPE', /Close status "NOPE" is not one of/],
      ['executions?status=open&closeStatus=FAILED', /only applies to closed executions/],
      ['executions?pageSize=0', /Page size "0" must be a whole number from 1 to 1000/],
      ['executions?from=yesterday', /Started after "yesterday" is not a date/],
      ['executions?cursor=garbage', /page cursor is not one this server gave out/],
      ['execution?workflowId=', /workflowId is required/],
      ['execution?workflowId=nobody-knows', /No execution with workflowId "nobody-knows"/],
    ];
    for (const [path, message] of reads) {
      const answer = await send(`${ui.url}/ui/api/${path}`);
      assert.ok(answer.status === 400 || answer.status === 404, path);
      assert.match(answer.json().error!, message, path);
    }
    assert.equal((await post('signal', { workflowId: 'nobody-knows', signalName: 'go' })).status, 404);
    assert.equal((await getHistory(swf, DOMAIN, { workflowId: 'untouched', runId })).length, 2);
  });

  test('a run continued as new links to the next run, and the next run back to it', async () => {
    const { runId: firstRunId } = await swf.send(
      new StartWorkflowExecutionCommand({
        domain: DOMAIN,
        workflowId: 'chain',
        workflowType: { name: 'Alpha', version: '1' },
        taskList: { name: 'chain-deciders' },
      }),
    );
    const task = await pollForDecisionTask(swf, { domain: DOMAIN, taskList: 'chain-deciders' });
    assert.equal(task?.workflowExecution.runId, firstRunId);
    await swf.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: task!.taskToken,
        decisions: [
          {
            decisionType: 'ContinueAsNewWorkflowExecution',
            continueAsNewWorkflowExecutionDecisionAttributes: { input: '{"round":2}' },
          },
        ],
      }),
    );
    const first = (await send(`${ui.url}/ui/api/execution?workflowId=chain&runId=${firstRunId}`)).json() as {
      links: { nextRun?: { runId: string } };
      summary: { status: string };
    };
    assert.equal(first.summary.status, 'CONTINUED_AS_NEW');
    const nextRunId = first.links.nextRun?.runId;
    assert.ok(nextRunId && nextRunId !== firstRunId);
    // without a runId the newest run of the workflowId opens
    const latest = (await send(`${ui.url}/ui/api/execution?workflowId=chain`)).json() as {
      execution: { runId: string };
      links: { previousRun?: { runId: string } };
      summary: { input: string };
    };
    assert.equal(latest.execution.runId, nextRunId);
    assert.equal(latest.links.previousRun?.runId, firstRunId);
    assert.equal(latest.summary.input, '{"round":2}');
  });

  test('a refresh asks for the events after the last one it has and gets only those', async () => {
    const runId = await startRun(swf, 'refreshed', 'Alpha');
    const full = (await send(`${ui.url}/ui/api/execution?workflowId=refreshed&runId=${runId}`)).json() as {
      events: { eventId: number }[];
      afterEventId: number;
    };
    assert.deepEqual(
      full.events.map((e) => e.eventId),
      [1, 2],
    );
    assert.equal(full.afterEventId, 0);
    await swf.send(
      new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'refreshed', runId, signalName: 'more' }),
    );
    const newer = (
      await send(`${ui.url}/ui/api/execution?workflowId=refreshed&runId=${runId}&afterEventId=2`)
    ).json() as { events: { eventId: number; eventType: string }[]; summary: { eventCount: number } };
    assert.deepEqual(
      newer.events.map((e) => [e.eventId, e.eventType]),
      [[3, 'WorkflowExecutionSignaled']],
    );
    assert.equal(newer.summary.eventCount, 3);
    const bad = await send(`${ui.url}/ui/api/execution?workflowId=refreshed&afterEventId=-1`);
    assert.equal(bad.status, 400);
    assert.match(bad.json().error!, /afterEventId "-1" must be a whole number/);
  });

  test('pages merge open and closed runs newest first, and filters combine across pages', async () => {
    await server.clock.advance(60);
    const startOfPaging = server.clock.now();
    // 130 runs one second apart: every third closed (terminated), types alternate, every fifth tagged
    for (let i = 0; i < 130; i += 1) {
      const workflowId = `paged-${String(i).padStart(3, '0')}`;
      const runId = await startRun(swf, workflowId, i % 2 ? 'Beta' : 'Alpha', i % 5 === 0 ? 'vip' : undefined);
      if (i % 3 === 0)
        await swf.send(
          new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId, runId, reason: 'paging test' }),
        );
      await server.clock.advance(1);
    }
    const readAll = async (query: string, pageSize: number) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const answer = (
          await send(
            `${ui.url}/ui/api/executions?domain=${DOMAIN}&pageSize=${pageSize}&${query}${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json();
        const executions = answer.executions as { execution: { workflowId: string } }[];
        assert.ok(executions.length <= pageSize);
        ids.push(...executions.map((e) => e.execution.workflowId));
        cursor = answer.cursor as string | undefined;
        pages += 1;
      } while (cursor);
      return { ids: ids.filter((id) => id.startsWith('paged-')), pages };
    };
    const all = await readAll('', 50);
    const expected = Array.from({ length: 130 }, (_, i) => `paged-${String(129 - i).padStart(3, '0')}`);
    assert.deepEqual(all.ids, expected);
    assert.ok(all.pages >= 3);

    const combined = await readAll('type=Beta&tag=vip&status=closed', 7);
    const expectedCombined = expected.filter((id) => {
      const i = Number(id.slice(-3));
      return i % 2 === 1 && i % 5 === 0 && i % 3 === 0;
    });
    assert.deepEqual(combined.ids, expectedCombined);

    const before = (
      await readAll(`to=${encodeURIComponent(new Date(startOfPaging.getTime() - 500).toISOString())}`, 50)
    ).ids;
    assert.deepEqual(before, [], 'no paged run started before the paging runs');
    const after = (
      await readAll(`from=${encodeURIComponent(new Date(startOfPaging.getTime() + 100_500).toISOString())}`, 50)
    ).ids;
    assert.deepEqual(after, expected.slice(0, 29), 'runs started in the last 29 seconds');

    const first = (await send(`${ui.url}/ui/api/executions?domain=${DOMAIN}&type=Beta&closeStatus=TERMINATED`)).json();
    assert.deepEqual(first.counts, { open: 0, closed: 22, truncated: false, isExact: false });
  });
});
