// Where workflow code finds the execution it belongs to while it is being decided. The decider
// runs `run()` (and signal handlers) inside `executionStorage.run(...)`; promise continuations keep
// that store, so proxies, `Workflow` methods and the Date/Math.random guard can find it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Execution } from './execution.ts';

/** The execution whose workflow code is running, if any. */
export const executionStorage = new AsyncLocalStorage<Execution>();

/** The execution whose workflow code is running, or undefined outside a decider. */
export function currentExecution(): Execution | undefined {
  return executionStorage.getStore();
}
