// Symbolic gradients inside formulas (issue 18): F.grad(v, e), F.divergence(v), F.laplacian(v),
// as pykeops / recent KeOps. For a set of kernels: the gradient formulas against central finite
// differences of the reduced forward formula (float64 oracle, 1e-6), to the third order; the
// same formulas reduced by wasm (float32 and float64; calling thread or pool, as the run's
// LAZYKERNEL_THREADS says) against the float64 oracle; host gradients of their reductions;
// the tape sharing subexpressions with the forward; printing; typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, LazyTensor, ValueError, ShapeError, DTypeError } from '../build/src/index.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { apply } from '../build/src/formula/build.js';
import { lowerFormula } from '../build/src/formula/lower.js';
import { OP, INSTR_WIDTH } from '../build/src/tape/opcodes.js';
import { Rng, sampleDomain } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const D = 3;

function cloud(rng, n, d, { lo = -1, hi = 1, dtype = 'float64', requiresGrad = false } = {}) {
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(lo, hi);
  return tensor(data, [n, d], { requiresGrad });
}

/** The kernels of the issue: each a function of (x, y, p) with x = Vi [N, 3], y = Vj [M, 3], p = Pm [1]. */
const KERNELS = {
  gaussian: (x, y, p) => x.sqdist(y).mul(p).neg().exp(),
  laplace: (x, y, p) => x.sub(y).norm2().mul(p).neg().exp(),
  cauchy: (x, y, p) => x.sqdist(y).mul(p).add(1).inv(),
  'inverse multiquadric': (x, y, p) => x.sqdist(y).mul(p).add(1).rsqrt(),
  'sin, log and pow': (x, y, p) => x.dot(y).sin().mul(x.sqdist(y).add(p).log())
    .add(x.sub(y).pow(3).sum(-1).mul(0.1))
    .add(x.sqnorm2().add(1).powf(y.elem(0).mul(0.1).add(p))),
};

/** One problem: tensors, their variables, and a cotangent for each order (independent of x, y, p). */
function problem(seed, { N = 4, M = 5, dtype = 'float64' } = {}) {
  const rng = new Rng(seed);
  const X = cloud(rng, N, D, { dtype }), Y = cloud(rng, M, D, { dtype });
  const P = tensor(dtype === 'float32' ? Float32Array.of(0.7) : Float64Array.of(0.7), [1]);
  const E1 = cloud(rng, M, 1, { dtype }), E3 = cloud(rng, M, D, { dtype }), E3b = cloud(rng, N, D, { dtype });
  const B = cloud(rng, M, 2, { lo: 0.5, hi: 1.5, dtype });
  return { X, Y, P, E1, E3, E3b, B, x: Vi(X), y: Vj(Y), p: Pm(P) };
}

/** S = sum over all pairs of <Phi_ij, c_ij>, in float64 through the oracle; sizes: { ni, nj }. */
async function pairing(Phi, c, sizes) {
  const inner = Phi.dim === 1 ? Phi.mul(c) : Phi.mul(c).sum(-1);
  const s = await inner.sum(1, { backend: 'oracle', ...sizes });
  return s.data.reduce((a, b) => a + b, 0);
}

/**
 * dS/dv by central differences, S = sum <Phi, c>, one entry of v's tensor at a time, against
 * Phi.grad(v, c) summed over the pairs each entry takes part in. `sizes` ({ ni, nj }) are the
 * axes' sizes, for gradients that no longer depend on any variable of an axis.
 */
