/**
 * WGSL for every element-wise opcode of the tape, keyed by the same names as
 * `ELEMENTWISE_OPCODES` in src/tape/opcodes.ts (a test checks that both tables have the same
 * keys and arities). Each snippet is a WGSL f32 expression of the operands `a`, `b`, `c` and,
 * for POW and ROUND, the instruction's integer `arg`; the generator wraps each used snippet
 * in a function `op_<NAME>` and calls it once per component.
 *
 * The semantics are the wasm interpreter's (and the float64 oracle's), including special
 * values. WGSL lets implementations assume there are no infinities or NaNs and gives
 * min/max/exp/log/sin no guarantees there, so NaN and infinity tests use the bit patterns
 * (`lk_isnan`, `lk_finite`), min/max are written out, exp/log/sqrt guard their special inputs
 * before calling the built-ins, and sin/cos/atan/asin/acos/atan2 are computed by polynomials (the
 * WGSL built-ins only promise an absolute error of 2^-11 for sin/cos and 4096 ulp for atan2).
 *
 * Accuracy against the float64 oracle (documented in gpu/README.md and checked by
 * test/smoke/gpu-checks.mjs): exact IEEE f32 for +, -, *, min, max, abs, floor, comparisons
 * and selects; division and sqrt within 2.5 ulp (WGSL's bound); exp within 3 + 2|x| ulp and log
 * within 3 ulp, WGSL's bounds for the built-ins (log near 1 is cephes's polynomial instead of
 * the built-in's 2^-21 absolute); sin/cos within a few
 * ulp for |x| <= 8192 (Cody-Waite reduction, cephes polynomials; the built-ins beyond);
 * atan, asin, acos and atan2 within a few ulp.
 */
export declare const WGSL_ELEMENTWISE: {
    readonly NEG: {
        readonly arity: 1;
        readonly wgsl: "-a";
    };
    readonly EXP: {
        readonly arity: 1;
        readonly wgsl: "lk_exp(a)";
    };
    readonly EXPMUL: {
        readonly arity: 2;
        readonly wgsl: "lk_exp(a * b)";
    };
    readonly EXPSUB: {
        readonly arity: 2;
        readonly wgsl: "lk_exp(a - b)";
    };
    readonly LOG: {
        readonly arity: 1;
        readonly wgsl: "lk_log(a)";
    };
    readonly SQRT: {
        readonly arity: 1;
        readonly wgsl: "lk_sqrt(a)";
    };
    readonly RSQRT: {
        readonly arity: 1;
        readonly wgsl: "select(1.0 / lk_sqrt(a), 0.0, a == 0.0)";
    };
    readonly SQUARE: {
        readonly arity: 1;
        readonly wgsl: "a * a";
    };
    readonly ABS: {
        readonly arity: 1;
        readonly wgsl: "abs(a)";
    };
    readonly SIN: {
        readonly arity: 1;
        readonly wgsl: "lk_sin(a)";
    };
    readonly COS: {
        readonly arity: 1;
        readonly wgsl: "lk_cos(a)";
    };
    readonly SIGN: {
        readonly arity: 1;
        readonly wgsl: "select(0.0, 1.0, a > 0.0) - select(0.0, 1.0, a < 0.0)";
    };
    readonly STEP: {
        readonly arity: 1;
        readonly wgsl: "select(1.0, 0.0, a < 0.0)";
    };
    readonly RELU: {
        readonly arity: 1;
        readonly wgsl: "select(select(a, 0.0, a < 0.0), a, lk_isnan(a))";
    };
    readonly INV: {
        readonly arity: 1;
        readonly wgsl: "1.0 / a";
    };
    readonly ROUND: {
        readonly arity: 1;
        readonly wgsl: "lk_round(a, arg)";
    };
    readonly POW: {
        readonly arity: 1;
        readonly wgsl: "lk_powi(a, arg)";
    };
    readonly FLOOR: {
        readonly arity: 1;
        readonly wgsl: "floor(a)";
    };
    readonly ATAN: {
        readonly arity: 1;
        readonly wgsl: "lk_atan_ieee(a)";
    };
    readonly ASIN: {
        readonly arity: 1;
        readonly wgsl: "lk_asin(a)";
    };
    readonly ACOS: {
        readonly arity: 1;
        readonly wgsl: "lk_acos(a)";
    };
    readonly XLOGX: {
        readonly arity: 1;
        readonly wgsl: "select(a * lk_log(a), 0.0, a == 0.0)";
    };
    readonly SINXDIVX: {
        readonly arity: 1;
        readonly wgsl: "select(lk_sin(a) / a, 1.0, a == 0.0)";
    };
    readonly ADD: {
        readonly arity: 2;
        readonly wgsl: "a + b";
    };
    readonly SUB: {
        readonly arity: 2;
        readonly wgsl: "a - b";
    };
    readonly MUL: {
        readonly arity: 2;
        readonly wgsl: "a * b";
    };
    readonly DIV: {
        readonly arity: 2;
        readonly wgsl: "a / b";
    };
    readonly MIN: {
        readonly arity: 2;
        readonly wgsl: "lk_min(a, b)";
    };
    readonly MAX: {
        readonly arity: 2;
        readonly wgsl: "lk_max(a, b)";
    };
    readonly ATAN2: {
        readonly arity: 2;
        readonly wgsl: "lk_atan2(a, b)";
    };
    readonly POWF: {
        readonly arity: 2;
        readonly wgsl: "lk_exp(b * lk_log(a))";
    };
    readonly CLAMP: {
        readonly arity: 3;
        readonly wgsl: "select(select(select(a, c, a > c), b, a < b), a, lk_isnan(a))";
    };
    readonly IFELSE: {
        readonly arity: 3;
        readonly wgsl: "select(c, b, a >= 0.0)";
    };
    readonly MOD: {
        readonly arity: 3;
        readonly wgsl: "a - b * floor((a - c) / b)";
    };
};
export type WgslElementwiseName = keyof typeof WGSL_ELEMENTWISE;
/** Opcodes whose snippet reads the instruction's integer argument. */
export declare const WGSL_USES_ARG: ReadonlySet<string>;
/** The WGSL function `op_<name>` computing one opcode's snippet. */
export declare function opFunction(name: WgslElementwiseName): string;
/**
 * Helpers every kernel includes. INF and NAN are module-scope private variables set from the
 * uniform block at the start of `main` (a constant infinity or NaN is a WGSL compile error).
 */
