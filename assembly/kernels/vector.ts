// Instructions that mix components: sums, dot products, squared distances, slicing and
// small matrix products. Operands are addressed with (component stride, vector stride).
import { vsplat, vadd, vsub, vmul, vneg, vabs, vlt, vge, veq, vselect } from '../simd';

/** out = sum_k a[k]. */
export function execSumV<T>(out: usize, a: usize, n: i32, csA: i32, vsA: i32, nvec: i32): void {
  let po = out;
  let pa = a;
  for (let v = 0; v < nvec; v++) {
    // Sums start from +0, as the oracle's do, so that terms that are all -0 sum to +0.
    let acc = vsplat<T>(0.0);
    for (let k = 0; k < n; k++) acc = vadd<T>(acc, v128.load(pa + <usize>(k * csA)));
    v128.store(po, acc);
    po += 16;
    pa += vsA;
  }
}

/** out = sum_k a[k] b[k]. */
export function execDot<T>(out: usize, a: usize, b: usize, n: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  let po = out;
  let pa = a;
  let pb = b;
  // D = 2 and 3 unrolled (weighted distances in the plane and in space). The sum ends with
  // + 0, as the loop's starts from +0: the same result, -0 terms included.
  const zero = vsplat<T>(0.0);
  if (n == 2) {
    const a1 = <usize>csA, b1 = <usize>csB;
    for (let v = 0; v < nvec; v++) {
      const s = vadd<T>(vmul<T>(v128.load(pa), v128.load(pb)), vmul<T>(v128.load(pa + a1), v128.load(pb + b1)));
      v128.store(po, vadd<T>(s, zero));
      po += 16;
      pa += vsA;
      pb += vsB;
    }
    return;
  }
  if (n == 3) {
    const a1 = <usize>csA, a2 = <usize>(2 * csA), b1 = <usize>csB, b2 = <usize>(2 * csB);
    for (let v = 0; v < nvec; v++) {
      const s = vadd<T>(vadd<T>(vmul<T>(v128.load(pa), v128.load(pb)), vmul<T>(v128.load(pa + a1), v128.load(pb + b1))), vmul<T>(v128.load(pa + a2), v128.load(pb + b2)));
      v128.store(po, vadd<T>(s, zero));
      po += 16;
      pa += vsA;
      pb += vsB;
    }
    return;
  }
  for (let v = 0; v < nvec; v++) {
    let acc = vsplat<T>(0.0);
    for (let k = 0; k < n; k++) acc = vadd<T>(acc, vmul<T>(v128.load(pa + <usize>(k * csA)), v128.load(pb + <usize>(k * csB))));
    v128.store(po, acc);
    po += 16;
    pa += vsA;
    pb += vsB;
  }
}

/** out = sum_k (a[k] - b[k])^2, with the common 1-, 2- and 3-dimensional cases unrolled. */
export function execSqDist<T>(out: usize, a: usize, b: usize, n: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  let po = out;
  let pa = a;
  let pb = b;
  if (n == 3) {
    const a1 = <usize>csA, a2 = <usize>(2 * csA), b1 = <usize>csB, b2 = <usize>(2 * csB);
    for (let v = 0; v < nvec; v++) {
      const d0 = vsub<T>(v128.load(pa), v128.load(pb));
      const d1 = vsub<T>(v128.load(pa + a1), v128.load(pb + b1));
      const d2 = vsub<T>(v128.load(pa + a2), v128.load(pb + b2));
      v128.store(po, vadd<T>(vadd<T>(vmul<T>(d0, d0), vmul<T>(d1, d1)), vmul<T>(d2, d2)));
      po += 16;
      pa += vsA;
      pb += vsB;
    }
    return;
  }
  for (let v = 0; v < nvec; v++) {
    let acc = vsplat<T>(0.0);
    for (let k = 0; k < n; k++) {
      const d = vsub<T>(v128.load(pa + <usize>(k * csA)), v128.load(pb + <usize>(k * csB)));
      acc = vadd<T>(acc, vmul<T>(d, d));
    }
    v128.store(po, acc);
    po += 16;
    pa += vsA;
    pb += vsB;
  }
}

/** Copies `dim` components of a, starting at component `start`, into out at component `at`. */
export function execCopy(out: usize, at: i32, a: usize, start: i32, dim: i32, csOut: i32, csA: i32, vsA: i32, nvec: i32): void {
  for (let k = 0; k < dim; k++) {
    let po = out + <usize>((at + k) * csOut);
    let pa = a + <usize>((start + k) * csA);
    for (let v = 0; v < nvec; v++) {
      v128.store(po, v128.load(pa));
      po += 16;
      pa += vsA;
    }
  }
}

