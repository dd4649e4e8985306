// The dense soft C-transform (src/ot/softmin-tensorized.ts) on the wasm engine's SIMD kernel
// (assembly/dense/softmin.ts through src/engine/dense-softmin.ts) against the host's float64
// loops (src/ot/softmin-rows.ts) and a plain log-sum-exp written here: odd sizes, one point,
// batches, float32 and float64 costs and potentials, +Infinity costs, -Infinity potentials, NaN;
// then the gradient against finite differences and the abort of a long call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AbortError, configure } from '../build/src/index.js';
import { Tensor } from '../build/src/tensor/tensor.js';
import { Yielder } from '../build/src/abort.js';
import { softminTensorized } from '../build/src/ot/softmin-tensorized.js';
import { softminRowsHost } from '../build/src/ot/softmin-rows.js';
import { denseSoftminKernel } from '../build/src/dispatch/dense-softmin.js';
import { Rng } from './helpers/random.mjs';

const SIZES = [[1, 1, 1], [1, 1, 2], [1, 3, 5], [2, 7, 9], [1, 50, 50], [3, 17, 64], [2, 5, 33], [1, 33, 1]];
const DTYPES = [['float32', 'float32'], ['float64', 'float64'], ['float32', 'float64'], ['float64', 'float32']];
const ULP = 2 ** -52;

const typed = (dtype, values) => (dtype === 'float64' ? Float64Array : Float32Array).from(values);

/** Half squared distances between random 1-D points (the Sinkhorn costs) and potentials around them. */
function problem(seed, [B, N, M], cDtype, hDtype) {
  const rng = new Rng(seed);
  const x = Array.from({ length: B * N }, () => rng.uniform(0, 1));
  const y = Array.from({ length: B * M }, () => rng.uniform(0, 1));
  const c = [];
  for (let b = 0; b < B; b++) for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) c.push((x[b * N + i] - y[b * M + j]) ** 2 / 2);
  const h = Array.from({ length: B * M }, () => Math.log(1 / M) + rng.uniform(-3, 3));
  return { c: typed(cDtype, c), h: typed(hDtype, h) };
}

/** -eps log sum_j exp(h_j - C_ij / eps) in float64, every term included (shifted by the row's maximum). */
function logSumExpReference(eps, c, h, [B, N, M]) {
  const f = new Float64Array(B * N);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < N; i++) {
      const v = Array.from({ length: M }, (_, j) => h[b * M + j] - c[(b * N + i) * M + j] / eps);
      const m = Math.max(...v);
      f[b * N + i] = -eps * (m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)));
    }
  }
  return f;
}

/**
 * The kernel's rows against the host's, in float64: +Infinity, NaN and the rest within the
 * rounding of M exps, a log and their sum (the maxima are the same float64 values).
 */
function assertSameRows(kernel, eps, c, h, [B, N, M], r0, r1, what) {
  const wasm = new Float64Array(B * N).fill(-1), host = new Float64Array(B * N).fill(-1);
  kernel.rows(eps, 1 / eps, c, h, N, M, r0, r1, wasm);
  softminRowsHost(eps, 1 / eps, c, h, N, M, r0, r1, host);
  for (let r = 0; r < B * N; r++) {
    const f = wasm[r], ref = host[r];
    const close = Object.is(f, ref) || Math.abs(f - ref) <= (M + 8) * ULP * (Math.abs(ref) + eps);
    assert.ok(close, `${what}: row ${r} of ${r0}..${r1}: ${f} vs ${ref}`);
  }
}

test('the engine has the dense softmin kernel (the path the OT loops take in Node)', async () => {
  assert.ok(await denseSoftminKernel(), 'denseSoftminKernel() returned null');
});

test('rows: the wasm kernel against the host loops, every size, dtype and temperature', async () => {
  const kernel = await denseSoftminKernel();
  let seed = 1;
  for (const shape of SIZES) {
    const [B, N] = shape;
    for (const [cDtype, hDtype] of DTYPES) {
      for (const eps of [10, 0.1, 1e-3, 1e-6]) {
        const { c, h } = problem(seed++, shape, cDtype, hDtype);
        const what = `${shape} ${cDtype}/${hDtype} eps ${eps}`;
        assertSameRows(kernel, eps, c, h, shape, 0, B * N, what);
        // A block of rows that starts inside a batch (the OT loop's blocks between yields).
        if (B * N > 2) assertSameRows(kernel, eps, c, h, shape, 1, B * N - 1, `${what}, rows 1..`);
        // One that starts in a later batch (its h rows are copied from there).
        if (B > 1) assertSameRows(kernel, eps, c, h, shape, N + 1, B * N, `${what}, rows ${N + 1}..`);
      }
    }
  }
});

test('rows: +Infinity costs, -Infinity and +Infinity potentials, NaN, rows without mass', async () => {
  const kernel = await denseSoftminKernel();
  const shape = [2, 4, 7];
  const [B, N, M] = shape;
  for (const [cDtype, hDtype] of DTYPES) {
    const { c, h } = problem(99, shape, cDtype, hDtype);
    c[3] = Infinity; // one +Inf cost
    c[7 * 1 + 0] = NaN; // a NaN cost in row 1
    for (let j = 0; j < M; j++) c[2 * M + j] = Infinity; // row 2: no mass
    h[M + 2] = -Infinity; // a -Inf potential in batch 1
    h[M + 5] = NaN; // and a NaN one
    c[(N + 3) * M + 6] = -Infinity; // a -Inf cost: v = +Inf, the row's potential is NaN (0 * Inf)
    assertSameRows(kernel, 1e-3, c, h, shape, 0, B * N, `${cDtype}/${hDtype} special values`);
    // A row of NaN only: no maximum, no mass.
    const nan = typed(cDtype, Array(M).fill(NaN));
    assertSameRows(kernel, 1, nan, h.subarray(0, M), [1, 1, M], 0, 1, `${cDtype}/${hDtype} NaN row`);
  }
});

