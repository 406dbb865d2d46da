// The activity of the job tree example (workflows/job-tree.ts): runs a shell script on an agent.
// Each agent is an activity worker polling its own task list (`agent-<name>`).
import { spawn } from 'node:child_process';
import { activity } from 'flowy-ts';
import type { ActivityContext } from 'flowy-ts';

/** What to run, where, and for how long at most (seconds; the script is stopped after that). */
export interface ScriptInput {
  agent: string;
  script: string;
  timeoutSeconds?: number;
}

/** How the script ended: its exit code (or the signal that killed it) and the tail of its output. */
export interface ScriptResult {
  agent: string;
  exitCode: number | null;
  signal?: string;
  output: string;
  /** true when the script ran past `timeoutSeconds` and was stopped */
  timedOut?: boolean;
}

const MAX_OUTPUT = 4000;

/** The signal that carries output to the job's run while the script runs (read by `flowy logs`). */
export const OUTPUT_SIGNAL = 'output';
/** Output sent in one signal at most (SWF takes 32,768 characters of input). */
const MAX_CHUNK = 16_000;
/** Output kept for sending when the run cannot be reached for a while; older output is dropped. */
const MAX_PENDING = 64_000;

/**
 * Runs `script` with `sh -c`, heartbeating every second. A non-zero exit code is a result, not a
 * failure: the workflow decides what it means. Cancellation (or the task closing) kills the script,
 * and so does running past `timeoutSeconds`. While it runs, new output goes to the job's run every
 * second as an `output` signal (`flowy logs <workflowId> --follow` prints it); the result keeps the
 * last 4,000 characters.
 */
@activity({
  name: 'RunScript',
  taskList: 'agents',
  scheduleToStartTimeout: 600,
  startToCloseTimeout: 3600,
  heartbeatTimeout: 15,
  input: {
    type: 'object',
    required: ['agent', 'script'],
    properties: {
      agent: { type: 'string' },
      script: { type: 'string' },
      timeoutSeconds: { type: 'integer', minimum: 1 },
    },
  },
})
export class RunScript {
  async run(input: ScriptInput, context: ActivityContext): Promise<ScriptResult> {
    // Its own process group, so that stopping the script also stops what it started.
    const child = spawn('sh', ['-c', input.script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let unsent = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-MAX_OUTPUT);
      unsent += text;
      if (unsent.length > MAX_PENDING)
        unsent = `[... ${unsent.length - MAX_PENDING} characters of output dropped ...]\n${unsent.slice(-MAX_PENDING)}`;
    };
    let sending: Promise<void> = Promise.resolve();
    const sendOutput = () => {
      if (unsent.length === 0) return sending;
      const text = unsent.slice(0, MAX_CHUNK);
      unsent = unsent.slice(text.length);
      // a signal that fails is retried with the next second's output, in order
      sending = sending.then(() =>
        context.signalWorkflow(OUTPUT_SIGNAL, { text }).catch(() => {
          unsent = text + unsent;
        }),
      );
      return sending;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    context.signal.addEventListener('abort', kill, { once: true });
    let timedOut = false;
    const deadline = input.timeoutSeconds
      ? setTimeout(() => {
          timedOut = true;
          kill();
        }, input.timeoutSeconds * 1000)
      : undefined;
    const heartbeat = setInterval(() => {
      void context.heartbeat({ outputChars: output.length });
      void sendOutput();
    }, 1000);
    try {
      const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, killedBy) => resolve([code, killedBy]));
      });
      if (context.signal.aborted) throw context.signal.reason;
      await sendOutput();
      return { agent: input.agent, exitCode, ...(signal ? { signal } : {}), output, ...(timedOut ? { timedOut } : {}) };
    } finally {
      clearInterval(heartbeat);
      clearTimeout(deadline);
      context.signal.removeEventListener('abort', kill);
    }
  }
}
