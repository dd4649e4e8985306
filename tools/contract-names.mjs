// The API names of the public API contract (shared/docs/api-contract.md), for the migration
// guides' coverage test (test/migration-guides.test.mjs). CI runs from a clean clone where
// ../shared may be absent, so the list is committed as docs/migration/contract-names.json and
// this script regenerates it where the contract is at hand:
//
//   node tools/contract-names.mjs            prints the JSON
//   node tools/contract-names.mjs --write    writes docs/migration/contract-names.json
//   node tools/contract-names.mjs --contract path/to/api-contract.md [--write]
//
// What counts as an API name. Only code is read: fenced code blocks and inline code spans.
// Prose, and the comments inside code (prose too: "sum_j softmax_j(D_ij) B_j" is no call), are
// skipped, as is the section "## The site", which describes the website's page conventions
// (?autorun=1, document.body.dataset.state), not calls of the library. Code is parsed by the
// TypeScript parser (spans that open with `{` as an expression), and from its syntax tree:
//   imports     the names in `import { a, b as c } from '...'` (a, b; not `type` ones) and the
//               module specifier when it is a subpath of the package ('lazykernel/distributed');
//   calls       callees of top-level calls and `new` (tensor(...), new Adam(...)), except names
//               the contract declares itself (const / let / parameters: `const loss = ...;
//               loss(X, Y)` is a local), globals of the runtime (String, Float32Array) and
//               single letters (local functions such as L(A, B));
//   methods     names called on an object (K.sqdist(y), opt.zeroGrad(), cluster.close());
//   properties  names read from an object without a call (X.shape, r.values.re, ot.plan);
//   keys        keys of object literals, shorthand included ({ k: 7, which: 'SM' },
//               { backend, ranges, signal }), and the fields named by destructuring
//               (const { values, vectors } = ...): option and result names, single letters
//               included (k, p, M are options; x, U, s are result fields);
//   strings     string literals that are one identifier: loss names ('sinkhorn'), enum values
//               ('SM', 'webgpu', 'float64'), reduction names ('Sum');
//   lists       inline spans that list three or more identifiers separated by spaces, each
//               optionally followed by its arguments ("add sub mul ... sum(axis?) detach()"):
//               the contract's lists of methods;
//   spans       inline spans holding one identifier (`sinkhorn`, `values`, `exports`).
// Everywhere, JavaScript / TypeScript keywords are dropped. The output lists each kind, sorted,
// and `names`, their union.
import ts from 'typescript';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CONTRACT = join(root, '..', 'shared', 'docs', 'api-contract.md');
export const NAMES_FILE = join(root, 'docs', 'migration', 'contract-names.json');

const KEYWORDS = new Set(`
  abstract any as asserts async await bigint boolean break case catch class const constructor continue
  debugger declare default delete do else enum export extends false finally for from function get if
  implements import in infer instanceof interface is keyof let module namespace never new null number
  object of package private protected public readonly require return set static string super switch
  symbol this throw true try type typeof undefined unique unknown var void while with yield
`.trim().split(/\s+/));

const IDENT = /^[A-Za-z_$][\w$]*$/;
const LIST_ITEM = String.raw`[A-Za-z_$][\w$]*(?:\([^()]*\))?`;
const LIST = new RegExp(String.raw`^\s*(?:${LIST_ITEM}\s+){2,}${LIST_ITEM}\s*$`);

/** The markdown without the sections that describe no library call. */
function apiSections(markdown) {
  const out = [];
  let skip = false;
  for (const line of markdown.split('\n')) {
    if (/^## /.test(line)) skip = /^## The site\b/.test(line);
    if (!skip) out.push(line);
  }
  return out.join('\n');
}

/** Fenced code blocks and inline code spans (which may run over several lines of a paragraph). */
export function codePieces(markdown) {
  const blocks = [];
  const prose = markdown.replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, (_, body) => {
    blocks.push(body);
    return '\n';
  });
  const spans = [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s*\n\s*/g, ' '));
  return { blocks, spans };
}

