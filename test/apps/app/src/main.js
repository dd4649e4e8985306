// A small web app that uses lazykernel as an installed package: bundlers (esbuild, Vite,
// webpack, Rollup) build it with their default production settings, and a CDN-style page loads
// the shipped browser bundle directly (test/apps/build.mjs). On load it runs its checks and
// publishes window.appResult; document.body.dataset.state goes 'running' -> 'done' | 'error'.
//
// URL options:
//   ?assetBase=/missing/  configure({ assetBase }) first: a folder without the engine's files
//                        must give a BackendError within 5 s (and nothing else runs); one with
//                        them (the package's build/ folder) must work like the default
//   ?n=20000              rows of the long reduction (default: sized to take about 2 s)
import {
  tensor, Vi, Vj, configure, engineInfo,
  LazyKernelError, ShapeError, BackendError, AbortError,
} from 'lazykernel';

const params = new URLSearchParams(location.search);
const out = document.getElementById('out');
const result = { steps: {}, errors: [], current: null };
// The test reads this when the app does not finish: which step hangs, what came before.
window.appProgress = result;

function show() {
  if (out) out.textContent = JSON.stringify(result, null, 1);
}

/** Runs one named step; a failure is recorded as { error } and the next step still runs. */
async function step(name, fn) {
  const t0 = performance.now();
  result.current = name;
  show();
  try {
    result.steps[name] = await fn();
  } catch (e) {
    result.steps[name] = { error: describeError(e) };
    result.errors.push(`${name}: ${describeError(e)}`);
  }
  result.steps[name].ms = Math.round(performance.now() - t0);
  result.current = null;
  show();
}

function describeError(e) {
  return `${e?.name}: ${e?.message}`;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(16);
const cloud = (n, d) => Float32Array.from({ length: n * d }, () => rand());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const D = 3;
const SIGMA = 0.3;

function sqdist(x, i, y, j) {
  let s = 0;
  for (let d = 0; d < D; d++) {
    const t = x[i * D + d] - y[j * D + d];
    s += t * t;
  }
  return s;
}

const gaussian = (x, y, n, m) => Vi(tensor(x, [n, D])).sqdist(Vj(tensor(y, [m, D]))).mul(-1 / (2 * SIGMA * SIGMA)).exp();

/** Gaussian sum over j against a plain double loop. */
async function gaussianSum() {
  const n = 1500, m = 2500;
  const x = cloud(n, D), y = cloud(m, D);
  const got = await gaussian(x, y, n, m).sum(1);
  let maxRelError = 0;
  for (let i = 0; i < n; i++) {
    let ref = 0;
    for (let j = 0; j < m; j++) ref += Math.exp(-sqdist(x, i, y, j) / (2 * SIGMA * SIGMA));
    const err = Math.abs(got.data[i] - ref) / Math.abs(ref);
    maxRelError = Math.max(maxRelError, Number.isNaN(err) ? Infinity : err);
  }
  return { n, m, shape: got.shape, dtype: got.dtype, maxRelError };
}

/** argKmin(3) against a brute force; an index counts as wrong unless its distance ties the reference's. */
async function argKmin() {
  const n = 400, m = 700, k = 3;
  const x = cloud(n, D), y = cloud(m, D);
  const got = await Vi(tensor(x, [n, D])).sqdist(Vj(tensor(y, [m, D]))).argKmin(k, 1);
  let mismatches = 0, exact = 0;
  for (let i = 0; i < n; i++) {
    const ref = Array.from({ length: m }, (_, j) => j).sort((a, b) => sqdist(x, i, y, a) - sqdist(x, i, y, b) || a - b).slice(0, k);
    for (let q = 0; q < k; q++) {
      const g = got.data[i * k + q];
      if (g === ref[q]) { exact++; continue; }
      const dg = g >= 0 && g < m ? sqdist(x, i, y, g) : Infinity, dr = sqdist(x, i, y, ref[q]);
      if (!(Math.abs(dg - dr) <= 1e-6 * Math.max(dr, 1e-12))) mismatches++;
    }
  }
  return { n, m, k, shape: got.shape, dtype: got.dtype, exact, mismatches };
}

/** d/dx of sum_i sum_j exp(-|x_i - y_j|^2 / (2 s^2)) b_j, against the analytic formula. */
async function gradient() {
  const n = 300, m = 400;
  const x = cloud(n, D), y = cloud(m, D), b = cloud(m, 1);
  const X = tensor(x, [n, D], { requiresGrad: true });
  const K = Vi(X).sqdist(Vj(tensor(y, [m, D]))).mul(-1 / (2 * SIGMA * SIGMA)).exp();
  const s = await K.mul(Vj(tensor(b, [m, 1]))).sum(1);
  await s.sum().backward();
  if (!X.grad) throw new Error('X.grad is missing after backward()');
  let maxAbsError = 0, maxRef = 0;
  for (let i = 0; i < n; i++) {
    const g = [0, 0, 0];
    for (let j = 0; j < m; j++) {
      const w = Math.exp(-sqdist(x, i, y, j) / (2 * SIGMA * SIGMA)) * b[j] / (SIGMA * SIGMA);
      for (let d = 0; d < D; d++) g[d] -= w * (x[i * D + d] - y[j * D + d]);
    }
    for (let d = 0; d < D; d++) {
      maxRef = Math.max(maxRef, Math.abs(g[d]));
      maxAbsError = Math.max(maxAbsError, Math.abs(X.grad.data[i * D + d] - g[d]));
    }
  }
  return { n, m, shape: X.grad.shape, relError: maxAbsError / maxRef };
}

/** A deliberately wrong-shaped call: 3-D points against 2-D points. */
async function shapeError() {
  try {
    await Vi(tensor(cloud(10, 3), [10, 3])).sqdist(Vj(tensor(cloud(20, 2), [20, 2]))).sum(1);
  } catch (e) {
    return {
      name: e?.name, instanceofShapeError: e instanceof ShapeError, instanceofLazyKernelError: e instanceof LazyKernelError,
      instanceofError: e instanceof Error, message: String(e?.message).slice(0, 300),
    };
  }
  return { name: null, message: 'no error was thrown' };
}

/** Rows of the long reduction (M = 30000 columns) for about `targetMs`, from a timed run of `rows` rows. */
async function sizeLongRun(targetMs) {
  if (params.has('n')) return { n: Number(params.get('n')), m: 30000, calibration: null };
  const m = 30000, rows = 2000;
  const x = cloud(rows, D), y = cloud(m, D);
  await gaussian(x, y, rows, m).sum(1); // the pool and the inputs warm
  const t0 = performance.now();
  await gaussian(x, y, rows, m).sum(1);
  const ms = Math.max(performance.now() - t0, 1);
  const n = Math.round(Math.min(Math.max(rows * targetMs / ms, 2000), 400000));
  return { n, m, calibration: { rows, ms: Math.round(ms) } };
}

/** 10 ms interval ticks that fire during a ~2 s reduction, against duration / 10. */
async function responsiveness(size) {
  const { n, m } = size;
  const x = cloud(n, D), y = cloud(m, D);
  const K = gaussian(x, y, n, m);
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 10);
  const t0 = performance.now();
  let durationMs;
  try {
    await K.sum(1);
  } finally {
    durationMs = performance.now() - t0;
    clearInterval(timer);
  }
  const expected = durationMs / 10;
  return { n, m, durationMs: Math.round(durationMs), ticks, expected: Math.round(expected), ratio: ticks / expected };
}

