// The @example blocks of the public API's TSDoc (issue 17: every exported function, class and
// public method or getter shows a runnable example in the API reference).
//
//   node tools/doc-examples.mjs              lists every documented symbol, with its examples
//   node tools/doc-examples.mjs --missing    lists only the symbols without an @example
//   node tools/doc-examples.mjs --json       the whole result as JSON
//   node tools/doc-examples.mjs --run [NAME]  runs the examples (of NAME: `tensor`, `LazyTensor`,
//                                             `LazyTensor.sum`, or a source path such as `src/linalg`)
//
// test/doc-examples.test.mjs uses `collectExamples()` to check coverage and runs every example.
//
// What counts. The package's entry points (src/index.ts, and every other "exports" entry of
// package.json whose types point into build/src) are read with the TypeScript compiler API,
// following re-exports to the declarations. Each exported value that is a function (a
// `function` declaration, or a `const` initialised with a function) or a class needs an
// example; so does every public method, getter (a getter/setter pair counts once) and static
// method of an exported class, inherited ones included (named after the exported class, e.g.
// `SGD.step`, but written once where they are declared). Skipped: private and protected members,
// names starting with `_`, members and symbols tagged @internal or @hidden (typedoc hides them),
// constructors (the class's own example shows `new`), plain fields and constants, types and
// interfaces, and declarations outside this repository (Error's members, lib.dom).
// An overloaded function or method is covered when any of its declarations has an @example;
// the first one is where typedoc shows it.
//
// Why the compiler API rather than `typedoc --json`: it takes a second instead of ten, and
// it reads the comment text as written (typedoc normalises code blocks).
//
// What an example is. The text after an `@example` tag up to the next block tag, with the
// comment's ` * ` prefixes removed; each ```ts (or ```js, ```typescript) fenced block in it is
// one runnable example. Inside a block, a line
//     // doc-example: skip <reason>
// marks it as not runnable in Node (it needs a WebGPU adapter, a browser, Redis...); the test
// counts these and fails when the reason is empty.
//
// How an example runs (`exampleModule`, tools/doc-examples-run.mjs). The block is TypeScript:
// it is transpiled (types stripped) to an ES module, its imports of 'lazykernel' (and of the
// package's other entries, 'lazykernel/<sub>') are pointed at the built files under build/src,
// and all modules are imported one after the other by one Node process, which reports each
// throw or rejected promise with the symbol's name. A line
//     console.log(EXPR); // => EXPECTED
// is also checked: EXPECTED is a literal (numbers, NaN, Infinity, strings, true, false, null,
// arrays of these) and EXPR's value (a Tensor is read with tolist(), a typed array as an array)
// must equal it, each number to the digits written (0.368 accepts 0.36788; 3 accepts 3.0000001).
// `typecheckExamples` also compiles every example as strict TypeScript against the built
// declarations, so that an example a user pastes into a .ts file compiles.
import ts from 'typescript';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SKIP_MARKER = /^\s*\/\/\s*doc-example:\s*skip\b(.*)$/m;

/** src/*.ts entry files of the package's "exports" (types under build/src), index first. */
export function entryFiles(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = new Map();
  const add = (subpath, typesPath) => {
    const m = /^\.\/build\/(src\/.+)\.d\.ts$/.exec(typesPath ?? '');
    if (!m) return;
    const file = join(root, `${m[1]}.ts`);
    const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
    if (![...entries.values()].some((e) => e.file === file)) entries.set(name, { name, file });
  };
  add('.', pkg.types);
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (target && typeof target === 'object') add(subpath, target.types);
  }
  return [...entries.values()];
}

/** The comment text of a JSDoc node, ` * ` prefixes and delimiters removed. */
function commentBody(jsDoc) {
  const raw = jsDoc.getText();
  return raw
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
}

