// One job of the job tree: runs a script on its agent's task list; when canceled, cancels the
// script's activity task and closes as canceled once the agent has stopped it.
import { ActivityProxy, first, Workflow, WorkflowCanceled, workflow } from 'flowy-ts';
import { RunScript } from '../activities/run-script.ts';
import type { ScriptResult } from '../activities/run-script.ts';

/** A named script to run on an agent, for at most `timeoutSeconds` (default: the activity's 3,600 s). */
export interface Job {
  name: string;
  agent: string;
  script: string;
  timeoutSeconds?: number;
}

/** How a job ended. */
export interface JobResult {
  name: string;
  agent: string;
  exitCode: number | null;
  output: string;
  error?: string;
  /** the script ran past the job's timeoutSeconds and was stopped */
  timedOut?: boolean;
}

const CANCELED = 'canceled' as const;

/** Runs `script` on `agent-<agent>`; a canceled job has its agent stop the script first. */
@workflow({ name: 'RunJob', taskList: 'jobs', executionStartToCloseTimeout: 3600 })
export class RunJob extends Workflow<Job, JobResult> {
  script = ActivityProxy(RunScript, { retry: { maxAttempts: 3, initialInterval: 1, nonRetryable: ['InvalidInput'] } });

  async run(job: Job): Promise<JobResult> {
    const script = this.script(
      { agent: job.agent, script: job.script, ...(job.timeoutSeconds ? { timeoutSeconds: job.timeoutSeconds } : {}) },
      { taskList: `agent-${job.agent}`, ...durationOptions(job) },
    );
    const outcome = await first<ScriptResult | typeof CANCELED>([script, this.cancellation().then(() => CANCELED)]);
    if (outcome === CANCELED) {
      // Ask the agent to stop the script (its next heartbeat learns it) and wait until it has.
      this.cancel(script);
      await script.catch(() => undefined);
      throw new WorkflowCanceled(`job ${job.name} canceled`);
    }
    return {
      name: job.name,
      agent: job.agent,
      exitCode: outcome.exitCode,
      output: outcome.output,
      ...(outcome.timedOut ? { timedOut: true } : {}),
    };
  }
}

/**
 * SWF timeouts that let a job run for its timeoutSeconds: the agent stops the script then, so
 * these only back it up (a minute later), and leave 10 minutes to wait for the agent.
 */
function durationOptions(job: Job): { startToCloseTimeout?: number; scheduleToCloseTimeout?: number } {
  if (!job.timeoutSeconds) return {};
  return { startToCloseTimeout: job.timeoutSeconds + 60, scheduleToCloseTimeout: 600 + job.timeoutSeconds + 60 };
}
