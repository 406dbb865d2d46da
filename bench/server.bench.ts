// Local SWF server throughput, next to the floor costs of this machine (bare HTTP, bare SQLite commit).
// Run: node bench/run.js server
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as S from '@aws-sdk/client-swf';
import { startLocalServer, type LocalServer } from '../src/local/index.ts';

type Row = { measure: string; setup: string; count: number; seconds: number; perSecond: number; spread: string };
const rows: Row[] = [];
/** Each figure is the median of REPEATS runs; `spread` shows the slowest and fastest rate. */
const REPEATS = 3;
const samples = new Map<string, { measure: string; setup: string; count: number; ms: number[] }>();
const record = (measure: string, setup: string, count: number, ms: number) => {
  const key = `${measure}\u0000${setup}`;
  const entry = samples.get(key) ?? { measure, setup, count, ms: [] };
  entry.ms.push(ms);
  samples.set(key, entry);
};
function summarize(): void {
  for (const { measure, setup, count, ms } of samples.values()) {
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const rate = (t: number) => Math.round(count / (t / 1000));
    rows.push({
      measure,
      setup,
      count,
      seconds: median / 1000,
      perSecond: count / (median / 1000),
      spread: `${rate(sorted.at(-1)!)}-${rate(sorted[0]!)}`,
    });
  }
}
let domainCounter = 0;

async function bareHttp(requests: number): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end('{"x":1}');
    });
  for (let i = 0; i < 200; i++) await once();
  const t = performance.now();
  for (let i = 0; i < requests; i++) await once();
  record('bare HTTP round trip (keep-alive, sequential)', 'node:http', requests, performance.now() - t);
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function bareSqlite(commits: number, synchronous: 'FULL' | 'NORMAL', dir: string, round: number): void {
  const db = new Database(join(dir, `bare-${synchronous}-${round}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const commit = db.transaction((v: string) => insert.run(v));
  const t = performance.now();
  for (let i = 0; i < commits; i++) commit(`value-${i}`);
  record('bare SQLite commit (1 insert, WAL)', `synchronous=${synchronous}`, commits, performance.now() - t);
  db.close();
}

function sdkClient(server: LocalServer, inProcess: boolean): S.SWFClient {
  return new S.SWFClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    maxAttempts: 1,
    ...(inProcess ? { requestHandler: server.requestHandler } : {}),
  });
}

async function setupDomain(client: S.SWFClient, domain: string): Promise<void> {
  await client.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  await client.send(
    new S.RegisterWorkflowTypeCommand({
      domain,
      name: 'chain',
      version: '1',
      defaultTaskList: { name: 'd' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
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
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );
}

/** Poll/respond round trips: each run's one decision task is polled and answered with Complete. */
async function pollRespond(server: LocalServer, inProcess: boolean, setup: string, runs: number): Promise<void> {
  const client = sdkClient(server, inProcess);
  const domain = `pr-${++domainCounter}`;
  await setupDomain(client, domain);
  for (let i = 0; i < runs; i++)
    await client.send(
      new S.StartWorkflowExecutionCommand({
        domain,
        workflowId: `w${i}`,
        workflowType: { name: 'chain', version: '1' },
      }),
    );
  let calls = 0;
  const t = performance.now();
  for (let i = 0; i < runs; i++) {
    const task = await client.send(new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'd' } }));
    await client.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: [
          { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'ok' } },
        ],
      }),
    );
    calls += 2;
  }
  record(
    'API calls, decision poll + respond (sequential)',
    `${setup}, ${inProcess ? 'in-process' : 'TCP'}`,
    calls,
    performance.now() - t,
  );
  client.destroy();
}

/** Many executions of `steps` sequential activities with several deciders and workers. */
async function activitySteps(
  server: LocalServer,
  inProcess: boolean,
  setup: string,
  executions: number,
  steps: number,
  deciders: number,
  workers: number,
): Promise<void> {
  const client = sdkClient(server, inProcess);
  const domain = `steps-${++domainCounter}`;
  await setupDomain(client, domain);
  let closed = 0;
  let calls = 0;
  const decide = async () => {
    while (closed < executions) {
      const task = await client.send(new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'd' } }));
      calls++;
      if (!task.taskToken) continue;
      const done = task.events!.filter((e) => e.eventType === 'ActivityTaskCompleted').length;
      const decisions: S.Decision[] =
        done === steps
          ? [
              {
                decisionType: 'CompleteWorkflowExecution',
                completeWorkflowExecutionDecisionAttributes: { result: 'ok' },
              },
            ]
          : [
              {
                decisionType: 'ScheduleActivityTask',
                scheduleActivityTaskDecisionAttributes: {
                  activityType: { name: 'step', version: '1' },
                  activityId: `s${done}`,
                  input: String(done),
                },
              },
            ];
      await client.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
      calls++;
      if (done === steps) closed++;
    }
  };
  const work = async () => {
    while (closed < executions) {
      const task = await client.send(new S.PollForActivityTaskCommand({ domain, taskList: { name: 'a' } }));
      calls++;
      if (!task.taskToken) continue;
      await client.send(
        new S.RespondActivityTaskCompletedCommand({ taskToken: task.taskToken, result: `r${task.input}` }),
      );
      calls++;
    }
  };
  const t = performance.now();
  for (let i = 0; i < executions; i++)
    await client.send(
      new S.StartWorkflowExecutionCommand({
        domain,
        workflowId: `w${i}`,
        workflowType: { name: 'chain', version: '1' },
      }),
    );
  await Promise.all([...Array.from({ length: deciders }, decide), ...Array.from({ length: workers }, work)]);
  const ms = performance.now() - t;
  record(
    `activity steps end to end (${executions} x ${steps}, ${deciders} deciders, ${workers} workers)`,
    `${setup}, ${inProcess ? 'in-process' : 'TCP'}`,
    executions * steps,
    ms,
  );
  record('  API calls during that run', `${setup}, ${inProcess ? 'in-process' : 'TCP'}`, calls + executions, ms);
  client.destroy();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowy-bench-'));
  try {
    for (let round = 0; round < REPEATS; round++) {
      await bareHttp(3000);
      bareSqlite(2000, 'FULL', dir, round);
      bareSqlite(2000, 'NORMAL', dir, round);
      for (const [setup, db] of [
        ['file db (WAL, synchronous=FULL)', join(dir, `server-${round}.db`)],
        [':memory:', ':memory:'],
      ] as const) {
        const server = await startLocalServer({ db, longPollMs: 200 });
        try {
          await pollRespond(server, false, setup, 500);
          await pollRespond(server, true, setup, 500);
          await activitySteps(server, false, setup, 50, 10, 2, 4);
          await activitySteps(server, true, setup, 50, 10, 2, 4);
        } finally {
          await server.close();
        }
      }
    }
    summarize();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `median of ${REPEATS} runs; server and SDK clients share this one process, so end-to-end figures include the client's cost`,
  );
  console.table(
    rows.map((r) => ({
      measure: r.measure,
      setup: r.setup,
      count: r.count,
      seconds: Number(r.seconds.toFixed(2)),
      'per second': Math.round(r.perSecond),
      'range /s': r.spread,
    })),
  );
}

await main();
