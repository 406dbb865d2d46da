// Every CLI command, in the order `flowy --help` lists them.
import type { FlowyCommand } from '../command.ts';
import { cancelCommand } from './cancel.ts';
import { completeCommand } from './complete.ts';
import { describeCommand } from './describe.ts';
import { devCommand } from './dev.ts';
import { historyCommand } from './history.ts';
import { listCommand } from './list.ts';
import { logsCommand } from './logs.ts';
import { queryCommand } from './query.ts';
import { registerCommand } from './register.ts';
import { replayCommand } from './replay.ts';
import { scheduleCommand } from './schedule.ts';
import { resultCommand } from './result.ts';
import { runCommand } from './run.ts';
import { signalCommand } from './signal.ts';
import { startActivityWorkerCommand } from './start-activity-worker.ts';
import { startCommand } from './start.ts';
import { startWorkflowWorkerCommand } from './start-workflow-worker.ts';
import { statusCommand } from './status.ts';
import { terminateCommand } from './terminate.ts';
import { uiCommand } from './ui.ts';

/** The commands of `flowy`. */
export const COMMANDS: FlowyCommand<never>[] = [
  runCommand,
  devCommand,
  registerCommand,
  startWorkflowWorkerCommand,
  startActivityWorkerCommand,
  startCommand,
  resultCommand,
  signalCommand,
  cancelCommand,
  terminateCommand,
  describeCommand,
  listCommand,
  historyCommand,
  logsCommand,
  statusCommand,
  queryCommand,
  scheduleCommand,
  replayCommand,
  completeCommand,
  uiCommand,
] as FlowyCommand<never>[];
