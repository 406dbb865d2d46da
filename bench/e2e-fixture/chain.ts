// The end-to-end benchmark's workload: a workflow of N sequential activities, each adding one.
import { ActivityProxy, activity, Workflow, workflow } from 'flowy-ts';

/** Adds one; the cheapest activity there is, so that the framework's cost shows. */
@activity({ name: 'BenchStep', taskList: 'bench-activities', startToCloseTimeout: 120, scheduleToStartTimeout: 600 })
export class BenchStep {
  async run(value: number): Promise<number> {
    return value + 1;
  }
}

/** Holds its slot for `ms` milliseconds: many of them at once fill an activity worker. */
@activity({ name: 'BenchHold', taskList: 'bench-activities', startToCloseTimeout: 60, scheduleToStartTimeout: 600 })
export class BenchHold {
  async run(ms: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ms;
  }
}

/** `steps` sequential activities. */
@workflow({ name: 'BenchChain', taskList: 'bench-decisions', executionStartToCloseTimeout: 3600 })
export class BenchChain extends Workflow<{ steps: number }, number> {
  step = ActivityProxy(BenchStep);

  async run(input: { steps: number }): Promise<number> {
    let value = 0;
    for (let i = 0; i < input.steps; i++) value = await this.step(value);
    return value;
  }
}

/** One activity that holds its slot for `ms`. */
@workflow({ name: 'BenchHoldOne', taskList: 'bench-decisions', executionStartToCloseTimeout: 3600 })
export class BenchHoldOne extends Workflow<{ ms: number }, number> {
  hold = ActivityProxy(BenchHold);

  async run(input: { ms: number }): Promise<number> {
    return this.hold(input.ms);
  }
}
