// Soak test: 10^5 mixed calls at small random sizes (N = 1, M not a multiple of 4 / 16 / 64,
// float32 and float64), each checked against the float64 oracle (backend: 'oracle'):
// reductions over axis 0 and 1 (sum, min, max, logsumexp, weighted logsumexp, sumsoftmaxweight,
// argmin, argmax, min/max with their arguments, Kmin, argKmin), gradients, aborts before and
// during calls, linear-operator matvecs; and, rarely, configure() changes (rowLanes,
// poolThreshold, cacheBytes; some while calls are in flight) and shutdown(). Now and then a
// batch runs under a small configure({ blockBytes }) (64 KiB to 2 MiB, then back to the
// default): its problems have more input than that, so that their reductions stream through
// the engine heap in blocks (src/engine/blocked-reduce.ts); the run counts them and must see
// some. Calls run in concurrent batches. Memory must stay flat: the process RSS and the wasm
// heap's live bytes (engine.heap.used less the input cache's bytes) at the end against the
// start (after warm-up).
//
// Replay: LAZYKERNEL_SOAK_SEED=<seed> (or LAZYKERNEL_FUZZ_SEED, which pins both fuzzers) gives the
// same batches and cases; LAZYKERNEL_SOAK_CALLS=<n> more or fewer calls.
import { test } from 'uvu';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, AbortError, MemoryLimitError, configure, engineInfo, shutdown, aslinearoperator } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { WasmEngine } from '../build/src/engine/wasm-engine.js';
import { Rng } from './helpers/random.mjs';
import { findMismatch, describeMismatch } from './helpers/compare.mjs';

const env = process.env;
const SEED_TEXT = env.LAZYKERNEL_SOAK_SEED ?? env.LAZYKERNEL_FUZZ_SEED;
const SEED = SEED_TEXT !== undefined ? Number(SEED_TEXT) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const CALLS = env.LAZYKERNEL_SOAK_CALLS !== undefined ? Number(env.LAZYKERNEL_SOAK_CALLS) : 100000;
/** Growth allowed between the start (after warm-up) and the end of the run. */
const RSS_GROWTH_LIMIT = 64 * 2 ** 20;
const MAX_FAILURES = 30;
/** Relative tolerances against the oracle, on the sum of |terms| (or the value for min / max). */
const RTOL = { float32: 3e-5, float64: 1e-12 };
const GRAD_RTOL = { float32: 6e-5, float64: 1e-11 };
/** Growth of the JS heap (after a full collection) allowed between the start and the end. */
const JS_HEAP_GROWTH_LIMIT = 16 * 2 ** 20;
/**
 * Engine memory per reduction in the streamed batches. An engine thread's scratch alone takes
 * 36-330 KiB for these formulas (its registers for a tile of 256 columns; a gradient's up to
 * 1 MiB), and the engine refuses a reduction whose scratch, for every thread, needs more than
 * half of blockBytes: the small budgets mostly test that refusal, the larger ones the streaming.
 * Ordinary batches keep the default, under which all their calls must run.
 */
const SMALL_BLOCK_BYTES = [65536, 131072, 262144, 524288, 524288, 524288, 2 ** 20, 2 ** 20, 2 ** 21];
const envBlockBytes = Number(env.LAZYKERNEL_BLOCK_BYTES);
const DEFAULT_BLOCK_BYTES = Number.isSafeInteger(envBlockBytes) && envBlockBytes >= 65536 && envBlockBytes <= 2 ** 32 ? envBlockBytes : 2 ** 30;
/**
 * Point pairs of a streamed batch's problem at most: the oracle checks every one. Its time goes
 * with the coordinates (~50 ms for a 2 MiB problem), which the budget sets.
 */
const WIDE_PAIRS = 25000;

// The stats of every engine the run starts (configure() and shutdown() replace the engine, and
// its counters with it): the run's count of streamed reductions is their sum. A stats object
// does not keep its engine alive.
const engineStats = [];
const createEngine = WasmEngine.create;
WasmEngine.create = async function create(...args) {
  const engine = await createEngine.apply(this, args);
  engineStats.push(engine.stats);
  return engine;
};
const streamedSoFar = () => engineStats.reduce((sum, s) => sum + s.streamed, 0);

