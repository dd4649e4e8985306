// Random formulas for the WebGPU checks (test/smoke/gpu-checks.mjs): the generator, the float64
// conditioning probe and the comparison rule of test/random-formulas.test.mjs (copied, since
// that file runs its test on import), run with backend 'webgpu' in float32 against the oracle.
// Runs in any runtime that serves the repository as ES modules (Deno, Chromium).
import { tensor, Vi, Vj, Pm, LazyTensor } from '../../build/src/index.js';
import { OP_TABLE } from '../../build/src/formula/op-table.js';
import { apply } from '../../build/src/formula/build.js';
import { formulaToString } from '../../build/src/formula/print.js';
import { constNode } from '../../build/src/formula/node.js';
import { Rng, randomData } from '../helpers/random.mjs';

const REDUCTIONS = ['sum', 'min', 'max', 'logsumexp'];
const CONSTANTS = [0.5, 2, -1, 3, 0.25, 1.5, -0.75, 0.125, -2];
const UNIT = { float32: 2 ** -24, float64: 2 ** -53 };
const SAFE_MAX = { float32: 1e30, float64: 1e250 };
const SAFE_MIN = { float32: 1e-30, float64: 1e-250 };
const MAX_AMPLIFICATION = 1e4;
const MAX_DEPTH = 4;

const OPS = [...OP_TABLE.values()];
const BROADCASTING = new Set(['Add', 'Subtract', 'Mult', 'Divide', 'Min', 'Max', 'Atan2', 'Powf', 'Clamp', 'IfElse', 'Mod']);
const PERTURB_ARGS = new Map(Object.entries({ Sum: [0], Scalprod: [0, 1], WeightedSqNorm: [0, 1], WeightedSqDist: [0], MatVecMult: [0, 1], VecMatMult: [0, 1], Powf: [1] }));
const EXACT_OUTPUT = new Set(['Minus', 'Abs', 'Sign', 'Step', 'ReLU', 'Floor', 'Min', 'Max', 'Clamp', 'IfElse', 'Extract', 'Elem', 'Concat']);

// ------------------------------------------------------------------------------------------------
// Random formulas
// ------------------------------------------------------------------------------------------------

/** Generates one case's formula; variables are drawn from small per-(category, dim) pools. */
function makeGenerator(rng, N, M, dtype, range) {
  const pools = new Map();
  const variable = (cat, dim) => {
    const key = `${cat}${dim}`;
    if (!pools.has(key)) pools.set(key, []);
    const pool = pools.get(key);
    if (pool.length < 2 && (pool.length === 0 || rng.bool(0.4))) {
      const rows = cat === 'i' ? N : cat === 'j' ? M : 1;
      const t = tensor(randomData(rng, rows * dim, { dtype, lo: range[0], hi: range[1] }), cat === 'p' ? [dim] : [rows, dim]);
      pool.push(cat === 'i' ? Vi(t).node : cat === 'j' ? Vj(t).node : Pm(t).node);
    }
    return rng.pick(pool);
  };
  const leaf = (dim) => {
    const r = rng.next();
    if (dim === 1 && r < 0.15) return constNode(rng.pick(CONSTANTS));
    if (r < 0.5) return variable('i', dim);
    if (r < 0.85) return variable('j', dim);
    return variable('p', dim);
  };
  const node = (depth, dim) => {
    if (depth === 0 || rng.bool(0.2)) return leaf(dim);
    for (let attempt = 0; attempt < 40; attempt++) {
      const spec = rng.pick(OPS);
      const d = rng.bool(0.5) ? Math.min(dim, 4) : rng.int(1, 3);
      let argDims = spec.test.argDims(d);
      if (argDims === null) continue;
      let attrs = rng.pick(spec.test.attrs ?? [[]]);
      if (spec.name === 'Elem') attrs = [rng.int(0, d - 1)];
      if (spec.name === 'Extract' && d >= 2) {
        const len = rng.int(1, d - 1);
        attrs = [rng.int(0, d - len), len];
      }
      if (BROADCASTING.has(spec.name) && rng.bool(0.3)) argDims = argDims.map((x) => (rng.bool(0.4) ? 1 : x));
      if (spec.name === 'WeightedSqNorm' || spec.name === 'WeightedSqDist') {
        const D = argDims[argDims.length - 1];
        argDims = [rng.pick([1, D, D * D]), ...argDims.slice(1)];
      }
      let out;
      try {
        out = spec.dim(argDims, attrs);
      } catch {
        continue;
      }
      if (out !== dim) continue;
      const args = argDims.map((ad) => node(depth - 1, ad));
      try {
        return apply(spec.name, args, attrs);
      } catch {
        continue; // e.g. an invalid combination the dim rule rejects only with the real arguments
      }
    }
    return leaf(dim);
  };
  return node;
}

