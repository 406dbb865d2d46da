// The exit codes of every flowy command.

/** Success. */
export const EXIT_OK = 0;
/** The workflow failed, or the command could not do its work. */
export const EXIT_FAILED = 1;
/** Bad flags, arguments or input. */
export const EXIT_USAGE = 2;
/**
 * Stopped by Ctrl-C (SIGINT), after a graceful stop: 128 + 2, as shells and npm/npx report it,
 * so `flowy` and `npx flowy` agree. SIGTERM (how service managers stop workers) exits 0.
 */
export const EXIT_INTERRUPTED = 130;
