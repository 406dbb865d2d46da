// flowy start-activity-worker: runs the scanned activities (also the start-activity-worker binary).
import { defineCommand } from '../command.ts';
import { withWorkerOptions } from '../worker-options.ts';
import type { WorkerArgs } from '../worker-options.ts';
import { wholeNumber } from '../number-option.ts';

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
      .option('concurrency', {
        type: 'number',
        coerce: wholeNumber('concurrency'),
        default: 4,
        describe: 'Activities run at the same time per task list',
      })
      .option('shutdown-grace', {
        type: 'number',
        coerce: wholeNumber('shutdown-grace', 0),
        default: 30,
        describe: 'Seconds running activities get to finish on shutdown',
      })
      .example('$0 start-activity-worker --concurrency 8', 'run activities from activities/')
      .example(
        '$0 start-activity-worker --watch',
        'development: restart with the new code whenever a scanned file changes',
      )
      .example('$0 start-activity-worker --task-list agent-a --no-register', "serve one agent's task list"),
  async run(args, context) {
    if (args.watch) {
      const { runWatching } = await import('../watch.ts');
      return runWatching(context, args.folders);
    }
    const [{ ActivityWorker }, { runWorkers }] = await Promise.all([
      import('../../worker/index.ts'),
      import('../worker-runner.ts'),
    ]);
    return runWorkers(
      'activity',
      args,
      context,
      (common) =>
        new ActivityWorker({
          ...common,
          concurrency: args.concurrency,
          shutdownGraceMs: args.shutdownGrace * 1000,
          payloads: context.payloads,
        }),
    );
  },
});
