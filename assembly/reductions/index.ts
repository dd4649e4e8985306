// Accumulator layout, initialisation, per-tile update and final write of every reduction.
import {
  RED_SUM, RED_LOGSUMEXP, RED_LOGSUMEXP_WEIGHT, RED_SUMSOFTMAXWEIGHT, RED_MIN, RED_MAX, RED_ARGMIN,
  RED_ARGMAX, RED_MIN_ARGMIN, RED_MAX_ARGMAX, RED_KMIN, RED_ARGKMIN, RED_KMIN_ARGKMIN,
} from '../generated/opcodes';
import { storeT } from '../simd';
import { sumTile } from './sum';
import { logSumExpTile, weightedSoftmaxTile } from './softmax';
import { minMaxTile } from './minmax';
import { kminTile } from './kmin';

@inline function isMinMax(kind: i32): bool {
  return kind >= RED_MIN && kind <= RED_MAX_ARGMAX;
}
/** MAX, ARGMAX and MAX_ARGMAX (the min/max family's other members keep the minimum). */
@inline export function isMaxKind(kind: i32): bool {
  return kind == RED_MAX || kind == RED_ARGMAX || kind == RED_MAX_ARGMAX;
}
@inline function isKmin(kind: i32): bool {
  return kind >= RED_KMIN;
}

/**
 * f64 words of accumulator per output row, exact in f64 for any i32 arguments: the host calls
 * it to size memory (and refuses sizes past its limits) before the i32 form below is used.
 */
export function accWordsF64(kind: i32, dim: i32, auxDim: i32, K: i32): f64 {
  if (kind == RED_SUM) return <f64>dim;
  if (kind == RED_LOGSUMEXP) return 2.0 * <f64>dim;
  if (kind == RED_LOGSUMEXP_WEIGHT) return 1.0 + <f64>auxDim;
  if (kind == RED_SUMSOFTMAXWEIGHT) return 2.0 + <f64>auxDim;
  if (isMinMax(kind)) return 2.0 * <f64>dim;
  return 2.0 * <f64>K * <f64>dim;
}

/** f64 words of accumulator per output row. */
export function accWords(kind: i32, dim: i32, auxDim: i32, K: i32): i32 {
  if (kind == RED_SUM) return dim;
  if (kind == RED_LOGSUMEXP) return 2 * dim;
  if (kind == RED_LOGSUMEXP_WEIGHT) return 1 + auxDim;
  if (kind == RED_SUMSOFTMAXWEIGHT) return 2 + auxDim;
  if (isMinMax(kind)) return 2 * dim;
  return 2 * K * dim;
}

export function initAcc(kind: i32, acc: usize, dim: i32, auxDim: i32, K: i32): void {
  const n = accWords(kind, dim, auxDim, K);
  for (let w = 0; w < n; w++) store<f64>(acc + (<usize>w << 3), 0.0);
  if (kind == RED_LOGSUMEXP) {
    for (let k = 0; k < dim; k++) store<f64>(acc + (<usize>k << 4), -Infinity);
  } else if (kind == RED_LOGSUMEXP_WEIGHT || kind == RED_SUMSOFTMAXWEIGHT) {
    store<f64>(acc, -Infinity);
  } else if (isMinMax(kind)) {
    const worst = isMaxKind(kind) ? -Infinity : Infinity;
    for (let k = 0; k < dim; k++) {
      store<f64>(acc + (<usize>k << 4), worst);
      store<f64>(acc + (<usize>k << 4) + 8, -1.0);
    }
  } else if (isKmin(kind)) {
    for (let k = 0; k < dim; k++) {
      const base = acc + (<usize>(2 * K * k) << 3);
      for (let s = 0; s < K; s++) {
        store<f64>(base + (<usize>s << 3), Infinity);
        store<f64>(base + (<usize>(K + s) << 3), -1.0);
      }
    }
  }
}

