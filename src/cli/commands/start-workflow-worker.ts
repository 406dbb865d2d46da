// flowy start-workflow-worker: the decision worker (also the start-workflow-worker binary).
import { DecisionWorker } from '../../worker/index.ts';
import { defineCommand } from '../command.ts';
import { runWorkers } from '../worker-runner.ts';
import { withWorkerOptions } from '../worker-options.ts';
import type { WorkerArgs } from '../worker-options.ts';

interface DecisionWorkerArgs extends WorkerArgs {
  pollers: number;
}

/** `flowy start-workflow-worker`: decides the scanned workflows until SIGINT/SIGTERM. */
export const startWorkflowWorkerCommand = defineCommand<DecisionWorkerArgs>({
  command: 'start-workflow-worker',
  describe: 'Run a decision worker for the scanned workflows',
  builder: (yargs) =>
    withWorkerOptions(yargs)
      .option('pollers', { type: 'number', default: 1, describe: 'Concurrent long polls per task list' })
      .example('$0 start-workflow-worker', 'decide every workflow in workflows/')
      .example('$0 start-workflow-worker --no-register --task-list orders --log-format json', 'one of many workers'),
  run: (args, context) => runWorkers('decision', args, context, (common) => new DecisionWorker({ ...common, pollers: args.pollers })),
});
