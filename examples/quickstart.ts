// Quickstart: a Gaussian kernel matrix-vector product and a k-nearest-neighbour search on
// 20,000 points, never materialising the 4 x 10^8-entry kernel matrix.
import { tensor, Vi, Vj } from '../src/index.js';

const N = 20_000, M = 20_000, D = 3, sigma = 0.1;
const random = (n: number) => Float32Array.from({ length: n }, () => Math.random());
const X = tensor(random(N * D), [N, D]);
const Y = tensor(random(M * D), [M, D]);
const B = tensor(random(M), [M, 1]);

const K = Vi(X).sqdist(Vj(Y)).mul(-1 / (2 * sigma ** 2)).exp();
console.log(String(K));

let t = performance.now();
const KB = await K.mul(Vj(B)).sum(1);
console.log(`Gaussian matvec (${N} x ${M}): ${(performance.now() - t).toFixed(0)} ms, first values`, Array.from(KB.data.slice(0, 3)));

// Check a few rows against the float64 oracle.
const Xs = tensor(X.data.slice(0, 3 * D), [3, D]);
const ref = await Vi(Xs).sqdist(Vj(Y)).mul(-1 / (2 * sigma ** 2)).exp().mul(Vj(B)).sum(1, { backend: 'oracle' });
console.log('float64 oracle on the first rows:     ', Array.from(ref.data));

t = performance.now();
const knn = await Vi(X).sqdist(Vj(Y)).argKmin(5, 1);
console.log(`5 nearest neighbours of every point: ${(performance.now() - t).toFixed(0)} ms, of point 0:`, Array.from(knn.data.slice(0, 5)));
