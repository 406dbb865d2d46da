// Whole-number flags checked at parse time: `--limit abc` is a usage error naming the flag.
import { UsageError } from './usage-error.ts';

/** A yargs `coerce` that accepts whole numbers from `min` (default 1) up, else throws a UsageError naming `--flag`. */
export function wholeNumber(flag: string, min = 1): (value: unknown) => number | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number) || number < min) {
      const given = Number.isNaN(number) ? 'something that is not a number' : `"${String(value)}"`;
      throw new UsageError(`--${flag} must be a whole number of at least ${min}, got ${given}; see flowy --help`);
    }
    return number;
  };
}

/** A yargs `coerce` for a TCP port: a whole number from 0 (any free port) to 65535, else a UsageError. */
export function portNumber(flag = 'port'): (value: unknown) => number | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number)) {
      const given = Number.isNaN(number) ? 'something that is not a number' : `"${String(value)}"`;
      throw new UsageError(
        `--${flag} must be a whole number from 0 (any free port) to 65535, got ${given}; see flowy --help`,
      );
    }
    if (number < 0 || number > 65_535) {
      throw new UsageError(`--${flag} ${number} is not a port; give a whole number from 0 (any free port) to 65535`);
    }
    return number;
  };
}
