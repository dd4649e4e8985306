// The oracle suite on WebGPU, for any runtime that has navigator.gpu and serves the repository
// as ES modules (Deno with Mesa's llvmpipe, headless Chromium with SwiftShader): the op-table
// loop, every reduction at several sizes on both axes with special values, K-min, long sums,
// block-sparse ranges, chunked inputs, the input cache, gradients, the backend policy and the
// fallbacks, imagesLoss / imagesBarycenter, and a few hundred random formulas; backend 'webgpu'
// against backend 'oracle'.
// runGpuChecks() returns { ok, adapter, sections: [{ name, cases, failures, worst, ms }] }.
//
// Tolerances (float32; relative to max(|expected|, scale), scale as in the wasm suites: the
// sum of |terms| for sums, the largest |term| (+1 for logsumexp) for logsumexp / min / max):
// OP_RTOL below per op, REDUCTION_RTOL for the reductions; indices exact on tied integer data.
import {
  tensor, Vi, Vj, Pm, LazyTensor, configureGpu, webgpuInfo, BackendError, AbortError,
  imagesLoss, imagesBarycenter, samplesLoss, transportPlan, aslinearoperator, identity, eigsh, cg, DTypeError,
} from '../../build/src/index.js';
import { OP_TABLE } from '../../build/src/formula/op-table.js';
import { apply } from '../../build/src/formula/build.js';
import { binaryOps } from '../../build/src/formula/ops/binary.js';
import { ternaryOps } from '../../build/src/formula/ops/ternary.js';
import { PairEvaluator } from '../../build/src/oracle/evaluate.js';
import { currentGpuEngine, defaultAutoThreshold } from '../../build/src/api/gpu-choice.js';
import { Rng, randomData } from '../helpers/random.mjs';
import { runRandomFormulas } from './gpu-random.mjs';

/** Columns per staged j-tile of the WebGPU kernels (gpu/wgsl.ts WORKGROUP). */
const T = 64;
const WEBGPU = { backend: 'webgpu' };
const ORACLE = { backend: 'oracle' };

/**
 * Per-op relative tolerances of the op-table loop (float32, sums over 67 or 5 terms). The wasm
 * suite uses 1e-5 for every op in float32; the WGSL built-ins exp and log are allowed more
 * error (WGSL: exp within 3 + 2|x| ulp, log 3 ulp or 2^-21 absolute near 1), and so are the ops
 * built on them.
 */
export const OP_RTOL = {
  default: 1e-5,
  Exp: 2e-5,
  Log: 2e-5,
  Powf: 4e-5,
};
/** Reductions: sums, logsumexp and softmax sums against the oracle (float32). */
export const REDUCTION_RTOL = 2e-5;

// ------------------------------------------------------------------------------------------------
// comparison
// ------------------------------------------------------------------------------------------------

function dataOf(x) {
  return x && typeof x === 'object' && 'data' in x && 'shape' in x ? x.data : x;
}

/** First element where actual and expected differ (NaN only matches NaN, infinities exactly). */
function mismatch(actual, expected, { rtol = 0, atol = 0, scale } = {}, stats = null) {
  const a = dataOf(actual);
  const e = dataOf(expected);
  const sc = scale && typeof scale === 'object' ? dataOf(scale) : scale;
  if (a.length !== e.length) return `length ${a.length} differs from the expected ${e.length}`;
  for (let k = 0; k < e.length; k++) {
    const x = a[k];
    const y = e[k];
    if (Number.isNaN(y) || Number.isNaN(x)) {
      if (Number.isNaN(y) && Number.isNaN(x)) continue;
      return `at ${k}: actual ${x}, expected ${y} (NaN must match NaN)`;
    }
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (x === y) continue;
      return `at ${k}: actual ${x}, expected ${y} (infinities must match exactly)`;
    }
    const s = sc === undefined || sc === null ? 0 : typeof sc === 'number' ? sc : Math.abs(sc[k]);
    const ref = Math.max(Math.abs(y), s);
    if (stats && ref > 0) stats.worst = Math.max(stats.worst, Math.abs(x - y) / ref);
    if (!(Math.abs(x - y) <= atol + rtol * ref)) return `at ${k}: actual ${x}, expected ${y}, |difference| ${Math.abs(x - y)} > ${atol + rtol * ref}`;
  }
  return null;
}

function sameIndices(actual, expected) {
  const a = dataOf(actual);
  const e = dataOf(expected);
  if (a.length !== e.length) return `length ${a.length} differs from the expected ${e.length}`;
  for (let k = 0; k < e.length; k++) if (a[k] !== e[k]) return `index at ${k}: actual ${a[k]}, expected ${e[k]}`;
  return null;
}

/** A section of checks: counts cases, keeps the first failures, times itself. */
class Section {
  constructor(name) {
    this.name = name;
    this.cases = 0;
    this.failures = [];
    this.stats = { worst: 0 };
    this.worstBy = {};
    this.t0 = Date.now();
  }
  check(label, problem) {
    this.cases++;
    if (problem && this.failures.length < 8) this.failures.push(`${label}: ${problem}`);
    else if (problem) this.failures.push('...');
  }
  async guard(label, fn) {
    if (this.log) this.log(`  ${this.name.split(':')[0]}: ${label}`);
    try {
      await fn();
    } catch (e) {
      this.check(label, `${e?.name}: ${e?.message}\n${String(e?.stack ?? '').split('\n').slice(0, 4).join('\n')}`);
    }
  }
  result() {
    return { name: this.name, cases: this.cases, failures: this.failures.slice(0, 9), worst: this.stats.worst, worstBy: this.worstBy, ms: Date.now() - this.t0 };
  }
}

async function gpuStats() {
  return (await webgpuInfo()).stats ?? { reductions: 0, dispatches: 0, uploads: 0, pipelinesCompiled: 0 };
}

// ------------------------------------------------------------------------------------------------
// 1. the op table, reduced by sum over both axes
// ------------------------------------------------------------------------------------------------

const ACCUMULATING = { Sum: [0], Scalprod: [0, 1], WeightedSqNorm: [0, 1], WeightedSqDist: [0], MatVecMult: [0, 1], VecMatMult: [0, 1], TensorDot: [0, 1] };

