// exp and log emitted inline: exact ports of assembly/math/exp.ts (expF32x4, expF64x2) and
// assembly/math/log.ts (logF32x4, logF64x2), the same operations in the same order with the
// same constants, so the compiled tier's results are bitwise those of the interpreter; with a
// relaxed emitter (relaxed-simd.ts) exp's products-and-sums are fused multiply-adds instead.
// Keep in step with those files (test/compiled-tier.test.mjs compares both tiers).
import { SIMD } from './wasm-encoder.js';
const f32 = Math.fround;
/**
 * exp of each lane (vexp<T>); with `nonPositive`, for lanes known to be <= 0 or NaN
 * (vexpNonPositive<T>: no upper clamp, 2^n in one factor; the same bits there, test/math.test.mjs).
 */
export function emitExp(e, x, nonPositive = false) {
    return e.dtype === 'f32' ? expF32(e, x, nonPositive) : expF64(e, x, nonPositive);
}
/** log of each lane (vlog<T>). */
export function emitLog(e, x) {
    return e.dtype === 'f32' ? logF32(e, x) : logF64(e, x);
}
function expF32(e, x, nonPositive) {
    const LO = e.splat(f32(-87.33654));
    const xc = e.f('pmax', nonPositive ? x : e.f('pmin', x, e.splat(f32(89.0))), LO);
    const shifter = e.splat(12582912.0);
    const t = e.madd(xc, e.splat(f32(1.44269504088896341)), shifter);
    const n = e.sub(t, shifter);
    const ni = e.raw(SIMD.i32x4Sub, t, e.splatI32(0x4b400000));
    const hi = e.nmadd(n, e.splat(f32(0.693359375)), xc);
    const lo = e.mul(n, e.splat(f32(-2.12194440e-4)));
    const r = e.sub(hi, lo);
    const z = e.mul(r, r);
    // exp.ts's degree-4 fit (EXPF_P4 ... EXPF_P0).
    let p = e.madd(e.splat(f32(0.0013814519625157118)), r, e.splat(f32(0.008368759416043758)));
    p = e.madd(p, r, e.splat(f32(0.04166839271783829)));
    p = e.madd(p, r, e.splat(f32(0.1666651964187622)));
    p = e.madd(p, r, e.splat(f32(0.4999999403953552)));
    // 1 + (r + r^2 P(r)), as exp.ts (one fused multiply-add when relaxed).
    const y = e.add(e.splat(1.0), e.madd(p, z, r));
    return scaleAndFlush(e, y, ni, x, LO, nonPositive);
}
function expF64(e, x, nonPositive) {
    const lowest = e.splat(-708.3964185322641);
    const xc = e.f('pmax', nonPositive ? x : e.f('pmin', x, e.splat(710.0)), lowest);
    const shifter = e.splat(6755399441055744.0);
    const t = e.madd(xc, e.splat(1.44269504088896338700e+00), shifter);
    const n = e.sub(t, shifter);
    const ni = e.raw(SIMD.i64x2Sub, t, e.splatI64(0x4338000000000000n));
    const hi = e.nmadd(n, e.splat(6.93147180369123816490e-01), xc);
    const lo = e.mul(n, e.splat(1.90821492927058770002e-10));
    const r = e.sub(hi, lo);
    const z = e.mul(r, r);
    let p = e.madd(e.splat(4.13813679705723846039e-08), z, e.splat(-1.65339022054652515390e-06));
    p = e.madd(p, z, e.splat(6.61375632143793436117e-05));
    p = e.madd(p, z, e.splat(-2.77777777770155933842e-03));
    p = e.madd(p, z, e.splat(1.66666666666666019037e-01));
    const c = e.nmadd(z, p, r);
    const q = e.div(e.mul(r, c), e.sub(e.splat(2.0), c));
    const y = e.sub(e.splat(1.0), e.sub(e.sub(lo, q), hi));
    return scaleAndFlush(e, y, ni, x, lowest, nonPositive);
}
/**
 * exp's last step, both dtypes: y * 2^n in two factors, 2^(n >> 1) * 2^(n - (n >> 1)) (so that
 * results just below the overflow threshold need no infinite factor; one factor when n <= 0),
 * then +0 in the lanes whose x was below `lowest` (the flush of subnormal results), as
 * assembly/math/exp.ts does.
 */
