// The `@example` blocks of LazyTensor's TSDoc, run as written: each ```ts block is taken out of
// src/api/lazy-tensor.ts, its `from 'lazykernel'` imports resolve to this package (a module
// inside the package directory imports the package by name), and a statement followed by a
// comment giving its value (`s.toArray();  // [1, 2]`, or `// ~ [1.0472]` to 4 decimals) is
// checked against that value.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src/api/lazy-tensor.ts'];
const scratch = join(root, 'build', '.api-examples');

/** Every @example's ```ts block of a TSDoc'd source file: { line, method, code }. */
function examples(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found = [];
  for (let k = 0; k < lines.length; k++) {
    if (!/^\s*\*\s*@example\b/.test(lines[k])) continue;
    let start = k + 1;
    while (start < lines.length && !/^\s*\*\s*```ts\s*$/.test(lines[start])) start++;
    let end = start + 1;
    while (end < lines.length && !/^\s*\*\s*```\s*$/.test(lines[end])) end++;
    const code = lines.slice(start + 1, end).map((l) => l.replace(/^\s*\* ?/, ''));
    // The member it documents: the first code line after the comment.
    let m = end;
    while (m < lines.length && !/^\s*\*\//.test(lines[m])) m++;
    const method = (lines[m + 1] ?? '').trim().split('(')[0];
    found.push({ line: start + 2, method, code });
  }
  return found;
}

/** The example as a module: commented values become checks. */
function instrument(code) {
  const checked = code.map((line) => {
    const m = /^(\s*)(.+?);\s*\/\/\s*(~\s*)?(\[[^\]]*\])\s*$/.exec(line);
    if (!m) return line;
    return `${m[1]}__check(${m[2]}, ${m[4].replace(/\s+/g, ' ')}, ${m[3] ? 'true' : 'false'}, ${JSON.stringify(m[2])});`;
  });
  return [
    'const __checks = [];',
    'function __check(got, want, approx, what) { __checks.push({ got: Array.from(got), want, approx, what }); }',
    ...checked,
    'export default __checks;',
  ].join('\n');
}

mkdirSync(scratch, { recursive: true });
for (const file of SOURCES) {
  const list = examples(file);
  test(`${file} documents its methods with @example blocks`, () => {
    assert.ok(list.length > 0, 'no @example found');
  });
  for (const ex of list) {
    test(`${file}:${ex.line} the @example of ${ex.method} runs and gives the values its comments state`, async () => {
      const path = join(scratch, `${ex.method.replace(/\W/g, '_')}-${ex.line}.mjs`);
      writeFileSync(path, instrument(ex.code));
      const checks = (await import(pathToFileURL(path).href)).default;
      for (const { got, want, approx, what } of checks) {
        assert.is(got.length, want.length, `${ex.method}: ${what} has ${got.length} values, the comment ${want.length}`);
        got.forEach((g, k) => {
          const ok = approx ? Math.abs(g - want[k]) <= 1e-4 * Math.max(1, Math.abs(want[k])) : Object.is(g, want[k]) || g === want[k];
          assert.ok(ok, `${ex.method}: ${what}[${k}] is ${g}, the comment says ${approx ? '~ ' : ''}${want[k]}`);
        });
      }
    });
  }
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