/** A long reduction aborted by a timer must reject with an AbortError, soon. */
async function abort(size) {
  const { n, m } = size;
  const K = gaussian(cloud(n, D), cloud(m, D), n, m);
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => { abortedAt = performance.now(); controller.abort(); }, 100);
  const t0 = performance.now();
  try {
    await K.sum(1, { signal: controller.signal });
    return { name: null, message: `finished in ${Math.round(performance.now() - t0)} ms without rejecting` };
  } catch (e) {
    const now = performance.now();
    return {
      name: e?.name, instanceofAbortError: e instanceof AbortError, instanceofLazyKernelError: e instanceof LazyKernelError,
      latencyMs: abortedAt ? Math.round(now - abortedAt) : null, message: String(e?.message).slice(0, 300),
    };
  }
}

/**
 * ?assetBase=: configure({ assetBase }) and start the engine (engineInfo() and a small
 * reduction). A folder without the engine's files must give a typed error, soon; a folder with
 * them must work like the default (the other steps run then).
 */
async function startWithAssetBase(assetBase) {
  const t0 = performance.now();
  const attempt = (async () => {
    configure({ assetBase });
    const info = await engineInfo();
    const x = cloud(64, D);
    await gaussian(x, x, 64, 64).sum(1);
    return info;
  })();
  const outcome = await Promise.race([
    attempt.then((info) => ({ info }), (e) => ({ error: e })),
    sleep(15000).then(() => ({ timedOut: true })),
  ]);
  const ms = Math.round(performance.now() - t0);
  if (outcome.info) return { started: true, ms, threads: outcome.info.threads, mode: outcome.info.mode, reasons: outcome.info.reasons };
  if (outcome.timedOut) return { started: false, name: null, ms, message: 'no answer within 15 s' };
  const e = outcome.error;
  return {
    started: false, name: e?.name, instanceofBackendError: e instanceof BackendError, instanceofLazyKernelError: e instanceof LazyKernelError,
    ms, message: String(e?.message).slice(0, 500),
  };
}

async function engine() {
  const info = await engineInfo();
  return {
    mode: info.mode, threads: info.threads, memory: info.memory ?? null, simd: info.simd, reasons: info.reasons,
    crossOriginIsolated: self.crossOriginIsolated === true, hardwareConcurrency: navigator.hardwareConcurrency,
  };
}

async function main() {
  document.body.dataset.state = 'running';
  const t0 = performance.now();
  const assetBase = params.get('assetBase');
  let started = true;
  if (assetBase !== null) await step('assetBase', async () => {
    const r = await startWithAssetBase(assetBase);
    started = r.started;
    return r;
  });
  if (started) {
    await step('engineInfo', engine);
    await step('gaussianSum', gaussianSum);
    await step('argKmin', argKmin);
    await step('gradient', gradient);
    await step('shapeError', shapeError);
    let size = null;
    await step('sizing', async () => (size = await sizeLongRun(2000)));
    if (size) {
      await step('responsiveness', () => responsiveness(size));
      await step('abort', () => abort(size));
    }
  }
  result.totalMs = Math.round(performance.now() - t0);
  show();
  window.appResult = result;
  document.body.dataset.state = result.errors.length ? 'error' : 'done';
}

main().catch((e) => {
  result.errors.push(`main: ${describeError(e)}`);
  window.appResult = result;
  document.body.dataset.state = 'error';
});
