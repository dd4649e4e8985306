// Optimisers: SGD and Adam reproduce PyTorch's update formulas step by step and reach known
// minima (quadratics, 2-D and 10-D Rosenbrock); lbfgs converges like scipy's L-BFGS-B, reports
// progress, honours an AbortSignal and limits; bad arguments are typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, SGD, Adam, lbfgs, noGrad, ValueError, AbortError } from '../build/src/index.js';
import { Rng, randomData } from './helpers/random.mjs';

const param = (data) => tensor(data, [data.length], { dtype: 'float64', requiresGrad: true });
const grad = (data) => tensor(data, [data.length], { dtype: 'float64' });

/** sum_k 100 (z_{k+1} - z_k^2)^2 + (z_k - 1)^2, minimum 0 at (1, ..., 1). */
function rosenbrock(z) {
  const n = z.size;
  const a = z.narrow(0, 0, n - 1);
  const b = z.narrow(0, 1, n - 1);
  return b.sub(a.square()).square().mul(100).add(a.sub(1).square()).sum();
}

/** The classic start: (-1.2, 1, -1.2, 1, ...). */
const rosenbrockStart = (n) => param(Array.from({ length: n }, (_, k) => (k % 2 ? 1 : -1.2)));

/** 0.5 x^T A x - b^T x with A symmetric positive definite, built with its minimiser xStar = A^-1 b. */
function quadratic(n, seed) {
  const rng = new Rng(seed);
  const M = randomData(rng, n * n, { domain: 'unit' });
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += M[i * n + k] * M[j * n + k];
      A[i * n + j] = s;
    }
  }
  const xStar = randomData(rng, n, { domain: 'any' });
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * xStar[j];
  const At = tensor(A, [n, n]);
  const bt = tensor(b, [n]);
  return { xStar, f: (x) => x.matmul(At).matmul(x).mul(0.5).sub(bt.matmul(x)) };
}

async function run(optimizer, f, z, steps) {
  for (let k = 0; k < steps; k++) {
    optimizer.zeroGrad();
    await f(z).backward();
    optimizer.step();
  }
}

function maxError(z, target) {
  return Math.max(...z.toArray().map((v, k) => Math.abs(v - (typeof target === 'number' ? target : target[k]))));
}