function categories(root) {
  const cats = new Set();
  const seen = new Set();
  const walk = (n) => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    if (n.op === 'Var') cats.add(n.category);
    n.args.forEach(walk);
  };
  walk(root);
  return cats;
}

function countNodes(root) {
  const seen = new Set();
  const walk = (n) => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    n.args.forEach(walk);
  };
  walk(root);
  return seen.size;
}

// ------------------------------------------------------------------------------------------------
// A float64 evaluator with optional roundoff noise (the conditioning probe)
// ------------------------------------------------------------------------------------------------

function compile(root, swap) {
  const order = [];
  const index = new Map();
  const visit = (n) => {
    if (index.has(n.key)) return;
    n.args.forEach(visit);
    index.set(n.key, order.length);
    const spec = n.op === 'Var' || n.op === 'Const' ? null : OP_TABLE.get(n.op);
    order.push({
      node: n,
      spec,
      args: n.args.map((a) => index.get(a.key)),
      argIsLeaf: n.args.map((a) => a.op === 'Var' || a.op === 'Const'),
      out: new Float64Array(n.dim),
      scratch: n.args.map((a) => new Float64Array(a.dim)),
      followsRow: n.op === 'Var' ? (swap ? n.category === 'j' : n.category === 'i') : false,
    });
  };
  visit(root);
  return order;
}

/**
 * Is t (a real number) within `eps` of a jump of floor (an integer), without being exactly on
 * it? (Exact integers come from exact computations, such as x - x or floor's own output.)
 */
const nearInteger = (t, eps) => {
  const dist = Math.abs(t - Math.round(t));
  return Number.isFinite(t) && dist > 0 && dist <= eps;
};
/** Is t near a jump of round-half-away (a half-integer), without being exactly on it? */
const nearHalf = (t, eps) => {
  const dist = Math.abs(Math.abs(t - Math.trunc(t)) - 0.5);
  return Number.isFinite(t) && dist > 0 && dist <= eps;
};

/**
 * Evaluates the formula for every (row, col) and reduces each row like the oracle.
 * noise: null, or { rng, u } to perturb every op's result (and PERTURB_ARGS ops' arguments)
 * by a random 2u..4u relative. Without noise, also reports intermediates out of the safe
 * range and floor / round / mod arguments near a jump.
 */
