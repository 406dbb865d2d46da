// Whether a worker's polls are failing, shared by its poll slots so that a worker with many
// slots says once that it cannot reach SWF (and again now and then), not once per slot.
import type { Logger } from '../common/index.ts';

/** How often a worker that keeps failing repeats its warning. */
const REPEAT_WARNING_MS = 30_000;

/** Tracks poll failures of one worker and logs the transitions. */
export class PollHealth {
  private failures = 0;
  private lastWarning = 0;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A poll failed; warns on the first failure and then at most every 30 s. */
  failed(description: string, delayMs: number, fields: Record<string, unknown>): void {
    this.failures += 1;
    const at = this.now();
    const message = `${this.what} poll failed: ${description}; retrying in ${(delayMs / 1000).toFixed(1)}s`;
    if (this.failures === 1 || at - this.lastWarning >= REPEAT_WARNING_MS) {
      this.lastWarning = at;
      this.logger.warn(fields, this.failures === 1 ? message : `${message} (${this.failures} failed polls so far)`);
    } else {
      this.logger.debug(fields, message);
    }
  }

  /** A poll succeeded; after failures, says that polling works again. */
  succeeded(fields: Record<string, unknown>): void {
    if (this.failures === 0) return;
    this.logger.info(
      fields,
      `${this.what} polling works again after ${this.failures} failed poll${this.failures === 1 ? '' : 's'}`,
    );
    this.failures = 0;
  }
}
