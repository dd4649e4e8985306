// One generic loop over the op table: every op, at several base dimensions, attribute sets,
// argument categories (Vi / Vj / Pm) and both float dtypes, reduced over j and over i by the
// wasm engine and compared with the float64 oracle. Then broadcasting of the element-wise ops
// and the ShapeErrors of mismatched dimensions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, LazyTensor, ShapeError } from '../build/src/index.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { apply } from '../build/src/formula/build.js';
import { binaryOps } from '../build/src/formula/ops/binary.js';
import { ternaryOps } from '../build/src/formula/ops/ternary.js';
import { TILE } from '../build/src/tape/opcodes.js';
import { Rng, randomData } from './helpers/random.mjs';
import { assertClose, assertIndicesEqual } from './helpers/compare.mjs';

const BASE_SEED = 0x5eed0001;
const BASE_DIMS = [1, 2, 3, 7, 16];
const DTYPES = ['float32', 'float64'];
// Odd sizes: M = TILE + 3 (67 with 64-lane tiles) crosses a j-tile, so full and partial tiles run.
const N = 5;
const M = TILE + 3;
// Ops whose float64 wasm kernels are approximations (polynomial exp/log/sin...), not exact IEEE ops.
const TRANSCENDENTAL = new Set(['Exp', 'Log', 'Sin', 'Cos', 'Powf', 'Atan2', 'Atan', 'Asin', 'Acos', 'XLogX', 'SinXDivX', 'Sqrt', 'Rsqrt', 'Norm2', 'Normalize', 'Pow', 'Inv', 'Divide', 'Mod']);

