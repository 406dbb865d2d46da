// flowy start-workflow-worker: the decision worker (also the start-workflow-worker binary).
import { defineCommand } from '../command.ts';
import { withWorkerOptions } from '../worker-options.ts';
import type { WorkerArgs } from '../worker-options.ts';
import { wholeNumber } from '../number-option.ts';

interface DecisionWorkerArgs extends WorkerArgs {
  pollers: number;
}

/** `flowy start-workflow-worker`: decides the scanned workflows until SIGINT/SIGTERM. */
export const startWorkflowWorkerCommand = defineCommand<DecisionWorkerArgs>({
  command: 'start-workflow-worker',
  describe: 'Run a decision worker for the scanned workflows',
  builder: (yargs) =>
    withWorkerOptions(yargs)
      .option('pollers', {
        type: 'number',
        coerce: wholeNumber('pollers'),
        default: 1,
        describe: 'Concurrent long polls per task list',
      })
      .example('$0 start-workflow-worker', 'decide every workflow in workflows/')
      .example(
        '$0 start-workflow-worker --watch',
        'development: restart with the new code whenever workflows/ or activities/ change',
      )
      .example('$0 start-workflow-worker --no-register --task-list orders --log-format json', 'one of many workers'),
  async run(args, context) {
    if (args.watch) {
      const { runWatching } = await import('../watch.ts');
      return runWatching(context, args.folders);
    }
    const [{ DecisionWorker }, { runWorkers }] = await Promise.all([
      import('../../worker/index.ts'),
      import('../worker-runner.ts'),
    ]);
    return runWorkers(
      'decision',
      args,
      context,
      (common) => new DecisionWorker({ ...common, pollers: args.pollers, payloads: context.payloads }),
    );
  },
});
