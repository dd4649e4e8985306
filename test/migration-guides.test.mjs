// The migration guides (docs/migration/from-pykeops.md, from-geomloss.md, from-scipy.md) cover
// the API contract and do not promise what does not exist (issue 17):
//   (a) every name of the contract (docs/migration/contract-names.json) appears, as a whole
//       word in code (a code span or block), in at least one guide;
//   (b) where the contract is at hand (../shared/docs/api-contract.md: not in a clean clone),
//       regenerating the list gives the committed one, so the copy stays current;
//   (c) every export a guide's TypeScript calls in its tables (names imported from 'lazykernel'
//       and top-level calls) is exported by build/src/index.js today, or its row says "not yet
//       available"; the same for the guides' TypeScript code blocks (a comment in the block).
// Each check is also run on a deliberately broken input, to show that it can fail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codePieces, codeCalls, contractNamesJson, DEFAULT_CONTRACT, NAMES_FILE } from '../tools/contract-names.mjs';
import * as lazykernel from '../build/src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUIDE_FILES = ['from-pykeops.md', 'from-geomloss.md', 'from-scipy.md'];
const guides = Object.fromEntries(GUIDE_FILES.map((f) => [f, readFileSync(join(root, 'docs', 'migration', f), 'utf8')]));
const committed = JSON.parse(readFileSync(NAMES_FILE, 'utf8'));
const EXPORTED = new Set(Object.keys(lazykernel));
const MARK = /not yet available/i;

/** Every piece of code of a guide: fenced blocks and inline spans (table cells' `\|` unescaped). */
function codeOf(markdown) {
  const { blocks, spans } = codePieces(markdown);
  return [...blocks, ...spans.map((s) => s.replaceAll('\\|', '|'))];
}

/** A name as a whole word: not inside a longer identifier. */
function wordPattern(name) {
  return new RegExp(`(?<![\\w$])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w$])`);
}

/** The names of `names` that no code of `markdowns` contains. */
function missingNames(names, markdowns) {
  const code = markdowns.flatMap(codeOf);
  return names.filter((name) => !code.some((c) => wordPattern(name).test(c)));
}