export declare const WGSL_PRELUDE = "\nvar<private> INF: f32;\nvar<private> NAN: f32;\n\nfn lk_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }\nfn lk_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }\nfn lk_signbit(x: f32) -> bool { return (bitcast<u32>(x) & 0x80000000u) != 0u; }\n// -0 becomes +0 (on the bits, which no float optimisation can fold away).\nfn lk_pz(x: f32) -> f32 { let b = bitcast<u32>(x); return bitcast<f32>(select(b, 0u, b == 0x80000000u)); }\n\n// IEEE min / max as the interpreter's f32x4.min / max: NaN if either is NaN, -0 < +0.\nfn lk_min(a: f32, b: f32) -> f32 {\n  if (lk_isnan(a) || lk_isnan(b)) { return NAN; }\n  if (a < b) { return a; }\n  if (b < a) { return b; }\n  return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b));\n}\nfn lk_max(a: f32, b: f32) -> f32 {\n  if (lk_isnan(a) || lk_isnan(b)) { return NAN; }\n  if (a > b) { return a; }\n  if (b > a) { return b; }\n  return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b));\n}\n\nfn lk_exp(x: f32) -> f32 {\n  if (lk_isnan(x)) { return x; }\n  if (x > 88.72283935546875) { return INF; }\n  if (x < -103.97208) { return 0.0; }\n  return exp(x);\n}\n\n// Near 1 (x in (sqrt(1/2), sqrt(2))) cephes logf's polynomial in t = x - 1 (exact there):\n// WGSL only promises 2^-21 absolute for the built-in, which llvmpipe's nearly uses up, a large\n// relative error where log(x) is small.\nfn lk_log(x: f32) -> f32 {\n  if (lk_isnan(x)) { return x; }\n  if (x < 0.0) { return NAN; }\n  if (x == 0.0) { return -INF; }\n  if (x == INF) { return INF; }\n  if (x > 0.70710677 && x < 1.4142135) {\n    let t = x - 1.0;\n    let z = t * t;\n    let p = ((((((((7.0376836292e-2 * t - 1.1514610310e-1) * t + 1.1676998740e-1) * t - 1.2420140846e-1) * t + 1.4249322787e-1) * t - 1.6668057665e-1) * t + 2.0000714765e-1) * t - 2.4999993993e-1) * t + 3.3333331174e-1) * t * z;\n    return t + (p - 0.5 * z);\n  }\n  return log(x);\n}\n\nfn lk_sqrt(x: f32) -> f32 {\n  if (lk_isnan(x) || x == 0.0) { return x; }\n  if (x < 0.0) { return NAN; }\n  if (x == INF) { return INF; }\n  return sqrt(x);\n}\n\n// sin and cos: cephes sinf / cosf (Cody-Waite reduction by pi/4 in three parts, exact for\n// |x| < 8192, then minimax polynomials); larger arguments use the built-ins.\nfn lk_sin_poly(x: f32, z: f32) -> f32 { return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * x + x; }\nfn lk_cos_poly(z: f32) -> f32 { return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }\nfn lk_reduce_quarter(ax: f32, y: f32) -> f32 { return ((ax - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8; }\n\nfn lk_sin(x: f32) -> f32 {\n  if (!lk_finite(x)) { return NAN; }\n  let ax = abs(x);\n  if (ax > 8192.0) { return sin(x); }\n  var j = u32(ax * 1.2732395447351628);\n  var y = f32(j);\n  if ((j & 1u) == 1u) { j = j + 1u; y = y + 1.0; }\n  j = j & 7u;\n  var neg = lk_signbit(x);\n  if (j > 3u) { neg = !neg; j = j - 4u; }\n  let r = lk_reduce_quarter(ax, y);\n  let z = r * r;\n  var v: f32;\n  if (j == 1u || j == 2u) { v = lk_cos_poly(z); } else { v = lk_sin_poly(r, z); }\n  return select(v, -v, neg);\n}\n\nfn lk_cos(x: f32) -> f32 {\n  if (!lk_finite(x)) { return NAN; }\n  let ax = abs(x);\n  if (ax > 8192.0) { return cos(x); }\n  var j = u32(ax * 1.2732395447351628);\n  var y = f32(j);\n  if ((j & 1u) == 1u) { j = j + 1u; y = y + 1.0; }\n  j = j & 7u;\n  var neg = false;\n  if (j > 3u) { neg = !neg; j = j - 4u; }\n  if (j > 1u) { neg = !neg; }\n  let r = lk_reduce_quarter(ax, y);\n  let z = r * r;\n  var v: f32;\n  if (j == 1u || j == 2u) { v = lk_sin_poly(r, z); } else { v = lk_cos_poly(z); }\n  return select(v, -v, neg);\n}\n\n// atan: cephes atanf (reduction to |x| <= tan(pi/8), degree-9 odd polynomial).\nfn lk_atan(xx: f32) -> f32 {\n  var x = abs(xx);\n  var y = 0.0;\n  if (x > 2.414213562373095) { y = 1.5707963267948966; x = -1.0 / x; }\n  else if (x > 0.4142135623730950) { y = 0.7853981633974483; x = (x - 1.0) / (x + 1.0); }\n  let z = x * x;\n  y = y + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * x + x);\n  return select(y, -y, lk_signbit(xx));\n}\n\n// atan with Math.atan's special values (NaN, +-pi/2 at +-Inf), tested on the bits.\nfn lk_atan_ieee(x: f32) -> f32 {\n  if (lk_isnan(x)) { return x; }\n  if (!lk_finite(x)) { return select(1.5707963267948966, -1.5707963267948966, lk_signbit(x)); }\n  return lk_atan(x);\n}\n\n// asin and acos: cephes asinf / acosf. asin on [0, 1]: a polynomial up to 0.5, beyond it\n// pi/2 - 2 asin(sqrt((1 - a) / 2)); acos from asin of the half-angle near +-1.\nfn lk_asin_core(a: f32) -> f32 {\n  var x = a;\n  var z = a * a;\n  let big = a > 0.5;\n  if (big) { z = 0.5 * (1.0 - a); x = sqrt(z); }\n  var r = ((((4.2163199048e-2 * z + 2.4181311049e-2) * z + 4.5470025998e-2) * z + 7.4953002686e-2) * z + 1.6666752422e-1) * z * x + x;\n  if (big) { r = 1.5707963267948966 - (r + r); }\n  return r;\n}\nfn lk_asin(x: f32) -> f32 {\n  if (lk_isnan(x) || abs(x) > 1.0) { return NAN; }\n  let r = lk_asin_core(abs(x));\n  return select(r, -r, lk_signbit(x));\n}\nfn lk_acos(x: f32) -> f32 {\n  if (lk_isnan(x) || abs(x) > 1.0) { return NAN; }\n  if (x < -0.5) { return 3.141592653589793 - 2.0 * lk_asin_core(sqrt(0.5 * (1.0 + x))); }\n  if (x > 0.5) { return 2.0 * lk_asin_core(sqrt(0.5 * (1.0 - x))); }\n  return 1.5707963267948966 - lk_asin(x);\n}\n\n// atan2 with every IEEE special case of Math.atan2.\nfn lk_atan2(y: f32, x: f32) -> f32 {\n  if (lk_isnan(x) || lk_isnan(y)) { return NAN; }\n  let PI = 3.141592653589793;\n  let sy = lk_signbit(y);\n  if (y == 0.0) {\n    if (lk_signbit(x)) { return select(PI, -PI, sy); }\n    return y;\n  }\n  if (x == 0.0) { return select(0.5 * PI, -0.5 * PI, sy); }\n  if (!lk_finite(x)) {\n    if (!lk_finite(y)) {\n      let q = select(0.25 * PI, 0.75 * PI, x < 0.0);\n      return select(q, -q, sy);\n    }\n    if (x > 0.0) { return y * 0.0; }\n    return select(PI, -PI, sy);\n  }\n  if (!lk_finite(y)) { return select(0.5 * PI, -0.5 * PI, sy); }\n  let a = lk_atan(y / x);\n  if (x > 0.0) { return a; }\n  return select(a + PI, a - PI, sy);\n}\n\n// C's round (half away from zero) to 'decimals' digits. No loops: llvmpipe caps the loop\n// iterations of an invocation (65535 in all, every loop together), so the kernels avoid them.\nfn lk_round_half_away(y: f32) -> f32 {\n  let t = trunc(y);\n  return select(t, t + select(1.0, -1.0, y < 0.0), abs(y - t) >= 0.5);\n}\nfn lk_pow10(n: i32) -> f32 {\n  if (n > 10) { return pow(10.0, f32(n)); }\n  var p = array<f32, 11>(1.0, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10);\n  return p[n];\n}\nfn lk_round(x: f32, decimals: i32) -> f32 {\n  if (decimals == 0) { return lk_round_half_away(x); }\n  let p = lk_pow10(abs(decimals));\n  if (decimals > 0) { return lk_round_half_away(x * p) / p; }\n  return lk_round_half_away(x / p) * p;\n}\n\n// x^n by binary exponentiation, as the interpreter's vpowi (1 / x^|n| for n < 0): unrolled\n// for |n| < 256, a loop beyond.\nfn lk_powi(x: f32, n: i32) -> f32 {\n  var r = 1.0;\n  var b = x;\n  var e = abs(n);\n  if ((e & 1) != 0) { r = r * b; } b = b * b;\n  if ((e & 2) != 0) { r = r * b; } b = b * b;\n  if ((e & 4) != 0) { r = r * b; } b = b * b;\n  if ((e & 8) != 0) { r = r * b; } b = b * b;\n  if ((e & 16) != 0) { r = r * b; } b = b * b;\n  if ((e & 32) != 0) { r = r * b; } b = b * b;\n  if ((e & 64) != 0) { r = r * b; } b = b * b;\n  if ((e & 128) != 0) { r = r * b; }\n  e = e >> 8u;\n  loop {\n    if (e <= 0) { break; }\n    b = b * b;\n    if ((e & 1) != 0) { r = r * b; }\n    e = e >> 1u;\n  }\n  return select(r, 1.0 / r, n < 0);\n}\n";