export function reduceTile<T>(
  kind: i32, acc: usize, tmp: usize,
  res: usize, dim: i32, cs: i32, vs: i32,
  aux: usize, auxDim: i32, auxCs: i32, auxVs: i32,
  K: i32, count: i32, j0: i32, sumScheme: i32,
): void {
  if (kind == RED_SUM) sumTile<T>(acc, res, dim, cs, vs, count, sumScheme);
  else if (kind == RED_LOGSUMEXP) logSumExpTile<T>(acc, res, dim, cs, vs, count);
  else if (kind == RED_LOGSUMEXP_WEIGHT) weightedSoftmaxTile<T>(acc, tmp, res, vs, aux, auxCs, auxVs, auxDim, false, count);
  else if (kind == RED_SUMSOFTMAXWEIGHT) weightedSoftmaxTile<T>(acc, tmp, res, vs, aux, auxCs, auxVs, auxDim, true, count);
  else if (isMinMax(kind)) minMaxTile<T>(isMaxKind(kind), acc, res, dim, cs, vs, count, j0);
  else kminTile<T>(acc, res, dim, K, cs, vs, count, j0);
}

/** Output values per row (the index output, when there is one, has the same width). */
export function outWidth(kind: i32, dim: i32, auxDim: i32, K: i32): i32 {
  if (kind == RED_LOGSUMEXP_WEIGHT || kind == RED_SUMSOFTMAXWEIGHT) return auxDim;
  if (isKmin(kind)) return K * dim;
  return dim;
}

/** Writes row `row`'s results: values to out (if non-null), indices to outIdx (if non-null). */
export function finishRow<T>(kind: i32, acc: usize, row: i32, dim: i32, auxDim: i32, K: i32, out: usize, outIdx: usize): void {
  const width = outWidth(kind, dim, auxDim, K);
  const o = out + <usize>(row * width * sizeof<T>());
  const oi = outIdx + <usize>(row * width * 4);
  if (kind == RED_SUM) {
    for (let k = 0; k < dim; k++) storeT<T>(o + <usize>(k * sizeof<T>()), load<f64>(acc + (<usize>k << 3)));
  } else if (kind == RED_LOGSUMEXP) {
    for (let k = 0; k < dim; k++) {
      const m = load<f64>(acc + (<usize>k << 4));
      const s = load<f64>(acc + (<usize>k << 4) + 8);
      storeT<T>(o + <usize>(k * sizeof<T>()), isFinite(m) ? m + Math.log(s) : m);
    }
  } else if (kind == RED_LOGSUMEXP_WEIGHT) {
    const m = load<f64>(acc);
    for (let k = 0; k < auxDim; k++) {
      storeT<T>(o + <usize>(k * sizeof<T>()), isFinite(m) ? m + Math.log(load<f64>(acc + (<usize>(1 + k) << 3))) : m);
    }
  } else if (kind == RED_SUMSOFTMAXWEIGHT) {
    const m = load<f64>(acc);
    const s = load<f64>(acc + 8);
    for (let k = 0; k < auxDim; k++) {
      storeT<T>(o + <usize>(k * sizeof<T>()), isFinite(m) ? load<f64>(acc + (<usize>(2 + k) << 3)) / s : NaN);
    }
  } else if (isMinMax(kind)) {
    for (let k = 0; k < dim; k++) {
      if (out) storeT<T>(o + <usize>(k * sizeof<T>()), load<f64>(acc + (<usize>k << 4)));
      if (outIdx) store<i32>(oi + <usize>(k * 4), <i32>load<f64>(acc + (<usize>k << 4) + 8));
    }
  } else {
    // Output layout [K][dim] per row.
    for (let k = 0; k < dim; k++) {
      const base = acc + (<usize>(2 * K * k) << 3);
      for (let s = 0; s < K; s++) {
        const at = s * dim + k;
        if (out) storeT<T>(o + <usize>(at * sizeof<T>()), load<f64>(base + (<usize>s << 3)));
        if (outIdx) store<i32>(oi + <usize>(at * 4), <i32>load<f64>(base + (<usize>(K + s) << 3)));
      }
    }
  }
}

/**
 * Merges the accumulator `src` of a later run of columns into `dst`, an earlier one, as if
 * the columns had been reduced in one pass: the reduced axis can then be split across threads.
 * `tmp` holds accWords f64 words of scratch (K-min merges through it).
 */