async function checkAgainstFiniteDifferences(Phi, v, T, c, label, sizes = { ni: 4, nj: 5 }) {
  const G = Phi.grad(v, c);
  assert.is(G.dim, v.dim, `${label}: the gradient has v's dimension`);
  const cat = v.node.category;
  let analytic = await G.sum(cat === 'j' ? 0 : 1, { backend: 'oracle', ...sizes });
  if (cat === 'p') {
    const total = new Float64Array(v.dim);
    for (let r = 0; r < analytic.shape[0]; r++) for (let k = 0; k < v.dim; k++) total[k] += analytic.data[r * v.dim + k];
    analytic = total;
  } else {
    analytic = analytic.data;
  }
  const data = T.data;
  for (let e = 0; e < data.length; e++) {
    const x0 = data[e];
    const h = 1e-6 * Math.max(1, Math.abs(x0));
    data[e] = x0 + h;
    const up = await pairing(Phi, c, sizes);
    data[e] = x0 - h;
    const down = await pairing(Phi, c, sizes);
    data[e] = x0;
    const fd = (up - down) / (2 * h);
    assert.ok(Math.abs(analytic[e] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)),
      `${label} entry ${e}: formula ${analytic[e]}, finite differences ${fd}`);
  }
  return G;
}

for (const [name, kernel] of Object.entries(KERNELS)) {
  test(`${name}: grad with respect to Vi, Vj and Pm, and grad of grad, match finite differences (float64 oracle)`, async () => {
    const pb = problem(name.length * 101 + 7);
    const { x, y, p, X, Y, P } = pb;
    const F = kernel(x, y, p);
    assert.is(F.dim, 1);
    // First order, each variable, with a variable cotangent and with a number.
    const e1 = Vj(pb.E1);
    const Gx = await checkAgainstFiniteDifferences(F, x, X, e1, `${name} d/dx`);
    await checkAgainstFiniteDifferences(F, y, Y, e1, `${name} d/dy`);
    await checkAgainstFiniteDifferences(F, p, P, 1.5, `${name} d/dp`);
    // Second order: the gradient formula differentiated again, with respect to x and to y.
    const e3 = Vj(pb.E3);
    await checkAgainstFiniteDifferences(Gx, x, X, e3, `${name} d/dx d/dx`);
    await checkAgainstFiniteDifferences(Gx, y, Y, e3, `${name} d/dy d/dx`);
    await checkAgainstFiniteDifferences(Gx, p, P, e3, `${name} d/dp d/dx`);
  });
}

/** Data for an op-table argument, kept away from kinks and poles (as formula-grad.test.mjs does). */
function opArgument(rng, rows, dim, domain) {
  const data = new Float64Array(rows * dim);
  for (let k = 0; k < data.length; k++) {
    let v = sampleDomain(rng, domain ?? 'any');
    if (domain === 'positive') v = 0.5 + Math.abs(v) % 2;
    else if (domain === 'nonzero') v = (v < 0 ? -1 : 1) * (0.5 + Math.abs(v) % 2);
    else if (domain === 'unit') v = Math.max(-0.9, Math.min(0.9, v));
    else v = Math.max(-2, Math.min(2, v));
    data[k] = v;
  }
  return tensor(data, [rows, dim]);
}

// Second order for every op the table can differentiate: G = F.grad(a0, c) differentiated
// again with respect to each argument, against finite differences of G's reduction.
for (const [name, spec] of OP_TABLE) {
  test(`grad of grad through ${name} matches finite differences (every argument)`, async () => {
    const rng = new Rng(name.length * 7907 + name.charCodeAt(0));
    let checked = 0;
    for (const d of [1, 2, 3]) {
      const dims = spec.test.argDims(d);
      if (!dims) continue;
      for (const attrs of spec.test.attrs ?? [[]]) {
        const tensors = dims.map((dim, k) => opArgument(rng, k === 0 ? 3 : 4, dim, spec.test.domain?.[k]));
        const vars = tensors.map((t, k) => (k === 0 ? Vi(t) : Vj(t)));
        let F;
        try {
          F = new LazyTensor(apply(name, vars.map((v) => v.node), attrs));
        } catch {
          continue;
        }
        // Both axes need a variable: the cotangents bring the missing one.
        const c = Vj(opArgument(rng, 4, F.dim, 'any'));
        const G = F.grad(vars[0], c);
        const c2 = Vi(opArgument(rng, 3, G.dim, 'any'));
        for (let k = 0; k < vars.length; k++) {
          try {
            await checkAgainstFiniteDifferences(G, vars[k], tensors[k], c2, `${name} d=${d} attrs=[${attrs}] d/da${k} d/da0`, { ni: 3, nj: 4 });
            checked++;
          } catch (e) {
            if (!spec.test.discontinuous) throw e; // a kink between x - h and x + h
          }
        }
      }
    }
    assert.ok(checked > 0, `${name}: nothing was checked`);
  });
}

