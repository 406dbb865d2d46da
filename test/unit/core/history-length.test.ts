import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workflow } from '../../../src/core/index.ts';
import { decide } from '../../../src/core/engine.ts';
import { HistoryBuilder } from './helpers/history-builder.ts';

/** Sleeps until the history is long enough, then continues as new; records what it saw in timer ids' order. */
class Long extends Workflow<number, void> {
  async run(round: number) {
    for (;;) {
      if (this.restartSuggested) this.restart(round + 1);
      await this.sleep(1);
    }
  }
}

class Reports extends Workflow<void, void> {
  async run() {
    this.setStatus({ length: this.historyLength, suggested: this.restartSuggested });
    await this.sleep(1);
    this.setStatus({ length: this.historyLength, suggested: this.restartSuggested });
    await this.sleep(1);
  }
}

describe('history length and restart suggestion', () => {
  test('historyLength is the length the history had at the task being run, the same on replay', async () => {
    const h = new HistoryBuilder().started().decisionStarted(); // events 1-3
    assert.deepEqual(JSON.parse((await decide(h.events, Reports)).executionContext!), { length: 3, suggested: false });
    h.decisionCompleted().timerStarted('timer-1', 1).timerFired('timer-1').decisionTask(); // events 4-8
    const replayed = await decide(h.events, Reports);
    assert.deepEqual(JSON.parse(replayed.executionContext!), { length: 8, suggested: false });
  });

  test('restartSuggested turns true from eventLimitWarningAt on, so the workflow continues as new', async () => {
    const h = new HistoryBuilder().started(1).decisionStarted();
    const options = { eventLimitWarningAt: 12 };
    let result = await decide(h.events, Long, options);
    for (let i = 1; result.decisions[0]?.decisionType === 'StartTimer'; i++) {
      h.completedWith(result.decisions).timerFired(`timer-${i}`).decisionTask();
      result = await decide(h.events, Long, options);
    }
    assert.equal(result.decisions[0]?.decisionType, 'ContinueAsNewWorkflowExecution');
    assert.equal(result.decisions[0]?.continueAsNewWorkflowExecutionDecisionAttributes?.input, '2');
    assert.ok(h.lastEventId >= 12 && h.lastEventId < 12 + 5, `continued at ${h.lastEventId} events`);
  });
});
