// The job tree: a parent workflow starts one child workflow per job; each child runs a script on
// a named agent (the activity task list `agent-<name>`). The parent collects exit codes and
// output. Cancelling the tree (flowy cancel) cancels every running job: the parent asks its
// children to cancel and closes as canceled once they have.
import { all, first, Workflow, WorkflowCanceled, WorkflowProxy, workflow } from 'flowy-ts';
import { RunJob } from './run-job.ts';
import type { Job, JobResult } from './run-job.ts';

/** The tree's input: the jobs to run side by side. */
export interface JobTreeInput {
  jobs: Job[];
}

/** Every job's outcome, and whether all succeeded. */
export interface JobTreeResult {
  succeeded: boolean;
  jobs: JobResult[];
}

const CANCELED = 'canceled' as const;

type Settled = { result: JobResult } | { error: unknown };

/** Runs every job as a child workflow and reports their exit codes. */
@workflow({
  name: 'JobTree',
  taskList: 'jobs',
  executionStartToCloseTimeout: 7200,
  childPolicy: 'REQUEST_CANCEL',
  input: {
    type: 'object',
    required: ['jobs'],
    properties: {
      jobs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'agent', 'script'],
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
            agent: { type: 'string' },
            script: { type: 'string' },
            timeoutSeconds: {
              type: 'integer',
              minimum: 1,
              description: 'the longest the job may run; the script is stopped then',
            },
          },
        },
      },
    },
  },
})
export class JobTree extends Workflow<JobTreeInput, JobTreeResult> {
  runJob = WorkflowProxy(RunJob, { childPolicy: 'TERMINATE' });

  async run(input: JobTreeInput): Promise<JobTreeResult> {
    // Children get ids derived from the parent's, so they are easy to find (and to cancel).
    const jobs = input.jobs.map((job) =>
      this.runJob(job, { workflowId: `${this.workflowId}.${job.name}`, ...childTimeout(job) }),
    );
    const settled = jobs.map((job) =>
      job.then(
        (result): Settled => ({ result }),
        (error: unknown): Settled => ({ error }),
      ),
    );
    const outcome = await first<Settled[] | typeof CANCELED>([all(settled), this.cancellation().then(() => CANCELED)]);
    if (outcome === CANCELED) {
      // Cancellation reaches every child still running; wait until each has closed.
      for (const job of jobs) this.cancel(job);
      const finished = await all(settled);
      const done = finished.filter((f) => 'result' in f).length;
      throw new WorkflowCanceled(`job tree canceled: ${done} of ${input.jobs.length} jobs had finished`);
    }
    const results = outcome.map((o, i) => ('result' in o ? o.result : failedJob(input.jobs[i] as Job, o.error)));
    return { succeeded: results.every((r) => r.exitCode === 0), jobs: results };
  }
}

/** A job allowed longer than RunJob's own hour gets a child run long enough for three attempts. */
function childTimeout(job: Job): { executionStartToCloseTimeout?: number } {
  if (!job.timeoutSeconds || job.timeoutSeconds < 900) return {};
  return { executionStartToCloseTimeout: 3 * (job.timeoutSeconds + 660) };
}

function failedJob(job: Job, error: unknown): JobResult {
  return {
    name: job.name,
    agent: job.agent,
    exitCode: null,
    output: '',
    error: error instanceof Error ? error.message : String(error),
  };
}
