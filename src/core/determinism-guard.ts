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

  global.Date = new Proxy(OriginalDate, {
    construct(target, args, newTarget) {
      const scope = currentScope();
      return Reflect.construct(target, args.length === 0 && scope ? [scope.nowMillis()] : args, newTarget);
    },
    apply(target, thisArg, args) {
      const scope = currentScope();
      return scope ? new OriginalDate(scope.nowMillis()).toString() : Reflect.apply(target, thisArg, args);
    },
    get(target, property, receiver) {
      if (property === 'now') return guardedNow;
      return Reflect.get(target, property, receiver);
    },
  });
  Math.random = (): number => currentScope()?.random() ?? originalRandom();
}
