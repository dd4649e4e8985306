// The shipped engine really is SIMD WebAssembly: build/lazykernel.wasm is disassembled with wabt
// and must be full of f32x4 / f64x2 arithmetic and v128 memory traffic (both dtypes vectorised).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM = fileURLToPath(new URL('../build/lazykernel.wasm', import.meta.url));

let cached = null;
async function disassemble() {
  if (cached) return cached;
  assert.ok(existsSync(WASM), `${WASM} is missing: build it with \`node tools/build.mjs\``);
  const bytes = readFileSync(WASM);
  const wabt = await (await import('wabt')).default();
  const module = wabt.readWasm(bytes, { readDebugNames: false, features: { simd: true } });
  module.validate();
  const text = module.toText({});
  module.destroy();
  cached = { bytes, wabt, text };
  return cached;
}

/** Number of occurrences of an instruction (a regular expression source, matched as a word). */
function count(text, instr) {
  return (text.match(new RegExp(`(?<![\\w.])${instr}(?![\\w])`, 'g')) ?? []).length;
}

test('lazykernel.wasm is valid WebAssembly and exports the interpreter entry points', async () => {
  const { bytes, text } = await disassemble();
  assert.ok(WebAssembly.validate(bytes), 'WebAssembly.validate accepts the module');
  for (const name of ['run', 'tileLanes', 'scratchTailBytes']) {
    assert.match(text, new RegExp(`\\(export "${name}" \\(func`), `exports ${name}`);
  }
  assert.match(text, /\(import "env" "memory" \(memory/, 'imports its memory from the host');
});

test('lazykernel.wasm contains hundreds of f32x4, f64x2 and v128 load/store instructions', async () => {
  const { text } = await disassemble();
  const counts = {
    'f32x4.*': count(text, 'f32x4\\.[a-z_]+'),
    'f64x2.*': count(text, 'f64x2\\.[a-z_]+'),
    'v128.load': count(text, 'v128\\.load'),
    'v128.store': count(text, 'v128\\.store'),
  };
  const message = `instruction counts: ${JSON.stringify(counts)}`;
  assert.ok(counts['f32x4.*'] >= 64, message);
  assert.ok(counts['f64x2.*'] >= 64, message);
  assert.ok(counts['v128.load'] >= 64, message);
  assert.ok(counts['v128.store'] >= 16, message);
});

test('both dtypes have vector arithmetic: add, sub, mul, div, sqrt, min/max and NaN-ignoring pmin/pmax', async () => {
  const { text } = await disassemble();
  for (const shape of ['f32x4', 'f64x2']) {
    for (const op of ['add', 'sub', 'mul', 'div', 'sqrt', 'min', 'max', 'pmin', 'pmax', 'lt', 'eq', 'splat']) {
      const n = count(text, `${shape}\\.${op}`);
      assert.ok(n >= 1, `${shape}.${op} occurs ${n} times`);
    }
    // the core arithmetic is used throughout, not in one place
    assert.ok(count(text, `${shape}\\.(add|mul)`) >= 32, `${shape}.add/mul occur ${count(text, `${shape}\\.(add|mul)`)} times`);
  }
  assert.ok(count(text, 'v128\\.bitselect') >= 4, 'masks select lanes with v128.bitselect');
  assert.ok(count(text, 'f64x2\\.promote_low_f32x4') >= 1, 'float32 tiles are widened to f64 for accumulation');
});

test('the float32 and the float64 code paths are both vectorised, over several functions', async () => {
  const { text } = await disassemble();
  const funcs = text.split(/\n\s*\(func /).slice(1);
  const withF32 = funcs.filter((f) => /\bf32x4\.(add|mul|sub)\b/.test(f)).length;
  const withF64 = funcs.filter((f) => /\bf64x2\.(add|mul|sub)\b/.test(f)).length;
  const withLoad = funcs.filter((f) => /\bv128\.load\b/.test(f)).length;
  const message = `${funcs.length} functions: ${withF32} with f32x4 arithmetic, ${withF64} with f64x2 arithmetic, ${withLoad} with v128.load`;
  assert.ok(funcs.length >= 4, message);
  assert.ok(withF32 >= 2, message);
  assert.ok(withF64 >= 2, message);
  assert.ok(withLoad >= 2, message);
});

test.run();