function caseRng(seed, index) {
  return new Rng(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1));
}

// ------------------------------------------------------------------------------------------------
// Random small problems
// ------------------------------------------------------------------------------------------------

/**
 * A row count: 1 often, small mostly, sometimes around a multiple of 4 / 16 / 64, rarely a few
 * hundred (the oracle's cost bounds the sizes: it takes most of the run's time).
 */
function rows(rng) {
  const r = rng.next();
  if (r < 0.15) return 1;
  if (r < 0.8) return rng.int(2, 16);
  if (r < 0.98) return rng.pick([3, 5, 7, 15, 17, 31, 33, 63, 65, 67]);
  return rng.pick([127, 129, rng.int(130, 300)]);
}

function data(rng, dtype, n, lo = -1, hi = 1) {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = rng.uniform(lo, hi);
  return out;
}

/** A problem: points X [N, D], Y [M, D], weights B [M, E] (positive or signed), a bandwidth g. */
function problem(rng) {
  const dtype = rng.bool() ? 'float32' : 'float64';
  let N = rows(rng);
  let M = rows(rng);
  let D = rng.int(1, 3);
  if (rng.bool(0.007)) {
    // inputs of 16 KiB and more go through the engine's input cache
    [N, M, D] = [rng.int(1, 3), rng.int(683, 760), 3];
  }
  if (N * M > 2500) N = Math.max(1, Math.floor(2500 / M)); // keeps the oracle cheap
  const E = rng.pick([1, 1, 2, 3]);
  const signed = rng.bool(0.3);
  const p = { dtype, N, M, D, E, g: rng.pick([0.25, 0.5, 1, 2]), signed };
  p.x = data(rng, dtype, N * D);
  p.y = data(rng, dtype, M * D);
  p.b = data(rng, dtype, M * E, signed ? -1 : 0.1, 1);
  p.w = data(rng, dtype, M, 0.1, 1); // weights of the weighted logsumexp, over j
  p.wi = data(rng, dtype, N, 0.1, 1); // the same over i (axis 0)
  p.desc = `${dtype} N=${N} M=${M} D=${D} E=${E} g=${p.g}${signed ? ' signed B' : ''}`;
  return p;
}

/**
 * A problem whose inputs need more than `blockBytes` of engine memory: j-points enough for that
 * (their dimension raised rather than their number where the oracle's pairs would be too many),
 * against 1-3 i-points, or now and then 17-40 (several row blocks).
 */
function wideProblem(rng, blockBytes) {
  const dtype = rng.bool() ? 'float32' : 'float64';
  const esz = dtype === 'float32' ? 4 : 8;
  const bytes = blockBytes * rng.uniform(1.05, 1.4);
  const D = Math.min(16, Math.max(rng.int(3, 8), Math.ceil(bytes / (esz * WIDE_PAIRS))));
  const M = Math.ceil(bytes / (D * esz));
  const N = Math.max(1, Math.min(rng.bool(0.8) ? rng.int(1, 3) : rng.int(17, 40), Math.floor(WIDE_PAIRS / M)));
  const E = rng.pick([1, 2, 3]);
  const signed = rng.bool(0.3);
  // a smaller bandwidth: in dimension up to 16 the Gaussian would vanish
  const p = { dtype, N, M, D, E, g: rng.pick([0.05, 0.1, 0.25]), signed, wide: true };
  p.x = data(rng, dtype, N * D);
  p.y = data(rng, dtype, M * D);
  p.b = data(rng, dtype, M * E, signed ? -1 : 0.1, 1);
  p.w = data(rng, dtype, M, 0.1, 1);
  p.wi = data(rng, dtype, N, 0.1, 1);
  p.desc = `${dtype} N=${N} M=${M} D=${D} E=${E} g=${p.g}${signed ? ' signed B' : ''}, blockBytes ${blockBytes}`;
  return p;
}