test('third order: grad of grad of grad matches finite differences (Gaussian and the sin/log/pow formula)', async () => {
  for (const name of ['gaussian', 'sin, log and pow']) {
    const pb = problem(77);
    const { x, y, p, X, Y } = pb;
    const G = KERNELS[name](x, y, p).grad(x, 1);
    const H = G.grad(y, Vi(pb.E3b));
    assert.is(H.dim, D);
    const T3 = await checkAgainstFiniteDifferences(H, x, X, Vj(pb.E3), `${name} third order`);
    assert.is(T3.dim, D);
    await checkAgainstFiniteDifferences(H, y, Y, Vj(pb.E3), `${name} third order in y`);
  }
});

test('the contract example: G = F.grad(x, 1) is -2 (x_i - y_j) exp(-|x_i - y_j|^2), reducible as G.mul(Vj(Bv)).sum(1)', async () => {
  const rng = new Rng(11);
  const N = 6, M = 9;
  const X = cloud(rng, N, 3), Y = cloud(rng, M, 3), Bv = cloud(rng, M, 1);
  const x = Vi(X), y = Vj(Y);
  const F = x.sqdist(y).neg().exp();
  const G = F.grad(x, 1);
  assert.is(G.dim, 3);
  const out = await G.mul(Vj(Bv)).sum(1);
  assert.equal(out.shape, [N, 3]);
  const ref = new Float64Array(N * 3);
  for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
    let d2 = 0;
    for (let k = 0; k < 3; k++) d2 += (X.data[3 * i + k] - Y.data[3 * j + k]) ** 2;
    for (let k = 0; k < 3; k++) ref[3 * i + k] += -2 * (X.data[3 * i + k] - Y.data[3 * j + k]) * Math.exp(-d2) * Bv.data[j];
  }
  assertClose(out, ref, { rtol: 1e-12, scale: 1, label: 'contract example' });
});

