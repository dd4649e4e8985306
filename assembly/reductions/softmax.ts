// Online log-sum-exp family: a running maximum m per row and sums s scaled by exp(-m),
// rescaled whenever a tile raises the maximum. Weighted sums share the exponentials.
import { vsplat, vadd, vmul, vsub, vmax, vpmax, vexpNonPositive, vselect, laneMask, lanes, lane, hsum } from '../simd';

/** Maximum over the `count` valid lanes of one component; NaN if any is NaN. */
@inline export function tileMax<T>(p: usize, vs: i32, count: i32): f64 {
  return tileMaxBy<T>(p, vs, count, false);
}

/**
 * tileMax by pmax, one instruction where V8 spends eight on the NaN-propagating max (x64): a
 * NaN lane is dropped, which is what the log-sum-exp passes want, as its exp(NaN - m) makes the
 * row's sum NaN anyway. Only where the row's new maximum is infinite do the sums not run
 * (raiseMax): there logSumExpTileWithMax / weightedSoftmaxTile take tileMax again (exactMax).
 * Same value as tileMax wherever no lane is NaN (max is exact; +0 / -0 may differ, which no
 * exp(x - m) sees).
 */
@inline export function tileMaxFast<T>(p: usize, vs: i32, count: i32): f64 {
  return tileMaxBy<T>(p, vs, count, true);
}

/** max (NaN-propagating) or, with `pseudo`, pmax of a and b. */
@inline function maxOf<T>(a: v128, b: v128, pseudo: bool): v128 {
  return pseudo ? vpmax<T>(a, b) : vmax<T>(a, b);
}

@inline function tileMaxBy<T>(p: usize, vs: i32, count: i32, pseudo: bool): f64 {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  const ninf = vsplat<T>(-Infinity);
  // Four running maxima: one would make every max wait for the previous one (its latency, not
  // the loads, bounded the pass). max is exact, so any grouping gives the same maximum.
  let m0 = ninf, m1 = ninf, m2 = ninf, m3 = ninf;
  let v = 0;
  for (; v + 4 <= nfull; v += 4) {
    const q = p + <usize>(v * vs);
    m0 = maxOf<T>(m0, v128.load(q), pseudo);
    m1 = maxOf<T>(m1, v128.load(q + <usize>vs), pseudo);
    m2 = maxOf<T>(m2, v128.load(q + <usize>(2 * vs)), pseudo);
    m3 = maxOf<T>(m3, v128.load(q + <usize>(3 * vs)), pseudo);
  }
  for (; v < nfull; v++) m0 = maxOf<T>(m0, v128.load(p + <usize>(v * vs)), pseudo);
  let m = maxOf<T>(maxOf<T>(m0, m1, pseudo), maxOf<T>(m2, m3, pseudo), pseudo);
  if (rem) m = maxOf<T>(m, vselect(laneMask<T>(rem), v128.load(p + <usize>(nfull * vs)), ninf), pseudo);
  return laneMax<T>(m);
}

/**
 * The tile maximum mt (tileMaxFast's) to raise the running maximum at acc[0] with, for rows
 * whose acc[1] is a sum of exp(x - m) without weights (LOGSUMEXP, SUMSOFTMAXWEIGHT): it is NaN
 * exactly when some earlier x was. mt itself when the new maximum is finite (the sums run and
 * carry any NaN of this tile); else the sums will not run (raiseMax) and a row that has seen a
 * NaN must get NaN as its maximum: from the earlier sums, or from tileMax over this tile.
 */
@inline function exactMax<T>(acc: usize, p: usize, vs: i32, count: i32, mt: f64): f64 {
  const m = load<f64>(acc);
  // A NaN row stays NaN whatever mt is (raiseMax); a finite new maximum lets the sums run.
  if (isNaN(m) || isFinite(Math.max(m, mt))) return mt;
  return isNaN(load<f64>(acc + 8)) ? NaN : tileMax<T>(p, vs, count);
}

/**
 * The maxima of four rows' `count` values (rowStride bytes apart from buf) into maxOut[0..3] as
 * f64: tileMaxFast for four rows at once, the fused kernels' four-row buffer (four independent
 * running maxima; the same values).
 */