function tensors(p, grad = {}) {
  return {
    X: tensor(p.x, [p.N, p.D], { requiresGrad: !!grad.X }),
    Y: tensor(p.y, [p.M, p.D], { requiresGrad: !!grad.Y }),
    B: tensor(p.b, [p.M, p.E], { requiresGrad: !!grad.B }),
  };
}

/** Squared distance between point i of X and point j of Y, in float64 from the stored values. */
function d2(p, i, j) {
  let s = 0;
  for (let c = 0; c < p.D; c++) s += (p.x[i * p.D + c] - p.y[j * p.D + c]) ** 2;
  return s;
}

/**
 * Scales of the tolerances: sum over the reduced axis of |term(i, j, e)| (float64, here), for
 * results that may cancel; `term` gets (i, j, e) and the output has `width` columns.
 */
function absSums(p, axis, width, term) {
  const nOut = axis === 1 ? p.N : p.M;
  const out = new Float64Array(nOut * width);
  for (let i = 0; i < p.N; i++) {
    for (let j = 0; j < p.M; j++) {
      const row = axis === 1 ? i : j;
      for (let e = 0; e < width; e++) out[row * width + e] += Math.abs(term(i, j, e));
    }
  }
  return out;
}

const kernel = (p, i, j) => Math.exp(-p.g * d2(p, i, j));

// ------------------------------------------------------------------------------------------------
// Checks against the oracle
// ------------------------------------------------------------------------------------------------

function mismatch(actual, expected, opts, label) {
  if (actual.shape.join() !== expected.shape.join()) return `${label}: shape [${actual.shape}], the oracle's [${expected.shape}]`;
  const m = findMismatch(actual, expected, opts);
  return m ? describeMismatch(m, actual, expected, label) : null;
}

/**
 * Index results: every returned index must point at a pair whose value (computed here in
 * float64) is the oracle's value for that slot, within `atol`; -1 exactly where the oracle has
 * no value (K larger than the reduced axis); no index twice in a row.
 */