function evaluate(order, nRows, nCols, reduction, dtype, noise) {
  const root = order[order.length - 1];
  const dim = root.node.dim;
  const values = new Float64Array(nRows * dim);
  const scale = new Float64Array(nRows * dim);
  const u = UNIT[dtype];
  const flags = { range: null, kink: null };
  const col = Array.from({ length: dim }, () => new Float64Array(nCols));
  const jitter = () => 1 + (noise.rng.bool() ? 1 : -1) * noise.u * noise.rng.uniform(2, 4);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      for (const step of order) {
        const n = step.node;
        const out = step.out;
        if (n.op === 'Var') {
          const at = n.category === 'p' ? 0 : step.followsRow ? r : c;
          const data = n.tensor.data;
          for (let k = 0; k < n.dim; k++) out[k] = data[at * n.dim + k];
          continue;
        }
        if (n.op === 'Const') {
          out[0] = n.attrs[0];
          continue;
        }
        let args = step.args.map((a) => order[a].out);
        if (noise && PERTURB_ARGS.has(n.op)) {
          const which = PERTURB_ARGS.get(n.op);
          args = args.map((a, k) => {
            if (!which.includes(k)) return a;
            const s = step.scratch[k];
            for (let q = 0; q < a.length; q++) s[q] = a[q] * jitter();
            return s;
          });
        }
        step.spec.ref(out, args, n.attrs);
        if (noise) {
          if (n.op === 'Mod') {
            // x - n floor((x - d) / n): an absolute error relative to the terms that cancel.
            const at = (a, k) => (a.length === 1 ? a[0] : a[k]);
            for (let k = 0; k < out.length; k++) {
              const [x, m, d] = [at(args[0], k), at(args[1], k), at(args[2], k)];
              const size = Math.abs(x) + Math.abs(d) + Math.abs(m * Math.floor((x - d) / m));
              out[k] += (jitter() - 1) * size;
            }
          } else if (!EXACT_OUTPUT.has(n.op) && !(n.op === 'Round' && n.attrs[0] === 0)) {
            for (let k = 0; k < out.length; k++) out[k] *= jitter();
          }
        } else {
          for (let k = 0; k < out.length; k++) {
            const v = Math.abs(out[k]);
            if (Number.isFinite(v) && v !== 0 && (v > SAFE_MAX[dtype] || v < SAFE_MIN[dtype])) flags.range ??= `${n.op} gives ${out[k]}`;
          }
          const eps = 16 * u;
          if (n.op === 'Floor') {
            for (const x of args[0]) if (nearInteger(x, eps * Math.abs(x))) flags.kink ??= `Floor(${x})`;
          } else if (n.op === 'Round') {
            const s = 10 ** n.attrs[0];
            for (const x of args[0]) if (nearHalf(x * s, eps * Math.abs(x * s))) flags.kink ??= `Round(${x}, ${n.attrs[0]})`;
          } else if (n.op === 'Mod') {
            for (let k = 0; k < out.length; k++) {
              const at = (a) => (a.length === 1 ? a[0] : a[k]);
              const [x, m, d] = [at(args[0]), at(args[1]), at(args[2])];
              const t = (x - d) / m;
              if (nearInteger(t, eps * (Math.abs(t) + (Math.abs(x) + Math.abs(d)) / Math.abs(m)))) flags.kink ??= `Mod(${x}, ${m}, ${d})`;
            }
          }
        }
      }
      for (let k = 0; k < dim; k++) col[k][c] = root.out[k];
    }
    for (let k = 0; k < dim; k++) {
      const f = col[k];
      const o = r * dim + k;
      let absSum = 0;
      let absMax = 0;
      for (const x of f) {
        if (Number.isNaN(x)) continue;
        absSum += Math.abs(x);
        absMax = Math.max(absMax, Math.abs(x));
      }
      if (reduction === 'sum') {
        let s = 0;
        for (const x of f) s += x;
        values[o] = s;
        scale[o] = absSum;
      } else if (reduction === 'logsumexp') {
        let m = -Infinity;
        for (const x of f) m = Math.max(m, x);
        if (!Number.isFinite(m)) values[o] = m;
        else {
          let s = 0;
          for (const x of f) s += Math.exp(x - m);
          values[o] = m + Math.log(s);
        }
        scale[o] = absMax + 1;
      } else {
        const isMax = reduction === 'max';
        let best = isMax ? -Infinity : Infinity;
        for (const x of f) if (!Number.isNaN(x) && (isMax ? x > best : x < best)) best = x;
        values[o] = best;
        scale[o] = 0;
      }
    }
  }
  return { values, scale, flags };
}

async function runReduction(F, reduction, axis, options) {
  return reduction === 'sum' ? F.sum(axis, options) : reduction === 'min' ? F.min(axis, options) : reduction === 'max' ? F.max(axis, options) : F.logsumexp(axis, options);
}

// ------------------------------------------------------------------------------------------------
// The property
// ------------------------------------------------------------------------------------------------

/** Why a case cannot be compared, or null; also returns per-element tolerances. */
function conditioning(ref, exact, noisy, reduction, dtype, rtol) {
  if (exact.flags.range) return { skip: `range (${exact.flags.range})` };
  if (exact.flags.kink) return { skip: `jump (${exact.flags.kink})` };
  const u = UNIT[dtype];
  const tol = new Float64Array(ref.length);
  for (let k = 0; k < ref.length; k++) {
    const e = ref[k];
    let spread = 0;
    for (const run of noisy) {
      const v = run.values[k];
      if (Number.isNaN(e) || Number.isNaN(v)) {
        if (Number.isNaN(e) !== Number.isNaN(v)) return { skip: 'NaN flips under roundoff' };
        continue;
      }
      if (!Number.isFinite(e) || !Number.isFinite(v)) {
        if (e !== v) return { skip: 'infinity flips under roundoff' };
        continue;
      }
      spread = Math.max(spread, Math.abs(v - e));
    }
    if (!Number.isFinite(e)) continue;
    const scale = exact.scale[k];
    if (spread > MAX_AMPLIFICATION * u * Math.abs(e)) return { skip: 'ill-conditioned (roundoff spread)' };
    if (reduction === 'sum' && Math.abs(e) < 1e-3 * scale) return { skip: 'cancellation (|sum| << sum |terms|)' };
    tol[k] = 8 * spread + rtol * Math.max(Math.abs(e), scale);
  }
  return { skip: null, tol };
}


