import type { Rule } from 'eslint';

/** ESLint rule `no-import-cycle`: no module reaches itself through relative imports, type-only ones included. */
declare const noImportCycle: Rule.RuleModule;
export default noImportCycle;
