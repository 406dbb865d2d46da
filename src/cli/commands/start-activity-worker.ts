// flowy start-activity-worker: runs the scanned activities (also the start-activity-worker binary).
import { ActivityWorker } from '../../worker/index.ts';
import { defineCommand } from '../command.ts';
import { runWorkers } from '../worker-runner.ts';
import { withWorkerOptions } from '../worker-options.ts';
import type { WorkerArgs } from '../worker-options.ts';

interface ActivityWorkerArgs extends WorkerArgs {
  concurrency: number;
  shutdownGrace: number;
}

/** `flowy start-activity-worker`: runs activities until SIGINT/SIGTERM, then finishes or hands back what runs. */
export const startActivityWorkerCommand = defineCommand<ActivityWorkerArgs>({
  command: 'start-activity-worker',
  describe: 'Run an activity worker for the scanned activities',
  builder: (yargs) =>
    withWorkerOptions(yargs)
      .option('concurrency', { type: 'number', default: 4, describe: 'Activities run at the same time per task list' })
      .option('shutdown-grace', { type: 'number', default: 30, describe: 'Seconds running activities get to finish on shutdown' })
      .example('$0 start-activity-worker --concurrency 8', 'run activities from activities/')
      .example('$0 start-activity-worker --task-list agent-a --no-register', 'serve one agent\'s task list'),
  run: (args, context) =>
    runWorkers('activity', args, context, (common) =>
      new ActivityWorker({ ...common, concurrency: args.concurrency, shutdownGraceMs: args.shutdownGrace * 1000 }),
    ),
});
