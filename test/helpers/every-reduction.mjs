// Every reduction kind of the engine, each as one LazyTensor call over the same point clouds,
// for tests that compare two ways of running them (a cluster and the local engine, shards and
// the whole plan): `cases(dtype, seed)` gives the inputs and one entry per kind and axis.
import { tensor, Vi, Vj } from '../../build/src/index.js';
import { Rng, randomTensor } from './random.mjs';

/** Point clouds with an odd number of rows, a NaN, an infinity and a huge coordinate. */
export function clouds(dtype, seed, { n = 151, m = 203, d = 3 } = {}) {
  const rng = new Rng(seed);
  const X = randomTensor(rng, [n, d], { dtype, lo: -1, hi: 1 });
  const Y = randomTensor(rng, [m, d], { dtype, lo: -1, hi: 1 });
  X.data[3 * d] = NaN;
  X.data[7 * d + 1] = Infinity;
  Y.data[11 * d + 2] = dtype === 'float32' ? 1e30 : 1e200;
  const Wi = randomTensor(rng, [n, 1], { dtype, lo: 0.1, hi: 2 });
  const Wj = randomTensor(rng, [m, 1], { dtype, lo: 0.1, hi: 2 });
  const Bj = randomTensor(rng, [m, 2], { dtype, lo: -1, hi: 1 });
  const Bi = randomTensor(rng, [n, 2], { dtype, lo: -1, hi: 1 });
  return { X, Y, Wi, Wj, Bj, Bi };
}

/**
 * One call per reduction kind and axis: { name, kind, axis, run(options) } resolving to a list
 * of Tensors (values and/or indices).
 */
export function cases(dtype, seed, sizes) {
  const c = clouds(dtype, seed, sizes);
  const D = Vi(c.X).sqdist(Vj(c.Y)).neg();
  const list = [];
  for (const axis of [1, 0]) {
    const W = axis === 1 ? Vj(c.Wj) : Vi(c.Wi);
    const B = axis === 1 ? Vj(c.Bj) : Vi(c.Bi);
    const add = (kind, run) => list.push({ name: `${kind} axis ${axis} ${dtype}`, kind, axis, run });
    add('SUM', async (o) => [await D.exp().mul(B).sum(axis, o)]);
    add('LOGSUMEXP', async (o) => [await D.logsumexp(axis, o)]);
    add('LOGSUMEXP_WEIGHT', async (o) => [await D.logsumexp(axis, { ...o, weight: W })]);
    add('SUMSOFTMAXWEIGHT', async (o) => [await D.sumsoftmaxweight(B, axis, o)]);
    add('MIN', async (o) => [await D.min(axis, o)]);
    add('MAX', async (o) => [await D.max(axis, o)]);
    add('ARGMIN', async (o) => [await D.argmin(axis, o)]);
    add('ARGMAX', async (o) => [await D.argmax(axis, o)]);
    add('MIN_ARGMIN', async (o) => D.minArgmin(axis, o));
    add('MAX_ARGMAX', async (o) => D.maxArgmax(axis, o));
    add('KMIN', async (o) => [await D.Kmin(4, axis, o)]);
    add('ARGKMIN', async (o) => [await D.argKmin(4, axis, o)]);
    add('KMIN_ARGKMIN', async (o) => D.KminArgKmin(4, axis, o));
  }
  return { inputs: c, list };
}

/** The bytes of a tensor's data, for bitwise comparisons (NaN payloads and -0 included). */
export function bytesOf(t) {
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

/**
 * Null when the two lists of tensors are bitwise equal (shapes and dtypes too), else what differs.
 * A NaN matches any NaN: WebAssembly leaves the payload of a NaN result to the engine when an
 * operand is NaN, and V8's baseline and optimising compilers of one module may give different
 * ones (they commute operands differently); signed zeros and every other bit count.
 */
export function bitwiseDifference(actual, expected) {
  if (actual.length !== expected.length) return `${actual.length} outputs, expected ${expected.length}`;
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (a.dtype !== e.dtype || a.shape.join() !== e.shape.join()) return `output ${k}: ${a.dtype} [${a.shape}], expected ${e.dtype} [${e.shape}]`;
    if (bytesOf(a).equals(bytesOf(e))) continue;
    const at = a.data.findIndex((x, i) => !Object.is(x, e.data[i]));
    if (at >= 0) return `output ${k} differs first at element ${at}: ${a.data[at]} vs ${e.data[at]}`;
  }
  return null;
}

export { tensor };
