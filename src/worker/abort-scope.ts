// A per-request AbortSignal that follows a long-lived one, so that the many requests of a
// worker do not pile their listeners onto the worker's own signal.
import { setMaxListeners } from 'node:events';

/** Runs `fn` with a fresh signal that aborts when `parent` does; detaches afterwards. */
export async function withChildSignal<T>(parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const child = new AbortController();
  const forward = () => child.abort(parent.reason);
  if (parent.aborted) forward();
  else {
    // one listener per request in flight (a worker's pollers and concurrency), each removed after
    setMaxListeners(0, parent);
    parent.addEventListener('abort', forward, { once: true });
  }
  try {
    return await fn(child.signal);
  } finally {
    parent.removeEventListener('abort', forward);
  }
}