export function tileMax4<T>(buf: usize, rowStride: usize, count: i32, maxOut: usize): void {
  const L = lanes<T>();
  const nfull = count / L;
  const ninf = vsplat<T>(-Infinity);
  let m0 = ninf, m1 = ninf, m2 = ninf, m3 = ninf;
  for (let v = 0; v < nfull; v++) {
    const q = buf + (<usize>v << 4);
    m0 = vpmax<T>(m0, v128.load(q));
    m1 = vpmax<T>(m1, v128.load(q + rowStride));
    m2 = vpmax<T>(m2, v128.load(q + 2 * rowStride));
    m3 = vpmax<T>(m3, v128.load(q + 3 * rowStride));
  }
  if (count % L) {
    const q = buf + (<usize>nfull << 4);
    const mask = laneMask<T>(count % L);
    m0 = vpmax<T>(m0, vselect(mask, v128.load(q), ninf));
    m1 = vpmax<T>(m1, vselect(mask, v128.load(q + rowStride), ninf));
    m2 = vpmax<T>(m2, vselect(mask, v128.load(q + 2 * rowStride), ninf));
    m3 = vpmax<T>(m3, vselect(mask, v128.load(q + 3 * rowStride), ninf));
  }
  store<f64>(maxOut, laneMax<T>(m0));
  store<f64>(maxOut + 8, laneMax<T>(m1));
  store<f64>(maxOut + 16, laneMax<T>(m2));
  store<f64>(maxOut + 24, laneMax<T>(m3));
}

/** The largest lane of m, as f64 (NaN if any lane is NaN). */
@inline function laneMax<T>(m: v128): f64 {
  let r = lane<T>(m, 0);
  for (let l = 1; l < lanes<T>(); l++) r = Math.max(r, lane<T>(m, l));
  return r;
}

/**
 * Raises the running maximum at acc[0] with the tile's maximum mt. Returns the factor by
 * which the existing sums must be scaled, or -1 when the sums need no update (the row is
 * NaN, +Inf or still all -Inf).
 */
@inline export function raiseMax(acc: usize, mt: f64): f64 {
  const m = load<f64>(acc);
  if (isNaN(m)) return -1;
  const mn = Math.max(m, mt);
  if (isNaN(mn) || mn == Infinity) {
    store<f64>(acc, mn);
    return -1;
  }
  if (mn == -Infinity) return -1;
  store<f64>(acc, mn);
  return Math.exp(m - mn);
}

/** exp(x - m) over the tile's vectors into tmp, zero in lanes past `count`. */
@inline function expShifted<T>(tmp: usize, p: usize, vs: i32, count: i32, m: f64): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  const rem = count % L;
  const vm = vsplat<T>(m);
  for (let v = 0; v < nvec; v++) {
    let e = vexpNonPositive<T>(vsub<T>(v128.load(p + <usize>(v * vs)), vm));
    if (rem && v == nvec - 1) e = vselect(laneMask<T>(rem), e, vsplat<T>(0.0));
    v128.store(tmp + <usize>(v << 4), e);
  }
}

/**
 * sum over the tile of tmp * w (w with vector stride vs), as f64. In f32 the products are taken
 * in f64: an exponential near the bottom of the normal range times a small weight would be a
 * subnormal f32, which the hardware handles in microcode (a mixture's emptied components made
 * this loop several times slower late in training); in f64 they stay normal.
 */
@inline function weightedSum<T>(tmp: usize, w: usize, vs: i32, count: i32): f64 {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  if (sizeof<T>() == 4) {
    let lo = f64x2.splat(0.0);
    let hi = f64x2.splat(0.0);
    for (let v = 0; v < nvec; v++) {
      const e = v128.load(tmp + <usize>(v << 4));
      const x = v128.load(w + <usize>(v * vs));
      lo = f64x2.add(lo, f64x2.mul(f64x2.promote_low_f32x4(e), f64x2.promote_low_f32x4(x)));
      hi = f64x2.add(hi, f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<i32>(e, e, 2, 3, 0, 1)), f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1))));
    }
    const s = f64x2.add(lo, hi);
    return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  }
  let s = vsplat<T>(0.0);
  for (let v = 0; v < nvec; v++) s = vadd<T>(s, vmul<T>(v128.load(tmp + <usize>(v << 4)), v128.load(w + <usize>(v * vs))));
  return hsum<T>(s);
}