export function mergeAcc(kind: i32, dst: usize, src: usize, tmp: usize, dim: i32, auxDim: i32, K: i32): void {
  if (kind == RED_SUM) {
    for (let k = 0; k < dim; k++) {
      const a = dst + (<usize>k << 3);
      store<f64>(a, load<f64>(a) + load<f64>(src + (<usize>k << 3)));
    }
  } else if (kind == RED_LOGSUMEXP) {
    for (let k = 0; k < dim; k++) mergeScaled(dst + (<usize>k << 4), src + (<usize>k << 4), 1, true);
  } else if (kind == RED_LOGSUMEXP_WEIGHT) {
    mergeScaled(dst, src, auxDim, false);
  } else if (kind == RED_SUMSOFTMAXWEIGHT) {
    mergeScaled(dst, src, 1 + auxDim, true);
  } else if (isMinMax(kind)) {
    const isMax = isMaxKind(kind);
    for (let k = 0; k < dim; k++) {
      const a = dst + (<usize>k << 4);
      const b = src + (<usize>k << 4);
      const va = load<f64>(a);
      const vb = load<f64>(b);
      // As in minMaxTile: strictly better wins; on a tie the earlier columns keep it, unless
      // they never saw a value (index -1).
      const wins = isMax ? vb > va : vb < va;
      if (wins || (load<f64>(a + 8) < 0 && load<f64>(b + 8) >= 0 && vb == va)) {
        store<f64>(a, vb);
        store<f64>(a + 8, load<f64>(b + 8));
      }
    }
  } else {
    for (let k = 0; k < dim; k++) {
      const base = <usize>(2 * K * k) << 3;
      mergeSorted(dst + base, src + base, tmp, K);
    }
  }
}

/**
 * Online log-sum-exp merge of acc = [m, s_0..s_{n-1}]: the sums share the running maximum m.
 * NaN wins, then +Inf; an all -Inf side contributes nothing (its sums are zero). `plainSum`: s_0
 * is a sum of exp(x - m) without weights, NaN exactly when a NaN x was seen (the tiles' maxima
 * skip NaN lanes, softmax.ts tileMaxFast): such a side counts as NaN.
 */
@inline function mergeScaled(dst: usize, src: usize, n: i32, plainSum: bool): void {
  let ma = load<f64>(dst);
  let mb = load<f64>(src);
  if (plainSum) {
    if (isNaN(load<f64>(dst + 8))) {
      ma = NaN;
      store<f64>(dst, ma);
    }
    if (isNaN(load<f64>(src + 8))) mb = NaN;
  }
  if (isNaN(ma)) return;
  if (isNaN(mb) || mb == Infinity || ma == Infinity) {
    store<f64>(dst, isNaN(mb) ? mb : Infinity);
    return;
  }
  if (mb == -Infinity) return;
  const m = Math.max(ma, mb);
  const fa = Math.exp(ma - m);
  const fb = Math.exp(mb - m);
  store<f64>(dst, m);
  for (let k = 1; k <= n; k++) {
    const a = dst + (<usize>k << 3);
    store<f64>(a, load<f64>(a) * fa + load<f64>(src + (<usize>k << 3)) * fb);
  }
}

/** The K smallest of two sorted lists [vals[K], idx[K]] (unfilled slots have index -1), into a. */
@inline function mergeSorted(a: usize, b: usize, tmp: usize, K: i32): void {
  let p = 0;
  let q = 0;
  for (let s = 0; s < K; s++) {
    const aOk = p < K && load<f64>(a + (<usize>(K + p) << 3)) >= 0;
    const bOk = q < K && load<f64>(b + (<usize>(K + q) << 3)) >= 0;
    let v = Infinity;
    let idx = -1.0;
    // Stable: the earlier columns' value first on ties.
    if (aOk && (!bOk || load<f64>(a + (<usize>p << 3)) <= load<f64>(b + (<usize>q << 3)))) {
      v = load<f64>(a + (<usize>p << 3));
      idx = load<f64>(a + (<usize>(K + p) << 3));
      p++;
    } else if (bOk) {
      v = load<f64>(b + (<usize>q << 3));
      idx = load<f64>(b + (<usize>(K + q) << 3));
      q++;
    }
    store<f64>(tmp + (<usize>s << 3), v);
    store<f64>(tmp + (<usize>(K + s) << 3), idx);
  }
  memory.copy(a, tmp, <usize>(2 * K) << 3);
}
