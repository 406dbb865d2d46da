// One job of the job tree: runs a script on its agent's task list, or stops when canceled.
import { ActivityProxy, first, Workflow, WorkflowCanceled, workflow } from 'flowy-ts';
import { RunScript } from '../activities/run-script.ts';
import type { ScriptResult } from '../activities/run-script.ts';

/** A named script to run on an agent. */
export interface Job {
  name: string;
  agent: string;
  script: string;
}

/** How a job ended. */
export interface JobResult {
  name: string;
  agent: string;
  exitCode: number | null;
  output: string;
  error?: string;
}

const CANCELED = 'canceled' as const;

/** Runs `script` on `agent-<agent>`; a canceled job stops its script (its task closes with the run). */
@workflow({ name: 'RunJob', taskList: 'jobs', executionStartToCloseTimeout: 3600 })
export class RunJob extends Workflow<Job, JobResult> {
  script = ActivityProxy(RunScript, { retry: { maxAttempts: 3, initialInterval: 1, nonRetryable: ['InvalidInput'] } });

  async run(job: Job): Promise<JobResult> {
    const outcome = await first<ScriptResult | typeof CANCELED>([
      this.script({ agent: job.agent, script: job.script }, { taskList: `agent-${job.agent}` }),
      this.cancellation().then(() => CANCELED),
    ]);
    if (outcome === CANCELED) throw new WorkflowCanceled(`job ${job.name} canceled`);
    return { name: job.name, agent: job.agent, exitCode: outcome.exitCode, output: outcome.output };
  }
}