function closeTo(actual, expected, tol, label) {
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: ${actual} differs from ${expected} by more than ${tol}`);
}

async function rejectsTyped(call, Type, ...patterns) {
  try {
    await call();
  } catch (e) {
    assert.instance(e, Type, `expected a ${Type.name}, received ${e}`);
    for (const p of patterns) assert.match(e.message, p);
    return e;
  }
  assert.unreachable(`expected a ${Type.name}`);
}

// ---- SGD ----

test('SGD momentum matches the first steps computed by hand (f = x^2, lr 0.1, momentum 0.9)', async () => {
  const x = param([1]);
  const opt = new SGD([x], { lr: 0.1, momentum: 0.9 });
  const f = (z) => z.square().sum();
  // step 1: g = 2, buf = g = 2, x = 1 - 0.2 = 0.8
  // step 2: g = 1.6, buf = 0.9 * 2 + 1.6 = 3.4, x = 0.8 - 0.34 = 0.46
  // step 3: g = 0.92, buf = 0.9 * 3.4 + 0.92 = 3.98, x = 0.46 - 0.398 = 0.062
  for (const expected of [0.8, 0.46, 0.062]) {
    await run(opt, f, x, 1);
    closeTo(x.item(), expected, 1e-15, 'momentum');
  }
});

test('SGD nesterov, dampening, weight decay and maximize match hand-computed steps', async () => {
  const f = (z) => z.square().sum();
  // nesterov: g = 2, buf = 2, step g + 0.9 buf = 3.8 -> 0.62; g = 1.24, buf = 3.04, step 3.976 -> 0.2224
  const n = param([1]);
  const nesterov = new SGD([n], { lr: 0.1, momentum: 0.9, nesterov: true });
  await run(nesterov, f, n, 1);
  closeTo(n.item(), 0.62, 1e-15, 'nesterov step 1');
  await run(nesterov, f, n, 1);
  closeTo(n.item(), 0.2224, 1e-15, 'nesterov step 2');
  // dampening 0.5: the first buffer is the raw gradient; then buf = 0.9 * 2 + 0.5 * 1.6 = 2.6 -> 0.54
  const d = param([1]);
  const damped = new SGD([d], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
  await run(damped, f, d, 2);
  closeTo(d.item(), 0.54, 1e-15, 'dampening');
  // weight decay 0.1: g = 2 + 0.1 * 1 = 2.1 -> 0.79
  const w = param([1]);
  await run(new SGD([w], { lr: 0.1, weightDecay: 0.1 }), f, w, 1);
  closeTo(w.item(), 0.79, 1e-15, 'weight decay');
  // maximize climbs: 1 + 0.1 * 2 = 1.2
  const m = param([1]);
  await run(new SGD([m], { lr: 0.1, maximize: true }), f, m, 1);
  closeTo(m.item(), 1.2, 1e-15, 'maximize');
});

test('SGD updates in place, bumps the version and skips parameters without a gradient', async () => {
  const x = param([1, 2]);
  const y = param([3]);
  const data = x.data;
  const opt = new SGD([x, y], { lr: 0.5 });
  x.grad = grad([1, 1]);
  const version = x.version;
  opt.step();
  assert.ok(x.data === data, 'the same array is written');
  assert.equal(x.toArray(), [0.5, 1.5]);
  assert.is(x.version, version + 1);
  assert.equal(y.toArray(), [3], 'no gradient, no update');
  opt.zeroGrad();
  assert.is(x.grad, null);
});

test('SGD reaches the minimum of a quadratic and of 2-D and 10-D Rosenbrock', async () => {
  const q = quadratic(5, 11);
  const x = param(new Array(5).fill(0));
  await run(new SGD([x], { lr: 0.05, momentum: 0.5 }), q.f, x, 1500);
  assert.ok(maxError(x, q.xStar) < 1e-8, `quadratic: error ${maxError(x, q.xStar)}`);
  for (const n of [2, 10]) {
    const z = rosenbrockStart(n);
    await run(new SGD([z], { lr: 1e-3, momentum: 0.9 }), rosenbrock, z, 20000);
    assert.ok(maxError(z, 1) < 1e-6, `Rosenbrock ${n}-D: error ${maxError(z, 1)}`);
  }
});

// ---- Adam ----

test("Adam's first steps match PyTorch's formula computed by hand", async () => {
  const lr = 0.1;
  const [b1, b2] = [0.9, 0.999];
  const eps = 1e-8;
  const x = param([1, -2]);
  const opt = new Adam([x], { lr });
  const f = (z) => z.square().mul(tensor([1, 3], [2], { dtype: 'float64' })).sum(); // gradient (2 x0, 6 x1)
  const ref = [1, -2];
  const m = [0, 0];
  const v = [0, 0];
  for (let t = 1; t <= 3; t++) {
    await run(opt, f, x, 1);
    const g = [2 * ref[0], 6 * ref[1]];
    for (let k = 0; k < 2; k++) {
      m[k] = b1 * m[k] + (1 - b1) * g[k];
      v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
      const stepSize = lr / (1 - b1 ** t);
      const denom = Math.sqrt(v[k]) / Math.sqrt(1 - b2 ** t) + eps;
      ref[k] -= stepSize * (m[k] / denom);
    }
    closeTo(x.get(0), ref[0], 1e-14, `step ${t}, x0`);
    closeTo(x.get(1), ref[1], 1e-14, `step ${t}, x1`);
  }
  // sanity: the very first Adam step moves every coordinate by about lr against its gradient sign
  const y = param([5, -5]);
  await run(new Adam([y], { lr: 0.25 }), (z) => z.square().sum(), y, 1);
  closeTo(y.get(0), 4.75, 1e-8, 'first step');
  closeTo(y.get(1), -4.75, 1e-8, 'first step');
});

test('Adam with amsgrad divides by the running maximum of the second moment; weight decay adds to g', () => {
  const lr = 0.1;
  const x = param([0]);
  const plain = param([0]);
  const ams = new Adam([x], { lr, amsgrad: true });
  const adam = new Adam([plain], { lr });
  // gradients 10 then 0.1: v2 = 0.999 * 0.1 + 0.001 * 0.01 = 0.09991 < v1 = 0.1
  for (const g of [10, 0.1]) {
    x.grad = grad([g]);
    plain.grad = grad([g]);
    ams.step();
    adam.step();
  }
  const m1 = 1;
  const m2 = 0.9 * 1 + 0.1 * 0.1;
  const step1 = (lr / 0.1) * (m1 / (Math.sqrt(0.1) / Math.sqrt(1 - 0.999) + 1e-8));
  const bias2 = Math.sqrt(1 - 0.999 ** 2);
  const amsStep2 = (lr / (1 - 0.81)) * (m2 / (Math.sqrt(0.1) / bias2 + 1e-8));
  const plainStep2 = (lr / (1 - 0.81)) * (m2 / (Math.sqrt(0.09991) / bias2 + 1e-8));
  closeTo(x.item(), -step1 - amsStep2, 1e-14, 'amsgrad');
  closeTo(plain.item(), -step1 - plainStep2, 1e-14, 'plain');
  const w = param([2]);
  const decayed = new Adam([w], { lr, weightDecay: 0.5 });
  w.grad = grad([-1]); // g = -1 + 0.5 * 2 = 0: the first step is 0
  decayed.step();
  assert.is(w.item(), 2);
});

test('Adam reaches the minimum of a quadratic and of 2-D and 10-D Rosenbrock', async () => {
  const q = quadratic(5, 12);
  const x = param(new Array(5).fill(0));
  await run(new Adam([x], { lr: 0.05 }), q.f, x, 3000);
  assert.ok(maxError(x, q.xStar) < 1e-4, `quadratic: error ${maxError(x, q.xStar)}`);
  for (const n of [2, 10]) {
    const z = rosenbrockStart(n);
    await run(new Adam([z], { lr: 0.01 }), rosenbrock, z, 20000);
    assert.ok(maxError(z, 1) < 1e-3, `Rosenbrock ${n}-D: error ${maxError(z, 1)}`);
  }
});

test('a Gaussian mixture written with host ops trains with Adam (lr 0.1), as in the tutorial', async () => {
  // Points on two blobs; M = 4 components with weights w and inverse covariances A A^T.
  const rng = new Rng(7);
  const N = 200;
  const M = 4;
  const pts = new Float64Array(N * 2);
  for (let i = 0; i < N; i++) {
    const c = i % 2 ? 0.7 : 0.3;
    pts[2 * i] = c + 0.05 * rng.normal();
    pts[2 * i + 1] = c + 0.05 * rng.normal();
  }
  const x = tensor(pts, [N, 1, 2]);
  const mu = tensor(randomData(rng, M * 2, { lo: 0.2, hi: 0.8 }), [1, M, 2]);
  const A = tensor(new Float64Array(M * 4).map((_, k) => (k % 4 === 0 || k % 4 === 3 ? 5 : 0)), [M, 2, 2], { requiresGrad: true });
  const w = tensor(new Float64Array(M).fill(1), [M, 1], { requiresGrad: true });
  const cost = () => {
    const gamma = A.matmul(A.transpose(1, 2)); // [M, 2, 2]
    const S = gamma.view(M, 4);
    const det = S.select(1, 0).mul(S.select(1, 3)).sub(S.select(1, 1).mul(S.select(1, 2))).view(-1, 1);
    const logWeights = w.logSoftmax(0).add(det.log().mul(0.5)).view(1, M);
    const diff = x.sub(mu); // [N, M, 2]
    const d = diff.view(N, M, 1, 2);
    const quad = d.matmul(gamma).matmul(d.transpose(2, 3)).view(N, M); // (x - mu)^T gamma (x - mu)
    const ll = quad.mul(-0.5).add(logWeights).logsumexp(1);
    return ll.mean().neg().add(w.softmax(0).sqrt().mean().mul(2));
  };
  const opt = new Adam([A, w], { lr: 0.1 });
  const losses = [];
  for (let it = 0; it < 60; it++) {
    opt.zeroGrad();
    const c = cost();
    losses.push(c.item());
    await c.backward();
    opt.step();
  }
  assert.ok(losses.every(Number.isFinite));
  assert.ok(losses[59] < losses[0] - 0.5, `the cost went from ${losses[0]} to ${losses[59]}`);
});

// ---- L-BFGS ----

test('lbfgs converges on 2-D Rosenbrock to (1, 1) within 1e-5 in fewer than 100 iterations', async () => {
  const z = rosenbrockStart(2);
  const result = await lbfgs(async () => rosenbrock(z), [z]);
  assert.is(result.converged, true);
  assert.match(result.message, /CONVERGENCE/);
  assert.ok(result.iterations < 100, `${result.iterations} iterations`);
  assert.ok(result.evaluations >= result.iterations + 1);
  assert.ok(maxError(z, 1) < 1e-5, `error ${maxError(z, 1)}`);
  assert.ok(result.loss < 1e-10);
  assert.ok(result.gradNorm <= 1e-5 || /REL_REDUCTION/.test(result.message));
  assert.ok(z.grad !== null && Math.max(...z.grad.toArray().map(Math.abs)) === result.gradNorm, '.grad holds the final gradient');
});

test('lbfgs converges on 10-D Rosenbrock and on quadratics, float32 parameters included', async () => {
  const z = rosenbrockStart(10);
  const r = await lbfgs(async () => rosenbrock(z), [z], { tol: 1e-10 });
  assert.is(r.converged, true);
  assert.ok(maxError(z, 1) < 1e-5, `10-D error ${maxError(z, 1)} after ${r.iterations} iterations`);
  const q = quadratic(8, 13);
  const x = param(new Array(8).fill(0));
  const rq = await lbfgs(() => q.f(x), [x], { maxIter: 200, ftol: 0, gtol: 1e-7 });
  assert.is(rq.converged, true);
  assert.ok(maxError(x, q.xStar) < 1e-6, `quadratic error ${maxError(x, q.xStar)}`);
  const x32 = tensor(new Float32Array(8), [8], { requiresGrad: true });
  const r32 = await lbfgs(() => q.f(x32), [x32], { gtol: 1e-4 });
  assert.ok(maxError(x32, q.xStar) < 1e-3, `float32 error ${maxError(x32, q.xStar)} (${r32.message})`);
});

test('lbfgs optimises several parameter tensors jointly', async () => {
  const a = param([3, -1]);
  const b = tensor([0.5], [1, 1], { dtype: 'float64', requiresGrad: true });
  const r = await lbfgs(() => a.sub(tensor([1, 2], [2], { dtype: 'float64' })).square().sum().add(b.sub(4).square().sum()), [a, b]);
  assert.is(r.converged, true);
  assert.ok(maxError(a, [1, 2]) < 1e-6);
  assert.ok(Math.abs(b.item() - 4) < 1e-6);
});

test('lbfgs reports progress after every iteration', async () => {
  const z = rosenbrockStart(2);
  const seen = [];
  const r = await lbfgs(async () => rosenbrock(z), [z], {
    onProgress: (p) => {
      seen.push(p);
    },
  });
  assert.is(seen.length, r.iterations);
  assert.equal(seen.map((p) => p.iteration), Array.from({ length: r.iterations }, (_, k) => k + 1));
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k].loss <= seen[k - 1].loss, 'the loss never increases');
  assert.is(seen.at(-1).loss, r.loss);
  assert.is(seen.at(-1).gradNorm, r.gradNorm);
});

test('lbfgs stops at maxIter and maxEval without claiming convergence', async () => {
  const z = rosenbrockStart(2);
  const r = await lbfgs(async () => rosenbrock(z), [z], { maxIter: 5 });
  assert.is(r.iterations, 5);
  assert.is(r.converged, false);
  assert.match(r.message, /ITERATIONS REACHED LIMIT/);
  const y = rosenbrockStart(2);
  const e = await lbfgs(async () => rosenbrock(y), [y], { maxEval: 7 });
  assert.ok(e.evaluations <= 7);
  assert.is(e.converged, false);
  assert.match(e.message, /EVALUATIONS EXCEEDS LIMIT/);
});

test('lbfgs with an AbortSignal rejects with AbortError and leaves the last accepted iterate', async () => {
  const z = rosenbrockStart(2);
  const controller = new AbortController();
  let third = null;
  const error = await rejectsTyped(
    () => lbfgs(async () => rosenbrock(z), [z], {
      signal: controller.signal,
      onProgress: ({ iteration }) => {
        if (iteration === 3) {
          third = z.toArray();
          controller.abort();
        }
      },
    }),
    AbortError,
    /lbfgs/,
  );
  assert.ok(error);
  assert.equal(z.toArray(), third, 'parameters hold the third iterate');
  // aborting while the closure runs (mid line search) also restores the last iterate
  const y = rosenbrockStart(2);
  const mid = new AbortController();
  let calls = 0;
  let accepted = null;
  await rejectsTyped(() => lbfgs(async () => {
    if (++calls === 6) mid.abort();
    return rosenbrock(y);
  }, [y], { signal: mid.signal, onProgress: () => { accepted = y.toArray(); } }), AbortError);
  assert.equal(y.toArray(), accepted ?? [-1.2, 1]);
  // an already aborted signal stops before the first evaluation
  const x = rosenbrockStart(2);
  let evaluated = false;
  await rejectsTyped(() => lbfgs(() => { evaluated = true; return rosenbrock(x); }, [x], { signal: AbortSignal.abort() }), AbortError);
  assert.is(evaluated, false);
  assert.equal(x.toArray(), [-1.2, 1]);
});

test('lbfgs zeroes gradients itself, and rethrows closure errors with the parameters restored', async () => {
  const x = param([2]);
  x.grad = grad([100]);
  await lbfgs(() => x.sub(1).square().sum(), [x]);
  assert.ok(Math.abs(x.grad.item()) < 1e-5, 'stale gradients were dropped before the first evaluation');
  const y = rosenbrockStart(2);
  let calls = 0;
  let accepted = [-1.2, 1];
  await rejectsTyped(() => lbfgs(() => {
    if (++calls === 8) throw new ValueError('closure failed');
    return rosenbrock(y);
  }, [y], { onProgress: () => { accepted = y.toArray(); } }), ValueError, /closure failed/);
  assert.equal(y.toArray(), accepted, 'left at the last accepted iterate');
});

test('lbfgs rejects closures that do not return a differentiable scalar', async () => {
  const x = param([1, 2]);
  await rejectsTyped(() => lbfgs(() => x.square(), [x]), ValueError, /scalar/);
  await rejectsTyped(() => lbfgs(() => 3, [x]), ValueError, /scalar Tensor/);
  await rejectsTyped(() => lbfgs(() => noGrad(() => x.square().sum()), [x]), ValueError, /does not depend/);
  await rejectsTyped(() => lbfgs('closure', [x]), ValueError, /closure/);
});

// ---- errors ----

test('optimisers reject parameters that do not require grad, naming them, and unknown options', async () => {
  const ok = param([1]);
  const frozen = tensor([1, 2], [2], { dtype: 'float64' });
  for (const make of [(p) => new SGD(p), (p) => new Adam(p), (p) => lbfgs(() => ok.sum(), p)]) {
    await rejectsTyped(async () => make([ok, frozen]), ValueError, /params\[1\]/, /\[2\]/, /require grad/);
    await rejectsTyped(async () => make([]), ValueError, /params/);
    await rejectsTyped(async () => make([ok.mul(2)]), ValueError, /leaf/);
    await rejectsTyped(async () => make([ok, ok]), ValueError, /more than once/);
  }
  await rejectsTyped(async () => new SGD([ok], { learningRate: 0.1 }), ValueError, /learningRate/);
  await rejectsTyped(async () => new Adam([ok], { beta1: 0.9 }), ValueError, /beta1/);
  await rejectsTyped(() => lbfgs(() => ok.sum(), [ok], { max_iter: 3 }), ValueError, /max_iter/);
  await rejectsTyped(async () => new SGD([ok], { lr: -1 }), ValueError, /lr/);
  await rejectsTyped(async () => new SGD([ok], { nesterov: true }), ValueError, /nesterov/);
  await rejectsTyped(async () => new Adam([ok], { betas: [0.9, 1] }), ValueError, /betas\[1\]/);
  await rejectsTyped(async () => new Adam([ok], { eps: 'small' }), ValueError, /eps/);
  await rejectsTyped(() => lbfgs(() => ok.sum(), [ok], { historySize: 0 }), ValueError, /historySize/);
  await rejectsTyped(() => lbfgs(() => ok.sum(), [ok], { signal: {} }), ValueError, /signal/);
});

test.run();