test('divergence and laplacian match finite differences (float64), and their definitions', async () => {
  const pb = problem(23);
  const { x, y, p, X } = pb;
  for (const [name, kernel] of Object.entries(KERNELS)) {
    const F = kernel(x, y, p);
    // A vector field of x's dimension: the gradient field times a Vj weight, plus a rotation-like term.
    const field = F.grad(x, Vj(pb.E1)).add(x.mul(y.sqnorm2()).concat(x.elem(0)).extract(1, 3));
    const div = field.divergence(x);
    assert.is(div.dim, 1);
    const lap = F.laplacian(x);
    assert.is(lap.dim, 1);
    // divergence: sum_k d(field_k)/dx_k, from the finite differences of the reduced components.
    const divSum = await div.sum(1, { backend: 'oracle' });
    const lapSum = await lap.sum(1, { backend: 'oracle' });
    const gradSum = F.grad(x, 1);
    const N = X.shape[0];
    const fdDiv = new Float64Array(N), fdLap = new Float64Array(N);
    for (let i = 0; i < N; i++) for (let k = 0; k < D; k++) {
      const e = i * D + k;
      const x0 = X.data[e];
      const h = 1e-6 * Math.max(1, Math.abs(x0));
      const comp = async (Phi) => (await Phi.elem(k).sum(1, { backend: 'oracle' })).data[i];
      X.data[e] = x0 + h;
      const [fu, gu] = [await comp(field), await comp(gradSum)];
      X.data[e] = x0 - h;
      const [fdn, gdn] = [await comp(field), await comp(gradSum)];
      X.data[e] = x0;
      fdDiv[i] += (fu - fdn) / (2 * h);
      fdLap[i] += (gu - gdn) / (2 * h);
    }
    for (let i = 0; i < N; i++) {
      assert.ok(Math.abs(divSum.data[i] - fdDiv[i]) <= 1e-6 * Math.max(1, Math.abs(fdDiv[i])), `${name} divergence row ${i}: ${divSum.data[i]} vs ${fdDiv[i]}`);
      assert.ok(Math.abs(lapSum.data[i] - fdLap[i]) <= 1e-6 * Math.max(1, Math.abs(fdLap[i])), `${name} laplacian row ${i}: ${lapSum.data[i]} vs ${fdLap[i]}`);
    }
    // laplacian(F) is divergence(grad(F, x, 1)).
    assertClose(lapSum, await F.grad(x, 1).divergence(x).sum(1, { backend: 'oracle' }), { rtol: 1e-12, scale: 1, label: `${name} laplacian = div grad` });
  }
  // The Gaussian's Laplacian in closed form: (4 r^2 - 2 D) exp(-r^2).
  const rng = new Rng(4);
  const X2 = cloud(rng, 5, 3), Y2 = cloud(rng, 1, 3);
  const lap = await Vi(X2).sqdist(Vj(Y2)).neg().exp().laplacian(Vi(X2)).sum(1);
  for (let i = 0; i < 5; i++) {
    let r2 = 0;
    for (let k = 0; k < 3; k++) r2 += (X2.data[3 * i + k] - Y2.data[k]) ** 2;
    assert.ok(Math.abs(lap.data[i] - (4 * r2 - 6) * Math.exp(-r2)) <= 1e-12, `closed form row ${i}`);
  }
  // A divergence with respect to a j-variable and a one-dimensional one.
  const Fj = Vi(X2).sub(Vj(Y2)).mul(Vj(Y2).sqnorm2());
  const divY = await Fj.divergence(Vj(Y2)).sum(0);
  const ys = Array.from(Y2.data);
  const y2 = ys.reduce((a, b) => a + b * b, 0);
  let expected = 0;
  for (let i = 0; i < 5; i++) for (let k = 0; k < 3; k++) expected += -y2 + (X2.data[3 * i + k] - ys[k]) * 2 * ys[k];
  assert.ok(Math.abs(divY.data[0] - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `divergence in y: ${divY.data[0]} vs ${expected}`);
  const t = tensor(Float64Array.of(0.5, 2), [2, 1]);
  const scalar = await Vi(t).square().mul(Vj(Y2).elem(0)).divergence(Vi(t)).sum(1);
  assertClose(scalar, [2 * 0.5 * Y2.data[0], 2 * 2 * Y2.data[0]], { rtol: 1e-14, label: 'dimension 1' });
});

for (const dtype of ['float32', 'float64']) {
  test(`gradient, divergence and laplacian formulas reduce on wasm like the float64 oracle (${dtype}, odd sizes)`, async () => {
    for (const [N, M] of [[1, 7], [13, 37], [33, 5]]) {
      for (const [name, kernel] of Object.entries(KERNELS)) {
        const pb = problem(N * 1000 + M, { N, M, dtype });
        const { x, y, p } = pb;
        const F = kernel(x, y, p);
        const G = F.grad(x, 1);
        const formulas = {
          'G.mul(Vj(B))': [G.mul(Vj(pb.B).elem(0)), 1],
          'grad in y': [F.grad(y, Vj(pb.E1)), 0],
          'grad of grad': [G.grad(x, Vj(pb.E3)), 1],
          divergence: [G.divergence(x), 1],
          laplacian: [F.laplacian(x), 1],
        };
        for (const [what, [Phi, axis]] of Object.entries(formulas)) {
          const label = `${name} ${what} ${dtype} N=${N} M=${M} axis ${axis}`;
          const ref = await Phi.sum(axis, { backend: 'oracle' });
          const got = await Phi.sum(axis, { backend: 'wasm' });
          // Relative to the sum of |terms| (cancellation makes the value itself a poor scale).
          const scale = await Phi.abs().sum(axis, { backend: 'oracle' });
          assertClose(got, ref, { rtol: dtype === 'float32' ? 2e-5 : 1e-11, scale, label });
        }
      }
    }
  });
}

test('reductions of gradient formulas carry host gradients (requiresGrad), against finite differences', async () => {
  for (const backend of ['wasm', 'oracle']) {
    const rng = new Rng(31);
    const N = 5, M = 7;
    const X = cloud(rng, N, 3, { requiresGrad: true }), Y = cloud(rng, M, 3, { requiresGrad: true });
    // W is also the cotangent e of H: gradients flow into e too.
    const Bv = cloud(rng, M, 1, { requiresGrad: true }), W = cloud(rng, N, 3, { requiresGrad: true });
    const build = () => {
      const x = Vi(X), y = Vj(Y);
      const G = x.sqdist(y).mul(2).add(1).rsqrt().grad(x, 1);
      return { G, H: G.grad(y, Vi(W)) };
    };
    // Objective: sum_i <(G.mul(Vj(Bv)).sum(1))_i, W_i> + sum_j (H.sum(0))_j . 1
    const objective = async (opts) => {
      const { G, H } = build();
      const a = await G.mul(Vj(Bv)).sum(1, opts);
      const b = await H.sum(0, opts);
      return a.mul(W).sum().add(b.sum());
    };
    for (const T of [X, Y, Bv, W]) T.zeroGrad();
    const s = await objective({ backend });
    await s.backward();
    for (const [T, label] of [[X, 'X'], [Y, 'Y'], [Bv, 'Bv'], [W, 'W']]) {
      assert.ok(T.grad, `${backend}: ${label}.grad is filled`);
      const data = T.data;
      for (let e = 0; e < data.length; e++) {
        const x0 = data[e];
        const h = 1e-6;
        data[e] = x0 + h;
        const up = (await objective({ backend: 'oracle' })).data[0];
        data[e] = x0 - h;
        const down = (await objective({ backend: 'oracle' })).data[0];
        data[e] = x0;
        const fd = (up - down) / (2 * h);
        assert.ok(Math.abs(T.grad.data[e] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${backend} ${label}.grad[${e}]: ${T.grad.data[e]} vs finite differences ${fd}`);
      }
    }
  }
});

function countOpcode(tape, name) {
  let n = 0;
  for (let t = 0; t < tape.nInstr; t++) if (tape.code[t * INSTR_WIDTH] === OP[name]) n++;
  return n;
}

test("a gradient's tape shares its subexpressions with the forward formula's", () => {
  const rng = new Rng(2);
  const x = Vi(cloud(rng, 3, 3)), y = Vj(cloud(rng, 4, 3));
  const F = x.sqdist(y).neg().exp();
  const G = F.grad(x, 1);
  const tapeF = lowerFormula(F.node, null, 8, false).tape;
  const tapeG = lowerFormula(G.node, null, 8, false).tape;
  const both = lowerFormula(F.concat(G).node, null, 8, false).tape;
  // The derivative of exp is exp itself: the gradient reuses the forward's value.
  assert.is(countOpcode(tapeG, 'EXP'), 1);
  assert.is(countOpcode(tapeG, 'SQDIST'), 1);
  assert.is(countOpcode(both, 'EXP'), 1, 'forward and gradient compute exp once together');
  assert.is(countOpcode(both, 'SQDIST'), 1);
  assert.ok(both.nInstr < tapeF.nInstr + tapeG.nInstr, `shared: ${both.nInstr} < ${tapeF.nInstr} + ${tapeG.nInstr}`);
  // Divergence: D reverse passes, one forward.
  const div = lowerFormula(G.divergence(x).node, null, 8, false).tape;
  assert.is(countOpcode(div, 'EXP'), 1);
  assert.is(countOpcode(div, 'SQDIST'), 1);
});

test('printing: Grad(F,v,e), Divergence(F,v), Laplacian(F,v), as KeOps writes them; nested and transposed', () => {
  const rng = new Rng(3);
  const X = cloud(rng, 2, 3), Y = cloud(rng, 4, 3), E = cloud(rng, 4, 1);
  const x = Vi(X), y = Vj(Y);
  const F = x.sqdist(y).neg().exp();
  const f = 'Exp(Minus(SqDist(Var(0,3,0),Var(1,3,1))))';
  const formula = (L) => String(L).split('\n')[1].trim();
  assert.is(formula(F.grad(x, 1)), `formula: Grad(${f},Var(0,3,0),IntCst(1))`);
  assert.is(formula(F.grad(y, Vj(E))), `formula: Grad(${f},Var(1,3,1),Var(2,1,1))`);
  assert.is(formula(F.grad(x, 0.5).grad(y, x)), `formula: Grad(Grad(${f},Var(0,3,0),Cst(0.5)),Var(1,3,1),Var(0,3,0))`);
  assert.is(formula(F.grad(x, 1).mul(2)), `formula: (Grad(${f},Var(0,3,0),IntCst(1)) * IntCst(2))`);
  assert.is(formula(F.grad(x, 1).divergence(x)), `formula: Divergence(Grad(${f},Var(0,3,0),IntCst(1)),Var(0,3,0))`);
  assert.is(formula(F.laplacian(y)), `formula: Laplacian(${f},Var(1,3,1))`);
  // Transposed, the operator form stays and the categories swap.
  assert.is(formula(F.grad(x, 1).t()), 'formula: Grad(Exp(Minus(SqDist(Var(0,3,1),Var(1,3,0)))),Var(0,3,1),IntCst(1))');
  // The shape is the formula's: [N, M, dim v].
  assert.equal(F.grad(x, 1).shape, [2, 4, 3]);
  // A variable the expansion no longer uses is still numbered (it is written in the formula).
  assert.is(formula(x.dot(y).grad(x, 1)), 'formula: Grad((Var(0,3,0)|Var(1,3,1)),Var(0,3,0),IntCst(1))');
});

test('grad of a formula linear in v: its gradient no longer depends on v, and differentiating again gives zeros', async () => {
  const rng = new Rng(8);
  const X = cloud(rng, 3, 2), Y = cloud(rng, 4, 2);
  const x = Vi(X), y = Vj(Y);
  const G = x.dot(y).grad(x, 1); // = y_j
  // G has only Vj variables now: the size of the i axis is given.
  assertClose(await G.sum(1, { ni: 3 }), Array.from({ length: 3 }, () => [0, 1].map((k) => [0, 1, 2, 3].reduce((s, j) => s + Y.data[2 * j + k], 0))).flat(), { rtol: 1e-14, label: 'grad of x.y' });
  const H = G.grad(x, Vj(Y)); // x is written in G: allowed, and zero
  assert.is(H.dim, 2);
  const out = await H.mul(x.sqdist(y)).sum(1);
  assert.equal(Array.from(out.data), [0, 0, 0, 0, 0, 0]);
});

test('e: a number is repeated over the formula dimension; a LazyTensor must have that dimension', async () => {
  const rng = new Rng(9);
  const X = cloud(rng, 3, 3), Y = cloud(rng, 5, 3);
  const x = Vi(X), y = Vj(Y);
  const F = x.sub(y).exp(); // dimension 3
  const twos = tensor(new Float64Array(5 * 3).fill(2), [5, 3]);
  assertClose(await F.grad(x, 2).sum(1), await F.grad(x, Vj(twos)).sum(1), { rtol: 1e-15, label: 'number e' });
  assert.throws(() => F.grad(x, Vj(tensor(new Float64Array(5), [5, 1]))), (e) => e instanceof ShapeError && /e must have the formula's dimension 3/.test(e.message));
  assert.throws(() => F.grad(x, 'one'), (e) => e instanceof DTypeError && /grad: e/.test(e.message));
});

test('typed errors: v not a LazyTensor, not a variable, not a variable of F; divergence and laplacian dimensions', () => {
  const rng = new Rng(10);
  const X = cloud(rng, 3, 3), Y = cloud(rng, 5, 3), Z = cloud(rng, 3, 2);
  const x = Vi(X), y = Vj(Y);
  const F = x.sqdist(y).neg().exp();
  assert.throws(() => F.grad(X, 1), (e) => e instanceof DTypeError && /grad: v must be a LazyTensor/.test(e.message));
  assert.throws(() => F.grad(x.mul(2), 1), (e) => e instanceof ValueError && /v must be a variable/.test(e.message) && /'Mult'/.test(e.message));
  assert.throws(() => F.grad(Vi(Z), 1), (e) => e instanceof ValueError && /not a variable of this formula/.test(e.message));
  assert.throws(() => F.grad(Pm(2), 1), (e) => e instanceof ValueError && /v \(a Pm variable of dimension 1\) is not a variable/.test(e.message));
  assert.throws(() => F.grad(y), (e) => e instanceof DTypeError && /grad: e/.test(e.message));
  assert.throws(() => F.divergence(x), (e) => e instanceof ShapeError && /divergence: the formula \(dimension 1\) and v \(dimension 3\)/.test(e.message));
  assert.throws(() => F.divergence(null), (e) => e instanceof DTypeError && /divergence: v must be a LazyTensor/.test(e.message));
  assert.throws(() => x.sub(y).laplacian(x), (e) => e instanceof ShapeError && /laplacian: the formula must be scalar/.test(e.message));
  assert.throws(() => F.laplacian(Vj(Z)), (e) => e instanceof ValueError && /laplacian: v/.test(e.message));
});

test('an op without a derivative rule raises a ValueError naming it (symbolic grad and host autograd), never a wrong answer', async () => {
  const exp = OP_TABLE.get('Exp');
  const noRule = { ...exp, name: 'ExpWithoutRule', vjp: undefined };
  OP_TABLE.set('ExpWithoutRule', noRule);
  try {
    const rng = new Rng(12);
    const X = cloud(rng, 3, 2, { requiresGrad: true }), Y = cloud(rng, 4, 2);
    const x = Vi(X), y = Vj(Y);
    const F = new LazyTensor(apply('ExpWithoutRule', [x.sqdist(y).neg().node]));
    // The forward runs: only differentiation needs the rule.
    assertClose(await F.sum(1), await x.sqdist(y).neg().exp().sum(1), { rtol: 1e-15, label: 'forward' });
    assert.throws(() => F.grad(x, 1), (e) => e instanceof ValueError && /'ExpWithoutRule' has no derivative rule/.test(e.message));
    // Deeper: a gradient formula that has the op in a sum is differentiated again: same error.
    const G = x.sqdist(y).grad(x, 1).add(F);
    assert.throws(() => G.grad(x, 1), (e) => e instanceof ValueError && /ExpWithoutRule/.test(e.message));
    // Host autograd: the backward rejects with the same error.
    const out = await F.sum(1);
    let err = null;
    try { await out.sum().backward(); } catch (e) { err = e; }
    assert.ok(err instanceof ValueError && /ExpWithoutRule/.test(err.message), `backward: ${err}`);
    // Formulas without the op still differentiate.
    assert.is(x.sqdist(y).grad(y, 1).dim, 2);
  } finally {
    OP_TABLE.delete('ExpWithoutRule');
  }
});

test.run();
