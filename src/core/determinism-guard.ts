// Keeps `Date.now()`, `new Date()` and `Math.random()` deterministic inside workflow code. While a
// workflow is being decided they return the decision task's time (`this.now()`) and the
// execution's seeded random stream (`this.random()`); everywhere else they are the originals.
// The globals are patched once, when the decider first runs workflow code (replay.ts), not on import.
import { currentExecution as currentScope } from './execution.ts';

const GUARD_INSTALLED = Symbol.for('flowy.determinismGuard');

/** Installs the guard on the global `Date` and `Math.random` (idempotent). */
export function installDeterminismGuard(): void {
  const global = globalThis as typeof globalThis & { [GUARD_INSTALLED]?: boolean };
  if (global[GUARD_INSTALLED]) return;
  global[GUARD_INSTALLED] = true;

  const OriginalDate = Date;
  const originalNow = Date.now.bind(Date);
  const originalRandom = Math.random.bind(Math);
  const guardedNow = (): number => currentScope()?.nowMillis() ?? originalNow();

  // A plain function rather than a Proxy: every `new Date(...)` and `instanceof Date` in the
  // process (the SDK's and the server's too) goes through it, and Proxy traps cost on each.
  function GuardedDate(this: unknown, ...args: unknown[]): Date | string {
    if (new.target === undefined) {
      const scope = currentScope();
      return scope ? new OriginalDate(scope.nowMillis()).toString() : OriginalDate();
    }
    if (args.length === 0) {
      const scope = currentScope();
      if (scope) return Reflect.construct(OriginalDate, [scope.nowMillis()], new.target) as Date;
    }
    return Reflect.construct(OriginalDate, args, new.target) as Date;
  }
  // statics (UTC, parse) come from the original; instances are the original's (instanceof holds)
  Object.setPrototypeOf(GuardedDate, OriginalDate);
  Object.defineProperties(GuardedDate, {
    prototype: { value: OriginalDate.prototype, writable: false, enumerable: false, configurable: false },
    name: { value: 'Date' },
    length: { value: OriginalDate.length },
    now: { value: guardedNow, writable: true, enumerable: false, configurable: true },
  });
  global.Date = GuardedDate as unknown as DateConstructor;
  Math.random = (): number => currentScope()?.random() ?? originalRandom();
}
