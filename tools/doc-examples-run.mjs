// Runs the API reference's examples in this one process, one after the other (the engine and its
// workers start once for all of them), and writes what happened to each as JSON.
//
//   node tools/doc-examples-run.mjs manifest.json results.json
//
// manifest.json: { "examples": [{ "id", "name", "file" }], "shutdown": "<file URL of the built index>" }
// results.json:  [{ "id", "name", "ok", "error"?, "ms" }]
// tools/doc-examples.mjs (runExamples) writes the modules and the manifest and reads the results.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const TIMEOUT_MS = 20_000;

const [manifestPath, resultsPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

// ---- `console.log(EXPR); // => EXPECTED` checks ----

/** Parses the literal of a `// =>` comment: numbers keep the count of decimals they were written with. */
function parseExpected(text) {
  let pos = 0;
  const fail = (what) => { throw new Error(`cannot read the expected value ${JSON.stringify(text)}: ${what} at character ${pos + 1}`); };
  const space = () => { while (/\s/.test(text[pos] ?? '')) pos++; };
  const value = () => {
    space();
    const rest = text.slice(pos);
    if (text[pos] === '[') {
      pos++;
      const items = [];
      space();
      if (text[pos] === ']') { pos++; return items; }
      for (;;) {
        items.push(value());
        space();
        if (text[pos] === ',') { pos++; space(); if (text[pos] === ']') { pos++; return items; } continue; }
        if (text[pos] === ']') { pos++; return items; }
        fail('expected , or ]');
      }
    }
    const str = /^(['"])((?:\\.|(?!\1).)*)\1/.exec(rest);
    if (str) { pos += str[0].length; return { string: str[2].replace(/\\(.)/g, '$1') }; }
    const num = /^[-+]?(\d+(?:\.(\d*))?(?:[eE][-+]?\d+)?|\.\d+|NaN|Infinity)/.exec(rest);
    if (num) {
      pos += num[0].length;
      const exp = /[eE]([-+]?\d+)/.exec(num[0]);
      const decimals = (num[2] ?? '').replace(/[eE].*/, '').length - (exp ? Number(exp[1]) : 0);
      return { number: Number(num[0]), decimals: num[2] === undefined && !exp ? null : decimals };
    }
    const word = /^(true|false|null)\b/.exec(rest);
    if (word) { pos += word[0].length; return { literal: JSON.parse(word[0]) }; }
    return fail('expected a number, string, true, false, null or [');
  };
  const v = value();
  space();
  if (pos !== text.length) fail('unexpected text');
  return v;
}

/** Whether `actual` prints as `expected` (numbers to the digits written; integers to 1e-5 relative). */
function matches(actual, expected) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, k) => matches(actual[k], e));
  }
  if ('string' in expected) return actual === expected.string;
  if ('literal' in expected) return actual === expected.literal;
  if (typeof actual !== 'number') return false;
  const want = expected.number;
  if (Number.isNaN(want) || !Number.isFinite(want)) return Object.is(actual, want) || (Number.isNaN(want) && Number.isNaN(actual));
  const tol = expected.decimals === null ? 1e-5 * Math.max(1, Math.abs(want)) : 0.5 * 10 ** -expected.decimals + 1e-9 * Math.abs(want);
  return Math.abs(actual - want) <= tol;
}

/** Tensors as nested arrays, typed arrays as arrays, bigint-free plain values otherwise. */
function plain(v) {
  if (v && typeof v === 'object' && typeof v.tolist === 'function') return v.tolist();
  if (ArrayBuffer.isView(v)) return Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

globalThis.__docCheck = (actual, expectedText, line) => {
  const value = plain(actual);
  if (!matches(value, parseExpected(expectedText))) {
    throw new Error(`line ${line}: the comment says => ${expectedText}, the value is ${JSON.stringify(value)}`);
  }
};

// ---- run ----

// Examples print what they show; keep the test's output to the summary.
const quiet = () => {};
const original = { log: console.log, info: console.info, table: console.table, dir: console.dir };
let current = null;
const stray = [];
process.on('unhandledRejection', (reason) => stray.push({ name: current?.name ?? '(none)', reason }));

const results = [];
for (const ex of manifest.examples) {
  current = ex;
  const strayBefore = stray.length;
  Object.assign(console, { log: quiet, info: quiet, table: quiet, dir: quiet });
  const start = performance.now();
  let timer;
  try {
    await Promise.race([
      import(pathToFileURL(ex.file).href),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS); }),
    ]);
    // Let a promise the example forgot to await reject here rather than in the next example.
    await new Promise((r) => setImmediate(r));
    const leaked = stray.slice(strayBefore);
    if (leaked.length > 0) throw leaked[0].reason;
    results.push({ id: ex.id, name: ex.name, ok: true, ms: performance.now() - start });
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    results.push({ id: ex.id, name: ex.name, ok: false, error, ms: performance.now() - start });
  } finally {
    clearTimeout(timer);
    Object.assign(console, original);
  }
}
current = null;
const { shutdown } = await import(manifest.shutdown);
await shutdown();
writeFileSync(resultsPath, JSON.stringify(results));