@inline function plainSum<T>(tmp: usize, count: i32): f64 {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  let s = vsplat<T>(0.0);
  for (let v = 0; v < nvec; v++) s = vadd<T>(s, v128.load(tmp + <usize>(v << 4)));
  return hsum<T>(s);
}

/**
 * sum of exp(x - m) over the `count` valid lanes of one component (vector stride vs), summed as
 * it is computed: the same adds in the same order as expShifted then plainSum, so the same bits.
 * (Skipping vectors whose every exp flushes to +0 measured slower on random points, 2026-12-07:
 * the test costs more than the rare skips save.)
 */
export function sumExpShifted<T>(p: usize, vs: i32, count: i32, m: f64): f64 {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  const vm = vsplat<T>(m);
  let s = vsplat<T>(0.0);
  let v = 0;
  // Four exps per pass, added in order (the same adds as one at a time): independent work for the core.
  for (; v + 4 <= nfull; v += 4) {
    const q = p + <usize>(v * vs);
    const e0 = vexpNonPositive<T>(vsub<T>(v128.load(q), vm));
    const e1 = vexpNonPositive<T>(vsub<T>(v128.load(q + <usize>vs), vm));
    const e2 = vexpNonPositive<T>(vsub<T>(v128.load(q + <usize>(2 * vs)), vm));
    const e3 = vexpNonPositive<T>(vsub<T>(v128.load(q + <usize>(3 * vs)), vm));
    s = vadd<T>(vadd<T>(vadd<T>(vadd<T>(s, e0), e1), e2), e3);
  }
  for (; v < nfull; v++) s = vadd<T>(s, vexpNonPositive<T>(vsub<T>(v128.load(p + <usize>(v * vs)), vm)));
  if (rem) s = vadd<T>(s, vselect(laneMask<T>(rem), vexpNonPositive<T>(vsub<T>(v128.load(p + <usize>(nfull * vs)), vm)), vsplat<T>(0.0)));
  return hsum<T>(s);
}

/** LOGSUMEXP: per component k, acc = [m_k, s_k]. */
export function logSumExpTile<T>(acc: usize, res: usize, dim: i32, cs: i32, vs: i32, count: i32): void {
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * cs);
    logSumExpTileWithMax<T>(acc + (<usize>k << 4), p, vs, count, tileMaxFast<T>(p, vs, count));
  }
}

/** One component's LOGSUMEXP tile (acc = [m, s]) whose maximum mt (tileMaxFast's) the caller has. */
export function logSumExpTileWithMax<T>(acc: usize, p: usize, vs: i32, count: i32, mt: f64): void {
  const scale = raiseMax(acc, exactMax<T>(acc, p, vs, count, mt));
  if (scale < 0) return;
  store<f64>(acc + 8, load<f64>(acc + 8) * scale + sumExpShifted<T>(p, vs, count, load<f64>(acc)));
}

/**
 * LOGSUMEXP_WEIGHT (acc = [m, s_0..s_{n-1}]) and SUMSOFTMAXWEIGHT (acc = [m, s, t_0..t_{n-1}]):
 * the scalar formula at res, the n-dimensional weights or values at aux.
 */
export function weightedSoftmaxTile<T>(acc: usize, tmp: usize, res: usize, vs: i32, aux: usize, auxCs: i32, auxVs: i32, n: i32, withTotal: bool, count: i32): void {
  // LOGSUMEXP_WEIGHT's sums carry the weights' NaNs too: the NaN-propagating maximum there.
  const mt = withTotal ? exactMax<T>(acc, res, vs, count, tileMaxFast<T>(res, vs, count)) : tileMax<T>(res, vs, count);
  const scale = raiseMax(acc, mt);
  if (scale < 0) return;
  expShifted<T>(tmp, res, vs, count, load<f64>(acc));
  let s = acc + 8;
  if (withTotal) {
    store<f64>(s, load<f64>(s) * scale + plainSum<T>(tmp, count));
    s += 8;
  }
  for (let k = 0; k < n; k++) {
    const a = s + (<usize>k << 3);
    store<f64>(a, load<f64>(a) * scale + weightedSum<T>(tmp, aux + <usize>(k * auxCs), auxVs, count));
  }
}
