// The CLI's own errors: bad flags, arguments or JSON (exit code 2), and a command interrupted by a
// signal (exit code 130 for SIGINT, 1 otherwise).

/** A usage or input error: the command line (or a file it names) is wrong, not the system. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command stopped by SIGINT/SIGTERM before it finished; the message says what was lost. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';

  constructor(
    message: string,
    /** The signal that stopped the command: SIGINT exits 130 like any interrupted program, SIGTERM 1. */
    readonly signal?: string,
  ) {
    super(message);
  }
}
