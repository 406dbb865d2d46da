// ESLint rule: no module may reach itself through relative imports, type-only imports included
// (a type cycle is still two files that cannot be understood apart). The graph is read once per
// lint run from the files' text, which is enough for this codebase's `import ... from './x.ts'` form.
import fs from 'node:fs';
import path from 'node:path';

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of one file, resolved to absolute paths of files that exist. */
function importsOf(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const found = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2] ?? match[3]);
    if (fs.existsSync(target)) found.push(target);
  }
  return found;
}

const cache = new Map();

/** The strongly connected component (Tarjan) of `start`'s reachable graph that holds `start`. */
function cycleOf(start) {
  if (cache.has(start)) return cache.get(start);
  const graph = new Map();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop();
    if (graph.has(file)) continue;
    const next = importsOf(file);
    graph.set(file, next);
    pending.push(...next);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file), index.get(next)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = new Set();
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.add(member);
      } while (member !== file);
      for (const each of component) if (!cache.has(each)) cache.set(each, component.size > 1 ? component : null);
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cache.get(start) ?? null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'forbid import cycles between modules, type-only imports included' },
    schema: [],
    messages: {
      cycle: 'Import cycle: {{file}} imports {{target}}, which imports this file back (through {{size}} files).',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const component = cycleOf(file);
    if (!component) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      if (!component.has(target)) return;
      context.report({
        node,
        messageId: 'cycle',
        data: {
          file: path.basename(file),
          target: path.relative(path.dirname(file), target),
          size: String(component.size),
        },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
