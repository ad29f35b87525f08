#!/usr/bin/env node
// Import circles in worker/, app/ and admin/, drawn from every import: value, type-only
// (`import type`, `import { type X }`), re-exports and dynamic `import()`. ESLint's
// import-x/no-cycle does not follow type-only imports; this does. Exits 1 on any circle.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOTS = ['worker', 'app', 'admin'];
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'public' ? [] : files(path);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(roots = ROOTS) {
  const graph = new Map();
  for (const file of roots.filter((r) => existsSync(r)).flatMap(files).map((f) => resolve(f))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, [...new Set(info.importedFiles.map((i) => resolveImport(file, i.fileName)).filter(Boolean))]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function circles(graph) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const found = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = importGraph();
  const found = circles(graph);
  const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
  if (found.length === 0) {
    console.log(`no import circles: ${graph.size} files, ${edges} imports (type imports included)`);
  } else {
    for (const c of found) console.error(`✖ circle of ${c.length} files:\n  ${c.map((f) => relative(process.cwd(), f)).sort().join('\n  ')}`);
    process.exit(1);
  }
}
