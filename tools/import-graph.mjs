// The runtime import graph of src/ and gpu/ (TypeScript sources): static imports and re-exports
// only (`import type`, `export type` and imports whose every name is a type are skipped; dynamic
// import() is lazy and cannot make a load-order cycle). Used by test/import-graph.test.mjs.
//
//   node tools/import-graph.mjs            prints the cycles (strongly connected components)
import ts from 'typescript';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir) {
  const out = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Whether an import or export declaration loads its module at run time. */
function isRuntime(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return true; // import './side-effect.js'
    if (clause.isTypeOnly) return false;
    if (clause.name) return true;
    const bindings = clause.namedBindings;
    if (!bindings || ts.isNamespaceImport(bindings)) return true;
    return bindings.elements.length === 0 || bindings.elements.some((e) => !e.isTypeOnly);
  }
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly || !node.moduleSpecifier) return false;
    const clause = node.exportClause;
    if (!clause || ts.isNamespaceExport(clause)) return true;
    return clause.elements.some((e) => !e.isTypeOnly);
  }
  return false;
}

/** file (relative to the root) -> the files it imports at run time. */
export function importGraph(dirs = ['src', 'gpu']) {
  const graph = new Map();
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(join(root, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    const deps = new Set();
    for (const node of sf.statements) {
      if (!isRuntime(node)) continue;
      const spec = node.moduleSpecifier.text;
      if (!spec.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file), spec.replace(/\.js$/, '.ts')));
      if (existsSync(join(root, target))) deps.add(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan): each holds cycles. */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (v) => {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) {
        info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
      }
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!info.has(v)) visit(v);
  return found.sort((a, b) => b.length - a.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = importGraph();
  const found = cycles(graph);
  console.log(`${graph.size} files, ${found.length} groups of files in import cycles (${found.reduce((a, c) => a + c.length, 0)} files)`);
  for (const c of found) console.log(`- ${c.length} files: ${c.join(', ')}`);
}
