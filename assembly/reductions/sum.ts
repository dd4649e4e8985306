// Sum reduction. Each tile's terms are added per SIMD lane, then the lanes' totals go to an f64
// accumulator per row and component. How a tile's terms are added is the plan's sum scheme
// (src/tape/opcodes.ts, PLAN.resultFlags bits 2-3):
//   SUM_BLOCK        in the working precision: a float32 lane adds at most TILE / 4 = 64 terms
//                    in float32 before its total reaches the f64 accumulator (the default);
//   SUM_COMPENSATED  the same with Kahan-Babuska-Neumaier compensation, in the working precision;
//   SUM_DOUBLE       every term widened to f64 first (float32 only; float64 is already that).
import { vsplat, vadd, vsub, vmul, vabs, vge, vselect, laneMask, lanes, hsum } from '../simd';

export const SUM_BLOCK: i32 = 0;
export const SUM_COMPENSATED: i32 = 1;
export const SUM_DOUBLE: i32 = 2;

/** Term v of a tile: res[v] (times fac[v] for a SUM of a product); lanes past `count` are 0. */
@inline function term<T>(p: usize, vs: i32, q: usize, vsF: i32, hasFactor: bool, v: i32, mask: v128, masked: bool): v128 {
  let x = v128.load(p + <usize>(v * vs));
  if (hasFactor) x = vmul<T>(x, v128.load(q + <usize>(v * vsF)));
  return masked ? vselect(mask, x, vsplat<T>(0.0)) : x;
}

/** The sum of a tile's `count` terms of one component, by the plan's scheme. */
@inline function tileSum<T>(p: usize, vs: i32, q: usize, vsF: i32, hasFactor: bool, count: i32, scheme: i32): f64 {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  const nvec = rem ? nfull + 1 : nfull;
  const mask = laneMask<T>(rem);
  if (scheme == SUM_DOUBLE && sizeof<T>() == 4) {
    let lo = f64x2.splat(0.0);
    let hi = f64x2.splat(0.0);
    for (let v = 0; v < nvec; v++) {
      const x = term<T>(p, vs, q, vsF, hasFactor, v, mask, v == nfull);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(x));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1)));
    }
    const s = f64x2.add(lo, hi);
    return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  }
  if (scheme == SUM_COMPENSATED) {
    // Neumaier: c gathers what each s + x rounds away, from the smaller of the two.
    let s = vsplat<T>(0.0);
    let c = vsplat<T>(0.0);
    for (let v = 0; v < nvec; v++) {
      const x = term<T>(p, vs, q, vsF, hasFactor, v, mask, v == nfull);
      const t = vadd<T>(s, x);
      const lost = vselect(vge<T>(vabs<T>(s), vabs<T>(x)), vadd<T>(vsub<T>(s, t), x), vadd<T>(vsub<T>(x, t), s));
      c = vadd<T>(c, lost);
      s = t;
    }
    const total = hsum<T>(s);
    // Infinities and NaN: s holds them (and c is NaN), as the plain sum would.
    return total - total == 0.0 ? total + hsum<T>(c) : total;
  }
  let s = vsplat<T>(0.0);
  for (let v = 0; v < nfull; v++) s = vadd<T>(s, term<T>(p, vs, q, vsF, hasFactor, v, mask, false));
  if (rem) s = vadd<T>(s, term<T>(p, vs, q, vsF, hasFactor, nfull, mask, true));
  return hsum<T>(s);
}

export function sumTile<T>(acc: usize, res: usize, dim: i32, cs: i32, vs: i32, count: i32, scheme: i32): void {
  for (let k = 0; k < dim; k++) {
    const a = acc + (<usize>k << 3);
    store<f64>(a, load<f64>(a) + tileSum<T>(res + <usize>(k * cs), vs, 0, 0, false, count, scheme));
  }
}

/** SUM of result * factor, either of which may broadcast (component stride 0). */
export function sumProductTile<T>(acc: usize, res: usize, csR: i32, vsR: i32, fac: usize, csF: i32, vsF: i32, dim: i32, count: i32, scheme: i32): void {
  for (let k = 0; k < dim; k++) {
    const a = acc + (<usize>k << 3);
    store<f64>(a, load<f64>(a) + tileSum<T>(res + <usize>(k * csR), vsR, fac + <usize>(k * csF), vsF, true, count, scheme));
  }
}