test('softminTensorized: a plain float64 log-sum-exp, float32 and float64, one point to 50 x 50', async () => {
  const yielder = new Yielder('test', undefined);
  let seed = 500;
  for (const shape of SIZES) {
    for (const dtype of ['float32', 'float64']) {
      for (const eps of [1, 1e-2, 1e-4]) {
        const { c, h } = problem(seed++, shape, dtype, dtype);
        const f = (await softminTensorized(eps, new Tensor(c, shape), new Tensor(h, [shape[0], shape[2]]), yielder)).data;
        const ref = logSumExpReference(eps, c, h, shape);
        // float32 output: the float64 value rounded once.
        const tol = dtype === 'float64' ? 1e-14 : 2 ** -23;
        for (let k = 0; k < ref.length; k++) {
          assert.ok(Math.abs(f[k] - ref[k]) <= tol * (Math.abs(ref[k]) + eps), `${shape} ${dtype} eps ${eps} f[${k}] = ${f[k]}, reference ${ref[k]}`);
        }
      }
    }
  }
  // Rows without mass have potential +Infinity; a +Infinity potential gives NaN (as the host loops do).
  const c = Float64Array.from([Infinity, Infinity, 0, 1]);
  const f = await softminTensorized(0.5, new Tensor(c, [1, 2, 2]), new Tensor(Float64Array.from([0, 0]), [1, 2]), yielder);
  assert.equal(f.data[0], Infinity);
  assert.ok(Math.abs(f.data[1] - -0.5 * Math.log(1 + Math.exp(-2))) < 1e-15);
  const g = await softminTensorized(0.5, new Tensor(c, [1, 2, 2]), new Tensor(Float64Array.from([Infinity, 0]), [1, 2]), yielder);
  assert.ok(Number.isNaN(g.data[1]));
});

test('where the engine does not start, the host loops serve; configure() lets the engine try again', async () => {
  configure({ wasmModule: new Uint8Array([0, 97, 115, 109, 0]) }); // not a module
  try {
    assert.is(await denseSoftminKernel(), null);
    const shape = [1, 6, 9];
    const { c, h } = problem(21, shape, 'float64', 'float64');
    const f = await softminTensorized(0.01, new Tensor(c, shape), new Tensor(h, [1, 9]), new Yielder('test', undefined));
    const ref = new Float64Array(6);
    softminRowsHost(0.01, 1 / 0.01, c, h, 6, 9, 0, 6, ref);
    assert.equal(Array.from(f.data), Array.from(ref));
  } finally {
    configure({ wasmModule: null });
  }
  assert.ok(await denseSoftminKernel(), 'the packaged module has the kernel again');
});

test('softminTensorized: gradient in C and h against central differences (float64)', async () => {
  const yielder = new Yielder('test', undefined);
  const shape = [2, 3, 5];
  const [B, N, M] = shape;
  const eps = 0.05;
  const { c, h } = problem(7, shape, 'float64', 'float64');
  const w = new Rng(8);
  const weights = Float64Array.from({ length: B * N }, () => w.uniform(-1, 1));
  const loss = async (cv, hv) => {
    const f = await softminTensorized(eps, new Tensor(cv, shape), new Tensor(hv, [B, M]), yielder);
    return f.data.reduce((s, t, k) => s + weights[k] * t, 0);
  };
  const C = new Tensor(c.slice(), shape, true);
  const H = new Tensor(h.slice(), [B, M], true);
  const f = await softminTensorized(eps, C, H, yielder);
  await f.mul(new Tensor(weights, [B, N])).sum().backward();
  const step = 1e-6;
  const check = async (array, grad, which) => {
    for (let k = 0; k < array.length; k++) {
      const up = array.slice(), down = array.slice();
      up[k] += step;
      down[k] -= step;
      const fd = which === 'C' ? ((await loss(up, h)) - (await loss(down, h))) / (2 * step) : ((await loss(c, up)) - (await loss(c, down))) / (2 * step);
      assert.ok(Math.abs(grad[k] - fd) <= 1e-6 * (1 + Math.abs(fd)), `d/d${which}[${k}]: ${grad[k]} vs ${fd}`);
    }
  };
  await check(c, C.grad.data, 'C');
  await check(h, H.grad.data, 'h');
});

test('softminTensorized: a long call gives the event loop turns and stops on abort', async () => {
  // 4000 x 4000 pairs: several blocks of rows between looks at the clock.
  const N = 4000;
  const c = new Float32Array(N * N);
  for (let k = 0; k < c.length; k++) c[k] = (k % 997) / 997;
  const h = new Float32Array(N);
  const controller = new AbortController();
  let turns = 0;
  const timer = setInterval(() => { turns++; }, 1);
  setTimeout(() => controller.abort(), 2);
  try {
    await softminTensorized(1e-3, new Tensor(c, [1, N, N]), new Tensor(h, [1, N]), new Yielder('test', controller.signal, 1));
    assert.unreachable('the call finished despite the abort');
  } catch (e) {
    assert.instance(e, AbortError);
  } finally {
    clearInterval(timer);
  }
  assert.ok(turns > 0, 'no timer ran during the call');
});

test.run();