/** The fenced code blocks that follow each @example tag of a comment body. */
export function examplesOfComment(body) {
  const out = [];
  let inExample = false;
  let fence = null; // { lang, lines } while inside a fenced block
  for (const line of body.split('\n')) {
    if (fence) {
      if (/^\s*```\s*$/.test(line)) {
        if (inExample && /^(ts|typescript|js|javascript|mjs)$/i.test(fence.lang)) out.push(fence.lines.join('\n'));
        fence = null;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^\s*```\s*([\w-]*)/.exec(line);
    if (open) {
      fence = { lang: open[1], lines: [] };
      continue;
    }
    const tag = /^\s*@(\w+)/.exec(line);
    if (tag) inExample = tag[1] === 'example';
  }
  return out;
}

/** The last JSDoc comment attached to a declaration (the one typedoc reads). */
function jsDocOf(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter((d) => d.kind === ts.SyntaxKind.JSDoc);
  return docs.length > 0 ? docs[docs.length - 1] : undefined;
}

function hasTag(node, names) {
  return ts.getJSDocTags(node).some((t) => names.includes(t.tagName.text));
}

function isFunctionLike(decl) {
  if (ts.isFunctionDeclaration(decl)) return true;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    let init = decl.initializer;
    while (ts.isAsExpression(init) || ts.isSatisfiesExpression?.(init) || ts.isParenthesizedExpression(init)) init = init.expression;
    return ts.isArrowFunction(init) || ts.isFunctionExpression(init);
  }
  return false;
}

const PUBLIC_MEMBER_KINDS = new Set([
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

function isPublicMember(decl) {
  if (!PUBLIC_MEMBER_KINDS.has(decl.kind)) return false;
  const flags = ts.getCombinedModifierFlags(decl);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  if (decl.name && ts.isPrivateIdentifier(decl.name)) return false;
  const name = decl.name?.getText();
  if (!name || name.startsWith('_') || name.startsWith('[')) return false;
  return !hasTag(decl, ['internal', 'hidden', 'ignore']);
}

/**
 * Every symbol that needs an example: { name, kind, file, line, entry, examples: string[] }.
 * `name` is `fn`, `Class` or `Class.member` (`Class.member` static members too).
 */
export function collectExamples({ root = ROOT } = {}) {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  const entries = entryFiles(root);
  const program = ts.createProgram({ rootNames: entries.map((e) => e.file), options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const inRepo = (decl) => {
    const file = resolve(decl.getSourceFile().fileName);
    return file.startsWith(resolve(root) + sep) && !file.includes(`${sep}node_modules${sep}`);
  };
  const seen = new Map(); // declaration node -> record (inherited members written once)
  const records = [];
  const record = (name, kind, decls, entry) => {
    const key = decls[0];
    if (seen.has(key)) return;
    const examples = [];
    for (const d of decls) {
      const doc = jsDocOf(d);
      if (doc) examples.push(...examplesOfComment(commentBody(doc)));
    }
    const sf = key.getSourceFile();
    const rec = {
      name, kind, entry,
      file: relative(root, sf.fileName).split(sep).join('/'),
      line: sf.getLineAndCharacterOfPosition(key.getStart()).line + 1,
      examples,
    };
    seen.set(key, rec);
    records.push(rec);
  };

  for (const entry of entries) {
    const sf = program.getSourceFile(entry.file);
    if (!sf) throw new Error(`doc-examples: entry ${entry.file} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = (symbol.declarations ?? []).filter(inRepo);
      if (decls.length === 0) continue;
      if (decls.some((d) => hasTag(d, ['internal', 'hidden', 'ignore']))) continue;
      const name = exported.name;
      const classDecl = decls.find(ts.isClassDeclaration);
      if (classDecl) {
        record(name, 'class', [classDecl], entry.name);
        const instanceType = checker.getDeclaredTypeOfSymbol(symbol);
        const staticType = checker.getTypeOfSymbolAtLocation(symbol, classDecl);
        for (const [type, isStatic] of [[instanceType, false], [staticType, true]]) {
          for (const prop of checker.getPropertiesOfType(type)) {
            const memberDecls = (prop.declarations ?? []).filter((d) => inRepo(d) && isPublicMember(d));
            if (memberDecls.length === 0) continue;
            const staticDecl = (ts.getCombinedModifierFlags(memberDecls[0]) & ts.ModifierFlags.Static) !== 0;
            if (staticDecl !== isStatic) continue;
            const kind = memberDecls.some((d) => d.kind === ts.SyntaxKind.MethodDeclaration) ? 'method' : 'getter';
            record(`${name}.${prop.name}`, isStatic ? `static ${kind}` : kind, memberDecls, entry.name);
          }
        }
      } else if (decls.some(isFunctionLike)) {
        record(name, 'function', decls, entry.name);
      }
    }
  }
  return records;
}

/** The built file of each package entry name ('lazykernel', 'lazykernel/<sub>'), as file URLs. */
export function entryUrls(root = ROOT) {
  return new Map(entryFiles(root).map((e) => [e.name, pathToFileURL(join(root, 'build', relative(root, e.file).replace(/\.ts$/, '.js'))).href]));
}

const CHECKED_LOG = /^(\s*)console\.log\((.*)\);?\s*\/\/\s*=>\s*(.+?)\s*$/;

/**
 * An example's code as a runnable ES module: `// => ` lines turned into checks, types stripped,
 * the package's entries imported from the build.
 */
export function exampleModule(code, urls = entryUrls()) {
  const checked = code
    .split('\n')
    .map((line, k) => {
      const m = CHECKED_LOG.exec(line);
      return m ? `${m[1]}globalThis.__docCheck(${m[2]}, ${JSON.stringify(m[3])}, ${k + 1});` : line;
    })
    .join('\n');
  const js = ts.transpileModule(checked, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    reportDiagnostics: false,
  }).outputText;
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(lazykernel(?:\/[\w./-]+)?)\2/g, (all, head, quote, spec) => {
    const url = urls.get(spec);
    return url ? `${head}${quote}${url}${quote}` : all;
  });
}

/**
 * Type-checks the examples of `records` as strict TypeScript modules against the package's
 * declarations (build/src/*.d.ts, as a user's editor sees them): a call the types refuse is as
 * wrong in the docs as one that throws. Examples marked skip are left out (they use globals of
 * other runtimes, such as navigator.gpu, that Node's types lack).
 * Returns [{ id, name, line, message }], empty when all are well typed.
 */
export function typecheckExamples(records, { root = ROOT } = {}) {
  const files = new Map();
  for (const r of records) {
    r.examples.forEach((code, k) => {
      if (skipReason(code) === null) files.set(join(root, '.doc-examples', `example-${files.size}.ts`), { code, id: `${r.name}#${k + 1}`, name: r.name });
    });
  }
  if (files.size === 0) return [];
  const paths = {};
  for (const e of entryFiles(root)) paths[e.name] = [join(root, 'build', relative(root, e.file).replace(/\.ts$/, '.d.ts'))];
  const options = {
    module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')], paths,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (files.has(name) ? ts.createSourceFile(name, files.get(name).code, lang, true) : getSourceFile(name, lang, ...rest));
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const ex = d.file && files.get(d.file.fileName);
    return {
      id: ex?.id ?? d.file?.fileName ?? '(options)',
      name: ex?.name ?? null,
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    };
  });
}

/** The reason given by an example's skip marker, '' for a marker without one, null when none. */
export function skipReason(code) {
  const m = SKIP_MARKER.exec(code);
  return m ? m[1].replace(/^[\s:—-]+/, '').trim() : null;
}

/**
 * Runs the examples of `records` in one child process (tools/doc-examples-run.mjs). Resolves to
 * { results: [{ id, name, ok, error?, ms }], skipped: [{ id, name, reason }] }; `id` is
 * `name#k`, the k-th example of the symbol. Needs the build (node tools/build.mjs).
 */
export function runExamples(records, { root = ROOT, env = process.env, timeoutMs = 300_000 } = {}) {
  const urls = entryUrls(root);
  for (const url of urls.values()) {
    if (!existsSync(fileURLToPath(url))) throw new Error(`doc-examples: ${fileURLToPath(url)} is missing; build first (node tools/build.mjs)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-doc-examples-'));
  try {
    const examples = [];
    const skipped = [];
    for (const r of records) {
      r.examples.forEach((code, k) => {
        const id = `${r.name}#${k + 1}`;
        const reason = skipReason(code);
        if (reason !== null) {
          skipped.push({ id, name: r.name, reason });
          return;
        }
        const file = join(dir, `${String(examples.length).padStart(4, '0')}-${r.name.replace(/[^\w.-]/g, '_')}-${k + 1}.mjs`);
        writeFileSync(file, exampleModule(code, urls));
        examples.push({ id, name: r.name, file });
      });
    }
    const manifest = join(dir, 'manifest.json');
    const resultsFile = join(dir, 'results.json');
    writeFileSync(manifest, JSON.stringify({ examples, shutdown: urls.get(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name) }));
    const child = spawnSync(process.execPath, [join(root, 'tools', 'doc-examples-run.mjs'), manifest, resultsFile], { env, encoding: 'utf8', timeout: timeoutMs });
    if (!existsSync(resultsFile)) {
      throw new Error(`doc-examples: the example runner stopped (status ${child.status}, signal ${child.signal}) before it wrote its results:\n${child.stderr}`);
    }
    return { results: JSON.parse(readFileSync(resultsFile, 'utf8')), skipped, stderr: child.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv) {
  const records = collectExamples();
  const runAt = argv.indexOf('--run');
  if (runAt >= 0) {
    const filter = argv[runAt + 1];
    const chosen = filter ? records.filter((r) => r.name === filter || r.name.startsWith(`${filter}.`) || r.file.includes(filter)) : records;
    const { results, skipped } = runExamples(chosen);
    for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.id} ${r.ms.toFixed(0)} ms${r.ok ? '' : `: ${r.error}`}`);
    for (const s of skipped) console.log(`skip ${s.id}: ${s.reason || '(no reason given)'}`);
    console.log(`${results.length} run, ${results.filter((r) => !r.ok).length} failed, ${skipped.length} skipped`);
    for (const d of typecheckExamples(chosen)) console.log(`TYPE ${d.id} line ${d.line}: ${d.message}`);
    return;
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify(records, null, 2));
    return;
  }
  const missing = records.filter((r) => r.examples.length === 0);
  const shown = argv.includes('--missing') ? missing : records;
  for (const r of shown) console.log(`${r.examples.length > 0 ? 'ok  ' : 'MISS'} ${r.name} (${r.kind}, ${r.file}:${r.line})`);
  console.log(`${records.length} symbols, ${records.length - missing.length} with an @example, ${missing.length} without`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