function seedFor(name) {
  let h = 0x5eed0001;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function categoryVariants(arity) {
  if (arity === 1) return [['i'], ['j'], ['p']];
  const rest = (c) => Array.from({ length: arity - 1 }, () => c);
  // Operands computed before the column loop (i, p), staged per column (all j) and per pair.
  const variants = [['i', ...rest('j')], ['i', ...rest('j').slice(1), 'p'], Array.from({ length: arity }, () => 'j')];
  const seen = new Set();
  return variants.filter((v) => (seen.has(v.join()) ? false : (seen.add(v.join()), true)));
}

/**
 * Every variant of an op (argument dimensions, attributes, Vi / Vj / Pm operands) becomes one
 * piece of a single concatenated formula, so that each op costs one pipeline per axis; each
 * component is compared on its own and a mismatch is reported with its piece's label.
 */
// Pieces per formula: 1 (small shaders compile fastest on the software adapters); more also works.
const PIECES_PER_FORMULA = 1;
/**
 * share { parts, of }: this run checks the pieces of each op whose index modulo `of` is in
 * `parts` (an op with fewer pieces than `of` runs them all), so that two runtimes split the
 * variants between them and each still compiles every op.
 */
async function opTable(log, share = { parts: [0], of: 1 }) {
  const s = new Section(`op table: every op, dimensions 1, 3 (and 7 for vector ops), every attribute, Vi / Vj / Pm operands, sum over both axes${share.of > 1 ? ` (variants ${share.parts.join(', ')} mod ${share.of})` : ''}`);
  const N = 5;
  const M = T + 3;
  for (const [name, spec] of OP_TABLE) {
    const rng = new Rng(seedFor(name));
    const rtol = OP_RTOL[name] ?? OP_RTOL.default;
    const opStats = { worst: 0 };
    const dims = spec.arity >= 2 && !binaryOps.includes(spec) && !ternaryOps.includes(spec) ? [1, 3, 7] : [1, 3];
    const pieces = [];
    for (const d of dims) {
      const argDims = spec.test.argDims(d);
      if (argDims === null) continue;
      for (const attrs of spec.test.attrs ?? [[]]) {
        for (const cats of categoryVariants(spec.arity)) {
          const domains = spec.test.domain ?? [];
          const mk = (cat, dim, domain) => {
            if (cat === 'p') return Pm(tensor(randomData(rng, dim, { dtype: 'float32', domain }), [dim]));
            const rows = cat === 'i' ? N : M;
            const X = tensor(randomData(rng, rows * dim, { dtype: 'float32', domain }), [rows, dim]);
            return cat === 'i' ? Vi(X) : Vj(X);
          };
          const args = argDims.map((ad, k) => mk(cats[k], ad, domains[k] ?? 'any'));
          const cj = mk('j', 1, 'positive');
          const ci = mk('i', 1, 'positive');
          const build = (list) => {
            let F = new LazyTensor(apply(spec.name, list.map((a) => a.node), attrs));
            if (!cats.includes('j')) F = F.mul(cj);
            if (!cats.includes('i')) F = F.mul(ci);
            return F;
          };
          const F = build(args);
          let errF = F;
          const absArgs = ACCUMULATING[name];
          if (absArgs) errF = build(args.map((a, k) => (absArgs.includes(k) ? a.abs() : a)));
          if (name === 'Mod') {
            const [x, n, dd] = args;
            errF = x.abs().add(dd.abs()).add(x.sub(dd).abs()).add(n.abs());
            if (!cats.includes('j')) errF = errF.mul(cj);
            if (!cats.includes('i')) errF = errF.mul(ci);
          }
          pieces.push({ label: `${name}(${cats}) argDims [${argDims}] attrs [${attrs}]`, F, errF });
        }
      }
    }
    const mine = pieces.length < share.of ? pieces : pieces.filter((_, k) => share.parts.includes(k % share.of));
    for (let g = 0; g < mine.length; g += PIECES_PER_FORMULA) await s.guard(name, async () => {
      const group = mine.slice(g, g + PIECES_PER_FORMULA);
      const F = group.slice(1).reduce((acc, p) => acc.concat(p.F), group[0].F);
      const errF = group.slice(1).reduce((acc, p) => acc.concat(p.errF), group[0].errF);
      const owner = group.flatMap((p) => new Array(p.F.dim).fill(p.label));
      for (const axis of [1, 0]) {
        const got = await F.sum(axis, WEBGPU);
        const ref = await F.sum(axis, ORACLE);
        const scale = await errF.abs().sum(axis, ORACLE);
        for (const p of group) s.cases++;
        s.cases--;
        if (got.dtype !== 'float32') s.check(`${name} sum(${axis})`, `dtype ${got.dtype}`);
        const problem = mismatch(got, ref, { rtol, scale }, opStats);
        const at = problem ? Number(/^at (\d+)/.exec(problem)?.[1]) : -1;
        s.check(`${name} sum(${axis})${at >= 0 ? `, ${owner[at % F.dim]}` : ''}`, problem);
      }
    });
    s.worstBy[name] = opStats.worst;
    s.stats.worst = Math.max(s.stats.worst, opStats.worst);
  }
  log(`op table: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// 2. broadcasting of the element-wise binary / ternary ops
// ------------------------------------------------------------------------------------------------

function repeatColumns(X, D) {
  const rows = X.shape[0];
  const data = new Float32Array(rows * D);
  for (let r = 0; r < rows; r++) data.fill(X.data[r], r * D, (r + 1) * D);
  return tensor(data, [rows, D]);
}

async function broadcasting(log) {
  const s = new Section('broadcasting: dimension-1 operands of binary and ternary ops against dimension 3');
  const N = 5;
  const M = T + 3;
  const D = 3;
  for (const spec of [...binaryOps, ...ternaryOps]) {
    const rng = new Rng(seedFor(`broadcast ${spec.name}`));
    const domains = spec.test.domain ?? [];
    for (let mask = 1; mask < (1 << spec.arity) - 1; mask++) {
      const dims = Array.from({ length: spec.arity }, (_, k) => ((mask >> k) & 1 ? 1 : D));
      const cats = ['i', 'j', 'p'].slice(0, spec.arity);
      if (spec.arity === 2) cats[1] = 'j';
      const label = `${spec.name} dims [${dims}] (${cats})`;
      await s.guard(label, async () => {
        const tensors = dims.map((d, k) => {
          const rows = cats[k] === 'i' ? N : cats[k] === 'j' ? M : 1;
          return tensor(randomData(rng, rows * d, { dtype: 'float32', domain: domains[k] ?? 'any' }), [rows, d]);
        });
        const wrap = (X, k) => (cats[k] === 'i' ? Vi(X) : cats[k] === 'j' ? Vj(X) : Pm(tensor(X.data, [X.shape[1]])));
        const wrapped = tensors.map((X, k) => wrap(X, k));
        const F = new LazyTensor(apply(spec.name, wrapped.map((a) => a.node), []));
        const [x, n, d] = wrapped;
        const errF = spec.name === 'Mod' ? x.abs().add(d.abs()).add(x.sub(d).abs()).add(n.abs()) : F;
        const explicit = new LazyTensor(apply(spec.name, tensors.map((X, k) => wrap(X.shape[1] === 1 ? repeatColumns(X, D) : X, k).node), []));
        for (const axis of [1, 0]) {
          const got = await F.sum(axis, WEBGPU);
          const want = await explicit.sum(axis, WEBGPU);
          const ref = await F.sum(axis, ORACLE);
          const scale = await errF.abs().sum(axis, ORACLE);
          s.check(`${label} sum(${axis}) vs oracle`, mismatch(got, ref, { rtol: OP_RTOL[spec.name] ?? OP_RTOL.default, scale }, s.stats));
          s.check(`${label} sum(${axis}) vs explicit repetition`, mismatch(got, want, { rtol: 1e-6, scale }));
        }
      });
    }
  }
  log(`broadcasting: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// 3. every reduction, both axes, several sizes, real and tied integer data
// ------------------------------------------------------------------------------------------------

const K = 3;
const REDUCTIONS = {
  sum: { run: async (F, axis, o) => ({ values: await F.sum(axis, o), indices: null }) },
  logsumexp: { run: async (F, axis, o) => ({ values: await F.logsumexp(axis, o), indices: null }) },
  'logsumexp with weight': { scalarOnly: true, run: async (F, axis, o, ctx) => ({ values: await F.logsumexp(axis, { ...o, weight: ctx.weight(axis) }), indices: null }) },
  sumsoftmaxweight: { scalarOnly: true, run: async (F, axis, o, ctx) => ({ values: await F.sumsoftmaxweight(ctx.values(axis), axis, o), indices: null }) },
  min: { run: async (F, axis, o) => ({ values: await F.min(axis, o), indices: null }) },
  max: { run: async (F, axis, o) => ({ values: await F.max(axis, o), indices: null }) },
  argmin: { run: async (F, axis, o) => ({ values: null, indices: await F.argmin(axis, o) }) },
  argmax: { run: async (F, axis, o) => ({ values: null, indices: await F.argmax(axis, o) }) },
  minArgmin: { run: async (F, axis, o) => { const [values, indices] = await F.minArgmin(axis, o); return { values, indices }; } },
  maxArgmax: { run: async (F, axis, o) => { const [values, indices] = await F.maxArgmax(axis, o); return { values, indices }; } },
  Kmin: { run: async (F, axis, o, ctx) => ({ values: await F.Kmin(ctx.k, axis, o), indices: null }) },
  argKmin: { run: async (F, axis, o, ctx) => ({ values: null, indices: await F.argKmin(ctx.k, axis, o) }) },
  KminArgKmin: { run: async (F, axis, o, ctx) => { const [values, indices] = await F.KminArgKmin(ctx.k, axis, o); return { values, indices }; } },
};
const isMaxKind = (name) => name === 'max' || name === 'argmax' || name === 'maxArgmax';
const isKminKind = (name) => name.toLowerCase().includes('kmin');

function makeProblem(rng, N, M, mode) {
  const dtype = 'float32';
  const opts = mode === 'integer' ? { dtype, integers: [-3, 3] } : { dtype, lo: -1.5, hi: 1.5 };
  const X = tensor(randomData(rng, N * 3, opts), [N, 3]);
  const Y = tensor(randomData(rng, M * 3, opts), [M, 3]);
  const wOpts = mode === 'integer' ? { dtype, integers: [1, 4] } : { dtype, lo: 0.5, hi: 2 };
  const Wi = tensor(randomData(rng, N * 2, wOpts), [N, 2]);
  const Wj = tensor(randomData(rng, M * 2, wOpts), [M, 2]);
  const Bi = tensor(randomData(rng, N * 2, opts), [N, 2]);
  const Bj = tensor(randomData(rng, M * 2, opts), [M, 2]);
  const ctx = {
    k: K,
    weight: (axis) => (axis === 1 ? Vj(Wj) : Vi(Wi)),
    values: (axis) => (axis === 1 ? Vj(Bj) : Vi(Bi)),
    maxAbsValues: Math.max(...Array.from(Bi.data, Math.abs), ...Array.from(Bj.data, Math.abs)),
  };
  return { X, Y, ctx };
}

function formulas(X, Y) {
  const x = Vi(X);
  const y = Vj(Y);
  return {
    gaussian: x.sqdist(y).mul(-0.5).exp(),
    'vector (x - y) exp(-|x - y|^2 / 4)': x.sub(y).mul(x.sqdist(y).mul(-0.25).exp()),
    'dot product': x.dot(y),
  };
}

function pairValue(F, axis, row, col, comp) {
  const ev = new PairEvaluator([F.node], axis === 0);
  ev.evaluate(row, col);
  return ev.valueOf(F.node)[comp];
}

async function compareReduction(s, name, F, axis, ctx, { exactIndices, label }) {
  const red = REDUCTIONS[name];
  const got = await red.run(F, axis, WEBGPU, ctx);
  const ref = await red.run(F, axis, ORACLE, ctx);
  const rows = axis === 1 ? F.shape[0] : F.shape[1];
  const rtol = REDUCTION_RTOL;
  if (ref.values) {
    const out = got.values;
    if (out.dtype !== 'float32') return s.check(label, `value dtype ${out.dtype}`);
    if (String(out.shape) !== String(ref.values.shape)) return s.check(label, `value shape [${out.shape}], expected [${ref.values.shape}]`);
    const width = out.data.length / Math.max(1, rows);
    let scale;
    if (name === 'sum') scale = (await F.abs().sum(axis, ORACLE)).data;
    else {
      const m = (await F.abs().max(axis, ORACLE)).data;
      if (name === 'sumsoftmaxweight') scale = Array.from(out.data, (_, p) => ctx.maxAbsValues * (1 + 2 * m[Math.floor(p / width)]));
      else {
        scale = Array.from(out.data, (_, p) => {
          const row = Math.floor(p / width);
          const comp = name.startsWith('logsumexp') ? 0 : (p % width) % F.dim;
          return m[row * F.dim + comp] + (name.startsWith('logsumexp') ? 1 : 0);
        });
      }
    }
    const st = (s.worstBy[name] ??= { worst: 0 });
    s.check(`${label} values`, mismatch(out, ref.values, { rtol, scale }, st));
    s.stats.worst = Math.max(s.stats.worst, st.worst);
  }
  if (ref.indices) {
    const out = got.indices;
    if (out.dtype !== 'int32') return s.check(label, `index dtype ${out.dtype}`);
    if (exactIndices) return s.check(`${label} indices`, sameIndices(out, ref.indices));
    const width = out.data.length / Math.max(1, rows);
    let problem = null;
    for (let p = 0; p < ref.indices.data.length && !problem; p++) {
      const a = out.data[p];
      const e = ref.indices.data[p];
      if (a === e) continue;
      const row = Math.floor(p / width);
      const comp = (p % width) % F.dim;
      const va = a >= 0 ? pairValue(F, axis, row, a, comp) : NaN;
      const ve = e >= 0 ? pairValue(F, axis, row, e, comp) : NaN;
      if (!(Math.abs(va - ve) <= 4 * rtol * Math.max(1, Math.abs(ve)))) problem = `index at ${p}: webgpu ${a}, oracle ${e}, not a near tie (${va} vs ${ve})`;
    }
    s.check(`${label} indices`, problem);
  }
  return null;
}

async function reductions(log) {
  const s = new Section('every reduction, both axes, sizes 1 to 1000 (crossing 64-column tiles and 64-row workgroups), real and tied integer data');
  const SIZES = [[1, 1], [4, 17], [5, 67], [67, 5], [33, 130]];
  for (const name of Object.keys(REDUCTIONS)) {
    const rng = new Rng(0xc0ffee + name.length * 7919 + name.charCodeAt(0));
    for (const [N, M] of SIZES) {
      for (const mode of ['real', 'integer']) {
        const { X, Y, ctx } = makeProblem(rng, N, M, mode);
        for (const [fname, F] of Object.entries(formulas(X, Y))) {
          if (REDUCTIONS[name].scalarOnly && F.dim !== 1) continue;
          for (const axis of [1, 0]) {
            const label = `${name} of ${fname}, N=${N} M=${M} ${mode} axis ${axis}`;
            await s.guard(label, () => compareReduction(s, name, F, axis, ctx, { exactIndices: mode === 'integer', label }));
          }
        }
      }
    }
    // Larger: several tiles and workgroups.
    for (const [N, M] of [[3, 1000], [1000, 5]]) {
      const mode = rng.bool() ? 'real' : 'integer';
      const { X, Y, ctx } = makeProblem(rng, N, M, mode);
      const all = formulas(X, Y);
      const fname = REDUCTIONS[name].scalarOnly ? rng.pick(['gaussian', 'dot product']) : rng.pick(Object.keys(all));
      for (const axis of [1, 0]) {
        const label = `${name} of ${fname}, N=${N} M=${M} ${mode} axis ${axis}`;
        await s.guard(label, () => compareReduction(s, name, all[fname], axis, ctx, { exactIndices: mode === 'integer', label }));
      }
    }
  }
  for (const v of Object.values(s.worstBy)) s.stats.worst = Math.max(s.stats.worst, v.worst);
  s.worstBy = Object.fromEntries(Object.entries(s.worstBy).map(([k, v]) => [k, v.worst]));
  log(`reductions: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// 4. special values: exact documented semantics on a hand-built matrix, and injected specials
// ------------------------------------------------------------------------------------------------

function matrixFormula(R, transpose = false) {
  const rows = R.length;
  const cols = R[0].length;
  const S = new Float32Array(rows * rows).fill(-1);
  for (let r = 0; r < rows; r++) S[r * rows + r] = 0;
  const C = new Float32Array(cols * rows);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) C[c * rows + r] = R[r][c];
  const sel = tensor(S, [rows, rows]);
  const col = tensor(C, [cols, rows]);
  return transpose ? Vj(sel).ifelse(Vi(col), 0).sum(-1) : Vi(sel).ifelse(Vj(col), 0).sum(-1);
}

const M_SPECIAL = 2 * T + 22;
const LAST = M_SPECIAL - 1;
const FILL = 7;
function row(placements, fill = FILL) {
  const r = new Array(M_SPECIAL).fill(fill);
  for (const [c, v] of Object.entries(placements)) r[Number(c)] = v;
  return r;
}
const allOf = (v) => new Array(M_SPECIAL).fill(v);
const SPECIAL_ROWS = [
  row({ 3: NaN, 10: 2, [T + 6]: 2, [T + 36]: NaN, [LAST]: 2, 40: 9, [2 * T + 12]: 9 }),
  allOf(NaN),
  row({ 0: NaN, [T + 1]: -Infinity, [2 * T + 2]: -Infinity, 5: Infinity }),
  allOf(Infinity),
  allOf(-Infinity),
  row({ 1: 1e30, 2: -1e30, [T]: 1e-30, [2 * T - 1]: -1e-30 }),
  row({ [T - 1]: NaN, [T]: 1, [T + 1]: NaN, [2 * T]: 1 }, NaN),
  row({ 20: -Infinity, 21: Infinity }),
  row({}, -Infinity).map((v, c) => (c === T + 13 ? 3 : v)),
  row({ [LAST]: NaN }),
  row({ [2 * T + 5]: -1, [2 * T + 6]: -1, [T + 7]: 0 }),
];

function expected(name, values, k) {
  const finite = values.filter((v) => !Number.isNaN(v));
  if (name === 'sum') return { values: [values.reduce((a, b) => a + b, 0)] };
  if (name === 'logsumexp') {
    const m = values.some(Number.isNaN) ? NaN : Math.max(...values);
    if (!Number.isFinite(m)) return { values: [m] };
    return { values: [m + Math.log(values.reduce((a, v) => a + Math.exp(v - m), 0))] };
  }
  if (!isKminKind(name)) {
    const isMax = isMaxKind(name);
    if (finite.length === 0) return { values: [isMax ? -Infinity : Infinity], indices: [-1] };
    const best = isMax ? Math.max(...finite) : Math.min(...finite);
    return { values: [best], indices: [values.indexOf(best)] };
  }
  const order = values.map((v, j) => [v, j]).filter(([v]) => !Number.isNaN(v)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const vals = [];
  const idx = [];
  for (let q = 0; q < k; q++) {
    vals.push(q < order.length ? order[q][0] : Infinity);
    idx.push(q < order.length ? order[q][1] : -1);
  }
  return { values: vals, indices: idx };
}

async function specialValues(log) {
  const s = new Section('special values: NaN, +-Inf, huge and tiny entries follow the documented semantics exactly; injected specials match the oracle');
  const names = ['sum', 'logsumexp', 'min', 'max', 'argmin', 'argmax', 'minArgmin', 'maxArgmax', 'Kmin', 'argKmin', 'KminArgKmin'];
  for (const transpose of [false, true]) {
    const F = matrixFormula(SPECIAL_ROWS, transpose);
    const axis = transpose ? 0 : 1;
    for (const name of names) {
      for (const k of isKminKind(name) ? [1, 3, 5] : [1]) {
        const label = `${name}${isKminKind(name) ? ` K=${k}` : ''} axis ${axis}`;
        await s.guard(label, async () => {
          const got = await REDUCTIONS[name].run(F, axis, WEBGPU, { k });
          const want = { values: [], indices: [] };
          for (const r of SPECIAL_ROWS) {
            const e = expected(name, r, k);
            want.values.push(...e.values);
            if (e.indices) want.indices.push(...e.indices);
          }
          if (got.values) {
            const scale = name === 'sum' ? SPECIAL_ROWS.map((r) => r.reduce((a, v) => a + (Number.isNaN(v) ? 0 : Math.abs(v)), 0)) : 0;
            const want32 = want.values.map((v) => (name === 'sum' || name === 'logsumexp' ? v : Math.fround(v)));
            s.check(`${label} values`, mismatch(got.values, want32, { rtol: name === 'logsumexp' ? 2e-6 : 1e-6, scale }, s.stats));
          }
          if (got.indices) s.check(`${label} indices`, sameIndices(got.indices, want.indices));
        });
      }
    }
  }
  // Element-wise functions whose WGSL guards special inputs on the bits (WGSL may assume there
  // are no NaNs or infinities): the same values as the wasm engine, NaN for NaN, exact infinities.
  const xs = Float32Array.from([0, -0, 0.5, -0.5, 1, -1, 1.5, -2, 2.5, 1e-30, -1e-30, 1e30, -1e30, Infinity, -Infinity, NaN]);
  const one = Vj(tensor(Float32Array.from([1]), [1, 1]));
  for (const [method, args] of [['atan', []], ['asin', []], ['acos', []], ['xlogx', []], ['sinxdivx', []], ['clampint', [-1, 2]], ['oneHot', [3]]]) {
    await s.guard(`${method} of special values`, async () => {
      // sin beyond |x| = 8192 is WGSL's built-in, with no accuracy promised (gpu/wgsl-ops.ts).
      const inputs = method === 'sinxdivx' ? xs.filter((x) => !(Math.abs(x) > 8192 && Number.isFinite(x))) : xs;
      const F = Vi(tensor(inputs, [inputs.length, 1]))[method](...args).mul(one);
      s.check(`${method} of special values`, mismatch(await F.sum(1, WEBGPU), await F.sum(1, { backend: 'wasm' }), { rtol: 1e-6 }, s.stats));
    });
  }
  // Weighted log-sum-exp and softmax-weighted sums on NaN, +Inf, all -Inf and huge rows.
  const R = [row({}), row({ 5: NaN }), row({ [T + 16]: Infinity }), allOf(-Infinity), row({ 3: 1e30, [T + 26]: 1e30 }), SPECIAL_ROWS[8]];
  for (const transpose of [false, true]) {
    const F = matrixFormula(R, transpose);
    const axis = transpose ? 0 : 1;
    const W = new Float32Array(M_SPECIAL * 2);
    for (let c = 0; c < M_SPECIAL; c++) { W[2 * c] = c + 1; W[2 * c + 1] = -(c % 5) - 1; }
    const Wt = tensor(W, [M_SPECIAL, 2]);
    const aux = transpose ? Vi(Wt) : Vj(Wt);
    await s.guard(`weighted axis ${axis}`, async () => {
      const lse = await F.logsumexp(axis, { ...WEBGPU, weight: aux });
      const ssw = await F.sumsoftmaxweight(aux, axis, WEBGPU);
      const wantL = [];
      const wantS = [];
      for (const r of R) {
        const m = r.some(Number.isNaN) ? NaN : Math.max(...r);
        for (let k = 0; k < 2; k++) {
          if (!Number.isFinite(m)) {
            wantL.push(m);
            wantS.push(NaN);
            continue;
          }
          let sum = 0;
          let z = 0;
          r.forEach((v, c) => { const e = Math.exp(v - m); sum += e * W[2 * c + k]; z += e; });
          wantL.push(m + Math.log(sum));
          wantS.push(sum / z);
        }
      }
      s.check(`logsumexp with weight axis ${axis}`, mismatch(lse, wantL, { rtol: REDUCTION_RTOL, scale: 1 }, s.stats));
      s.check(`sumsoftmaxweight axis ${axis}`, mismatch(ssw, wantS, { rtol: REDUCTION_RTOL, scale: M_SPECIAL }, s.stats));
    });
  }
  // Random data with injected NaN, +-Inf, huge and tiny values: the oracle, exactly where non-finite.
  const rng = new Rng(0xc0ffee + 4);
  const specials = { nan: 0.05, posInf: 0.04, negInf: 0.04, huge: 0.05, tiny: 0.05 };
  for (const [N, M] of [[5, 67], [33, 17], [2, 130]]) {
    for (let rep = 0; rep < 2; rep++) {
      const X = tensor(randomData(rng, N, { dtype: 'float32', integers: [-4, 4], specials }), [N, 1]);
      const Y = tensor(randomData(rng, M, { dtype: 'float32', integers: [-4, 4], specials }), [M, 1]);
      const Wv = tensor(randomData(rng, M, { dtype: 'float32', integers: [1, 3] }), [M, 1]);
      const Wi = tensor(randomData(rng, N, { dtype: 'float32', integers: [1, 3] }), [N, 1]);
      const F = Vi(X).mul(Vj(Wv)).add(Vj(Y));
      const ctx = { k: 4, weight: (axis) => (axis === 1 ? Vj(Wv) : Vi(Wi)), values: (axis) => (axis === 1 ? Vj(Wv) : Vi(X)) };
      for (const name of Object.keys(REDUCTIONS)) {
        for (const axis of [1, 0]) {
          if (name === 'sumsoftmaxweight' && axis === 0) continue;
          const label = `injected ${name} N=${N} M=${M} rep ${rep} axis ${axis}`;
          await s.guard(label, async () => {
            const red = REDUCTIONS[name];
            const got = await red.run(F, axis, WEBGPU, ctx);
            const ref = await red.run(F, axis, ORACLE, ctx);
            if (ref.values) {
              const scale = name === 'sum' || name.startsWith('sums') ? 4e30 * Math.max(N, M) : name.startsWith('logsumexp') ? 4 : 0;
              s.check(`${label} values`, mismatch(got.values, ref.values, { rtol: 1e-6, scale }));
            }
            if (ref.indices) s.check(`${label} indices`, sameIndices(got.indices, ref.indices));
          });
        }
      }
    }
  }
  log(`special values: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// 5. ties, K-min padding and NaN skipping, K around a tile, empty axes, long sums
// ------------------------------------------------------------------------------------------------

async function kminAndEdges(log) {
  const s = new Section('ties to the lowest index across tiles, K-min padding, NaN skipping, K around and beyond a tile, empty axes, long sums');
  await s.guard('ties', async () => {
    const M = 2 * T + 22;
    const yv = Array.from({ length: M }, (_, j) => (j % 3) + (j < T ? 1 : 0));
    const Y = tensor(Float32Array.from(yv), [M, 1]);
    const xs = [0, 10, -10];
    const X = tensor(Float32Array.from(xs), [3, 1]);
    const F = Vi(X).add(Vj(Y)).abs();
    const rows = xs.map((x) => yv.map((y) => Math.abs(x + y)));
    const order = rows.map((r) => r.map((v, j) => [v, j]).sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    s.check('argmin', sameIndices(await F.argmin(1, WEBGPU), order.map((o) => o[0][1])));
    s.check('argmax', sameIndices(await F.argmax(1, WEBGPU), rows.map((r) => r.indexOf(Math.max(...r)))));
    const [vals, idx] = await F.KminArgKmin(5, 1, WEBGPU);
    s.check('argKmin', sameIndices(idx, order.flatMap((o) => o.slice(0, 5).map(([, j]) => j))));
    s.check('Kmin', mismatch(vals, order.flatMap((o) => o.slice(0, 5).map(([v]) => v)), { rtol: 0 }));
    const G = Vj(X).add(Vi(Y)).abs();
    s.check('argKmin axis 0', sameIndices(await G.argKmin(5, 0, WEBGPU), order.flatMap((o) => o.slice(0, 5).map(([, j]) => j))));
  });
  await s.guard('padding', async () => {
    const X = tensor(Float32Array.from([0, 1]), [2, 1]);
    const Y = tensor(Float32Array.from([3, -1, 3]), [3, 1]);
    const F = Vi(X).mul(Vj(Y));
    const [vals, idx] = await F.KminArgKmin(5, 1, WEBGPU);
    s.check('padding indices', sameIndices(idx, [0, 1, 2, -1, -1, 1, 0, 2, -1, -1]));
    s.check('padding values', mismatch(Array.from(vals.data, (v) => v + 0), [0, 0, 0, Infinity, Infinity, -1, 3, 3, Infinity, Infinity], { rtol: 0 }));
    const V = Vi(X).concat(Vj(Y));
    s.check('vector argKmin', sameIndices(await V.argKmin(4, 1, WEBGPU), [0, 1, 1, 0, 2, 2, -1, -1, 0, 1, 1, 0, 2, 2, -1, -1]));
  });
  await s.guard('NaN skipped', async () => {
    const X = tensor(Float32Array.from([1]), [1, 1]);
    const Y = tensor(Float32Array.from([NaN, 2, NaN, 1, NaN]), [5, 1]);
    const [vals, idx] = await Vi(X).mul(Vj(Y)).KminArgKmin(4, 1, WEBGPU);
    s.check('NaN skipped values', mismatch(vals, [1, 2, Infinity, Infinity], { rtol: 0 }));
    s.check('NaN skipped indices', sameIndices(idx, [3, 1, -1, -1]));
  });
  await s.guard('K sweep', async () => {
    const rng = new Rng(0xc0ffee + 8);
    const M = 2 * T + 40;
    const X = tensor(randomData(rng, 40 * 2, { dtype: 'float32', integers: [-3, 3] }), [40, 2]);
    const Y = tensor(randomData(rng, M * 2, { dtype: 'float32', integers: [-3, 3], specials: { nan: 0.1 } }), [M, 2]);
    const F = Vi(X).sqdist(Vj(Y));
    for (const k of [1, T - 1, T, T + 1, M + 10]) {
      for (const axis of [1, 0]) {
        const [v, i] = await F.KminArgKmin(k, axis, WEBGPU);
        const [rv, ri] = await F.KminArgKmin(k, axis, ORACLE);
        s.check(`K=${k} axis ${axis} values`, mismatch(v, rv, { rtol: 0 }));
        s.check(`K=${k} axis ${axis} indices`, sameIndices(i, ri));
      }
    }
  });
  await s.guard('empty reduced axis', async () => {
    const X = tensor(new Float32Array(3 * 2).fill(1), [3, 2]);
    const Y0 = tensor(new Float32Array(0), [0, 2]);
    const F = Vi(X).sqdist(Vj(Y0));
    s.check('sum', mismatch(await F.sum(1, WEBGPU), [0, 0, 0], { rtol: 0 }));
    s.check('logsumexp', mismatch(await F.logsumexp(1, WEBGPU), [-Infinity, -Infinity, -Infinity], { rtol: 0 }));
    const [mv, mi] = await F.minArgmin(1, WEBGPU);
    s.check('minArgmin', mismatch(mv, [Infinity, Infinity, Infinity], { rtol: 0 }) ?? sameIndices(mi, [-1, -1, -1]));
    const [xv, xi] = await F.maxArgmax(1, WEBGPU);
    s.check('maxArgmax', mismatch(xv, [-Infinity, -Infinity, -Infinity], { rtol: 0 }) ?? sameIndices(xi, [-1, -1, -1]));
    const [kv, ki] = await F.KminArgKmin(2, 1, WEBGPU);
    s.check('KminArgKmin', mismatch(kv, new Array(6).fill(Infinity), { rtol: 0 }) ?? sameIndices(ki, new Array(6).fill(-1)));
    const ssw = await F.sumsoftmaxweight(Vj(Y0), 1, WEBGPU);
    s.check('sumsoftmaxweight', Array.from(ssw.data).every(Number.isNaN) ? null : `expected NaN, got ${Array.from(ssw.data)}`);
    const out = await F.sum(0, WEBGPU);
    s.check('empty output axis', String(out.shape) === '0,1' ? null : `shape [${out.shape}]`);
  });
  await s.guard('wide j-variables (more than workgroup memory: computed per pair)', async () => {
    const rng = new Rng(0xc0ffee + 9);
    const X = tensor(randomData(rng, 70 * 80, { dtype: 'float32' }), [70, 80]);
    const Y = tensor(randomData(rng, 90 * 80, { dtype: 'float32' }), [90, 80]);
    const F = Vi(X).sqdist(Vj(Y)).mul(-0.05).exp().mul(Vj(Y).sqnorm2());
    for (const axis of [1, 0]) {
      s.check(`wide sum axis ${axis}`, mismatch(await F.sum(axis, WEBGPU), await F.sum(axis, ORACLE), { rtol: REDUCTION_RTOL, scale: await F.abs().sum(axis, ORACLE) }, s.stats));
    }
    const G = Vi(X).sqdist(Vj(Y));
    s.check('wide argKmin', sameNearIndices(await G.argKmin(4, 1, WEBGPU), await G.argKmin(4, 1, ORACLE)));
  });
  await s.guard('long sums', async () => {
    const rng = new Rng(0xc0ffee + 6);
    for (const M of [10000, 100000]) {
      const N = 3;
      const X = tensor(randomData(rng, N * 2, { dtype: 'float32', lo: -2, hi: 2 }), [N, 2]);
      const Y = tensor(randomData(rng, M * 2, { dtype: 'float32', lo: -2, hi: 2 }), [M, 2]);
      const F = Vi(X).dot(Vj(Y)).add(Vj(Y).elem(0).mul(0.25));
      const G = Vj(X).dot(Vi(Y)).add(Vi(Y).elem(0).mul(0.25));
      for (const [H, axis] of [[F, 1], [G, 0]]) {
        const got = await H.sum(axis, WEBGPU);
        const ref = await H.sum(axis, ORACLE);
        const scale = await H.abs().sum(axis, ORACLE);
        s.check(`sum over ${M} terms axis ${axis}`, mismatch(got, ref, { rtol: 1e-5, scale }, s.stats));
      }
      const L = Vi(X).sqdist(Vj(Y)).neg();
      s.check(`logsumexp over ${M} terms`, mismatch(await L.logsumexp(1, WEBGPU), await L.logsumexp(1, ORACLE), { rtol: 1e-5, scale: 20 }, s.stats));
    }
  });
  log(`K-min and edges: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// 6. block-sparse ranges
// ------------------------------------------------------------------------------------------------

function rangesFromBlocks(ri, rj, keep) {
  const slicesI = [], redJ = [], slicesJ = [], redI = [];
  ri.forEach((_, a) => { rj.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
  rj.forEach((_, b) => { ri.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
  const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
  return [pairs(ri), tensor(Int32Array.from(slicesI), [slicesI.length]), pairs(redJ), pairs(rj), tensor(Int32Array.from(slicesJ), [slicesJ.length]), pairs(redI)];
}

async function blockSparse(log) {
  const s = new Section('block-sparse ranges: every reduction on both axes, like the oracle with the same ranges');
  const N = 140;
  const M = 301;
  // Clusters with odd sizes, an empty one, rows 130..139 in no cluster, a cluster wider than a workgroup.
  const RI = [[0, 5], [5, 5], [5, 17], [17, 130]];
  const RJ = [[0, 100], [100, 101], [101, 250], [250, 301]];
  const KEEP = [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 0, 1]];
  const ranges = rangesFromBlocks(RI, RJ, KEEP);
  const rng = new Rng(5);
  const cloud = (n, d, integers) => tensor(randomData(rng, n * d, integers ? { dtype: 'float32', integers: [0, 3] } : { dtype: 'float32', lo: 0, hi: 1 }), [n, d]);
  for (const integers of [false, true]) {
    const X = cloud(N, 2, integers), Y = cloud(M, 2, integers), W = cloud(M, 2, false), V = cloud(N, 2, false);
    const D = Vi(X).sqdist(Vj(Y)).mul(-3);
    const ctx = { k: 4, weight: (a) => (a === 1 ? Vj(W).add(0.5) : Vi(V).add(0.5)), values: (a) => (a === 1 ? Vj(W) : Vi(V)) };
    for (const name of Object.keys(REDUCTIONS)) {
      const F = name === 'sum' ? D.exp() : D;
      for (const axis of [1, 0]) {
        const label = `${name} ${integers ? 'tied' : 'real'} axis ${axis}`;
        await s.guard(label, async () => {
          let got;
          try {
            got = await REDUCTIONS[name].run(F, axis, { ...WEBGPU, ranges }, ctx);
          } catch (e) {
            if (/unknown option 'ranges'/.test(e?.message)) return; // a build without block-sparse ranges
            throw e;
          }
          const ref = await REDUCTIONS[name].run(F, axis, { ...ORACLE, ranges }, ctx);
          if (ref.values) s.check(`${label} values`, mismatch(got.values, ref.values, { rtol: REDUCTION_RTOL, scale: name === 'sum' ? 50 : name.startsWith('sums') ? 1 : 4 }, s.stats));
          if (ref.indices) s.check(`${label} indices`, integers ? sameIndices(got.indices, ref.indices) : sameNearIndices(got.indices, ref.indices));
        });
      }
    }
  }
  log(`block-sparse: ${s.cases} cases`);
  return s.result();
}

async function batches(log) {
  const s = new Section('batch axes: every reduction on both axes over broadcast batches ([B, N, D] against [1, M, D], Pm [B, D], two batch axes, shared and per-batch ranges), like the oracle');
  const rng = new Rng(11);
  const cloud = (shape, integers) => tensor(randomData(rng, shape.reduce((a, b) => a * b, 1), integers ? { dtype: 'float32', integers: [0, 3] } : { dtype: 'float32', lo: 0, hi: 1 }), shape);
  const before = (await gpuStats()).reductions;
  let ran = 0;
  // Sizes across the 64-wide workgroups and tiles; one batch of size 1.
  const cases = [
    { name: '[3, N, D] vs [1, M, D]', bi: [3], bj: [1], bp: [3], N: 70, M: 131 },
    { name: '[2, 1, N, D] vs [1, 3, M, D]', bi: [2, 1], bj: [1, 3], bp: [3], N: 5, M: 67 },
    { name: '[1, N, D] vs [M, D], B = 1', bi: [1], bj: [], bp: [1], N: 1, M: 9 },
  ];
  for (const integers of [false, true]) {
    for (const c of cases) {
      const X = cloud([...c.bi, c.N, 2], integers), Y = cloud([...c.bj, c.M, 2], integers);
      const P = cloud([...c.bp, 1], false);
      const Wj = cloud([...c.bi, c.M, 2], false), Wi = cloud([...c.bj, c.N, 2], false);
      const D = Vi(X).sqdist(Vj(Y)).mul(Pm(P).add(1)).mul(-1);
      const ctx = { k: 3, weight: (a) => (a === 1 ? Vj(Wj).add(0.5) : Vi(Wi).add(0.5)), values: (a) => (a === 1 ? Vj(Wj) : Vi(Wi)) };
      for (const name of Object.keys(REDUCTIONS)) {
        const F = name === 'sum' ? D.exp() : D;
        for (const axis of [1, 0]) {
          const label = `${name} ${c.name} ${integers ? 'tied' : 'real'} axis ${axis}`;
          await s.guard(label, async () => {
            const got = await REDUCTIONS[name].run(F, axis, WEBGPU, ctx);
            ran++;
            const ref = await REDUCTIONS[name].run(F, axis, ORACLE, ctx);
            const shapeOf = (x) => (x ? x.shape.join(',') : '');
            s.check(`${label} shape`, shapeOf(got.values ?? got.indices) === shapeOf(ref.values ?? ref.indices) ? null : `${shapeOf(got.values ?? got.indices)} vs ${shapeOf(ref.values ?? ref.indices)}`);
            if (ref.values) s.check(`${label} values`, mismatch(got.values, ref.values, { rtol: REDUCTION_RTOL, scale: name === 'sum' ? 50 : name.startsWith('sums') ? 1 : 4 }, s.stats));
            if (ref.indices) s.check(`${label} indices`, integers ? sameIndices(got.indices, ref.indices) : sameNearIndices(got.indices, ref.indices));
          });
        }
      }
    }
  }
  // Block-sparse ranges: one tuple shared by the batches, and one tuple per batch.
  const N = 70, M = 131;
  const shared = rangesFromBlocks([[0, 5], [5, 60]], [[0, 64], [64, 131]], [[1, 0], [1, 1]]);
  const own = [shared, rangesFromBlocks([[0, 30], [30, 70]], [[0, 100], [100, 131]], [[0, 1], [1, 0]])];
  const X = cloud([2, N, 2], false), Y = cloud([1, M, 2], false);
  const F = Vi(X).sqdist(Vj(Y)).mul(-2);
  for (const [label, ranges] of [['shared ranges', shared], ['per-batch ranges', own]]) {
    for (const axis of [1, 0]) {
      await s.guard(`${label} axis ${axis}`, async () => {
        const got = await F.logsumexp(axis, { ...WEBGPU, ranges });
        ran++;
        const ref = await F.logsumexp(axis, { ...ORACLE, ranges });
        s.check(`${label} axis ${axis}`, mismatch(got, ref, { rtol: REDUCTION_RTOL, scale: 4 }, s.stats));
      });
    }
  }
  // The batch is in the dispatch grid: one dispatch for all three batches of a small sum.
  await s.guard('grid', async () => {
    const X = cloud([3, 70, 2], false), Y = cloud([1, 131, 2], false);
    const d0 = (await gpuStats()).dispatches;
    const got = await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, WEBGPU);
    ran++;
    s.check('one dispatch for three batches', (await gpuStats()).dispatches - d0 === 1 ? null : `${(await gpuStats()).dispatches - d0} dispatches`);
    s.check('grid values', mismatch(got, await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, ORACLE), { rtol: REDUCTION_RTOL, scale: 131 }, s.stats));
  });
  const onGpu = (await gpuStats()).reductions - before;
  s.check('every batched reduction ran on the GPU (one reduction each)', onGpu === ran ? null : `${onGpu} of ${ran} ran on the GPU; ${(await webgpuInfo()).reasons.join('; ')}`);
  log(`batches: ${s.cases} cases`);
  return s.result();
}

/** Real data: indices must agree except where rounding can flip a near tie (not checked here). */
function sameNearIndices(actual, expected) {
  const a = dataOf(actual);
  const e = dataOf(expected);
  let differ = 0;
  for (let k = 0; k < e.length; k++) if (a[k] !== e[k]) differ++;
  return differ > Math.max(1, e.length / 50) ? `${differ} of ${e.length} indices differ` : null;
}

// ------------------------------------------------------------------------------------------------
// 7. chunked inputs and dispatches, the input cache, gradients, policy, fallbacks
// ------------------------------------------------------------------------------------------------

async function chunking(log) {
  const s = new Section('chunking: bindings capped at 4 KiB and small dispatches (inputs in several buffers, row and column chunks, accumulators carried between dispatches)');
  const gpu = navigator.gpu;
  configureGpu({ gpu, maxBindingBytes: 4096, workPerDispatch: 64 * 256 * 12 });
  try {
    const rng = new Rng(77);
    const N = 700;
    const M = 900;
    const X = tensor(randomData(rng, N * 3, { dtype: 'float32', lo: 0, hi: 1 }), [N, 3]);
    const Y = tensor(randomData(rng, M * 3, { dtype: 'float32', lo: 0, hi: 1 }), [M, 3]);
    const B = tensor(randomData(rng, M * 2, { dtype: 'float32', lo: -1, hi: 1 }), [M, 2]);
    const A = tensor(randomData(rng, N * 2, { dtype: 'float32', lo: -1, hi: 1 }), [N, 2]);
    const D = Vi(X).sqdist(Vj(Y)).mul(-4);
    const before = await gpuStats();
    const cases = {
      'gaussian matvec over j': (o) => D.exp().mul(Vj(B)).sum(1, o),
      'gaussian matvec over i': (o) => D.exp().mul(Vi(A)).sum(0, o),
      logsumexp: (o) => D.logsumexp(1, o),
      'logsumexp with weight': (o) => D.logsumexp(0, { ...o, weight: Vi(A).elem(0).add(2) }),
      sumsoftmaxweight: (o) => D.sumsoftmaxweight(Vj(B), 1, o),
      min: (o) => D.min(0, o),
    };
    for (const [name, run] of Object.entries(cases)) {
      await s.guard(name, async () => s.check(name, mismatch(await run(WEBGPU), await run(ORACLE), { rtol: REDUCTION_RTOL, scale: name.includes('matvec') ? 100 : 10 }, s.stats)));
    }
    await s.guard('KminArgKmin', async () => {
      const [v, i] = await D.neg().KminArgKmin(3, 1, WEBGPU);
      const [rv, ri] = await D.neg().KminArgKmin(3, 1, ORACLE);
      s.check('Kmin', mismatch(v, rv, { rtol: 1e-6, scale: 1 }));
      s.check('argKmin', sameNearIndices(i, ri));
    });
    const after = await gpuStats();
    const perCall = (after.dispatches - before.dispatches) / Math.max(1, after.reductions - before.reductions);
    s.check('several dispatches per reduction', perCall >= 4 ? null : `${perCall} dispatches per reduction`);
    const info = await webgpuInfo();
    const fell = info.reasons.filter((r) => r.startsWith('ran on wasm'));
    s.check('nothing fell back to wasm', fell.length ? fell.join('; ') : null);
  } finally {
    configureGpu({ gpu, maxBindingBytes: Infinity, workPerDispatch: 2 ** 31 });
  }
  log(`chunking: ${s.cases} cases`);
  return s.result();
}

async function cacheAndGradients(log) {
  const s = new Section('input cache (unchanged inputs stay on the GPU), gradients, concurrent calls, kernelSolve and eigsh on WebGPU, backend policy, fallbacks, abort');
  s.log = log;
  const rng = new Rng(91);
  await s.guard('cache', async () => {
    const X = tensor(randomData(rng, 300 * 3, { dtype: 'float32' }), [300, 3]);
    const Y = tensor(randomData(rng, 400 * 3, { dtype: 'float32' }), [400, 3]);
    const F = Vi(X).sqdist(Vj(Y)).neg().exp();
    await F.sum(1, WEBGPU);
    const s0 = await gpuStats();
    const again = await F.sum(1, WEBGPU);
    const s1 = await gpuStats();
    s.check('no upload for unchanged inputs', s1.uploads === s0.uploads ? null : `${s1.uploads - s0.uploads} uploads`);
    X.data.fill(0.25);
    X.markChanged();
    const changed = await F.sum(1, WEBGPU);
    const s2 = await gpuStats();
    s.check('one upload after markChanged', s2.uploads === s1.uploads + 1 ? null : `${s2.uploads - s1.uploads} uploads`);
    s.check('result after markChanged', mismatch(changed, await F.sum(1, ORACLE), { rtol: REDUCTION_RTOL, scale: 400 }));
    s.check('result changed', again.data[0] !== changed.data[0] ? null : 'the result did not change');
  });
  await s.guard('gradients', async () => {
    for (const axis of [0, 1]) {
      const grads = {};
      // Against wasm (itself checked against finite differences by reduction-grad.test.mjs):
      // the oracle computes in float64, and its float64 cotangents do not mix with float32 leaves.
      for (const backend of ['webgpu', 'wasm']) {
        const trng = new Rng(17 + axis);
        const leaf = (shape, lo = -1, hi = 1) => tensor(Float32Array.from({ length: shape[0] * (shape[1] ?? 1) }, () => trng.uniform(lo, hi)), shape, { requiresGrad: true });
        const t = { X: leaf([40, 2]), Y: leaf([70, 2]), B: leaf([70, 2]), p: leaf([2], 0.5, 1.5), G: leaf([70, 4], 0.5, 1.5), w: leaf([70, 1], 0.5, 1.5), v: leaf([40, 1], 0.5, 1.5) };
        const out = await Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).neg().exp().mul(Vj(t.B)).sum(axis, { backend });
        const lse = await Vi(t.X).sub(Vj(t.Y)).mul(Pm(t.p)).logsumexp(axis, { backend });
        // A mixture's log-likelihood: the fused QUADFORM (negated) forward, EXPSUB backward.
        const mixture = await Vi(t.X).weightedsqdist(Vj(t.Y), Vj(t.G)).neg().logsumexp(axis, { weight: axis === 1 ? Vj(t.w) : Vi(t.v), backend });
        await out.sum().add(lse.sum()).add(mixture.sum()).backward();
        grads[backend] = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.grad]));
      }
      for (const k of ['X', 'Y', 'B', 'p', 'G', axis === 1 ? 'w' : 'v']) {
        const g = grads.webgpu[k];
        const r = grads.wasm[k];
        const scale = Math.max(...Array.from(r.data, Math.abs));
        s.check(`grad ${k} axis ${axis}`, mismatch(g, r, { rtol: 1e-4, scale }, s.stats));
      }
    }
  });
  await s.guard('concurrent reductions', async () => {
    const X = tensor(randomData(rng, 200 * 3, { dtype: 'float32' }), [200, 3]);
    const Y = tensor(randomData(rng, 150 * 3, { dtype: 'float32' }), [150, 3]);
    const runs = [
      (o) => Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, o),
      (o) => Vi(X).sqdist(Vj(Y)).neg().logsumexp(0, o),
      (o) => Vi(X).sub(Vj(Y)).abs().min(1, o),
      (o) => Vi(X).dot(Vj(Y)).Kmin(3, 1, o),
    ];
    const got = await Promise.all([...runs, ...runs].map((r) => r(WEBGPU)));
    const ref = await Promise.all(runs.map((r) => r(ORACLE)));
    got.forEach((g, k) => s.check(`concurrent reduction ${k}`, mismatch(g, ref[k % runs.length], { rtol: REDUCTION_RTOL, scale: 150 })));
  });
  await s.guard('higher layers', async () => {
    // kernelSolve and eigsh reduce through LinearOperator with the backend they are given.
    const { kernelSolve, eigsh, aslinearoperator } = await import('../../build/src/index.js');
    const X = tensor(randomData(rng, 120 * 2, { dtype: 'float32' }), [120, 2]);
    const b = tensor(randomData(rng, 120, { dtype: 'float32' }), [120]);
    const K = Vi(X).sqdist(Vj(X)).mul(-2).exp();
    const s0 = await gpuStats();
    const xs = {};
    const ev = {};
    for (const backend of ['webgpu', 'wasm']) {
      xs[backend] = (await kernelSolve(K, b, { alpha: 1, backend })).x;
      ev[backend] = (await eigsh(aslinearoperator(K, { backend }), { k: 3 })).values;
    }
    const s1 = await gpuStats();
    s.check('kernelSolve and eigsh ran on the GPU', s1.reductions - s0.reductions >= 4 ? null : `${s1.reductions - s0.reductions} reductions on the GPU`);
    s.check('kernelSolve on webgpu = on wasm', mismatch(xs.webgpu, xs.wasm, { rtol: 1e-4, scale: Math.max(...Array.from(xs.wasm.data, Math.abs)) }));
    s.check('eigsh on webgpu = on wasm', mismatch(ev.webgpu, ev.wasm, { rtol: 1e-4, scale: Math.max(...Array.from(ev.wasm, Math.abs)) }));
  });
  await s.guard('policy', async () => {
    // A threshold that the 2000 x 2000 problem below passes in any runtime.
    configureGpu({ autoThreshold: 1e6 });
    const info = await webgpuInfo();
    // CI's adapters are software ones (llvmpipe, SwiftShader), which 'auto' skips; on a real GPU
    // (the H200 device runs) 'auto' takes large problems there.
    const software = info.software === true;
    s.check("'auto' selects hardware adapters only", info.autoSelects === !software ? null : `autoSelects is ${info.autoSelects} for ${info.adapter} (software: ${info.software})`);
    const big = Vi(tensor(randomData(rng, 2000 * 3, { dtype: 'float32' }), [2000, 3])).sqdist(Vj(tensor(randomData(rng, 2000 * 3, { dtype: 'float32' }), [2000, 3])));
    const s0 = await gpuStats();
    await big.sum(1);
    const s1 = await gpuStats();
    if (software) s.check("'auto' ran a large problem on wasm", s1.reductions === s0.reductions ? null : 'it ran on the software GPU');
    else s.check("'auto' ran a large problem on the hardware GPU", s1.reductions === s0.reductions + 1 ? null : 'it ran on wasm');
    configureGpu({ allowSoftwareAdapter: true });
    try {
      await big.sum(1);
      const s2 = await gpuStats();
      s.check("'auto' with allowSoftwareAdapter uses the GPU", s2.reductions === s1.reductions + 1 ? null : 'it did not');
      await Vi(tensor([1, 2], [2, 1], { dtype: 'float32' })).sub(Vj(tensor([1, 2], [2, 1], { dtype: 'float32' }))).sum(1);
      const s3 = await gpuStats();
      s.check("'auto' keeps small problems on wasm", s3.reductions === s2.reductions ? null : 'a 2 x 2 problem ran on the GPU');
    } finally {
      configureGpu({ allowSoftwareAdapter: false });
    }
    let error = null;
    try {
      await Vi(tensor([1, 2], [2, 1], { dtype: 'float64' })).sub(Vj(tensor([1, 2], [2, 1], { dtype: 'float64' }))).sum(1, WEBGPU);
    } catch (e) {
      error = e;
    }
    s.check('float64 with backend webgpu is a BackendError naming float64', error instanceof BackendError && /float64/.test(error.message) ? null : String(error));
    error = null;
    const controller = new AbortController();
    controller.abort();
    try {
      await big.sum(1, { ...WEBGPU, signal: controller.signal });
    } catch (e) {
      error = e;
    }
    s.check('an aborted signal rejects with AbortError', error instanceof AbortError ? null : String(error));
    configureGpu({ autoThreshold: defaultAutoThreshold() });
  });
  await s.guard('fallbacks', async () => {
    const gpu = navigator.gpu;
    const F = Vi(tensor([1, 2, 3], [3, 1], { dtype: 'float32' })).sub(Vj(tensor([1, 5], [2, 1], { dtype: 'float32' }))).square();
    // No adapter: 'webgpu' is a BackendError, 'auto' runs on wasm.
    configureGpu({ gpu: { requestAdapter: async () => null } });
    let error = null;
    try {
      await F.sum(1, WEBGPU);
    } catch (e) {
      error = e;
    }
    s.check('no adapter: BackendError', error instanceof BackendError && /no WebGPU adapter/.test(error.message) ? null : String(error));
    s.check('no adapter: auto runs on wasm', mismatch(await F.sum(1), [16, 10, 8], { rtol: 0 }));
    // A failing pipeline compilation: the request runs on wasm and webgpuInfo says why.
    const failing = {
      requestAdapter: async (o) => {
        const adapter = await gpu.requestAdapter(o);
        return {
          limits: adapter.limits, info: adapter.info, isFallbackAdapter: adapter.isFallbackAdapter,
          requestDevice: async (d) => {
            const device = await adapter.requestDevice(d);
            device.createComputePipelineAsync = () => Promise.reject(new Error('injected compile failure'));
            return device;
          },
        };
      },
    };
    configureGpu({ gpu: failing });
    s.check('compile failure: result from wasm', mismatch(await F.sum(1, WEBGPU), [16, 10, 8], { rtol: 0 }));
    const info = await webgpuInfo();
    s.check('compile failure: reason reported', info.reasons.some((r) => /failed to compile/.test(r)) ? null : info.reasons.join('; '));
    // A lost device: the next request gets a new device.
    configureGpu({ gpu });
    await F.sum(1, WEBGPU);
    const engine = await currentGpuEngine();
    engine.device.destroy();
    await engine.device.lost;
    const r = await F.sum(1, WEBGPU);
    s.check('lost device: the next request runs on a new device', mismatch(r, [16, 10, 8], { rtol: 0 }));
    const again = await currentGpuEngine();
    s.check('lost device: a new engine', again && again !== engine && !again.lost ? null : 'the lost engine was kept');
    const info2 = await webgpuInfo();
    s.check('lost device: reason reported', info2.reasons.some((x) => /lost/.test(x)) ? null : info2.reasons.join('; '));
  });
  log(`cache, gradients, policy, fallbacks: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// symbolic gradients, K.t() / matvec / rmatvec, single-category reductions (issue 18)
// ------------------------------------------------------------------------------------------------

async function lazyOperators(log) {
  const s = new Section('symbolic gradients (grad, grad of grad, divergence, laplacian), K.t(), matvec / rmatvec with ranges, single-category reductions with ni / nj');
  s.log = log;
  const rng = new Rng(18);
  const cloud = (n, d) => tensor(randomData(rng, n * d, { dtype: 'float32', lo: -1, hi: 1 }), [n, d]);
  const same = (label, got, want, scale) => s.check(label, mismatch(got, want, { rtol: REDUCTION_RTOL, scale }, s.stats));
  for (const [N, M] of [[1, 7], [67, 131]]) {
    const X = cloud(N, 3), Y = cloud(M, 3), B = cloud(M, 2), E = cloud(M, 3);
    const x = Vi(X), y = Vj(Y);
    const kernels = {
      gaussian: x.sqdist(y).neg().exp(),
      cauchy: x.sqdist(y).add(1).inv(),
      'sin, log and pow': x.dot(y).sin().mul(x.sqdist(y).add(0.5).log()).add(x.sqnorm2().add(1).powf(y.elem(0).mul(0.1).add(0.7))),
    };
    for (const [name, F] of Object.entries(kernels)) {
      const G = F.grad(x, 1);
      const formulas = { grad: [G.mul(Vj(B).elem(1)), 1], 'grad in y': [F.grad(y, Vj(B).elem(0)), 0], 'grad of grad': [G.grad(x, Vj(E)), 1], divergence: [G.divergence(x), 1], laplacian: [F.laplacian(x), 1] };
      for (const [what, [Phi, axis]] of Object.entries(formulas)) {
        const label = `${name} ${what} N=${N} M=${M}`;
        await s.guard(label, async () => same(label, await Phi.sum(axis, WEBGPU), await Phi.sum(axis, ORACLE), await Phi.abs().sum(axis, ORACLE)));
      }
    }
    const K = kernels.gaussian;
    await s.guard(`t / matvec / rmatvec N=${N} M=${M}`, async () => {
      same('t().sum(1) = sum(0)', await K.t().sum(1, WEBGPU), await K.sum(0, ORACLE), M);
      same('matvec [M, 2]', await K.matvec(B, WEBGPU), await K.matvec(B, ORACLE), M);
      const c = cloud(N, 1);
      same('rmatvec [N]', await K.rmatvec(c.reshape([N]), WEBGPU), await K.rmatvec(c.reshape([N]), ORACLE), N);
    });
    await s.guard(`single category N=${N} M=${M}`, async () => {
      for (const [cat, F, sizes] of [['i', x.sqnorm2().sub(x.elem(1)), { nj: M }], ['j', y.sin().sum(-1), { ni: N }]]) {
        // Weights and values of the formula's own category (the other would bring the missing axis back).
        const own = { k: 3, weight: () => (cat === 'i' ? Vi(X).elem(0).abs() : Vj(B).elem(0).abs()), values: () => (cat === 'i' ? Vi(X) : Vj(B)) };
        for (const [rname, r] of Object.entries(REDUCTIONS)) {
          for (const axis of [0, 1]) {
            const label = `only V${cat} ${rname} axis ${axis}`;
            const got = await r.run(F, axis, { ...WEBGPU, ...sizes }, own);
            const want = await r.run(F, axis, { ...ORACLE, ...sizes }, own);
            if (want.values) same(`${label} values`, got.values, want.values, rname === 'sum' ? (axis === 1 ? sizes.nj ?? M : sizes.ni ?? N) * 4 : 4);
            if (want.indices) s.check(`${label} indices`, sameIndices(got.indices, want.indices));
          }
        }
      }
    });
  }
  await s.guard('block-sparse matvec / rmatvec', async () => {
    const N = 140, M = 301;
    const RI = [[0, 5], [5, 5], [5, 17], [17, 130]];
    const RJ = [[0, 100], [100, 101], [101, 250], [250, 301]];
    const KEEP = [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 0, 1]];
    const ranges = rangesFromBlocks(RI, RJ, KEEP);
    const X = cloud(N, 2), Y = cloud(M, 2), B = cloud(M, 3), C = cloud(N, 1);
    const K = Vi(X).sqdist(Vj(Y)).mul(-2).exp();
    same('matvec', await K.matvec(B, { ...WEBGPU, ranges }), await K.matvec(B, { ...ORACLE, ranges }), 50);
    same('rmatvec', await K.rmatvec(C, { ...WEBGPU, ranges }), await K.rmatvec(C, { ...ORACLE, ranges }), 50);
  });
  log(`lazy operators: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// densities on grids: imagesLoss / imagesBarycenter's separable reductions (issue 19)
// ------------------------------------------------------------------------------------------------

async function imagesOnGrids(log) {
  const s = new Section('imagesLoss and imagesBarycenter: their separable logsumexp reductions (lines as the vector dimension) on 2-D and 3-D grids');
  s.log = log;
  const rng = new Rng(19);
  const density = (shape) => {
    const v = randomData(rng, shape.reduce((a, b) => a * b, 1), { dtype: 'float32', lo: 0.05, hi: 1 });
    const t = v.reduce((a, b) => a + b, 0);
    return tensor(v.map((x) => x / t), shape);
  };
  for (const [shape, opts] of [[[6, 9], { blur: 0.1 }], [[1, 70], { blur: 0.05, p: 1 }], [[3, 4, 5], { blur: 0.1, reach: 0.5 }]]) {
    await s.guard(`imagesLoss [${shape}] ${JSON.stringify(opts)}`, async () => {
      const A = density(shape), B = density(shape);
      const got = await imagesLoss('sinkhorn', { ...opts, ...WEBGPU })(A, B);
      const want = await imagesLoss('sinkhorn', { ...opts, ...ORACLE })(A, B);
      s.check(`imagesLoss [${shape}]`, mismatch(got, want, { rtol: 1e-4, atol: 1e-7 }, s.stats));
    });
  }
  await s.guard('imagesBarycenter 8 x 8', async () => {
    const images = [density([8, 8]), density([8, 8])];
    const got = await imagesBarycenter(images, [0.3, 0.7], { blur: 0.1, iterations: 3, ...WEBGPU });
    const want = await imagesBarycenter(images, [0.3, 0.7], { blur: 0.1, iterations: 3, ...ORACLE });
    s.check('imagesBarycenter 8 x 8', mismatch(got, want, { rtol: 1e-4, atol: 1e-6 }, s.stats));
  });
  log(`images on grids: ${s.cases} cases`);
  return s.result();
}

// ------------------------------------------------------------------------------------------------
// backends end to end: samplesLoss / transportPlan with backend 'webgpu', operators on WebGPU
// ------------------------------------------------------------------------------------------------

async function endToEnd(log) {
  const s = new Section("backends end to end: samplesLoss and transportPlan with backend 'webgpu' (values, potentials, gradients) against 'online' on wasm, eigsh and cg on aslinearoperator(K, { backend: 'webgpu' }), and the GPU's counters");
  s.log = log;
  const rng = new Rng(22);
  const cloud = (n, d, lo = 0, hi = 1) => tensor(randomData(rng, n * d, { dtype: 'float32', lo, hi }), [n, d]);
  const close = (label, got, want, rtol, atol) => s.check(label, mismatch(got, want, { rtol, atol }, s.stats));
  for (const [N, M] of [[1, 3], [67, 131]]) {
    const X = cloud(N, 3), Y = cloud(M, 3, 0.2, 0.9);
    const cases = [
      ['sinkhorn', { blur: 0.1, scaling: 0.7 }],
      ['sinkhorn', { blur: 0.1, scaling: 0.7, reach: 0.5 }],
      ['sinkhorn', { blur: 0.2, p: 1 }],
      ['hausdorff', { blur: 0.1 }],
      ['energy', {}],
      ['gaussian', { blur: 0.5 }],
    ];
    for (const [name, opts] of cases) {
      const label = `${name} ${JSON.stringify(opts)} N=${N} M=${M}`;
      await s.guard(label, async () => {
        const before = await gpuStats();
        const Xg = X.detach().requiresGrad_(), Xw = X.detach().requiresGrad_();
        const Lg = await samplesLoss(name, { ...opts, backend: 'webgpu' })(Xg, Y);
        const Lw = await samplesLoss(name, { ...opts, backend: 'online' })(Xw, Y);
        close(`${label} value`, Lg, Lw, 1e-4, 1e-6);
        await Lg.backward();
        await Lw.backward();
        close(`${label} gradient`, Xg.grad, Xw.grad, 1e-3, 1e-5);
        const after = await gpuStats();
        s.check(`${label} ran on the GPU`, after.reductions > before.reductions ? null : `the GPU counted ${after.reductions - before.reductions} reductions`);
      });
    }
    await s.guard(`potentials and plan N=${N} M=${M}`, async () => {
      const [Fg, Gg] = await samplesLoss('sinkhorn', { blur: 0.1, potentials: true, backend: 'webgpu' })(X, Y);
      const [Fw, Gw] = await samplesLoss('sinkhorn', { blur: 0.1, potentials: true, backend: 'online' })(X, Y);
      close('F', Fg, Fw, 1e-4, 1e-5);
      close('G', Gg, Gw, 1e-4, 1e-5);
      const pg = await transportPlan(X, Y, { blur: 0.1, backend: 'webgpu' });
      const pw = await transportPlan(X, Y, { blur: 0.1, backend: 'online' });
      close('plan row marginal', await pg.plan.sum(1), await pw.plan.sum(1), 1e-3, 1e-6);
    });
  }
  await s.guard("float64 points on 'webgpu' are refused before any work", async () => {
    const x64 = tensor(Float64Array.from([0, 1, 2]), [3, 1]);
    let err = null;
    try { await samplesLoss('sinkhorn', { backend: 'webgpu' })(x64, x64); } catch (e) { err = e; }
    s.check('float64', err instanceof DTypeError ? null : `expected a DTypeError, got ${err?.name}: ${err?.message}`);
  });
  await s.guard('eigsh and cg on aslinearoperator(K, { backend: webgpu })', async () => {
    const P = cloud(300, 2);
    const K = Vi(P).sqdist(Vj(P)).mul(-4).exp();
    const before = await gpuStats();
    const g = await eigsh(aslinearoperator(K, { backend: 'webgpu' }), { k: 4 });
    const w = await eigsh(aslinearoperator(K, { backend: 'wasm' }), { k: 4 });
    close('eigsh eigenvalues', g.values, w.values, 1e-3, 1e-4);
    const b = tensor(Float32Array.from({ length: 300 }, (_, k) => Math.sin(k)), [300]);
    const system = (backend) => aslinearoperator(K, { backend }).add(identity(300).mul(0.5));
    const cgG = await cg(system('webgpu'), b, { tol: 1e-5 });
    const cgW = await cg(system('wasm'), b, { tol: 1e-5 });
    close('cg solution', tensor(Float64Array.from(cgG.x.data), [300]), tensor(Float64Array.from(cgW.x.data), [300]), 1e-3, 1e-4);
    const after = await gpuStats();
    s.check('the matvecs ran on the GPU', after.reductions - before.reductions >= 10 ? null : `only ${after.reductions - before.reductions} GPU reductions`);
  });
  log(`end to end: ${s.cases} cases`);
  return s.result();
}

async function randomFormulas(log, target, seed) {
  const s = new Section(`random formulas: at least ${target} float32 formulas (depth <= 4, sizes up to 70 and a few 1-4 x 131, sum / min / max / logsumexp, both axes)`);
  const r = await runRandomFormulas({ target, log, ...(seed === undefined ? {} : { seed }) });
  s.cases = r.compared;
  s.failures = r.failures.slice(0, 8);
  if (r.compared < target) s.failures.push(`only ${r.compared} of ${r.cases} formulas could be compared (skipped ${JSON.stringify(r.skipped)})`);
  s.worstBy = { generated: r.cases, skipped: r.skipped, opsMissing: r.opsMissing };
  log(`random formulas: ${r.compared} compared, ${r.failures.length} failed`);
  return s.result();
}

/**
 * Runs every section; options.only: a list of section names to run, options.skip: sections not
 * to run; randomSeed: the random formulas' seed and opTableShare ({ parts, of }) the op table's
 * share of variants (the two runtimes of test/gpu.test.mjs split both).
 */
export async function runGpuChecks({ log = () => {}, randomTarget = 300, randomSeed, only, skip = [], opTableShare } = {}) {
  const t0 = Date.now();
  if (!globalThis.navigator?.gpu) return { ok: false, error: 'navigator.gpu is missing' };
  const info = await webgpuInfo();
  if (!info.available) return { ok: false, error: info.reasons.join('; ') };
  const all = {
    opTable: (l) => opTable(l, opTableShare), broadcasting, reductions, specialValues, kminAndEdges, blockSparse, batches, chunking, cacheAndGradients, lazyOperators, imagesOnGrids, endToEnd,
    randomFormulas: (l) => randomFormulas(l, randomTarget, randomSeed),
  };
  const sections = [];
  for (const [name, fn] of Object.entries(all)) {
    if ((only && !only.includes(name)) || skip.includes(name)) continue;
    try {
      sections.push(await fn(log));
    } catch (e) {
      sections.push({ name, cases: 0, failures: [`${e?.name}: ${e?.message}\n${e?.stack}`], ms: 0 });
    }
  }
  const end = await webgpuInfo();
  const fallbacks = end.reasons.filter((r) => r.startsWith('ran on wasm') && !/injected|lost|failed to compile/.test(r));
  return {
    ok: sections.every((s) => s.failures.length === 0) && fallbacks.length === 0,
    adapter: info.adapter,
    software: info.software,
    fallbacks,
    stats: end.stats,
    ms: Date.now() - t0,
    sections,
  };
}

/**
 * The browser bundle (build/browser/lazykernel.js) on WebGPU: `lib` is the bundle's module.
 * A Gaussian sum on both axes, a logsumexp, a K-nearest-neighbour search against the oracle,
 * and the bundle's own webgpuInfo().
 */
export async function bundleChecks(lib) {
  const { tensor: t, Vi: vi, Vj: vj } = lib;
  const rng = new Rng(7);
  const cloud = (n, d) => t(randomData(rng, n * d, { dtype: 'float32', lo: 0, hi: 1 }), [n, d]);
  const X = cloud(301, 3), Y = cloud(517, 3), B = cloud(517, 2);
  const Kx = vi(X).sqdist(vj(Y)).mul(-2).exp();
  const before = (await lib.webgpuInfo()).stats?.reductions ?? 0;
  const checks = [];
  const run = async (name, make, rtol, scale) => {
    try {
      const problem = mismatch(await make(WEBGPU), await make(ORACLE), { rtol, scale });
      checks.push({ name, ok: !problem, problem });
    } catch (e) {
      checks.push({ name, ok: false, problem: `${e?.name}: ${e?.message}` });
    }
  };
  await run('gaussian sum over j', (o) => Kx.mul(vj(B)).sum(1, o), REDUCTION_RTOL, 517);
  await run('gaussian sum over i', (o) => Kx.sum(0, o), REDUCTION_RTOL, 301);
  await run('logsumexp', (o) => vi(X).sqdist(vj(Y)).mul(-8).logsumexp(1, o), REDUCTION_RTOL, 10);
  try {
    const got = await vi(X).sqdist(vj(Y)).argKmin(3, 1, WEBGPU);
    const ref = await vi(X).sqdist(vj(Y)).argKmin(3, 1, ORACLE);
    const problem = sameNearIndices(got, ref);
    checks.push({ name: 'argKmin', ok: !problem, problem });
  } catch (e) {
    checks.push({ name: 'argKmin', ok: false, problem: `${e?.name}: ${e?.message}` });
  }
  const info = await lib.webgpuInfo();
  const ranOnGpu = (info.stats?.reductions ?? 0) - before;
  checks.push({ name: 'the four reductions ran on the GPU', ok: ranOnGpu === 4, problem: `${ranOnGpu} ran on the GPU; ${info.reasons.join('; ')}` });
  return { ok: checks.every((c) => c.ok), adapter: info.adapter, checks };
}

/** An op-table share written 'P,Q/N' (the variants of index P or Q modulo N); '0/1' is all of them. */
export function parseOpShare(text) {
  const [parts, of] = String(text ?? '0/1').split('/');
  return { parts: parts.split(',').map(Number), of: Number(of) };
}
