// Payloads of a megabyte through SWF's 32,768-character fields, on the local server: workflow input
// and result, activity input and result, a signal payload and a child workflow's result, all
// stored in the payload store and replaced by references in the history, then replayed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityProxy, Workflow, WorkflowProxy } from '../../../src/core/index.ts';
import { eventAttributes } from '../../../src/core/engine.ts';
import type { HistoryEvent } from '../../../src/core/engine.ts';
import { activity, query, workflow } from '../../../src/definitions/index.ts';
import {
  FilePayloadStore,
  gzipCodec,
  isReference,
  parseReference,
  PayloadNotFound,
  PayloadStorage,
} from '../../../src/payloads/index.ts';
import { replayHistory, TestEnvironment } from '../../../src/testing/index.ts';

const MB = 1_000_000;
/** A megabyte of JSON that does not compress to nothing (so gzip does not hide a size bug). */
const blob = (seed: string) =>
  Array.from({ length: MB / 10 }, (_, i) => `${seed}${(i * 7919) % 100_000}`.padEnd(10, '.')).join('');

@activity({ name: 'Echo', taskList: 'big', startToCloseTimeout: 60 })
class Echo {
  async run(input: { data: string }): Promise<{ data: string; length: number }> {
    return { data: input.data.toUpperCase(), length: input.data.length };
  }
}

@workflow({ name: 'BigChild', taskList: 'big' })
class BigChild extends Workflow<string, string> {
  async run(seed: string): Promise<string> {
    return blob(seed);
  }
}

@workflow({ name: 'BigParent', taskList: 'big' })
class BigParent extends Workflow<
  { data: string },
  { input: number; echoed: number; signal: number; child: number; data: string }
> {
  echo = ActivityProxy(Echo);
  child = WorkflowProxy(BigChild);
  received = 0;

  async run(input: { data: string }) {
    const echoed = await this.echo({ data: input.data });
    const signal = await this.signal<{ data: string }>('more');
    this.received = signal.data.length;
    const child = await this.child('c');
    return {
      input: input.data.length,
      echoed: echoed.data.length,
      signal: signal.data.length,
      child: child.length,
      data: echoed.data,
    };
  }

  @query()
  signalLength(): number {
    return this.received;
  }
}

describe('payloads of a megabyte on the local server', () => {
  let directory: string;
  let payloads: PayloadStorage;
  let env: TestEnvironment;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'flowy-large-'));
    payloads = new PayloadStorage({ store: new FilePayloadStore(directory), codecs: [gzipCodec] });
    env = await TestEnvironment.create({ workflows: [BigParent, BigChild], activities: [Echo], payloads });
  });
  after(async () => {
    await env.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('workflow input and result, activity input and result, signal and child result travel as references and replay', async () => {
    const input = blob('in');
    const run = await env.start(BigParent, { data: input }, { workflowId: 'big-1' });
    await env.waitUntilIdle();
    await env.signal(run, 'more', { data: blob('sig') });
    const result = (await env.result(run)) as {
      input: number;
      echoed: number;
      signal: number;
      child: number;
      data: string;
    };
    assert.deepEqual(
      { ...result, data: result.data.length },
      { input: MB, echoed: MB, signal: MB, child: MB, data: MB },
    );
    assert.equal(result.data, input.toUpperCase());

    const events = await env.history(run);
    const stored = referencesIn(events);
    assert.deepEqual(stored.sort(), [
      'ActivityTaskCompleted.result',
      'ActivityTaskScheduled.input',
      'ChildWorkflowExecutionCompleted.result',
      'WorkflowExecutionCompleted.result',
      'WorkflowExecutionSignaled.input',
      'WorkflowExecutionStarted.input',
    ]);
    for (const event of events) {
      for (const field of ['input', 'result', 'details']) {
        const value = eventAttributes(event)[field];
        if (typeof value === 'string')
          assert.ok(value.length <= 32_000, `${event.eventType}.${field} is ${value.length} characters`);
      }
    }
    // the child's own history holds its result as a reference too
    const childId = events.find((e) => e.eventType === 'ChildWorkflowExecutionCompleted')!
      .childWorkflowExecutionCompletedEventAttributes!.workflowExecution as { workflowId: string; runId: string };
    assert.deepEqual(referencesIn(await env.client.history(childId)), ['WorkflowExecutionCompleted.result']);

    // replay with today's code resolves the references; a query sees the resolved signal
    const report = await replayHistory({ events, workflowExecution: run }, BigParent, { payloads });
    assert.equal(report.status, 'completed');
    assert.equal(await env.client.query(BigParent, run, 'signalLength'), MB);
  });

  test('a replay whose blob is missing names the key and the execution', async () => {
    const run = await env.start(BigChild, 'gone', { workflowId: 'big-2' });
    await env.result(run);
    const events = await env.history(run);
    const completed = events.find((e) => e.eventType === 'WorkflowExecutionCompleted')!;
    const { key } = parseReference(completed.workflowExecutionCompletedEventAttributes!.result!, 'test');
    rmSync(join(directory, key));
    const fresh = new PayloadStorage({ store: new FilePayloadStore(directory) }); // nothing cached
    await assert.rejects(
      replayHistory({ events, workflowExecution: run }, BigChild, { payloads: fresh }),
      (error: Error) => {
        assert.ok(error instanceof PayloadNotFound);
        assert.match(
          error.message,
          new RegExp(
            `^Payload ${key} referenced by result of event \\d+ \\(WorkflowExecutionCompleted\\) of execution big-2 \\(run ${run.runId}\\) is not in the payload store \\(files under `,
          ),
        );
        return true;
      },
    );
  });
});

function referencesIn(events: HistoryEvent[]): string[] {
  const found: string[] = [];
  for (const event of events) {
    for (const field of ['input', 'result', 'details']) {
      const value = eventAttributes(event)[field];
      if (typeof value === 'string' && isReference(value)) found.push(`${event.eventType}.${field}`);
    }
  }
  return found;
}
