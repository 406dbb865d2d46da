// Finds which SWF API actions (and which decisions, which IAM also checks) each deployment role's
// code can perform, by reading the source: `new XxxCommand(`, `paginateXxx(` and `callSwf(client, 'Xxx'`
// calls, followed through imports. Shared src/swf helpers are attributed per exported function, so a
// worker that imports only `pollForDecisionTask` from the src/swf door is not charged with registration.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';

/** The three deployment roles of infra/iam. */
export type Role = 'decider' | 'activity-worker' | 'operator';

/** SWF_SPEC appendix F, DecisionType: each is also an IAM action (`swf:<DecisionType>`). */
export const DECISION_TYPES = [
  'ScheduleActivityTask',
  'RequestCancelActivityTask',
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
  'RecordMarker',
  'StartTimer',
  'CancelTimer',
  'SignalExternalWorkflowExecution',
  'RequestCancelExternalWorkflowExecution',
  'StartChildWorkflowExecution',
  'ScheduleLambdaFunction',
] as const;

const COMMAND = /\bnew\s+([A-Z]\w*)Command\s*\(/g;
const PAGINATOR = /\bpaginate([A-Z]\w*)\s*\(/g;
/** The src/swf door's typed call: `callSwf(client, 'Operation', ...)`. */
const CALL = /\bcallSwf\s*\(\s*[\w.]+\s*,\s*'([A-Z]\w*)'/g;
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:\w+\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+\w+|\*|\w+)\s*from\s*'([^']+)'/g;
const DECLARATION = /^(?:export\s+)?(?:async\s+)?(?:function\*?\s+(\w+)|(?:const|let)\s+(\w+)\s*=|class\s+(\w+))/gm;

/** Where each role's code begins (paths relative to the repository root). */
export interface RoleEntries {
  /** files (globs) whose code runs under the role */
  files: string[];
  /** folders whose files may be followed through relative imports */
  follow: string[];
}

/** SWF actions used by one role and the files they were found in. */
export interface RoleUsage {
  actions: Set<string>;
  files: Set<string>;
  /** action -> where it was found ("file" or "src/swf function") */
  sources: Map<string, string[]>;
}

/** Reads the repository at `root` and attributes SWF actions to roles. */
export class SwfUsageScanner {
  private readonly swfFunctions: Map<string, Set<string>>;

  constructor(private readonly root: string) {
    this.swfFunctions = this.scanSwfFunctions();
  }

