// The identity a worker reports to SWF with each poll (shown in ActivityTaskStarted/DecisionTaskStarted).
import { hostname } from 'node:os';

/** `host:pid`, cut to SWF's 256-character limit. */
export function defaultIdentity(): string {
  return `${hostname()}:${process.pid}`.slice(0, 256);
}
