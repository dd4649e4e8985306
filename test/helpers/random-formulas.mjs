// Random kernel formulas and the float64 conditioning probe, shared by the property test of
// the wasm engine (test/random-formulas.test.mjs) and the WebGPU checks (test/smoke/gpu-random.mjs,
// which Deno and Chromium load from a static server rooted at the repository).
//
// makeGenerator draws random trees over the op table with Vi / Vj / Pm leaves and constants.
// evaluate() computes a formula's reduction in float64, optionally with every op's result (and
// the arguments of ops that add up products) perturbed by a few units of roundoff of the case's
// dtype; conditioning() turns the spread of such runs into per-element tolerances, or into a
// reason not to compare an ill-conditioned case; firstBeyond() applies them.
import { tensor, Vi, Vj, Pm } from '../../build/src/index.js';
import { OP_TABLE } from '../../build/src/formula/op-table.js';
import { constNode } from '../../build/src/formula/node.js';
import { apply } from '../../build/src/formula/build.js';
import { randomData } from './random.mjs';

export const MAX_DEPTH = 4;
export const REDUCTIONS = ['sum', 'min', 'max', 'logsumexp'];
// float32-exact constants, so that a float32 tape and the float64 oracle use the same numbers.
export const CONSTANTS = [0.5, 2, -1, 3, 0.25, 1.5, -0.75, 0.125, -2];
export const UNIT = { float32: 2 ** -24, float64: 2 ** -53 };
// An intermediate outside [SAFE_MIN, SAFE_MAX] (in magnitude) may overflow or underflow in the dtype.
export const SAFE_MAX = { float32: 1e30, float64: 1e250 };
export const SAFE_MIN = { float32: 1e-30, float64: 1e-250 };
// Relative spread above which a result counts as ill-conditioned (in units of roundoff).
export const MAX_AMPLIFICATION = 1e4;

const OPS = [...OP_TABLE.values()];
export const BROADCASTING = new Set(['Add', 'Subtract', 'Mult', 'Divide', 'Min', 'Max', 'Atan2', 'Powf', 'Clamp', 'IfElse', 'Mod']);
// Ops whose result adds up products (error relative to the sum of |products|) or whose
// arguments' rounding the result amplifies: their arguments are perturbed too.
// (op -> the arguments to perturb; WeightedSqDist's x - y is exact when x = y, so only its weight.)
export const PERTURB_ARGS = new Map(Object.entries({ Sum: [0], Scalprod: [0, 1], WeightedSqNorm: [0, 1], WeightedSqDist: [0], MatVecMult: [0, 1], VecMatMult: [0, 1], TensorDot: [0, 1], Powf: [1] }));
// Ops whose result is one of their arguments' values, or an exact integer: no rounding of their own.
export const EXACT_OUTPUT = new Set(['Minus', 'Abs', 'Sign', 'Step', 'ReLU', 'Floor', 'Min', 'Max', 'Clamp', 'ClampInt', 'IfElse', 'Extract', 'Elem', 'Concat', 'OneHot']);

// ------------------------------------------------------------------------------------------------
// Random formulas
// ------------------------------------------------------------------------------------------------

/** Generates one case's formula; variables are drawn from small per-(category, dim) pools. */
export function makeGenerator(rng, N, M, dtype, range) {
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

export function categories(root) {
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

export function countNodes(root) {
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

export function compile(root, swap) {
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
export function evaluate(order, nRows, nCols, reduction, dtype, noise) {
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
          } else if (n.op === 'OneHot') {
            for (const x of args[0]) if (nearHalf(x, eps * Math.abs(x))) flags.kink ??= `OneHot(${x})`;
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

export async function runReduction(F, reduction, axis, options) {
  return reduction === 'sum' ? F.sum(axis, options) : reduction === 'min' ? F.min(axis, options) : reduction === 'max' ? F.max(axis, options) : F.logsumexp(axis, options);
}

// ------------------------------------------------------------------------------------------------
// Comparison
// ------------------------------------------------------------------------------------------------

/**
 * Why a case cannot be compared ({ skip }), or { skip: null, tol }: per-element tolerances
 * 8 * spread + rtol * max(|value|, scale) (scale: sum of |terms| for sum, max |term| + 1 for
 * logsumexp, 0 for min / max).
 */
export function conditioning(ref, exact, noisy, reduction, dtype, rtol) {
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

/** NaN-aware check of `backend`'s result against per-element tolerances; returns a message or null. */
export function firstBeyond(actual, expected, tol, backend = 'wasm') {
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) && Number.isNaN(a)) continue;
      return `element ${k}: ${backend} ${a}, oracle ${e} (NaN must match NaN)`;
    }
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a === e) continue;
      return `element ${k}: ${backend} ${a}, oracle ${e} (infinities must match exactly)`;
    }
    if (!(Math.abs(a - e) <= tol[k])) return `element ${k}: ${backend} ${a}, oracle ${e}, |difference| ${Math.abs(a - e)} > tolerance ${tol[k]}`;
  }
  return null;
}

export function allOps(root) {
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