  /** Actions that a role's entry files (and what they import) call. */
  usage(entries: RoleEntries): RoleUsage {
    const result: RoleUsage = { actions: new Set(), files: new Set(), sources: new Map() };
    const add = (action: string, where: string) => {
      result.actions.add(action);
      result.sources.set(action, [...(result.sources.get(action) ?? []), where]);
    };
    const queue = fg.sync(entries.files, { cwd: this.root }).sort();
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (result.files.has(file)) continue;
      result.files.add(file);
      const text = this.read(file);
      for (const action of directActions(text)) add(action, file);
      for (const { names, target, typeOnly, isDynamic } of imports(text)) {
        if (typeOnly || !target.startsWith('.')) continue;
        const path = relative(this.root, resolve(this.root, dirname(file), target));
        if (path.startsWith('src/swf/')) {
          // `await import('../swf/index.ts')` names nothing up front: count the src/swf functions the file mentions
          const used = isDynamic
            ? [...this.swfFunctions.keys()].filter((name) => new RegExp(`\\b${name}\\b`).test(text))
            : names;
          for (const name of used) {
            for (const action of this.swfFunctions.get(name) ?? []) add(action, `${file} -> src/swf ${name}()`);
          }
        } else if (
          entries.follow.some((folder) => path.startsWith(folder + '/')) &&
          existsSync(join(this.root, path))
        ) {
          queue.push(path);
        }
      }
    }
    return result;
  }

  /** Decision types the decider code builds (object literals `decisionType: 'X',`). */
  decisionTypesBuilt(globs: string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const file of fg.sync(globs, { cwd: this.root }).sort()) {
      const text = this.read(file);
      // `decisionType: 'X',` or `decisionType: 'X' as const,` in a value; interface members end with `;`
      for (const match of text.matchAll(/decisionType\s*:\s*'(\w+)'(?:\s+as\s+const)?\s*[,}\n]/g)) {
        const type = match[1]!;
        if (!(DECISION_TYPES as readonly string[]).includes(type)) continue;
        found.set(type, [...(found.get(type) ?? []), file]);
      }
      // builders keyed by the attributes member: `{ decisionType, startTimerDecisionAttributes: ... }`
      for (const match of text.matchAll(/\b([a-z]\w*)DecisionAttributes\s*:\s*[{\w]/g)) {
        const type = match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1);
        if (!(DECISION_TYPES as readonly string[]).includes(type)) continue;
        const line = text.slice(text.lastIndexOf('\n', match.index) + 1, text.indexOf('\n', match.index));
        if (/^\s*(\w+\??\s*:\s*[A-Z]\w*(\s*\|\s*undefined)?\s*;|export\s+(interface|type))/.test(line)) continue; // a type member
        if (!found.get(type)?.includes(file)) found.set(type, [...(found.get(type) ?? []), file]);
      }
    }
    return found;
  }

  /** Files under `globs` that call SWF directly (for the coverage check). */
  filesCallingSwf(globs: string[]): string[] {
    return fg
      .sync(globs, { cwd: this.root })
      .sort()
      .filter((file) => directActions(this.read(file)).size > 0);
  }

  /** For every top-level function of src/swf: the actions it calls, directly or through siblings. */
  private scanSwfFunctions(): Map<string, Set<string>> {
    const bodies = new Map<string, string>();
    for (const file of fg.sync(['src/swf/**/*.ts'], { cwd: this.root })) {
      const text = this.read(file);
      const starts = [...text.matchAll(DECLARATION)].map((m) => ({ name: m[1] ?? m[2] ?? m[3]!, index: m.index }));
      starts.forEach((start, i) => {
        bodies.set(
          start.name,
          (bodies.get(start.name) ?? '') + text.slice(start.index, starts[i + 1]?.index ?? text.length),
        );
      });
    }
    const actions = new Map<string, Set<string>>();
    for (const [name, body] of bodies) actions.set(name, directActions(body));
    // callSwf can send any operation: each call site names its own (see CALL)
    for (const door of ['callSwf', 'COMMANDS']) actions.set(door, new Set());
    // calls between src/swf functions (registerAll -> registerDomain ...), to a fixpoint
    let changed = true;
    while (changed) {
      changed = false;
      for (const [name, body] of bodies) {
        const own = actions.get(name)!;
        for (const other of bodies.keys()) {
          if (other === name || !new RegExp(`\\b${other}\\b`).test(body)) continue;
          for (const action of actions.get(other)!) {
            if (!own.has(action)) {
              own.add(action);
              changed = true;
            }
          }
        }
      }
    }
    return actions;
  }

  private read(file: string): string {
    return stripComments(readFileSync(join(this.root, file), 'utf8'));
  }
}

/** `swf:<Operation>` for every Command constructed, paginator called and callSwf operation named in `text`. */
export function directActions(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(COMMAND)) found.add(`swf:${match[1]}`);
  for (const match of text.matchAll(PAGINATOR)) found.add(`swf:${match[1]}`);
  for (const match of text.matchAll(CALL)) found.add(`swf:${match[1]}`);
  return found;
}

/** `import('...')` expressions (commands load their layers when they run); `typeof import(...)` is a type. */
const DYNAMIC_IMPORT = /(typeof\s+)?\bimport\(\s*'([^']+)'\s*\)/g;

function imports(text: string): { names: string[]; target: string; typeOnly: boolean; isDynamic?: boolean }[] {
  const dynamic = [...text.matchAll(DYNAMIC_IMPORT)].map((m) => ({
    typeOnly: Boolean(m[1]),
    target: m[2]!,
    names: [],
    isDynamic: true,
  }));
  return [
    ...dynamic,
    ...[...text.matchAll(IMPORT)].map((m) => ({
      typeOnly: Boolean(m[2]),
      target: m[4]!,
      names: (m[3] ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0 && !part.startsWith('type '))
        .map((part) => part.split(/\s+as\s+/)[0]!.trim()),
    })),
  ];
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
