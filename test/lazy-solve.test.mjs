// LazyTensor.solve: (alpha I + K) x = b like KeOps's KernelSolve, against a dense solve.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj } from '../build/src/index.js';

function denseSolve(A, b, n) {
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) if (r !== c) { const f = M[r][c] / M[c][c]; for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k]; }
  }
  return M.map((row, i) => row[n] / M[i][i]);
}

test('K.solve(b, { alpha }) solves (alpha I + K) x = b for a Gaussian kernel, as a dense solve does', async () => {
  const n = 60;
  const X = tensor(Float64Array.from({ length: n * 2 }, (_, k) => Math.sin(1.7 * k)), [n, 2]);
  const b = tensor(Float64Array.from({ length: n }, (_, k) => Math.cos(k)), [n, 1]);
  const K = Vi(X).sqdist(Vj(X)).mul(-2).exp();
  const alpha = 0.1;
  const { x, converged } = await K.solve(b, { alpha, tol: 1e-12 });
  assert.ok(converged);
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    const d = (X.data[2 * i] - X.data[2 * j]) ** 2 + (X.data[2 * i + 1] - X.data[2 * j + 1]) ** 2;
    return Math.exp(-2 * d) + (i === j ? alpha : 0);
  }));
  const want = denseSolve(A, Array.from(b.data), n);
  want.forEach((v, k) => assert.ok(Math.abs(x.data[k] - v) < 1e-8 * Math.max(1, Math.abs(v)), `x[${k}] = ${x.data[k]}, dense ${v}`));
});

test.run();