function indexMismatch(idx, oracleValues, oracleIdx, pairValue, width, atol, label) {
  if (idx.shape.join() !== oracleIdx.shape.join()) return `${label}: shape [${idx.shape}], the oracle's [${oracleIdx.shape}]`;
  const a = idx.data;
  const rowsOut = a.length / width;
  for (let r = 0; r < rowsOut; r++) {
    const seen = new Set();
    for (let s = 0; s < width; s++) {
      const k = r * width + s;
      const want = oracleIdx.data[k];
      if (want === -1 || a[k] === -1) {
        if (want !== a[k]) return `${label}: row ${r} slot ${s}: index ${a[k]}, the oracle's ${want}`;
        continue;
      }
      if (seen.has(a[k])) return `${label}: row ${r}: index ${a[k]} twice`;
      seen.add(a[k]);
      const v = pairValue(r, a[k]);
      const e = oracleValues.data[k];
      if (!(Math.abs(v - e) <= atol)) return `${label}: row ${r} slot ${s}: index ${a[k]} has value ${v}, the oracle's slot value is ${e} (index ${want})`;
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------------
// The calls
// ------------------------------------------------------------------------------------------------

const VALUE_REDUCTIONS = ['sum', 'sum', 'vecsum', 'logsumexp', 'wlogsumexp', 'softmax', 'min', 'max'];
const INDEX_REDUCTIONS = ['argmin', 'argmax', 'minArgmin', 'maxArgmax', 'Kmin', 'argKmin', 'KminArgKmin'];

/**
 * One reduction of a random problem, checked against the oracle; returns a failure or null
 * (`signal`: an AbortSignal for the engine call, `abortAfterStart`: fires it after the call;
 * `blockBytes`: a wide problem for that small budget, which the engine may refuse; `force`:
 * { kind, axis } in place of the drawn ones).
 */
async function reductionCall(rng, stats, { signal, abortAfterStart, blockBytes, force } = {}) {
  const p = blockBytes ? wideProblem(rng, blockBytes) : problem(rng);
  const drawnAxis = rng.int(0, 1);
  const axis = force?.axis ?? drawnAxis;
  const { X, Y, B } = tensors(p);
  const x = Vi(X);
  const y = Vj(Y);
  const D2 = x.sqdist(y);
  const K = D2.mul(-p.g).exp();
  const rtol = RTOL[p.dtype];
  const reduced = axis === 1 ? p.M : p.N;
  const options = signal ? { signal } : undefined;
  const drawnKind = rng.bool(0.3) ? rng.pick(INDEX_REDUCTIONS) : rng.pick(VALUE_REDUCTIONS);
  const kind = force?.kind ?? drawnKind;
  const label = `${kind} axis ${axis}, ${p.desc}`;
  let run;
  let check;
  switch (kind) {
    case 'sum': {
      // sum_j K_ij B_j: with signed B the result may cancel; the tolerance is on sum |terms|
      const F = K.mul(Vj(B));
      run = (o) => F.sum(axis, o);
      check = async (out) => {
        const ref = await F.sum(axis, { backend: 'oracle' });
        const scale = p.signed ? absSums(p, axis, p.E, (i, j, e) => kernel(p, i, j) * p.b[j * p.E + e]) : ref;
        return mismatch(out, ref, { rtol, scale, atol: 1e-300 }, label);
      };
      break;
    }
    case 'vecsum': {
      // a vector formula with cancellations: (x_i - y_j) K_ij
      const F = x.sub(y).mul(K);
      run = (o) => F.sum(axis, o);
      check = async (out) => {
        const ref = await F.sum(axis, { backend: 'oracle' });
        const scale = absSums(p, axis, p.D, (i, j, c) => (p.x[i * p.D + c] - p.y[j * p.D + c]) * kernel(p, i, j));
        return mismatch(out, ref, { rtol, scale, atol: 1e-300 }, label);
      };
      break;
    }
    case 'logsumexp':
    case 'wlogsumexp': {
      const F = D2.mul(-p.g);
      const weighted = kind === 'wlogsumexp';
      const W = weighted ? (axis === 1 ? Vj(tensor(p.w, [p.M, 1])) : Vi(tensor(p.wi, [p.N, 1]))) : null;
      run = (o) => F.logsumexp(axis, weighted ? { ...o, weight: W } : o);
      // |F| <= 4 D g (12 g for D <= 3): the error of the log is about rtol (|F| + 1)
      check = async (out) => mismatch(out, await F.logsumexp(axis, weighted ? { backend: 'oracle', weight: W } : { backend: 'oracle' }), { rtol, atol: rtol * (Math.max(12, 4 * p.D) * p.g + 2) }, label);
      break;
    }
    case 'softmax': {
      const F = D2.mul(-p.g);
      const V = axis === 1 ? Vj(B) : Vi(tensor(data(rng, p.dtype, p.N * p.E), [p.N, p.E]));
      run = (o) => F.sumsoftmaxweight(V, axis, o);
      // a convex combination of values in [-1, 1]
      check = async (out) => mismatch(out, await F.sumsoftmaxweight(V, axis, { backend: 'oracle' }), { rtol, atol: rtol * (Math.max(12, 4 * p.D) * p.g + 2) }, label);
      break;
    }
    case 'min':
    case 'max': {
      const F = rng.bool() ? D2 : D2.mul(-p.g).exp();
      run = (o) => F[kind](axis, o);
      check = async (out) => mismatch(out, await F[kind](axis, { backend: 'oracle' }), { rtol, atol: rtol * 4 * p.D }, label);
      break;
    }
    default: {
      // index reductions on the squared distance
      const k = kind.startsWith('K') || kind === 'argKmin' ? rng.pick(p.wide ? [1, 2, 3, 5] : [1, 2, 3, 5, reduced, reduced + 2]) : 0;
      const slots = k || 1;
      const atol = rtol * 8 * p.D;
      const pairValue = (row, col) => (axis === 1 ? d2(p, row, col) : d2(p, col, row));
      const isMax = kind === 'argmax' || kind === 'maxArgmax';
      const call = (o) => (k ? D2[kind](k, axis, o) : D2[kind](axis, o));
      run = call;
      check = async (out) => {
        const [refValues, refIdx] = k ? await D2.KminArgKmin(k, axis, { backend: 'oracle' }) : await D2[isMax ? 'maxArgmax' : 'minArgmin'](axis, { backend: 'oracle' });
        if (kind === 'Kmin') return mismatch(out, refValues, { rtol, atol }, label);
        if (kind === 'argmin' || kind === 'argmax' || kind === 'argKmin') return indexMismatch(out, refValues, refIdx, pairValue, slots, atol, label);
        const [values, idx] = out;
        return mismatch(values, refValues, { rtol, atol }, `${label} (values)`) ?? indexMismatch(idx, refValues, refIdx, pairValue, slots, atol, `${label} (indices)`);
      };
    }
  }
  const promise = run(options);
  if (abortAfterStart) abortAfterStart();
  let out;
  try {
    out = await promise;
  } catch (e) {
    if (signal?.aborted && e instanceof AbortError) {
      stats.aborted++;
      return null;
    }
    // Under a small budget the engine refuses, before any work, what does not fit its scratch.
    if (p.wide && e instanceof MemoryLimitError && /one reduction may use/.test(e.message)) {
      stats.refused++;
      return null;
    }
    return `${label}: ${e?.constructor?.name}: ${e?.message}${signal ? ` (signal aborted: ${signal.aborted})` : ''}`;
  }
  if (signal?.aborted && abortAfterStart === undefined) return `${label}: resolved although its signal was aborted before the call`;
  stats.reductions++;
  return check(out);
}

/** Gradients of a Gaussian sum with respect to X, Y and / or B, against the oracle's. */
async function gradientCall(rng, stats) {
  const p = problem(rng);
  const axis = rng.int(0, 1);
  const want = { X: rng.bool(0.7), Y: rng.bool(0.5), B: rng.bool(0.4) };
  if (!want.X && !want.Y && !want.B) want.X = true;
  const label = `gradient of the Gaussian sum, axis ${axis}, wrt ${Object.keys(want).filter((k) => want[k]).join(' ')}, ${p.desc}`;
  const nOut = axis === 1 ? p.N : p.M;
  const seed = data(rng, p.dtype, nOut * p.E);
  const grads = async (backend) => {
    const t = tensors(p, want);
    const out = await Vi(t.X).sqdist(Vj(t.Y)).mul(-p.g).exp().mul(Vj(t.B)).sum(axis, backend ? { backend } : undefined);
    await out.backward(seed);
    return t;
  };
  let got;
  try {
    got = await grads();
  } catch (e) {
    return `${label}: ${e?.constructor?.name}: ${e?.message}`;
  }
  const ref = await grads('oracle');
  stats.gradients++;
  // Per-element scales: the sums of |terms| of each gradient, in float64 here.
  const sX = new Float64Array(p.N * p.D);
  const sY = new Float64Array(p.M * p.D);
  const sB = new Float64Array(p.M * p.E);
  for (let i = 0; i < p.N; i++) {
    for (let j = 0; j < p.M; j++) {
      const k = Math.exp(-p.g * d2(p, i, j));
      const row = axis === 1 ? i : j;
      let kbe = 0;
      for (let e = 0; e < p.E; e++) {
        kbe += Math.abs(k * p.b[j * p.E + e] * seed[row * p.E + e]);
        sB[j * p.E + e] += Math.abs(k * seed[row * p.E + e]);
      }
      for (let c = 0; c < p.D; c++) {
        const t = 2 * p.g * Math.abs(p.x[i * p.D + c] - p.y[j * p.D + c]) * kbe;
        sX[i * p.D + c] += t;
        sY[j * p.D + c] += t;
      }
    }
  }
  const rtol = GRAD_RTOL[p.dtype];
  for (const [name, scale] of [['X', sX], ['Y', sY], ['B', sB]]) {
    if (!want[name]) continue;
    const g = got[name].grad;
    const r = ref[name].grad;
    if (!g || !r) return `${label}: ${name}.grad is ${g} (the oracle's ${r})`;
    const m = mismatch(g, r, { rtol, scale, atol: 1e-300 }, `${label}: ${name}.grad`);
    if (m) return m;
  }
  return null;
}

/** K's matvec through a LinearOperator (one reduction), against the oracle's reduction. */
async function matvecCall(rng, stats) {
  const p = problem(rng);
  const { X, Y } = tensors(p);
  const K = Vi(X).sqdist(Vj(Y)).mul(-p.g).exp();
  const op = aslinearoperator(K);
  const v = data(rng, p.dtype, p.M);
  const label = `matvec of the Gaussian kernel, ${p.desc}`;
  let out;
  try {
    out = await op.matvec(v);
  } catch (e) {
    return `${label}: ${e?.constructor?.name}: ${e?.message}`;
  }
  stats.reductions++;
  const V = tensor(v, [p.M, 1]);
  const ref = await K.mul(Vj(V)).sum(1, { backend: 'oracle' });
  const scale = absSums(p, 1, 1, (i, j) => kernel(p, i, j) * v[j]);
  return mismatch(tensor(Float64Array.from(out.data), [p.N, 1]), ref, { rtol: RTOL[p.dtype], scale, atol: 1e-300 }, label);
}

/**
 * Call number `index` of a streamed batch (under configure({ blockBytes })): a wide reduction,
 * perhaps aborted (`force`: its kind and axis, and no abort).
 */
function streamedCall(index, stats, blockBytes, force) {
  const rng = caseRng(SEED, index);
  stats.wide++;
  if (force) return reductionCall(rng, stats, { blockBytes, force });
  if (rng.bool(0.15)) {
    stats.aborts++;
    const ac = new AbortController();
    const when = rng.pick(['microtask', 'immediate', 'timeout']);
    const abortAfterStart = () => {
      if (when === 'microtask') queueMicrotask(() => ac.abort());
      else if (when === 'immediate') setImmediate(() => ac.abort());
      else setTimeout(() => ac.abort(), rng.int(0, 3));
    };
    return reductionCall(rng, stats, { signal: ac.signal, abortAfterStart, blockBytes });
  }
  return reductionCall(rng, stats, { blockBytes });
}

/** Runs call number `index`: a reduction (perhaps with an abort), a gradient or a matvec. */
function oneCall(index, stats) {
  const rng = caseRng(SEED, index);
  const r = rng.next();
  if (r < 0.07) return gradientCall(rng, stats);
  if (r < 0.1) return matvecCall(rng, stats);
  if (r < 0.14) {
    // aborted before the call: must reject with an AbortError, before any work
    stats.aborts++;
    const ac = new AbortController();
    ac.abort();
    return reductionCall(rng, stats, { signal: ac.signal });
  }
  if (r < 0.22) {
    // aborted at a random moment after the call: a correct result or an AbortError
    stats.aborts++;
    const ac = new AbortController();
    const when = rng.pick(['sync', 'microtask', 'immediate', 'timeout']);
    const abortAfterStart = () => {
      if (when === 'sync') ac.abort();
      else if (when === 'microtask') queueMicrotask(() => ac.abort());
      else if (when === 'immediate') setImmediate(() => ac.abort());
      else setTimeout(() => ac.abort(), 0);
    };
    return reductionCall(rng, stats, { signal: ac.signal, abortAfterStart });
  }
  if (r < 0.26) return reductionCall(rng, stats, { signal: new AbortController().signal });
  return reductionCall(rng, stats);
}

// ------------------------------------------------------------------------------------------------

// A full garbage collection before each memory sample, so that garbage awaiting collection
// does not count as growth (Node exposes gc() to a new context once the flag is set).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** The process's memory after a full collection (twice: finalizers free wasm copies in between). */
async function memorySample() {
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, js: m.heapUsed, external: m.external };
}

/**
 * Live wasm heap bytes (less cached inputs), once settled: after an abort on the pool the
 * reduction's blocks are released only when its workers have stopped (a few ms later), so a
 * sample waits up to 1 s for them to come back to zero.
 */
async function heapLive() {
  let sample;
  for (let k = 0; k < 50; k++) {
    const engine = await getWasmEngine();
    sample = { live: engine.heap.used - engine.cache.bytes, cache: engine.cache.bytes, size: engine.heap.memory.buffer.byteLength };
    if (sample.live === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return sample;
}

test('soak: 10^5 mixed calls agree with the oracle, with configure / shutdown / aborts between them, memory flat', async () => {
  const info = await engineInfo();
  const defaults = { threads: info.threads, poolThreshold: info.poolThreshold, rowLanes: info.rowLanes, cacheBytes: 256 * 2 ** 20, blockBytes: DEFAULT_BLOCK_BYTES };
  const rng = new Rng(SEED);
  const stats = { reductions: 0, gradients: 0, aborts: 0, aborted: 0, configures: 0, configuresInFlight: 0, shutdowns: 0, streamedBatches: 0, wide: 0, refused: 0 };
  // A budget under which a Gaussian sum over j of a wide problem streams whatever the threads:
  // every thread's scratch (under 180 KiB for it) within half of it.
  const sureBytes = 2 ** Math.ceil(Math.log2((defaults.threads + 1) * 2 ** 19));
  // The rowLanes setting in force: a streamed batch sets its own (a row-lanes run never streams) and puts it back.
  let rowLanesNow = defaults.rowLanes;
  const failures = [];
  const t0 = performance.now();
  const warmUpCalls = Math.min(2000, Math.floor(CALLS / 10));
  let start = null;
  let index = 0;
  let batches = 0;
  while (index < CALLS && failures.length < MAX_FAILURES) {
    // Between batches, rarely: new engine settings, or a shutdown (the next call restarts it).
    if (index >= warmUpCalls && rng.bool(1 / 150)) {
      const change = rng.pick([
        { rowLanes: rng.pick(['auto', 'always', 'never']) },
        { poolThreshold: rng.pick([0, 1e4, defaults.poolThreshold]) },
        { cacheBytes: rng.pick([0, 65536, defaults.cacheBytes]) },
        { rowLanes: rng.pick(['auto', 'always']), poolThreshold: rng.pick([0, defaults.poolThreshold]) },
      ]);
      configure(change);
      if (change.rowLanes) rowLanesNow = change.rowLanes;
      stats.configures++;
    } else if (index >= warmUpCalls && rng.bool(1 / 1500)) {
      await shutdown();
      stats.shutdowns++;
    }
    // A streamed batch: a few wide problems under a small blockBytes (row lanes 'auto' or
    // 'never'), then the default budget and the rowLanes setting again. The first comes halfway
    // through the warm-up, under a budget where its first call (a Gaussian sum over j) streams
    // for sure; the others rarely, after the warm-up.
    const first = stats.streamedBatches === 0 && index >= Math.floor(warmUpCalls / 2);
    const streamedBytes = first ? sureBytes : index >= warmUpCalls && rng.bool(1 / 600) ? rng.pick(SMALL_BLOCK_BYTES) : 0;
    if (streamedBytes) {
      configure({ blockBytes: streamedBytes, rowLanes: rng.pick(['auto', 'never']) });
      stats.streamedBatches++;
    }
    const size = Math.min(CALLS - index, streamedBytes ? rng.int(2, 6) : rng.int(1, 24));
    const jobs = [];
    for (let k = 0; k < size; k++) {
      const i = index++;
      const call = streamedBytes ? streamedCall(i, stats, streamedBytes, first && k === 0 ? { kind: 'sum', axis: 1 } : undefined) : oneCall(i, stats);
      jobs.push(call.then((failure) => failure && `[call ${i}] ${failure}`, (e) => `[call ${i}] the soak's own code threw ${e?.constructor?.name}: ${e?.stack}`));
    }
    // Rarely, settings change while the batch runs (configure() during reductions): at once, or
    // after a turn of the event loop, when some calls of the batch have reached the engine.
    if (index >= warmUpCalls && !streamedBytes && rng.bool(1 / 400)) {
      const change = { rowLanes: rng.pick(['auto', 'always', 'never']), poolThreshold: rng.pick([0, defaults.poolThreshold]) };
      rowLanesNow = change.rowLanes;
      const when = rng.pick(['now', 'immediate', 'timeout']);
      const later = (schedule) => jobs.push(new Promise((resolve) => schedule(() => resolve(configure(change)))).then(() => null));
      if (when === 'now') configure(change);
      else if (when === 'immediate') later(setImmediate);
      else later((f) => setTimeout(f, rng.int(0, 2)));
      stats.configuresInFlight++;
    }
    for (const f of await Promise.all(jobs)) if (f) failures.push(f);
    if (streamedBytes) configure({ blockBytes: defaults.blockBytes, rowLanes: rowLanesNow });
    batches++;
    if (start === null && index >= warmUpCalls) {
      start = { ...(await memorySample()), heap: await heapLive(), calls: index };
    }
  }
  // Back to the pass's settings, then the end sample.
  configure(defaults);
  await Promise.all(Array.from({ length: 8 }, (_, k) => oneCall(CALLS + k, stats).then((f) => f && failures.push(`[call ${CALLS + k}] ${f}`))));
  const end = { ...(await memorySample()), heap: await heapLive() };
  const streamed = streamedSoFar();
  const seconds = (performance.now() - t0) / 1000;
  const mib = (b) => (b / 2 ** 20).toFixed(1);
  console.log(`soak: seed ${SEED}, ${index} calls in ${batches} batches (${stats.reductions} reductions and matvecs checked, ${stats.gradients} gradients, ${stats.aborts} with an abort of which ${stats.aborted} aborted, ` +
    `${stats.configures} configure() between batches, ${stats.configuresInFlight} during, ${stats.shutdowns} shutdown(); ${stats.streamedBatches} batches of ${stats.wide} wide problems under a small blockBytes, ${stats.refused} refused for memory), ` +
    `${streamed} reductions streamed through the heap in blocks, ${seconds.toFixed(1)} s; ` +
    `RSS ${mib(start?.rss ?? 0)} -> ${mib(end.rss)} MiB, JS heap ${mib(start?.js ?? 0)} -> ${mib(end.js)} MiB, external ${mib(start?.external ?? 0)} -> ${mib(end.external)} MiB, wasm heap live ${start?.heap.live} -> ${end.heap.live} bytes (cache ${end.heap.cache} bytes, memory ${mib(end.heap.size)} MiB)`);
  assert.ok(failures.length === 0, `seed ${SEED}: ${failures.length}${failures.length >= MAX_FAILURES ? '+' : ''} calls failed:\n${failures.slice(0, 12).join('\n')}\n` +
    `replay: LAZYKERNEL_SOAK_SEED=${SEED} node node_modules/uvu/bin.js test fuzz-soak`);
  assert.ok(start !== null, 'the run reached the end of its warm-up');
  assert.ok(streamed > 0, `seed ${SEED}: no reduction streamed through the heap in blocks (${stats.streamedBatches} batches under a small blockBytes, ${stats.wide} wide problems, ${stats.refused} refused)`);
  assert.ok(end.rss - start.rss < RSS_GROWTH_LIMIT, `seed ${SEED}: RSS grew by ${mib(end.rss - start.rss)} MiB (from ${mib(start.rss)} after ${start.calls} calls to ${mib(end.rss)}), more than ${mib(RSS_GROWTH_LIMIT)} MiB`);
  assert.ok(end.js - start.js < JS_HEAP_GROWTH_LIMIT, `seed ${SEED}: the JS heap grew by ${mib(end.js - start.js)} MiB after a full collection (from ${mib(start.js)} to ${mib(end.js)}), more than ${mib(JS_HEAP_GROWTH_LIMIT)} MiB`);
  assert.ok(end.heap.live <= start.heap.live, `seed ${SEED}: wasm heap bytes in use (less cached inputs) went from ${start.heap.live} to ${end.heap.live}`);
  assert.ok(end.heap.cache <= defaults.cacheBytes, `seed ${SEED}: the input cache holds ${end.heap.cache} bytes`);
  assert.ok(end.heap.size <= 64 * 2 ** 20, `seed ${SEED}: wasm memory grew to ${mib(end.heap.size)} MiB`);
});

test.run();
