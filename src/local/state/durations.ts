// SWF duration strings (SWF_SPEC 1.3): whole seconds as a decimal string, or NONE.

/** Milliseconds of a duration string, or undefined for NONE / absent. */
export function durationMs(value: string | undefined): number | undefined {
  if (value === undefined || value === 'NONE') return undefined;
  return Number(value) * 1000;
}

/** SWF_SPEC 6.1: executionStartToCloseTimeout is never NONE and at most one year. */
export const MAX_EXECUTION_SECONDS = 31_536_000;
