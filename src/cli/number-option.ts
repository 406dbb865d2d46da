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
