// Load with pollers that hang up: raw HTTP activity polls whose sockets are destroyed at random
// moments while tasks arrive, next to pollers that stay. Counts the tasks the server recorded as
// started that no client received (shared by abandoned-polls.test.ts and bench/abandoned-polls).
import { connect } from 'node:net';
import * as S from '@aws-sdk/client-swf';

/** What a run of the load found. */
export interface HangUpFigures {
  /** Activity tasks scheduled. */
  scheduled: number;
  /** Polls whose socket was destroyed before an answer arrived. */
  abandonedPolls: number;
  /** Tasks given back to the list after their poller left, still waiting there at the end. */
  givenBack: number;
  /** Tasks left started at the end whose whole answer some client read (quitters included). */
  received: number;
  /** Tasks a poll took after its poller left that timed out at once, as later events forbade undoing the start. */
  timedOutAtOnce: number;
  /** Tasks left started that no client received: each would wait out its start-to-close timeout. */
  lost: number;
}

/** Options of a run; the defaults take a second or two. */
export interface HangUpOptions {
  /** The server's http://host:port; best in another process, so that its event loop is not the pollers'. */
  url: string;
  client: S.SWFClient;
  domain: string;
  /** Runs started; each schedules `activitiesPerRun` tasks. */
  runs?: number;
  activitiesPerRun?: number;
  /** Pollers that hang up at a random moment within `maxHangUpMs`, over and over. */
  quitters?: number;
  maxHangUpMs?: number;
  /** Pollers that stay and collect tasks. */
  stayers?: number;
}

/** One raw HTTP poll; `hangUpAfterMs` destroys the socket then. Resolves with the task token, if the whole answer arrived. */
function rawPoll(
  url: URL,
  domain: string,
  hangUpAfterMs: number | undefined,
): Promise<{ taskToken?: string; isAbandoned: boolean }> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ domain, taskList: { name: 'hang-up' }, identity: 'raw' });
    const socket = connect(Number(url.port), url.hostname);
    let data = Buffer.alloc(0);
    let isDone = false;
    const finish = (result: { taskToken?: string; isAbandoned: boolean }) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer =
      hangUpAfterMs === undefined ? undefined : setTimeout(() => finish({ isAbandoned: true }), hangUpAfterMs);
    socket.on('error', () => finish({ isAbandoned: true }));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const text = data.toString('utf8');
      const headerEnd = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (headerEnd < 0 || length < 0 || data.length < Buffer.byteLength(text.slice(0, headerEnd + 4)) + length) return;
      const answer = JSON.parse(text.slice(headerEnd + 4)) as { taskToken?: string };
      finish({ taskToken: answer.taskToken, isAbandoned: false });
    });
    socket.write(
      `POST / HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/x-amz-json-1.0\r\n` +
        `x-amz-target: SimpleWorkflowService.PollForActivityTask\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

/** Runs the load and counts; the domain must not exist yet. */
export async function runHangUpLoad(options: HangUpOptions): Promise<HangUpFigures> {
  const { client: c, domain } = options;
  const runs = options.runs ?? 20;
  const perRun = options.activitiesPerRun ?? 10;
  const maxHangUpMs = options.maxHangUpMs ?? 300;
  const url = new URL(options.url);
  await c.send(new S.RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  await c.send(
    new S.RegisterWorkflowTypeCommand({
      domain,
      name: 'wf',
      version: '1',
      defaultTaskList: { name: 'deciders' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
  await c.send(
    new S.RegisterActivityTypeCommand({
      domain,
      name: 'act',
      version: '1',
      defaultTaskList: { name: 'hang-up' },
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: 'NONE',
      defaultTaskStartToCloseTimeout: '3600',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );

  const received = new Set<string>();
  let abandonedPolls = 0;
  let isStopping = false;
  const keepPolling = async (hangUp: () => number | undefined) => {
    while (!isStopping) {
      const result = await rawPoll(url, domain, hangUp());
      if (result.isAbandoned) abandonedPolls++;
      if (result.taskToken) received.add(result.taskToken);
    }
  };
  const pollers = [
    ...Array.from({ length: options.quitters ?? 30 }, () => keepPolling(() => Math.random() * maxHangUpMs)),
    ...Array.from({ length: options.stayers ?? 3 }, () => keepPolling(() => undefined)),
  ];
  for (let r = 0; r < runs; r++) {
    await c.send(
      new S.StartWorkflowExecutionCommand({ domain, workflowId: `w${r}`, workflowType: { name: 'wf', version: '1' } }),
    );
    let task = await c.send(new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'deciders' } }));
    while (task.workflowExecution?.workflowId !== `w${r}`) {
      // an earlier run's task after a timeout: nothing to decide
      if (task.taskToken)
        await c.send(new S.RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [] }));
      task = await c.send(new S.PollForDecisionTaskCommand({ domain, taskList: { name: 'deciders' } }));
    }
    await c.send(
      new S.RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: Array.from({ length: perRun }, (_, i) => ({
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: { activityType: { name: 'act', version: '1' }, activityId: `a${i}` },
        })),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 40)); // tasks keep arriving while polls come and go
  }
  // the stayers collect what is left; then everyone stops
  const pending = async () =>
    (await c.send(new S.CountPendingActivityTasksCommand({ domain, taskList: { name: 'hang-up' } }))).count;
  while ((await pending()) !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
  isStopping = true;
  await Promise.all(pollers);
  await new Promise((resolve) => setTimeout(resolve, 100)); // lets the server see the last hang-ups
  const givenBack = (await pending()) ?? 0;
  return { scheduled: runs * perRun, abandonedPolls, givenBack, ...(await countOutcomes(c, domain, runs, received)) };
}

/** Reads every run's history: started tasks still open, whether someone got their token, timeouts. */
async function countOutcomes(
  c: S.SWFClient,
  domain: string,
  runs: number,
  tokens: Set<string>,
): Promise<Pick<HangUpFigures, 'received' | 'timedOutAtOnce' | 'lost'>> {
  // a task token's payload is [kind, runId, scheduledEventId, startedEventId]
  const receivedStarts = new Set(
    [...tokens].map((token) => {
      const [, runId, , startedEventId] = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as [
        string,
        string,
        number,
        number,
      ];
      return `${runId}/${startedEventId}`;
    }),
  );
  const figures = { received: 0, timedOutAtOnce: 0, lost: 0 };
  const { executionInfos } = await c.send(
    new S.ListOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) } }),
  );
  if ((executionInfos ?? []).length !== runs)
    throw new Error(`expected ${runs} open runs, found ${executionInfos?.length}`);
  for (const { execution } of executionInfos!) {
    const { events } = await c.send(new S.GetWorkflowExecutionHistoryCommand({ domain, execution }));
    const open = new Map<number, number>(); // scheduledEventId → startedEventId
    for (const event of events ?? []) {
      if (event.eventType === 'ActivityTaskStarted')
        open.set(event.activityTaskStartedEventAttributes!.scheduledEventId!, event.eventId!);
      if (event.eventType === 'ActivityTaskTimedOut') {
        open.delete(event.activityTaskTimedOutEventAttributes!.scheduledEventId!);
        figures.timedOutAtOnce++;
      }
    }
    for (const startedEventId of open.values()) {
      if (receivedStarts.has(`${execution!.runId}/${startedEventId}`)) figures.received++;
      else figures.lost++;
    }
  }
  return figures;
}
