// The gradient templates of sum-like reductions (src/dispatch/grad-template.ts): derived once
// per forward structure, bound to each backward's tensors. A cached gradient must equal the
// one derived afresh, bit for bit, and anything the derivation reads must key the cache.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { buildPlan } from '../build/src/plan/reduction-plan.js';
import { varNode, collectVars } from '../build/src/formula/node.js';
import { canonicalKey } from '../build/src/formula/lower.js';
import {
  gradGroups, deriveGradGroups, setGradTemplateCache, gradTemplateStats, clearGradTemplates, hoistRowFactors,
} from '../build/src/dispatch/grad-template.js';
import { setHoistRowFactors } from '../build/src/dispatch/reduction-grad.js';
import { WasmEngine } from '../build/src/engine/wasm-engine.js';
import { Rng } from './helpers/random.mjs';

const CASES = {
  sum: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().exp().mul(Vj(t.B)).sum(axis, o),
  logsumexp: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().logsumexp(axis, o),
  'logsumexp with weight': (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).neg().logsumexp(axis, { ...o, weight: (axis === 1 ? Vj : Vi)(axis === 1 ? t.Bpos : t.Apos) }),
  sumsoftmaxweight: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).neg().sumsoftmaxweight(axis === 1 ? Vj(t.B) : Vi(t.A), axis, o),
  'the mixture tutorial (weighted distance, weight)': (t, axis, o) => Vi(t.X).weightedsqdist(Vj(t.Y), Vj(t.G)).neg().logsumexp(1, { ...o, weight: Vj(t.Bpos) }),
};

/** Random leaves of one dtype; `requires` names those that require grad (all by default). */
function leaves(seed, dtype, { N = 5, M = 7, D = 2, requires = null } = {}) {
  const rng = new Rng(seed);
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const make = (name, shape, lo = -1, hi = 1) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return tensor(Arr.from({ length: n }, () => rng.uniform(lo, hi)), shape, { requiresGrad: requires ? requires.includes(name) : true });
  };
  return {
    X: make('X', [N, D]), Y: make('Y', [M, D]), B: make('B', [M, 2]), A: make('A', [N, 2]),
    Bpos: make('Bpos', [M, 1], 0.5, 1.5), Apos: make('Apos', [N, 1], 0.5, 1.5), p: make('p', [D], 0.5, 1.5),
    G: make('G', [M, D * D], 0.2, 0.8),
  };
}

/** The gradients of sum(out * R) for every leaf that got one, as plain arrays. */
async function gradients(build, t, axis, { createGraph = false } = {}) {
  const out = await build(t, axis, { backend: 'wasm' });
  const rng = new Rng(99);
  const R = tensor(Array.from({ length: out.size }, () => rng.uniform(-1, 1)), out.shape, { dtype: out.dtype });
  await out.mul(R).sum().backward(undefined, { createGraph });
  const g = {};
  for (const [k, x] of Object.entries(t)) if (x.grad) g[k] = x.grad;
  return g;
}

/** The same computation with the template cache off (the gradient derived afresh). */
async function uncached(fn) {
  const was = setGradTemplateCache(false);
  try {
    return await fn();
  } finally {
    setGradTemplateCache(was);
  }
}

function assertSameGradients(a, b, what) {
  assert.equal(Object.keys(a).sort(), Object.keys(b).sort(), `${what}: the same leaves get gradients`);
  for (const k of Object.keys(a)) {
    assert.equal(a[k].shape, b[k].shape, `${what}: ${k}'s gradient shape`);
    for (let e = 0; e < a[k].size; e++) {
      if (!Object.is(a[k].data[e], b[k].data[e])) assert.unreachable(`${what}: ${k}'s gradient differs at ${e}: ${a[k].data[e]} cached, ${b[k].data[e]} derived`);
    }
  }
}

for (const [name, build] of Object.entries(CASES)) {
  test(`${name}: a cached gradient equals the one derived afresh, bit for bit, on new tensors (float32, float64, both axes)`, async () => {
    for (const dtype of ['float32', 'float64']) {
      for (const axis of [0, 1]) {
        clearGradTemplates();
        await gradients(build, leaves(1, dtype), axis); // derives and stores the template
        const before = gradTemplateStats();
        assert.ok(before.misses > 0 && before.hits === 0, `${dtype} axis ${axis}: the first backward derives (${JSON.stringify(before)})`);
        const cached = await gradients(build, leaves(2, dtype), axis);
        const after = gradTemplateStats();
        assert.ok(after.hits > 0 && after.misses === before.misses, `${dtype} axis ${axis}: the second backward reuses the template (${JSON.stringify(after)})`);
        const derived = await uncached(() => gradients(build, leaves(2, dtype), axis));
        assertSameGradients(cached, derived, `${name}, ${dtype}, axis ${axis}`);
      }
    }
  });
}