/**
 * Random float32 formulas reduced with backend 'webgpu' until `target` cases were compared (or
 * `maxCases` generated). Tolerance per element: 8 * (float64 spread of the result under
 * float32-sized roundoff of every op) + rtol * scale (sum of |terms| for sum, max |term| + 1
 * for logsumexp). Returns { compared, cases, skipped, failures, opsSeen }.
 */
export async function runRandomFormulas({ seed = 0x6a11ce, target = 300, maxCases = 700, rtol = 1e-5, maxSize = 70, log = () => {} } = {}) {
  const rng = new Rng(seed);
  const skipped = {};
  const failures = [];
  const opsSeen = new Set();
  let compared = 0;
  let cases = 0;
  const dtype = 'float32';
  while (compared < target && cases < maxCases) {
    const caseSeed = Math.floor(rng.next() * 4294967296);
    const crng = new Rng(caseSeed);
    cases++;
    let N = 1 + Math.floor((maxSize - 1) * crng.next() ** 2);
    let M = 1 + Math.floor((maxSize - 1) * crng.next() ** 2);
    const range = crng.bool(0.6) ? [0.5, 1.5] : [-1.5, 1.5];
    const reduction = crng.pick(REDUCTIONS);
    const axis = crng.bool() ? 1 : 0;
    if (crng.bool(0.05)) {
      // Around a few workgroup-wide column tiles, for few output rows.
      const wide = 128 + crng.int(-3, 5);
      const few = crng.int(1, 4);
      [N, M] = axis === 1 ? [few, wide] : [wide, few];
    }
    const gen = makeGenerator(crng, N, M, dtype, range);
    let root = null;
    for (let attempt = 0; attempt < 10 && root === null; attempt++) {
      const candidate = gen(crng.int(1, MAX_DEPTH), crng.pick([1, 1, 1, 2, 3]));
      const cats = categories(candidate);
      if (cats.has('i') && cats.has('j')) root = candidate;
    }
    if (root === null) {
      skipped['no Vi or no Vj'] = (skipped['no Vi or no Vj'] ?? 0) + 1;
      continue;
    }
    const F = new LazyTensor(root);
    const label = `case seed ${caseSeed} (#${cases}): ${reduction}(${axis}) N=${N} M=${M} range [${range}] formula ${formulaToString(root)}`;
    const nRows = axis === 1 ? N : M;
    const nCols = axis === 1 ? M : N;
    let got;
    try {
      got = await runReduction(F, reduction, axis, { backend: 'webgpu' });
    } catch (e) {
      failures.push(`${label}: ${e?.name}: ${e?.message}`);
      continue;
    }
    const ref = await runReduction(F, reduction, axis, { backend: 'oracle' });
    const order = compile(root, axis === 0);
    const exact = evaluate(order, nRows, nCols, reduction, dtype, null);
    const noisy = [0, 1].map(() => evaluate(order, nRows, nCols, reduction, dtype, { rng: crng, u: UNIT[dtype] }));
    const { skip, tol } = conditioning(ref.data, exact, noisy, reduction, dtype, rtol);
    if (skip) {
      const reason = skip.replace(/ \(.*\)$/, '');
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    const m = firstBeyond(got.data, ref.data, tol);
    if (m) failures.push(`${label}: ${m}`);
    compared++;
    for (const n of allOps(root)) opsSeen.add(n);
    if (compared % 50 === 0) log(`random formulas: ${compared} compared of ${cases}`);
  }
  return { compared, cases, skipped, failures, opsSeen: [...opsSeen], opsMissing: [...OP_TABLE.keys()].filter((k) => !opsSeen.has(k)) };
}

function firstBeyond(actual, expected, tol) {
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) && Number.isNaN(a)) continue;
      return `element ${k}: webgpu ${a}, oracle ${e} (NaN must match NaN)`;
    }
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a === e) continue;
      return `element ${k}: webgpu ${a}, oracle ${e} (infinities must match exactly)`;
    }
    if (!(Math.abs(a - e) <= tol[k])) return `element ${k}: webgpu ${a}, oracle ${e}, |difference| ${Math.abs(a - e)} > tolerance ${tol[k]}`;
  }
  return null;
}

function allOps(root) {
  const ops = new Set();
  const seen = new Set();
  const walk = (n) => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    if (n.op !== 'Var' && n.op !== 'Const') ops.add(n.op);
    n.args.forEach(walk);
  };
  walk(root);
  return ops;
}
