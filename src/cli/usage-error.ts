// The error for bad flags, arguments or JSON: reported in one line with exit code 2.

/** A usage or input error: the command line (or a file it names) is wrong, not the system. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