test('second-order gradients (createGraph) through a cached template equal the derived ones', async () => {
  const build = CASES['logsumexp with weight'];
  for (const dtype of ['float32', 'float64']) {
    clearGradTemplates();
    const hvp = async () => {
      const t = leaves(5, dtype);
      const g = await gradients(build, t, 1, { createGraph: true });
      // A Hessian-vector product: the gradient of <grad X, V> with respect to every leaf.
      for (const x of Object.values(t)) x.grad = null;
      const V = tensor(Array.from({ length: g.X.size }, (_, k) => Math.cos(k)), g.X.shape, { dtype });
      await g.X.mul(V).sum().backward();
      return Object.fromEntries(Object.entries(t).filter(([, x]) => x.grad).map(([k, x]) => [k, x.grad]));
    };
    await hvp();
    const cached = await hvp();
    assert.ok(gradTemplateStats().hits > 0, 'the second run reuses templates');
    assertSameGradients(cached, await uncached(hvp), `Hessian-vector product, ${dtype}`);
  }
});

test('a changed formula, dimension, dtype, axis or set of differentiated leaves misses the cache', async () => {
  const base = (t, axis, o, c = -0.5) => Vi(t.X).sqdist(Vj(t.Y)).mul(c).exp().mul(Vj(t.B)).sum(axis, o);
  const variants = [
    ['the formula as first seen', (t, a, o) => base(t, a, o), { dtype: 'float64' }, 1],
    ['another constant', (t, a, o) => base(t, a, o, -0.25), { dtype: 'float64' }, 1],
    ['another op', (t, a, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(-0.5).exp().add(Vj(t.B)).sum(a, o), { dtype: 'float64' }, 1],
    ['another dimension', (t, a, o) => base(t, a, o), { dtype: 'float64', D: 3 }, 1],
    ['another dtype', (t, a, o) => base(t, a, o), { dtype: 'float32' }, 1],
    ['another axis', (t, a, o) => base(t, a, o), { dtype: 'float64' }, 0],
    ['fewer differentiated leaves', (t, a, o) => base(t, a, o), { dtype: 'float64', requires: ['X', 'B'] }, 1],
  ];
  clearGradTemplates();
  let seed = 10;
  for (const [what, build, opts, axis] of variants) {
    const before = gradTemplateStats();
    const t = leaves(seed++, opts.dtype, opts);
    const cached = await gradients(build, t, axis);
    const after = gradTemplateStats();
    assert.ok(after.misses > before.misses && after.hits === before.hits, `${what}: a miss (${JSON.stringify(before)} -> ${JSON.stringify(after)})`);
    assertSameGradients(cached, await uncached(() => gradients(build, leaves(seed - 1, opts.dtype, opts), axis)), what);
  }
});

test('other row counts reuse the template (it holds no sizes) and give the derived gradient', async () => {
  const build = CASES.logsumexp;
  clearGradTemplates();
  await gradients(build, leaves(20, 'float32', { N: 5, M: 7 }), 1);
  const before = gradTemplateStats();
  for (const [N, M] of [[1, 7], [13, 1], [33, 17]]) {
    const cached = await gradients(build, leaves(21, 'float32', { N, M }), 1);
    assertSameGradients(cached, await uncached(() => gradients(build, leaves(21, 'float32', { N, M }), 1)), `N = ${N}, M = ${M}`);
  }
  const after = gradTemplateStats();
  assert.is(after.misses, before.misses, 'no new template for new sizes');
  assert.ok(after.hits >= before.hits + 3);
});

test('a binding that would merge two leaves (an extra row variable that is a forward input) is derived directly', () => {
  const t = leaves(30, 'float64');
  const formula = Vi(t.X).sqdist(Vj(t.Y)).neg().exp().mul(Vi(t.Apos)).node;
  const plan = buildPlan({ formula, kind: 'SUM', axis: 1, backend: 'wasm' }, 'test');
  const E = plan.inputs.find((input) => input.tensor === t.Apos).node; // the same node as a forward input
  const rows = { E, out: varNode(tensor(new Float64Array(5), [5, 1]), 'i', 1), lse: null };
  clearGradTemplates();
  const groups = gradGroups(plan, [0, 1], rows);
  assert.is(gradTemplateStats().bypassed, 1);
  assert.is(gradTemplateStats().size, 0, 'nothing stored');
  const derived = deriveGradGroups(plan, plan.formula, plan.aux, [plan.inputs[0].node, plan.inputs[1].node], rows);
  assert.equal(groups.map((g) => g.formula.key), derived.map((g) => g.formula.key));
});

test('the template holds placeholders, not the tensors of the call that derived it', () => {
  const t = leaves(40, 'float64');
  const formula = Vi(t.X).sqdist(Vj(t.Y)).neg().exp().mul(Vj(t.B)).node;
  const plan = buildPlan({ formula, kind: 'SUM', axis: 1, backend: 'wasm' }, 'test');
  const rows = { E: varNode(tensor(new Float64Array(10), [5, 2]), 'i', 2), out: varNode(tensor(new Float64Array(10), [5, 2]), 'i', 2), lse: null };
  clearGradTemplates();
  const first = gradGroups(plan, [0, 1, 2], rows);
  const again = gradGroups(plan, [0, 1, 2], rows);
  assert.is(gradTemplateStats().hits, 1);
  assert.equal(again.map((g) => g.formula.key), first.map((g) => g.formula.key), 'bound to the same tensors: the same formulas');
  const derived = deriveGradGroups(plan, plan.formula, plan.aux, plan.inputs.map((input) => input.node), rows);
  assert.equal(first.map((g) => g.formula.key), derived.map((g) => g.formula.key), 'and the formulas derived on the real leaves');
  assert.equal(first.map((g) => g.leaves.map((leaf) => leaf.tensor)), derived.map((g) => g.leaves.map((leaf) => leaf.tensor)));
});

/** The same computation with the gradient sums keeping their row-constant factors inside. */
async function unhoisted(fn) {
  const was = setHoistRowFactors(false);
  try {
    return await fn();
  } finally {
    setHoistRowFactors(was);
  }
}

function assertCloseGradients(a, b, tol, what) {
  assert.equal(Object.keys(a).sort(), Object.keys(b).sort(), `${what}: the same leaves get gradients`);
  for (const k of Object.keys(a)) {
    assert.equal(a[k].shape, b[k].shape, `${what}: ${k}'s gradient shape`);
    let scale = 0;
    for (const v of b[k].data) scale = Math.max(scale, Math.abs(v));
    for (let e = 0; e < a[k].size; e++) {
      const err = Math.abs(a[k].data[e] - b[k].data[e]);
      if (!(err <= tol * Math.max(scale, 1e-30))) assert.unreachable(`${what}: ${k}'s gradient at ${e}: ${a[k].data[e]} hoisted, ${b[k].data[e]} inside the sum`);
    }
  }
}

for (const [name, build] of Object.entries(CASES)) {
  test(`${name}: row-constant factors taken out of the gradient sums give the same gradients (float32, float64, both axes)`, async () => {
    for (const dtype of ['float32', 'float64']) {
      for (const axis of [0, 1]) {
        for (const [N, M] of [[5, 7], [1, 9], [37, 3]]) {
          const hoisted = await gradients(build, leaves(50 + N, dtype, { N, M }), axis);
          const inside = await unhoisted(() => gradients(build, leaves(50 + N, dtype, { N, M }), axis));
          assertCloseGradients(hoisted, inside, dtype === 'float32' ? 2e-6 : 1e-14, `${name}, ${dtype}, axis ${axis}, N = ${N}, M = ${M}`);
        }
      }
    }
  });
}

test('the mixture tutorial\'s gradient sum leaves its weight and sign to the host: fewer instructions per pair', async () => {
  const counts = [];
  const original = WasmEngine.prototype.reduce;
  WasmEngine.prototype.reduce = function (request) {
    if (request.reduction === 'SUM') counts.push(request.tape.nInstr);
    return original.call(this, request);
  };
  try {
    const build = CASES['the mixture tutorial (weighted distance, weight)'];
    await gradients(build, leaves(60, 'float32', { requires: ['G', 'Bpos'] }), 1);
    await unhoisted(() => gradients(build, leaves(60, 'float32', { requires: ['G', 'Bpos'] }), 1));
  } finally {
    WasmEngine.prototype.reduce = original;
  }
  assert.is(counts.length, 2, 'one gradient reduction each');
  assert.ok(counts[0] < counts[1], `hoisted ${counts[0]} instructions, inside ${counts[1]}`);
});

/** The gradients of mean(out) (a uniform incoming gradient, as every scalar loss gives) for every leaf that got one. */
async function meanGradients(build, t, axis) {
  const out = await build(t, axis, { backend: 'wasm' });
  await out.mean().backward();
  const g = {};
  for (const [k, x] of Object.entries(t)) if (x.grad) g[k] = x.grad;
  return g;
}

for (const [name, build] of Object.entries(CASES)) {
  test(`${name}: a uniform incoming gradient taken out of the gradient sums gives the same gradients (float32, float64, both axes)`, async () => {
    for (const dtype of ['float32', 'float64']) {
      for (const axis of [0, 1]) {
        for (const [N, M] of [[5, 7], [1, 9], [37, 3]]) {
          const hoisted = await meanGradients(build, leaves(90 + N, dtype, { N, M }), axis);
          const inside = await unhoisted(() => meanGradients(build, leaves(90 + N, dtype, { N, M }), axis));
          // float32: the soft-max weight's gradient subtracts two dot products of E (s (E.b - E.out)),
          // whose roundings differ once E is a factor outside: a few more ulps than the others.
          assertCloseGradients(hoisted, inside, dtype === 'float32' ? 1e-5 : 1e-14, `${name}, ${dtype}, axis ${axis}, N = ${N}, M = ${M}`);
        }
      }
    }
  });
}

test('a uniform incoming gradient (the mixture tutorial\'s mean) reaches the engine as a parameter: one row variable and instructions fewer', async () => {
  const seen = [];
  const original = WasmEngine.prototype.reduce;
  WasmEngine.prototype.reduce = function (request) {
    if (request.reduction === 'SUM') seen.push({ instr: request.tape.nInstr, rowVars: request.vars.filter((v) => v.category !== 'p').length });
    return original.call(this, request);
  };
  const build = CASES['the mixture tutorial (weighted distance, weight)'];
  const requires = { requires: ['G', 'Bpos'] };
  let uniform, random;
  try {
    uniform = await meanGradients(build, leaves(61, 'float32', requires), 1);
    random = await gradients(build, leaves(61, 'float32', requires), 1);
  } finally {
    WasmEngine.prototype.reduce = original;
  }
  assert.is(seen.length, 2, 'one gradient reduction each');
  assert.is(seen[0].rowVars, seen[1].rowVars - 1, `row variables: ${seen[0].rowVars} with a uniform gradient, ${seen[1].rowVars} with a random one`);
  assert.ok(seen[0].instr < seen[1].instr, `${seen[0].instr} instructions with a uniform gradient, ${seen[1].instr} with a random one`);
  assert.ok(uniform.G && random.G);
});

test('an incoming gradient that is not uniform, or uniformly 0 or infinite, stays a row variable', async () => {
  const build = CASES['the mixture tutorial (weighted distance, weight)'];
  const cases = { uniform: [0.5, 0.5], 'one element off': [0.5, 0.5 + 1e-3], zero: [0, 0], infinite: [Infinity, Infinity] };
  const rowVars = {};
  const original = WasmEngine.prototype.reduce;
  let name = '';
  WasmEngine.prototype.reduce = function (request) {
    if (request.reduction === 'SUM') rowVars[name] = request.vars.filter((v) => v.category !== 'p').length;
    return original.call(this, request);
  };
  try {
    for (const [which, [value, last]] of Object.entries(cases)) {
      name = which;
      const t = leaves(62, 'float32', { requires: ['G', 'Bpos'] });
      const out = await build(t, 1, { backend: 'wasm' });
      const E = new Float32Array(out.size).fill(value);
      E[E.length - 1] = last;
      await out.backward(tensor(E, out.shape));
    }
  } finally {
    WasmEngine.prototype.reduce = original;
  }
  for (const which of ['one element off', 'zero', 'infinite']) {
    assert.is(rowVars[which], rowVars.uniform + 1, `${which}: ${rowVars[which]} row variables, ${rowVars.uniform} for a uniform 0.5`);
  }
});

test('hoistRowFactors takes out leaves of the output rows, parameters and constants, nothing else', () => {
  const t = leaves(70, 'float64');
  const W = Vj(t.Bpos).node, E = Vi(t.Apos).node, p = Pm(t.p).node;
  const pairTerm = Vi(t.X).sqdist(Vj(t.Y)).exp().node;
  const g = Vj(t.Bpos).mul(Vi(t.Apos)).neg().mul(Vi(t.X).sqdist(Vj(t.Y)).exp()).mul(Pm(t.p)).node; // dim 2
  // Over i (rows j): W, -1 and p are the same for every term; E and the pair term are not.
  const overI = hoistRowFactors(g, 0);
  assert.ok(overI.factor, 'something is taken out over i');
  const outVars = (f) => [...new Set((function* walk(n) { if (n.op === 'Var') yield n.key; for (const a of n.args) yield* walk(a); })(f))].sort();
  assert.equal(outVars(overI.factor), [W.key, p.key].sort());
  assert.equal(outVars(overI.pairs), [E.key, ...outVars(pairTerm)].sort());
  assert.is(Math.max(overI.factor.dim, overI.pairs.dim), g.dim);
  // Over j (rows i): E and p are taken out, W stays with the pairs.
  const overJ = hoistRowFactors(g, 1);
  assert.equal(outVars(overJ.factor), [E.key, p.key].sort());
  assert.ok(outVars(overJ.pairs).includes(W.key));
  // Nothing pair-free: unchanged.
  const plain = hoistRowFactors(pairTerm, 1);
  assert.is(plain.factor, null);
  assert.is(plain.pairs, pairTerm);
  // A row-constant subexpression that is not a leaf (exp of a row variable) stays inside.
  const inner = hoistRowFactors(Vi(t.X).exp().mul(Vi(t.X).sqdist(Vj(t.Y))).node, 1);
  assert.is(inner.factor, null);
});

test('a bound template knows its variables and key: those collectVars and canonicalKey give', () => {
  const t = leaves(80, 'float32');
  const forwards = [
    ['SUM', 1, Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().exp().mul(Vj(t.B)).node, null],
    ['SUM', 0, Vj(t.Y).sub(Vi(t.X)).square().mul(Pm(t.p)).sin().node, null],
    ['LOGSUMEXP', 1, Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().node, null],
    ['LOGSUMEXP_WEIGHT', 1, Vi(t.X).weightedsqdist(Vj(t.Y), Vj(t.G)).neg().node, Vj(t.Bpos).node],
    ['LOGSUMEXP_WEIGHT', 0, Vi(t.X).weightedsqdist(Vj(t.Y), Vj(t.G)).neg().node, Vi(t.Apos).node],
  ];
  for (const [kind, axis, formula, aux] of forwards) {
    const plan = buildPlan({ formula, aux, kind, axis, backend: 'wasm' }, 'test');
    const rows = axis === 1 ? 5 : 7;
    const cat = axis === 1 ? 'i' : 'j';
    const width = kind === 'SUM' ? formula.dim : 1;
    for (const hoist of [false, true]) {
      clearGradTemplates();
      gradGroups(plan, plan.inputs.map((_, k) => k), { E: varNode(tensor(new Float32Array(rows * width), [rows, width]), cat, width), out: varNode(tensor(new Float32Array(rows * width), [rows, width]), cat, width), lse: null }, hoist);
      const E = varNode(tensor(new Float32Array(rows * width), [rows, width]), cat, width);
      const groups = gradGroups(plan, plan.inputs.map((_, k) => k), { E, out: varNode(tensor(new Float32Array(rows * width), [rows, width]), cat, width), lse: null }, hoist);
      assert.is(gradTemplateStats().hits, 1, `${kind} axis ${axis}: bound from the template`);
      for (const g of groups) {
        assert.is(g.known.key, canonicalKey([g.formula]), `${kind} axis ${axis}: key`);
        assert.equal(g.known.vars.map((v) => v.key), collectVars([g.formula]).map((v) => v.key), `${kind} axis ${axis}: variables in order`);
        assert.ok(g.known.vars.every((v, k) => v === collectVars([g.formula])[k]), 'the very leaf nodes of the formula');
      }
      assert.ok(groups.some((g) => collectVars([g.formula]).includes(E)), 'this call\'s incoming gradient is bound');
    }
  }
});

test.after(() => {
  setGradTemplateCache(true);
  clearGradTemplates();
});

test.run();