/** The cells of a table row, split at unescaped pipes. */
function cells(line) {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Rows of the guide's tables: the TypeScript column's code spans and the whole row's text. */
function tableRows(markdown) {
  const rows = [];
  const lines = markdown.split('\n');
  for (let k = 0; k < lines.length; k++) {
    if (!lines[k].startsWith('|') || !/^\|[\s:|-]+\|$/.test(lines[k + 1] ?? '')) continue;
    const column = cells(lines[k]).findIndex((h) => /lazykernel|typescript/i.test(h));
    for (k += 2; k < lines.length && lines[k].startsWith('|'); k++) {
      const cell = column >= 0 ? cells(lines[k])[column] ?? '' : '';
      rows.push({ text: lines[k], code: [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replaceAll('\\|', '|')) });
    }
  }
  return rows;
}

/**
 * The calls of lazykernel names that are not exported today and not marked: from table rows
 * (the mark in the row) and TypeScript code blocks (the mark in a comment of the block).
 * Locals declared anywhere in the guide's code and the runtime's globals are not exports.
 */
function unmarkedCalls(markdown, exported) {
  const locals = new Set(codeOf(markdown).flatMap((c) => codeCalls(c).declared));
  const named = (code) => code.flatMap((c) => {
    const { imports, calls } = codeCalls(c);
    return [...imports, ...calls.filter((n) => !locals.has(n) && !(n in globalThis))];
  });
  const found = [];
  for (const row of tableRows(markdown)) {
    if (MARK.test(row.text)) continue;
    for (const name of named(row.code)) if (!exported.has(name)) found.push(name);
  }
  for (const m of markdown.matchAll(/^```(?:ts|js|typescript|javascript)\n([\s\S]*?)^```/gm)) {
    if (/\/\/.*not yet available/i.test(m[1])) continue;
    for (const name of named([m[1]])) if (!exported.has(name)) found.push(name);
  }
  return [...new Set(found)].sort();
}

test('contract-names.json lists names, sorted and unique, and says where it comes from', () => {
  assert.ok(committed.names.length > 100, `${committed.names.length} names`);
  assert.is(committed.count, committed.names.length);
  assert.equal([...new Set(committed.names)], committed.names);
  for (const name of ['Vi', 'argKmin', 'samplesLoss', 'eigsh', 'Genred', 'transportPlan', 'reach', 'which', 'sinkhorn', 'webgpu']) {
    assert.ok(committed.names.includes(name), name);
  }
  // Locals and keywords are not API names.
  for (const name of ['routine', 'loss', 'X', 'N', 'const', 'await']) assert.not.ok(committed.names.includes(name), name);
});

test('(a) every contract name appears in code in at least one guide', () => {
  assert.equal(missingNames(committed.names, Object.values(guides)), []);
  // The check can fail: a name no guide mentions, and a name only found inside a longer word.
  assert.equal(missingNames(['frobnicateKernel', 'argK'], Object.values(guides)), ['frobnicateKernel', 'argK']);
  // Prose does not count: only code spans and blocks do.
  assert.equal(missingNames(['cg'], ['cg solves systems; see `eigsh`.']), ['cg']);
});

test('(b) the committed list is what the contract gives today (where the contract is at hand)', () => {
  if (!existsSync(DEFAULT_CONTRACT)) {
    console.log(`  (no ${DEFAULT_CONTRACT}: the committed list is used as it is)`);
    return;
  }
  const contract = readFileSync(DEFAULT_CONTRACT, 'utf8');
  assert.fixture(contractNamesJson(contract), readFileSync(NAMES_FILE, 'utf8'));
  // The check can fail: one more method call in the contract changes the list.
  const changed = JSON.parse(contractNamesJson(`${contract}\n## More\n\`\`\`ts\nawait K.frobnicate(1);\n\`\`\`\n`));
  assert.ok(changed.names.includes('frobnicate'));
  assert.is.not(JSON.stringify(changed.names), JSON.stringify(committed.names));
});

test('the extraction keeps calls, methods, keys and enum strings, and drops locals, comments and keywords', () => {
  const sample = [
    '# API',
    '```ts',
    "import { tensor, Vi } from 'lazykernel';",
    "const loss = samplesLoss('sinkhorn', { blur: 0.05, clusterScale });   // sum_j softmax_j(D_ij)",
    'await loss(X, Y); X.shape; await Vi(X).argKmin(5, 1);',
    'const { values } = await eigsh(L, { k: 7 });',
    '```',
    'Methods: `add sub sum(axis?) detach()`; the name `sinkhorn`.',
    '## The site',
    '`document.body.dataset.state`',
  ].join('\n');
  const { names, kinds } = JSON.parse(contractNamesJson(sample));
  assert.equal(kinds.imports, ['tensor', 'Vi']);
  assert.equal(kinds.calls, ['eigsh', 'samplesLoss', 'Vi']);
  assert.equal(kinds.methods, ['argKmin']);
  assert.equal(kinds.keys, ['blur', 'clusterScale', 'k', 'values']);
  assert.equal(kinds.strings, ['sinkhorn']);
  assert.equal(kinds.lists, ['add', 'detach', 'sub', 'sum']);
  for (const name of ['loss', 'softmax_j', 'const', 'dataset', 'state', 'X']) assert.not.ok(names.includes(name), name);
  assert.ok(names.includes('shape'));
});

test('(c) the guides call only exports of build/src/index.js, or say that a call is not yet available', () => {
  for (const [file, markdown] of Object.entries(guides)) {
    assert.equal(unmarkedCalls(markdown, EXPORTED), [], file);
    assert.ok(tableRows(markdown).length > 20, `${file}: its tables are read`);
  }
  // The check can fail: a planned name in a row without the mark, and a name nobody exports.
  const table = (notes) => [
    '| Python | lazykernel (TypeScript) | Notes |',
    '| --- | --- | --- |',
    `| \`plan(x, y)\` | \`const ot = await warpPlan(X, Y, { blur: 0.05 })\` | ${notes} |`,
    "| `SamplesLoss(\"sinkhorn\")(x, y)` | `await samplesLoss('sinkhorn')(X, Y)`, `await frobnicate(X \\| Y)` | |",
  ].join('\n');
  assert.equal(unmarkedCalls(table('The plan.'), EXPORTED), ['frobnicate', 'warpPlan']);
  assert.equal(unmarkedCalls(table('**Not yet available**; planned.'), EXPORTED), ['frobnicate']);
  // An import counts as a call, and a code block needs its own mark.
  const block = "```ts\nimport { frobnicate, Vi } from 'lazykernel';\nconst r = frobnicate('x', []);\nawait r(X);\n```\n";
  assert.equal(unmarkedCalls(block, EXPORTED), ['frobnicate']);
  assert.equal(unmarkedCalls(block.replace('\n', '\n// frobnicate: not yet available\n'), EXPORTED), []);
  // The planned names really are absent today (when one ships, its marks should go).
  for (const name of ['connect']) {
    assert.not.ok(EXPORTED.has(name), `${name} is exported now: update the guides' "not yet available" marks`);
  }
});

test('the guides link each other, and README.md and docs/guide.md link the guides', () => {
  for (const [file, markdown] of Object.entries(guides)) {
    for (const m of markdown.matchAll(/\]\(([\w.-]+\.md)\)/g)) assert.ok(existsSync(join(root, 'docs', 'migration', m[1])), `${file} links ${m[1]}`);
  }
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const guide = readFileSync(join(root, 'docs', 'guide.md'), 'utf8');
  for (const file of GUIDE_FILES) {
    assert.ok(readme.includes(`](docs/migration/${file})`), `README.md links ${file}`);
    assert.ok(guide.includes(`](migration/${file})`), `docs/guide.md links ${file}`);
  }
});

test.run();
