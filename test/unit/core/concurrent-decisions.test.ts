import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityProxy, Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

const Log = { name: 'Log', version: '1' };

/** Reads the clock and the random stream between activities, so interleaving would show. */
class Stamps extends Workflow<number, void> {
  log = ActivityProxy(Log);
  async run(n: number) {
    for (let i = 0; i < n; i++) await this.log({ i, now: Date.now(), random: Math.random() });
  }
}

/** A history of `steps` completed Log activities, its clock starting at `offset` seconds. */
function history(steps: number, offset: number): HistoryBuilder {
  const h = new HistoryBuilder();
  h.clock += offset * 1000;
  h.started(steps + 1).decisionStarted();
  for (let i = 1; i <= steps; i++)
    h.decisionCompleted().scheduled(`Log-${i}`, {}).activityCompleted(`Log-${i}`).decisionTask();
  return h;
}

test("executions decided at the same time do not see each other's clock or random stream", async () => {
  const histories = [history(30, 0), history(20, 5000), history(25, 99_000)].map((h) => h.events);
  const executions = histories.map((_, i) => ({ workflowId: `w${i}`, runId: `r${i}` }));
  // inputs are not part of the match (names, versions and ids are): the new decisions carry the values
  const sequential = [];
  for (const [i, events] of histories.entries())
    sequential.push(await decide(events, Stamps, { execution: executions[i] }));
  const concurrent = await Promise.all(
    histories.map((events, i) => decide(events, Stamps, { execution: executions[i] })),
  );
  assert.deepEqual(concurrent, sequential);
});