function parse(code) {
  return ts.createSourceFile('piece.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The names one parsed piece of code declares locally. */
function declaredNames(sourceFile, into) {
  const addBinding = (name) => {
    if (ts.isIdentifier(name)) into.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node)) addBinding(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) into.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}

/** Adds the names of one parsed piece to `kinds`. */
function collect(sourceFile, kinds, locals) {
  const add = (kind, name) => {
    if (typeof name === 'string' && IDENT.test(name) && !KEYWORDS.has(name)) kinds[kind].add(name);
  };
  const propName = (name) => (name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined);
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      if (ts.isStringLiteral(spec) && spec.text.startsWith('lazykernel/')) kinds.imports.add(spec.text);
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings) && !node.importClause.isTypeOnly) {
        for (const el of bindings.elements) if (!el.isTypeOnly) add('imports', (el.propertyName ?? el.name).text);
      }
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) {
        const name = callee.text;
        if (!locals.has(name) && name.length > 1 && !(name in globalThis)) add('calls', name);
      } else if (ts.isPropertyAccessExpression(callee)) {
        add('methods', callee.name.text);
      }
    } else if (ts.isPropertyAccessExpression(node)) {
      const parent = node.parent;
      const called = parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === node;
      if (!called) add('properties', node.name.text);
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) {
      if (node.parent && ts.isObjectLiteralExpression(node.parent)) add('keys', propName(node.name));
    } else if (ts.isBindingElement(node) && node.parent && ts.isObjectBindingPattern(node.parent)) {
      add('keys', propName(node.propertyName) ?? propName(node.name));
    } else if (ts.isStringLiteral(node) && !ts.isImportDeclaration(node.parent)) {
      add('strings', node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}

/** The contract's API names by kind, and their union, from the contract's markdown. */
export function contractNames(markdown) {
  const { blocks, spans } = codePieces(apiSections(markdown));
  const kinds = { imports: new Set(), calls: new Set(), methods: new Set(), properties: new Set(), keys: new Set(), strings: new Set(), lists: new Set(), spans: new Set() };
  const parsed = [];
  for (const block of blocks) parsed.push(parse(block));
  for (const span of spans) {
    const text = span.trim();
    if (IDENT.test(text)) {
      if (!KEYWORDS.has(text)) kinds.spans.add(text);
      continue;
    }
    if (LIST.test(text)) {
      for (const m of text.matchAll(new RegExp(LIST_ITEM, 'g'))) {
        const name = m[0].replace(/\(.*$/, '');
        if (!KEYWORDS.has(name)) kinds.lists.add(name);
      }
      continue;
    }
    parsed.push(parse(text.startsWith('{') ? `(${text})` : text));
  }
  const locals = new Set();
  for (const sf of parsed) declaredNames(sf, locals);
  for (const sf of parsed) collect(sf, kinds, locals);
  const sorted = (set) => [...set].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const byKind = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, sorted(v)]));
  const names = sorted(new Set(Object.values(kinds).flatMap((s) => [...s])));
  return { kinds: byKind, names };
}

/**
 * For the guides' check (test/migration-guides.test.mjs): in one piece of TypeScript, the names
 * imported from 'lazykernel' (`imports`), the identifiers called at top level or with `new`
 * (`calls`: tensor(...), new Adam(...), also locals such as loss(x, y)) and the names the piece
 * declares (`declared`: const / let / parameters / destructured bindings). A piece that opens
 * with `{` is read as an expression, as in contractNames.
 */
export function codeCalls(code) {
  const text = code.trim();
  const sf = parse(text.startsWith('{') ? `(${text})` : text);
  const imports = new Set();
  const calls = new Set();
  const declared = new Set();
  declaredNames(sf, declared);
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const bindings = node.importClause?.namedBindings;
      if (ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === 'lazykernel' && bindings && ts.isNamedImports(bindings) && !node.importClause.isTypeOnly) {
        for (const el of bindings.elements) if (!el.isTypeOnly) imports.add((el.propertyName ?? el.name).text);
      }
      return;
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) calls.add(node.expression.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports: [...imports], calls: [...calls], declared: [...declared] };
}

/** The JSON committed as docs/migration/contract-names.json (ends with a newline). */
export function contractNamesJson(markdown) {
  const { kinds, names } = contractNames(markdown);
  const doc = {
    comment: 'Generated by tools/contract-names.mjs from shared/docs/api-contract.md; do not edit. test/migration-guides.test.mjs checks that the guides in this folder name each of these.',
    count: names.length,
    names,
    kinds,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--contract');
  const contract = at >= 0 ? args[at + 1] : DEFAULT_CONTRACT;
  if (!contract || !existsSync(contract)) {
    console.error(`contract-names: no contract at ${contract}; pass --contract <path to api-contract.md>`);
    process.exit(1);
  }
  const json = contractNamesJson(readFileSync(contract, 'utf8'));
  if (args.includes('--write')) {
    writeFileSync(NAMES_FILE, json);
    console.log(`wrote ${relative(root, NAMES_FILE)}: ${JSON.parse(json).count} names`);
  } else {
    process.stdout.write(json);
  }
}
