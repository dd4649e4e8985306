// Second order: backward({ createGraph: true }) gives gradients that can be differentiated
// again, so Hessian-vector products of sum and logsumexp reductions match finite differences
// of the gradient.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose, TOL } from './helpers/compare.mjs';

const N = 6, M = 9, D = 2;
const OBJECTIVES = {
  'a Gaussian kernel sum': async (X, Y, w, backend) => (await Vi(X).sqdist(Vj(Y)).mul(-1.5).exp().sum(1, { backend })).mul(w).sum(),
  'a logsumexp (Sinkhorn-like softmin)': async (X, Y, w, backend) => (await Vi(X).sqdist(Vj(Y)).mul(Pm(-2)).logsumexp(1, { backend })).mul(w).sum(),
  'a squared logsumexp over i': async (X, Y, w, backend) => (await Vi(X).sqdist(Vj(Y)).neg().logsumexp(0, { backend })).square().sum(),
};

for (const [name, f] of Object.entries(OBJECTIVES)) {
  for (const backend of ['wasm', 'oracle']) {
    test(`Hessian-vector products of ${name} match finite differences of its gradient (${backend})`, async () => {
      const rng = new Rng(name.length);
      const data = (n) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
      const X = tensor(data(N * D), [N, D], { requiresGrad: true });
      const Y = tensor(data(M * D), [M, D], { requiresGrad: true });
      const w = tensor(data(N), [N, 1]);
      const V = tensor(data(N * D), [N, D]);
      const gradient = async () => {
        X.grad = null; Y.grad = null;
        await (await f(X, Y, w, backend)).backward();
        return [Float64Array.from(X.grad.data), Float64Array.from(Y.grad.data)];
      };
      // H V through a second backward.
      X.grad = null; Y.grad = null;
      await (await f(X, Y, w, backend)).backward(undefined, { createGraph: true });
      const gX = X.grad;
      assert.ok(gX.requiresGrad, 'the gradient carries a graph');
      X.grad = null; Y.grad = null;
      await gX.mul(V).sum().backward();
      const hvX = Float64Array.from(X.grad.data), hvY = Float64Array.from(Y.grad.data);
      // Finite differences of the gradient along V.
      const h = 1e-5;
      const x0 = Float64Array.from(X.data);
      X.data.set(x0.map((x, k) => x + h * V.data[k])); X.markChanged();
      const [gxUp, gyUp] = await gradient();
      X.data.set(x0.map((x, k) => x - h * V.data[k])); X.markChanged();
      const [gxDown, gyDown] = await gradient();
      X.data.set(x0); X.markChanged();
      for (const [got, up, down, label] of [[hvX, gxUp, gxDown, 'd2/dX2 V'], [hvY, gyUp, gyDown, 'd2/dYdX V']]) {
        for (let k = 0; k < got.length; k++) {
          const fd = (up[k] - down[k]) / (2 * h);
          assert.ok(Math.abs(got[k] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${label}[${k}]: ${got[k]} vs ${fd}`);
        }
      }
    });
  }
}

// float32: the oracle's outputs are float64, so its gradients reach float32 leaves through a
// cast, which must keep the graph under createGraph (it did not: no second order on the oracle).
for (const [name, f] of Object.entries(OBJECTIVES)) {
  test(`float32 Hessian-vector products of ${name}: the oracle matches the wasm engine`, async () => {
    const hv = {};
    for (const backend of ['wasm', 'oracle']) {
      const rng = new Rng(name.length + 1);
      const data = (n) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
      const X = tensor(data(N * D), [N, D], { requiresGrad: true });
      const Y = tensor(data(M * D), [M, D], { requiresGrad: true });
      const w = tensor(data(N), [N, 1]);
      const V = tensor(data(N * D), [N, D]);
      await (await f(X, Y, w, backend)).backward(undefined, { createGraph: true });
      const gX = X.grad;
      assert.ok(gX.requiresGrad, `${backend}: the gradient carries a graph`);
      assert.is(gX.dtype, 'float32');
      X.grad = null; Y.grad = null;
      await gX.mul(V).sum().backward();
      hv[backend] = [X.grad, Y.grad];
    }
    for (const [k, label] of [[0, 'd2/dX2 V'], [1, 'd2/dYdX V']]) {
      const [got, want] = [hv.wasm[k], hv.oracle[k]];
      assert.is(want.dtype, 'float32');
      const scale = Math.max(1, ...Array.from(want.data, Math.abs));
      assertClose(got, want, { rtol: 10 * TOL.float32, scale, label: `${name}: ${label}, wasm vs oracle (float32)` });
    }
  });
}

test.run();
