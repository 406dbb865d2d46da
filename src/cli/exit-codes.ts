// The exit codes of every flowy command.

/** Success. */
export const EXIT_OK = 0;
/** The workflow failed, or the command could not do its work. */
export const EXIT_FAILED = 1;
/** Bad flags, arguments or input. */
export const EXIT_USAGE = 2;
