// The activity of the job tree example (workflows/job-tree.ts): runs a shell script on an agent.
// Each agent is an activity worker polling its own task list (`agent-<name>`).
import { spawn } from 'node:child_process';
import { activity } from 'flowy-ts';
import type { ActivityContext } from 'flowy-ts';

/** What to run, and where. */
export interface ScriptInput {
  agent: string;
  script: string;
}

/** How the script ended: its exit code (or the signal that killed it) and the tail of its output. */
export interface ScriptResult {
  agent: string;
  exitCode: number | null;
  signal?: string;
  output: string;
}

const MAX_OUTPUT = 4000;

/**
 * Runs `script` with `sh -c`, heartbeating every second. A non-zero exit code is a result, not a
 * failure: the workflow decides what it means. Cancellation (or the task closing) kills the script.
 */
@activity({
  name: 'RunScript',
  taskList: 'agents',
  scheduleToStartTimeout: 600,
  startToCloseTimeout: 3600,
  heartbeatTimeout: 15,
  input: { type: 'object', required: ['agent', 'script'], properties: { agent: { type: 'string' }, script: { type: 'string' } } },
})
export class RunScript {
  async run(input: ScriptInput, context: ActivityContext): Promise<ScriptResult> {
    // Its own process group, so that stopping the script also stops what it started.
    const child = spawn('sh', ['-c', input.script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
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
    const heartbeat = setInterval(() => void context.heartbeat({ outputChars: output.length }), 1000);
    try {
      const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, killedBy) => resolve([code, killedBy]));
      });
      if (context.signal.aborted) throw context.signal.reason;
      return { agent: input.agent, exitCode, ...(signal ? { signal } : {}), output };
    } finally {
      clearInterval(heartbeat);
      context.signal.removeEventListener('abort', kill);
    }
  }
}