/** A stable seed per test name, so that each op's cases reproduce on their own. */
function seedFor(name) {
  let h = BASE_SEED;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function rtolFor(op, dtype) {
  if (dtype === 'float32') return 1e-5;
  return TRANSCENDENTAL.has(op) ? 1e-11 : 1e-12;
}

/** Argument categories to try for an op of `arity`: Vi first, Vj first, a Pm, all-i, all-j. */
function categoryVariants(arity) {
  if (arity === 1) return [['i'], ['j'], ['p']];
  const rest = (c) => Array.from({ length: arity - 1 }, () => c);
  const variants = [
    ['i', ...rest('j')],
    ['j', 'i', ...rest('j').slice(1)],
    ['i', ...rest('j').slice(1), 'p'],
    Array.from({ length: arity }, () => 'i'),
    Array.from({ length: arity }, () => 'j'),
  ];
  const seen = new Set();
  return variants.filter((v) => (seen.has(v.join()) ? false : (seen.add(v.join()), true)));
}

/** A variable of category cat ('i' | 'j' | 'p') and dimension dim over data from `domain`. */
function makeVar(rng, cat, dim, dtype, domain) {
  if (cat === 'p') return Pm(tensor(randomData(rng, dim, { dtype, domain }), [dim]));
  const rows = cat === 'i' ? N : M;
  const X = tensor(randomData(rng, rows * dim, { dtype, domain }), [rows, dim]);
  return cat === 'i' ? Vi(X) : Vj(X);
}

/**
 * op(args) over variables of the given categories; multiplied by a positive dimension-1
 * Vi / Vj when the arguments alone would leave the formula without an i or a j axis.
 */
function buildOpFormula(rng, spec, argDims, attrs, cats, dtype) {
  const domains = spec.test.domain ?? [];
  const args = argDims.map((d, k) => makeVar(rng, cats[k], d, dtype, domains[k] ?? 'any'));
  const build = (argList) => {
    let F = new LazyTensor(apply(spec.name, argList.map((a) => a.node), attrs));
    if (!cats.includes('j')) F = F.mul(companionJ);
    if (!cats.includes('i')) F = F.mul(companionI);
    return F;
  };
  const companionJ = makeVar(rng, 'j', 1, dtype, 'positive');
  const companionI = makeVar(rng, 'i', 1, dtype, 'positive');
  const F = build(args);
  // Ops that add up products inside one (i, j) entry have a rounding error relative to the sum
  // of |products|, not to |result|: their error scale is the same op over |arguments|.
  const absArgs = ACCUMULATING[spec.name];
  let errorScale = F;
  if (absArgs) errorScale = build(args.map((a, k) => (absArgs.includes(k) ? a.abs() : a)));
  // Mod(x, n, d) = x - n floor((x - d) / n) cancels: its error is relative to |x| + |d| + |x - d| + |n|.
  if (spec.name === 'Mod') {
    const [x, n, d] = args;
    errorScale = x.abs().add(d.abs()).add(x.sub(d).abs()).add(n.abs());
    if (!cats.includes('j')) errorScale = errorScale.mul(companionJ);
    if (!cats.includes('i')) errorScale = errorScale.mul(companionI);
  }
  return { F, errorScale };
}

/** Accumulating ops -> the arguments to take |.| of for their error scale. */
const ACCUMULATING = {
  Sum: [0],
  Scalprod: [0, 1],
  WeightedSqNorm: [0, 1],
  WeightedSqDist: [0],
  MatVecMult: [0, 1],
  VecMatMult: [0, 1],
  TensorDot: [0, 1],
};

/**
 * Reduces F over both axes with wasm and oracle and compares, relative to the sum over the
 * reduced axis of |terms| (of errorScale's terms when given).
 */
async function checkSums(F, dtype, rtol, label, errorScale = F) {
  for (const axis of [1, 0]) {
    const got = await F.sum(axis);
    const ref = await F.sum(axis, { backend: 'oracle' });
    const scale = await errorScale.abs().sum(axis, { backend: 'oracle' });
    assert.is(got.dtype, dtype, `${label}, axis ${axis}: result dtype`);
    assert.equal(got.shape, [axis === 1 ? F.shape[0] : F.shape[1], F.dim], `${label}, axis ${axis}: result shape`);
    assertClose(got, ref, { rtol, scale, label: `${label}, sum(${axis})` });
  }
}

for (const [name, spec] of OP_TABLE) {
  test(`${name} reduced by sum(1) and sum(0) matches the float64 oracle for every tested dimension, attribute, argument category and dtype`, async () => {
    const seed = seedFor(name);
    const rng = new Rng(seed);
    let cases = 0;
    for (const d of BASE_DIMS) {
      const argDims = spec.test.argDims(d);
      if (argDims === null) continue;
      assert.is(argDims.length, spec.arity, `${name}: argDims(${d}) gives ${argDims.length} dimensions for arity ${spec.arity}`);
      for (const attrs of spec.test.attrs ?? [[]]) {
        if (spec.nattrs !== 'variable') assert.is(attrs.length, spec.nattrs, `${name}: test attrs [${attrs}] for nattrs ${spec.nattrs}`);
        for (const dtype of DTYPES) {
          for (const cats of categoryVariants(spec.arity)) {
            const { F, errorScale } = buildOpFormula(rng, spec, argDims, attrs, cats, dtype);
            const label = `seed ${seed}, ${name}(${cats.join(', ')}) argDims [${argDims}] attrs [${attrs}] ${dtype}`;
            assert.is(F.dim, spec.dim(argDims, attrs), label);
            await checkSums(F, dtype, rtolFor(name, dtype), label, errorScale);
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 0, `${name}: spec.test.argDims gave no dimension to test`);
  });
}

// ------------------------------------------------------------------------------------------------
// Broadcasting of the element-wise binary / ternary ops
// ------------------------------------------------------------------------------------------------

/** Every pattern of argument dimensions for `arity` operands where some (not all) are 1. */
function broadcastPatterns(arity, D) {
  const out = [];
  for (let mask = 1; mask < (1 << arity) - 1; mask++) {
    out.push(Array.from({ length: arity }, (_, k) => ((mask >> k) & 1 ? 1 : D)));
  }
  return out;
}

/** Repeats every row of a [rows, 1] tensor D times: the explicit form of a broadcast operand. */
function repeatColumns(X, D) {
  const rows = X.shape[0];
  const data = new X.data.constructor(rows * D);
  for (let r = 0; r < rows; r++) data.fill(X.data[r], r * D, (r + 1) * D);
  return tensor(data, [rows, D]);
}

for (const spec of [...binaryOps, ...ternaryOps]) {
  test(`${spec.name} broadcasts dimension-1 operands against dimension D like an explicitly repeated operand`, async () => {
    const seed = seedFor(`broadcast ${spec.name}`);
    const rng = new Rng(seed);
    const domains = spec.test.domain ?? [];
    for (const D of [3, 7]) {
      for (const dims of broadcastPatterns(spec.arity, D)) {
        assert.is(spec.dim(dims, []), D, `${spec.name}: dim([${dims}]) should broadcast to ${D}`);
        for (const dtype of DTYPES) {
          const cats = ['i', 'j', 'p'].slice(0, spec.arity);
          if (spec.arity === 2) cats[1] = 'j';
          const label = `seed ${seed}, ${spec.name} dims [${dims}] (${cats}) ${dtype}`;
          const tensors = dims.map((d, k) => {
            const rows = cats[k] === 'i' ? N : cats[k] === 'j' ? M : 1;
            return tensor(randomData(rng, rows * d, { dtype, domain: domains[k] ?? 'any' }), [rows, d]);
          });
          const wrap = (X, k) => (cats[k] === 'i' ? Vi(X) : cats[k] === 'j' ? Vj(X) : Pm(tensor(X.data, [X.shape[1]])));
          const wrapped = tensors.map((X, k) => wrap(X, k));
          const F = new LazyTensor(apply(spec.name, wrapped.map((a) => a.node), []));
          assert.is(F.dim, D, label);
          // Mod cancels: its rounding error is relative to |x| + |d| + |x - d| + |n|.
          const [x, n, d] = wrapped;
          const errF = spec.name === 'Mod' ? x.abs().add(d.abs()).add(x.sub(d).abs()).add(n.abs()) : F;
          // The same formula with every dimension-1 operand repeated D times.
          const explicit = new LazyTensor(apply(spec.name, tensors.map((X, k) => wrap(X.shape[1] === 1 ? repeatColumns(X, D) : X, k).node), []));
          for (const axis of [1, 0]) {
            const got = await F.sum(axis);
            const want = await explicit.sum(axis);
            const ref = await F.sum(axis, { backend: 'oracle' });
            const scale = await errF.abs().sum(axis, { backend: 'oracle' });
            assertClose(got, ref, { rtol: rtolFor(spec.name, dtype), scale, label: `${label}, sum(${axis}) vs oracle` });
            // Broadcasting must read exactly the values the explicit repetition gives.
            assertClose(got, want, { rtol: dtype === 'float32' ? 1e-6 : 1e-14, scale, label: `${label}, sum(${axis}) vs explicit repetition` });
          }
          // min / argmin see the same component values too.
          const [mv, mi] = await F.minArgmin(1);
          const [ev, ei] = await explicit.minArgmin(1);
          assertClose(mv, ev, { rtol: 0, label: `${label}, minArgmin values vs explicit repetition` });
          assertIndicesEqual(mi, ei, `${label}, minArgmin indices vs explicit repetition`);
        }
      }
    }
  });
}

// ------------------------------------------------------------------------------------------------
// Dimension mismatches
// ------------------------------------------------------------------------------------------------

function throwsShapeError(fn, mustMention, label) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== null, `${label}: expected a ShapeError, nothing was thrown`);
  assert.instance(error, ShapeError, `${label}: expected a ShapeError, received ${error && error.constructor.name}: ${error && error.message}`);
  for (const word of mustMention) {
    assert.ok(error.message.includes(String(word)), `${label}: the message '${error.message}' should mention '${word}'`);
  }
}

const X2 = tensor(new Float64Array(N * 2), [N, 2]);
const Y3 = tensor(new Float64Array(M * 3), [M, 3]);
const Z3 = tensor(new Float64Array(M * 3), [M, 3]);

for (const spec of [...binaryOps, ...ternaryOps]) {
  test(`${spec.name} with operand dimensions 2 and 3 throws a ShapeError naming ${spec.name} and both dimensions`, () => {
    const args = spec.arity === 2 ? [Vi(X2), Vj(Y3)] : [Vi(X2), Vj(Y3), Vj(Z3)];
    throwsShapeError(() => apply(spec.name, args.map((a) => a.node), []), [spec.name, 2, 3], spec.name);
    // And with the mismatched operand in another position.
    const rev = spec.arity === 2 ? [Vj(Y3), Vi(X2)] : [Vj(Y3), Vj(Z3), Vi(X2)];
    throwsShapeError(() => apply(spec.name, rev.map((a) => a.node), []), [spec.name, 2, 3], `${spec.name} reversed`);
  });
}

test('LazyTensor methods add / sub / mul / div / minimum / maximum / clamp / ifelse / mod report mismatched dimensions as ShapeErrors', () => {
  const x = Vi(X2);
  const y = Vj(Y3);
  throwsShapeError(() => x.add(y), ['Add', 2, 3], 'add');
  throwsShapeError(() => x.sub(y), ['Subtract', 2, 3], 'sub');
  throwsShapeError(() => x.mul(y), ['Mult', 2, 3], 'mul');
  throwsShapeError(() => x.div(y), ['Divide', 2, 3], 'div');
  throwsShapeError(() => x.minimum(y), ['Min', 2, 3], 'minimum');
  throwsShapeError(() => x.maximum(y), ['Max', 2, 3], 'maximum');
  throwsShapeError(() => x.clamp(y, 1), ['Clamp', 2, 3], 'clamp');
  throwsShapeError(() => x.ifelse(1, y), ['IfElse', 2, 3], 'ifelse');
  throwsShapeError(() => x.mod(y), ['Mod', 2, 3], 'mod');
});

test('vector ops with mismatched dimensions throw ShapeErrors naming the op and both dimensions', () => {
  const x = Vi(X2);
  const y = Vj(Y3);
  throwsShapeError(() => x.sqdist(y), ['SqDist', 2, 3], 'sqdist');
  throwsShapeError(() => x.dot(y), ['Scalprod', 2, 3], 'dot');
  throwsShapeError(() => x.weightedsqdist(y, 1), ['WeightedSqDist', 2, 3], 'weightedsqdist x/y');
  // weight of dimension 5 for vectors of dimension 2 (1, 2 or 4 are allowed)
  throwsShapeError(() => x.weightedsqnorm(Pm([1, 2, 3, 4, 5])), ['WeightedSqNorm', 5, 2], 'weightedsqnorm');
  throwsShapeError(() => x.weightedsqdist(Vj(tensor(new Float64Array(M * 2), [M, 2])), Pm([1, 2, 3])), ['WeightedSqDist', 3, 2], 'weightedsqdist weight');
  throwsShapeError(() => y.matvecmult(x), ['MatVecMult', 3, 2], 'matvecmult');
  throwsShapeError(() => y.vecmatmult(x), ['VecMatMult', 3, 2], 'vecmatmult');
  throwsShapeError(() => x.elem(2), ['Elem', 2], 'elem');
  throwsShapeError(() => y.extract(2, 2), ['Extract', 3], 'extract');
});

test('WeightedSqDist and WeightedSqNorm accept isotropic (1), diagonal (D) and full (D*D) weights and match the oracle', async () => {
  const seed = seedFor('weights');
  const rng = new Rng(seed);
  for (const dtype of DTYPES) {
    for (const D of [1, 2, 3, 5]) {
      const X = tensor(randomData(rng, N * D, { dtype }), [N, D]);
      const Y = tensor(randomData(rng, M * D, { dtype }), [M, D]);
      for (const S of [1, D, D * D]) {
        const w = tensor(randomData(rng, S, { dtype, domain: 'positive' }), [S]);
        const Wj = tensor(randomData(rng, M * S, { dtype, domain: 'positive' }), [M, S]);
        const label = `seed ${seed}, ${dtype} D=${D} S=${S}`;
        await checkSums(Vi(X).weightedsqdist(Vj(Y), Pm(w)), dtype, rtolFor('', dtype), `${label} weightedsqdist Pm`);
        await checkSums(Vi(X).weightedsqdist(Vj(Y), Vj(Wj)), dtype, rtolFor('', dtype), `${label} weightedsqdist Vj weight`);
        await checkSums(Vi(X).sub(Vj(Y)).weightedsqnorm(Pm(w)), dtype, rtolFor('', dtype), `${label} weightedsqnorm`);
      }
    }
  }
});

// ------------------------------------------------------------------------------------------------
// Signed zeros in the vector sums
// ------------------------------------------------------------------------------------------------

test('Sum, Scalprod and diagonal WeightedSqNorm / WeightedSqDist of terms that are all -0 give +0, like the oracle (1 / result is +Inf)', async () => {
  // The oracle (ops/vector.ts) adds the terms to s = 0, so a sum of -0 terms is +0 (IEEE: +0 + -0 = +0).
  const failures = [];
  for (const dtype of DTYPES) {
    const t = (data, shape) => tensor(data, shape, { dtype });
    const one = Vi(t([1], [1, 1]));
    const neg = Vi(t([-1, -1], [1, 2]));
    const zero = Vj(t([0, 0], [1, 2]));
    const cases = {
      'Scalprod(-1, 0)': neg.dot(zero),
      'Sum(-1 * 0)': neg.mul(zero).sum(-1),
      'Sum of one component -0': Vi(t([-1], [1, 1])).mul(Vj(t([0], [1, 1]))).sum(-1),
      'WeightedSqNorm diagonal (-1, -1) of 0': zero.weightedsqnorm(Pm([-1, -1])),
      'WeightedSqDist diagonal (-1, -1) of 0 - 0': zero.weightedsqdist(Vi(t([0, 0], [1, 2])), Pm([-1, -1])),
    };
    for (const [what, F] of Object.entries(cases)) {
      const G = one.div(F);
      const ref = (await G.sum(1, { backend: 'oracle' })).data[0];
      const got = (await G.sum(1)).data[0];
      assert.is(ref, Infinity, `oracle: 1 / ${what} should be +Inf`);
      if (got !== ref) failures.push(`${dtype} 1 / ${what}: wasm ${got}, oracle ${ref}`);
    }
  }
  assert.ok(failures.length === 0, `the wasm SUMV / DOT kernels start their sums from the first term, so all -0 terms sum to -0:\n  ${failures.join('\n  ')}`);
});

// ------------------------------------------------------------------------------------------------
// Compiled-tape cache: formulas that differ in any detail must not share a tape
// ------------------------------------------------------------------------------------------------

test('formulas differing only in a constant, an attribute, a variable category or a variable identity are not confused by the tape cache', async () => {
  const seed = seedFor('tape cache');
  const rng = new Rng(seed);
  for (const dtype of DTYPES) {
    const T = (rows, dim, domain = 'positive') => tensor(randomData(rng, rows * dim, { dtype, domain }), [rows, dim]);
    const A = T(N, 2);
    const A2 = T(N, 2);
    const B = T(M, 2);
    const a = Vi(A);
    const b = Vj(B);
    // Each group shares its structure up to one detail; they run back to back so a stale tape would be reused.
    const groups = {
      constant: [a.mul(0.5).add(b), a.mul(0.25).add(b), a.mul(-3).add(b)],
      'integer power': [a.pow(3).add(b), a.pow(-1).add(b), a.pow(2).add(b)],
      'round decimals': [a.mul(b).round(0), a.mul(b).round(2), a.mul(b).round(1)],
      'elem index': [a.add(b).elem(0), a.add(b).elem(1)],
      'extract start': [a.concat(b).extract(0, 2), a.concat(b).extract(1, 2), a.concat(b).extract(2, 2)],
      'same variable twice vs two variables': [a.sub(a).add(b), a.sub(Vi(A2)).add(b), Vi(A2).sub(a).add(b)],
      'category of an operand': [a.sub(b), b.sub(a), a.sub(Pm(tensor(B.data.slice(0, 2), [2]))).add(b.mul(0))],
      'same structure, other data': [a.sqdist(b), Vi(A2).sqdist(b)],
    };
    for (const [what, formulas] of Object.entries(groups)) {
      for (let pass = 0; pass < 2; pass++) {
        for (const [k, F] of formulas.entries()) {
          for (const axis of [1, 0]) {
            const label = `seed ${seed}, ${what} #${k} (pass ${pass}) ${dtype} axis ${axis}`;
            const got = await F.sum(axis);
            const ref = await F.sum(axis, { backend: 'oracle' });
            assertClose(got, ref, { rtol: rtolFor('', dtype), scale: await F.abs().sum(axis, { backend: 'oracle' }), label });
          }
        }
      }
    }
    // Data written in place and announced with markChanged() is read again.
    const F = a.sqdist(b);
    const before = await F.sum(1);
    A.data.fill(0.5);
    A.markChanged();
    const after = await F.sum(1);
    assertClose(after, await F.sum(1, { backend: 'oracle' }), { rtol: rtolFor('', dtype), label: `${dtype} after markChanged` });
    assert.ok(findDifferent(before.data, after.data), `${dtype}: the result should change after the data changed`);
  }
});

function findDifferent(u, v) {
  for (let k = 0; k < u.length; k++) if (u[k] !== v[k]) return true;
  return false;
}

test('formulas differing only in the sign of a zero constant (x * 0 vs x * -0) are not confused by the tape cache', async () => {
  // 1 / (y * +0) = +Inf and 1 / (y * -0) = -Inf for y > 0: one formula must not reuse the other's tape.
  const failures = [];
  for (const dtype of DTYPES) {
    const x = Vi(tensor([1, 2], [2, 1], { dtype }));
    const y = Vj(tensor([1, 3, 4], [3, 1], { dtype }));
    for (const c of [0, -0, 0]) {
      const G = x.div(y.mul(c));
      const ref = await G.sum(1, { backend: 'oracle' });
      const got = await G.sum(1);
      const want = Object.is(c, -0) ? -Infinity : Infinity;
      assert.equal(Array.from(ref.data), [want, want], `oracle ${dtype} c = ${Object.is(c, -0) ? '-0' : '+0'}`);
      if (got.data[0] !== want) failures.push(`${dtype} x / (y * ${Object.is(c, -0) ? '-0' : '+0'}): wasm ${got.data[0]}, expected ${want}`);
    }
  }
  assert.ok(failures.length === 0, `the tape cache key (canonicalKey in src/formula/lower.ts) prints constants with attrs.join(','), which writes -0 as "0":\n  ${failures.join('\n  ')}`);
});

test.run();
