// Graceful shutdown on SIGINT/SIGTERM: the first signal stops the workers, a second one exits now.
import type { Logger } from './logger.ts';

/** Anything with an asynchronous stop (the workers, servers). */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * On the first SIGINT or SIGTERM calls `onSignal` (which should stop the workers so that
 * start() resolves); on a second one exits at once with code 130. Returns a function that
 * removes the handlers.
 */
export function handleShutdownSignals(onSignal: (signal: NodeJS.Signals) => void, logger?: Logger): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      logger?.warn(`second ${signal}: exiting without waiting for running tasks`);
      process.exit(130);
    }
    received = true;
    logger?.info(`${signal} received: finishing in-flight work (send it again to exit at once)`);
    onSignal(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