/** out[p] = sum_q a[p m + q] b[q], for p < dim. */
export function execMatVec<T>(out: usize, a: usize, b: usize, dim: i32, m: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  if (m == 2) {
    // Rows of two (a 2 x 2 weight in the plane), unrolled; + 0 as in the loop below.
    const zero = vsplat<T>(0.0);
    for (let p = 0; p < dim; p++) {
      let pa = a + <usize>(2 * p * csA);
      let pb = b;
      let po = out + <usize>(p * csOut);
      for (let v = 0; v < nvec; v++) {
        const s = vadd<T>(vmul<T>(v128.load(pa), v128.load(pb)), vmul<T>(v128.load(pa + <usize>csA), v128.load(pb + <usize>csB)));
        v128.store(po, vadd<T>(s, zero));
        po += 16;
        pa += vsA;
        pb += vsB;
      }
    }
    return;
  }
  for (let p = 0; p < dim; p++) {
    for (let v = 0; v < nvec; v++) {
      let acc = vsplat<T>(0.0);
      for (let q = 0; q < m; q++) {
        acc = vadd<T>(acc, vmul<T>(v128.load(a + <usize>((p * m + q) * csA + v * vsA)), v128.load(b + <usize>(q * csB + v * vsB))));
      }
      v128.store(out + <usize>(p * csOut + v * 16), acc);
    }
  }
}

/** out[q] = sum_p a[p] b[p dim + q], for q < dim, p < n. */
export function execVecMat<T>(out: usize, a: usize, b: usize, dim: i32, n: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  for (let q = 0; q < dim; q++) {
    for (let v = 0; v < nvec; v++) {
      let acc = vsplat<T>(0.0);
      for (let p = 0; p < n; p++) {
        acc = vadd<T>(acc, vmul<T>(v128.load(a + <usize>(p * csA + v * vsA)), v128.load(b + <usize>((p * dim + q) * csB + v * vsB))));
      }
      v128.store(out + <usize>(q * csOut + v * 16), acc);
    }
  }
}

/** out[p m + q] = a[p] b[q]. */
export function execTensorProd<T>(out: usize, a: usize, b: usize, n: i32, m: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < m; q++) {
      for (let v = 0; v < nvec; v++) {
        v128.store(out + <usize>((p * m + q) * csOut + v * 16), vmul<T>(v128.load(a + <usize>(p * csA + v * vsA)), v128.load(b + <usize>(q * csB + v * vsB))));
      }
    }
  }
}

/**
 * out = sum_p b[p] (sum_q a[p n + q] b[q]), negated when `negate`: DOT(b, MATVEC(a, b)) in one
 * pass, with the same operations in the same order (so the same result, the + 0 included),
 * without storing and reloading a b. n = 2 (weighted distances in the plane) unrolled.
 */
export function execQuadForm<T>(out: usize, a: usize, b: usize, n: i32, negate: bool, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  const zero = vsplat<T>(0.0);
  let po = out;
  let pa = a;
  let pb = b;
  if (n == 2) {
    const a1 = <usize>csA, a2 = <usize>(2 * csA), a3 = <usize>(3 * csA), b1 = <usize>csB;
    for (let v = 0; v < nvec; v++) {
      const x0 = v128.load(pb);
      const x1 = v128.load(pb + b1);
      const y0 = vadd<T>(vadd<T>(vmul<T>(v128.load(pa), x0), vmul<T>(v128.load(pa + a1), x1)), zero);
      const y1 = vadd<T>(vadd<T>(vmul<T>(v128.load(pa + a2), x0), vmul<T>(v128.load(pa + a3), x1)), zero);
      const s = vadd<T>(vadd<T>(vmul<T>(x0, y0), vmul<T>(x1, y1)), zero);
      v128.store(po, negate ? vneg<T>(s) : s);
      po += 16;
      pa += vsA;
      pb += vsB;
    }
    return;
  }
  for (let v = 0; v < nvec; v++) {
    let s = vsplat<T>(0.0);
    for (let p = 0; p < n; p++) {
      let y = vsplat<T>(0.0);
      for (let q = 0; q < n; q++) y = vadd<T>(y, vmul<T>(v128.load(pa + <usize>((p * n + q) * csA)), v128.load(pb + <usize>(q * csB))));
      s = vadd<T>(s, vmul<T>(v128.load(pb + <usize>(p * csB)), y));
    }
    v128.store(po, negate ? vneg<T>(s) : s);
    po += 16;
    pa += vsA;
    pb += vsB;
  }
}

@inline function vtrunc<T>(a: v128): v128 { return sizeof<T>() == 4 ? f32x4.trunc(a) : f64x2.trunc(a); }

/**
 * out[k] = 1 where round(a) is k (half away from zero, C's round, exact in either precision),
 * else 0, for k < dim: NaN, infinities and rounds outside [0, dim) give zeros.
 */
export function execOneHot<T>(out: usize, a: usize, dim: i32, csOut: i32, vsA: i32, nvec: i32): void {
  const half = vsplat<T>(0.5);
  const one = vsplat<T>(1.0);
  const zero = vsplat<T>(0.0);
  let pa = a;
  for (let v = 0; v < nvec; v++) {
    const x = v128.load(pa);
    const t = vtrunc<T>(x);
    const away = vselect(vlt<T>(x, zero), vsub<T>(t, one), vadd<T>(t, one));
    const r = vselect(vge<T>(vabs<T>(vsub<T>(x, t)), half), away, t);
    let po = out + <usize>(v * 16);
    for (let k = 0; k < dim; k++) {
      v128.store(po, vselect(veq<T>(r, vsplat<T>(<f64>k)), one, zero));
      po += csOut;
    }
    pa += vsA;
  }
}