function scaleAndFlush(e, y, ni, x, lowest, nonPositive) {
    const f32 = e.dtype === 'f32';
    const bias = f32 ? e.splatI32(127) : e.splatI64(1023n);
    const mantissaBits = f32 ? 23 : 52;
    const add = f32 ? SIMD.i32x4Add : SIMD.i64x2Add;
    const shl = f32 ? SIMD.i32x4Shl : SIMD.i64x2Shl;
    let scaled;
    if (nonPositive) {
        scaled = e.mul(y, e.shift(shl, e.raw(add, ni, bias), mantissaBits));
    }
    else {
        const n1 = e.shift(f32 ? SIMD.i32x4ShrS : SIMD.i64x2ShrS, ni, 1);
        const n2 = e.raw(f32 ? SIMD.i32x4Sub : SIMD.i64x2Sub, ni, n1);
        const s1 = e.shift(shl, e.raw(add, n1, bias), mantissaBits);
        const s2 = e.shift(shl, e.raw(add, n2, bias), mantissaBits);
        scaled = e.mul(e.mul(y, s1), s2);
    }
    return e.raw(SIMD.andnot, scaled, e.f('lt', x, lowest));
}
function logF32(e, x) {
    const ONE_BITS = 0x3f800000;
    const SQRTHF_BITS = 0x3f3504f3;
    const tiny = e.f('lt', x, e.splat(f32(1.17549435e-38)));
    const xs = e.raw(SIMD.bitselect, e.mul(x, e.splat(8388608.0)), x, tiny);
    let ix = e.raw(SIMD.i32x4Add, xs, e.splatI32(ONE_BITS - SQRTHF_BITS));
    const k = e.raw(SIMD.i32x4Sub, e.raw(SIMD.i32x4Sub, e.shift(SIMD.i32x4ShrS, ix, 23), e.splatI32(127)), e.raw(SIMD.and, tiny, e.splatI32(23)));
    ix = e.raw(SIMD.i32x4Add, e.raw(SIMD.and, ix, e.splatI32(0x007fffff)), e.splatI32(SQRTHF_BITS));
    const f = e.sub(ix, e.splat(1.0));
    const dk = e.raw(SIMD.f32x4ConvertI32x4S, k);
    const s = e.div(f, e.add(e.splat(2.0), f));
    const z = e.mul(s, s);
    const w = e.mul(z, z);
    const t1 = e.mul(w, e.add(e.splat(f32(0.40000972152)), e.mul(w, e.splat(f32(0.24279078841)))));
    const t2 = e.mul(z, e.add(e.splat(f32(0.66666662693)), e.mul(w, e.splat(f32(0.28498786688)))));
    const R = e.add(t2, t1);
    const hfsq = e.mul(e.mul(e.splat(0.5), f), f);
    const inner = e.add(e.mul(s, e.add(hfsq, R)), e.mul(dk, e.splat(f32(9.0580006145e-06))));
    const res = e.sub(e.mul(dk, e.splat(f32(6.9313812256e-01))), e.sub(e.sub(hfsq, inner), f));
    return patchLog(e, x, res, e.splatF32Bits(0x7fc00000));
}
function logF64(e, x) {
    const ONE_BITS = 0x3ff0000000000000n;
    const SQRTHF_BITS = 0x3fe6a09e667f3bcdn;
    const TWO52 = 4503599627370496.0;
    const tiny = e.f('lt', x, e.splat(2.2250738585072014e-308));
    const xs = e.raw(SIMD.bitselect, e.mul(x, e.splat(TWO52)), x, tiny);
    let ix = e.raw(SIMD.i64x2Add, xs, e.splatI64(ONE_BITS - SQRTHF_BITS));
    const eb = e.raw(SIMD.or, e.shift(SIMD.i64x2ShrU, ix, 52), e.splatI64(0x4330000000000000n));
    const dk = e.sub(e.sub(eb, e.splat(TWO52 + 1023.0)), e.raw(SIMD.and, tiny, e.splat(52.0)));
    ix = e.raw(SIMD.i64x2Add, e.raw(SIMD.and, ix, e.splatI64(0x000fffffffffffffn)), e.splatI64(SQRTHF_BITS));
    const f = e.sub(ix, e.splat(1.0));
    const s = e.div(f, e.add(e.splat(2.0), f));
    const z = e.mul(s, s);
    const w = e.mul(z, z);
    const t1 = e.mul(w, e.add(e.splat(3.999999999940941908e-01), e.mul(w, e.add(e.splat(2.222219843214978396e-01), e.mul(w, e.splat(1.531383769920937332e-01))))));
    const t2 = e.mul(z, e.add(e.splat(6.666666666666735130e-01), e.mul(w, e.add(e.splat(2.857142874366239149e-01), e.mul(w, e.add(e.splat(1.818357216161805012e-01), e.mul(w, e.splat(1.479819860511658591e-01))))))));
    const R = e.add(t2, t1);
    const hfsq = e.mul(e.mul(e.splat(0.5), f), f);
    const inner = e.add(e.mul(s, e.add(hfsq, R)), e.mul(dk, e.splat(1.90821492927058770002e-10)));
    const res = e.sub(e.mul(dk, e.splat(6.93147180369123816490e-01)), e.sub(e.sub(hfsq, inner), f));
    return patchLog(e, x, res, e.splatI64(0x7ff8000000000000n));
}
/** NaN and +Inf give x, x < 0 NaN, +-0 -Inf (the special values of both logs). */
function patchLog(e, x, res, nan) {
    let out = e.raw(SIMD.bitselect, x, res, e.raw(SIMD.not, e.f('lt', x, e.splat(Infinity))));
    out = e.raw(SIMD.bitselect, nan, out, e.f('lt', x, e.splat(0.0)));
    return e.raw(SIMD.bitselect, e.splat(-Infinity), out, e.f('eq', x, e.splat(0.0)));
}
