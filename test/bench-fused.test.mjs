// The hand-fused Gaussian kernel of the benchmark (assembly/bench/fused-gaussian.ts, compiled by
// tools/build.mjs to build/bench/fused-gaussian.wasm) against a float64 JavaScript evaluation, on
// small odd sizes that exercise the row tail (n % 4), the column tail (m % 4) and the chunking:
// the ceiling the interpreter is measured against must itself be right.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM = fileURLToPath(new URL('../build/bench/fused-gaussian.wasm', import.meta.url));
const BASE = 65536; // the first 64 KiB belong to the module's static data
const TOLERANCE = 1e-5; // relative, per output (float32 inputs, float32 exp, float64 flushes)
const SENTINEL = -7777; // written after out[n - 1]; must survive the call

let kernel = null;
function load() {
  if (kernel) return kernel;
  if (!existsSync(WASM)) {
    throw new Error(`${WASM} is missing: build it with \`node tools/build.mjs\` before running the tests`);
  }
  const memory = new WebAssembly.Memory({ initial: 4 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM)), { env: { memory } });
  kernel = { memory, fn: instance.exports.gaussianMatvecF32 };
  return kernel;
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Runs the fused kernel on float32 inputs (x [n,3] row-major, y [m,3] row-major, b [m]). y and b
 * are laid out as structure-of-arrays with exactly m entries (no padding) followed by poison
 * (NaN), so a read past column m - 1 would show; out is followed by a sentinel to catch writes
 * past row n - 1.
 */
function fused(x, y, b, n, m, g) {
  const { memory, fn } = load();
  const bytes = (count) => (count * 4 + 15) & ~15;
  const need = BASE + bytes(n * 3) + 4 * (bytes(m) + 16) + bytes(n) + 16;
  if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  let at = BASE;
  const alloc = (count) => { const p = at; at += bytes(count) + 16; return p; };
  const px = alloc(n * 3), py0 = alloc(m), py1 = alloc(m), py2 = alloc(m), pb = alloc(m), pout = alloc(n);
  const f32 = (p, count) => new Float32Array(memory.buffer, p, count);
  f32(BASE, (at - BASE) / 4).fill(NaN);
  f32(pout + 4 * n, 4).fill(SENTINEL);
  f32(px, n * 3).set(x);
  for (let j = 0; j < m; j++) {
    f32(py0, m)[j] = y[3 * j];
    f32(py1, m)[j] = y[3 * j + 1];
    f32(py2, m)[j] = y[3 * j + 2];
    f32(pb, m)[j] = b[j];
  }
  fn(px, py0, py1, py2, pb, pout, n, m, g);
  const out = f32(pout, n).slice();
  const wroteOutside = f32(pout + 4 * n, 4).some((v) => v !== SENTINEL);
  return { out, wroteOutside };
}

/** The same sum in float64 from the float32 inputs. */
function reference(x, y, b, n, m, g) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      let r2 = 0;
      for (let k = 0; k < 3; k++) {
        const d = x[3 * i + k] - y[3 * j + k];
        r2 += d * d;
      }
      s += Math.exp(-g * r2) * b[j];
    }
    out[i] = s;
  }
  return out;
}

function check(n, m, { seed = n * 1000 + m, g = 2, signedWeights = false } = {}) {
  const rand = lcg(seed);
  const x = new Float32Array(n * 3).map(rand);
  const y = new Float32Array(m * 3).map(rand);
  const b = new Float32Array(m).map(() => (signedWeights ? 2 * rand() - 1 : rand()));
  const gf = Math.fround(g);
  const { out, wroteOutside } = fused(x, y, b, n, m, gf);
  const ref = reference(x, y, b, n, m, gf);
  assert.not.ok(wroteOutside, `n=${n} m=${m}: wrote past out[n - 1]`);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(ref[i]));
  for (let i = 0; i < n; i++) {
    const err = Math.abs(out[i] - ref[i]) / Math.max(Math.abs(ref[i]), signedWeights ? scale : 0, 1e-30);
    assert.ok(err < TOLERANCE, `n=${n} m=${m} row ${i}: fused ${out[i]} vs float64 ${ref[i]} (relative error ${err.toExponential(2)})`);
  }
}

test('N=5, M=7: row tail (5 % 4 = 1) and column tail (7 % 4 = 3)', () => {
  check(5, 7);
});

test('N=1, M=1: single row and single column, both tails only', () => {
  check(1, 1);
});

test('a known value: one pair, exp(-g |x - y|^2) * b', () => {
  const x = new Float32Array([1, 2, 3]);
  const y = new Float32Array([1.5, 2, 2]);
  const b = new Float32Array([0.25]);
  const { out } = fused(x, y, b, 1, 1, 0.5);
  assert.ok(Math.abs(out[0] - 0.25 * Math.exp(-0.5 * 1.25)) < 1e-7, `got ${out[0]}`);
});

test('padding lanes are masked: exp overflow in a padding lane does not poison the sum', () => {
  // g < 0 makes exp(-g |x - y_pad|^2) overflow to inf for the zero padding y; inf * 0 would be NaN
  const x = new Float32Array([1, 1, 1]);
  const y = new Float32Array([1, 1, 1]);
  const b = new Float32Array([0.5]);
  const { out } = fused(x, y, b, 1, 1, -100);
  assert.is(out[0], 0.5);
});

test('every row and column tail: n in 1..9, m in 1..9', () => {
  for (let n = 1; n <= 9; n++) for (let m = 1; m <= 9; m++) check(n, m);
});

test('several chunks and flushes, odd sizes, signed weights', () => {
  check(13, 1031, { g: 0.7 });
  check(6, 523, { g: 3, signedWeights: true });
});

test('m = 0 gives zeros; n = 0 writes nothing', () => {
  const { out } = fused(new Float32Array(9), new Float32Array(0), new Float32Array(0), 3, 0, 1);
  assert.equal(Array.from(out), [0, 0, 0]);
  const r = fused(new Float32Array(0), new Float32Array(3), new Float32Array(1), 0, 1, 1);
  assert.not.ok(r.wroteOutside);
});

test.run();
