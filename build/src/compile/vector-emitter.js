// Emits SIMD values in SSA form: every value is a new v128 local, constants are splatted once
// in the function's prologue. Methods are named after the interpreter's simd.ts helpers and
// pick the f32x4 or f64x2 instruction for the dtype, so ports of its kernels read the same.
import { SIMD, V128 } from './wasm-encoder.js';
const DTYPE_OPS = {
    f32: {
        add: SIMD.f32x4Add, sub: SIMD.f32x4Sub, mul: SIMD.f32x4Mul, div: SIMD.f32x4Div, min: SIMD.f32x4Min, max: SIMD.f32x4Max,
        pmin: SIMD.f32x4Pmin, pmax: SIMD.f32x4Pmax, neg: SIMD.f32x4Neg, abs: SIMD.f32x4Abs, sqrt: SIMD.f32x4Sqrt,
        floor: SIMD.f32x4Floor, trunc: SIMD.f32x4Trunc, lt: SIMD.f32x4Lt, gt: SIMD.f32x4Gt, ge: SIMD.f32x4Ge, eq: SIMD.f32x4Eq,
    },
    f64: {
        add: SIMD.f64x2Add, sub: SIMD.f64x2Sub, mul: SIMD.f64x2Mul, div: SIMD.f64x2Div, min: SIMD.f64x2Min, max: SIMD.f64x2Max,
        pmin: SIMD.f64x2Pmin, pmax: SIMD.f64x2Pmax, neg: SIMD.f64x2Neg, abs: SIMD.f64x2Abs, sqrt: SIMD.f64x2Sqrt,
        floor: SIMD.f64x2Floor, trunc: SIMD.f64x2Trunc, lt: SIMD.f64x2Lt, gt: SIMD.f64x2Gt, ge: SIMD.f64x2Ge, eq: SIMD.f64x2Eq,
    },
};
export class VectorEmitter {
    body;
    dtype;
    relaxed;
    consts = new Map();
    ops;
    /** `relaxed`: madd / nmadd emit relaxed SIMD's fused forms (relaxed-simd.ts). */
    constructor(body, dtype, relaxed = false) {
        this.body = body;
        this.dtype = dtype;
        this.relaxed = relaxed;
        this.ops = DTYPE_OPS[dtype];
    }
    /** Stores the value on the stack into a new local. */
    result() {
        const t = this.body.local(V128);
        this.body.set(t);
        return t;
    }
    /** A SIMD instruction applied to values (in order). */
    raw(code, ...args) {
        for (const a of args)
            this.body.get(a);
        this.body.simd(code);
        return this.result();
    }
    /** A float instruction of the dtype. */
    f(op, ...args) {
        return this.raw(this.ops[op], ...args);
    }
    add(a, b) { return this.f('add', a, b); }
    sub(a, b) { return this.f('sub', a, b); }
    mul(a, b) { return this.f('mul', a, b); }
    div(a, b) { return this.f('div', a, b); }
    /** a * b + c: one relaxed_madd when relaxed, else mul then add (in that operand order). */
    madd(a, b, c) {
        if (this.relaxed)
            return this.raw(this.dtype === 'f32' ? SIMD.f32x4RelaxedMadd : SIMD.f64x2RelaxedMadd, a, b, c);
        return this.add(this.mul(a, b), c);
    }
    /** c - a * b: one relaxed_nmadd when relaxed, else mul then sub. */
    nmadd(a, b, c) {
        if (this.relaxed)
            return this.raw(this.dtype === 'f32' ? SIMD.f32x4RelaxedNmadd : SIMD.f64x2RelaxedNmadd, a, b, c);
        return this.sub(c, this.mul(a, b));
    }
    /** simd.ts's vselect(mask, a, b): a where mask is set, b elsewhere. */
    select(mask, a, b) {
        return this.raw(SIMD.bitselect, a, b, mask);
    }
    /** A shift of every lane by a constant (i32x4 / i64x2 shl, shr_s, shr_u). */
    shift(code, a, bits) {
        this.body.get(a).i32(bits).simd(code);
        return this.result();
    }
    /** A constant vector from its 16 bytes, made once in the prologue. */
    constBytes(bytes) {
        const key = Array.from(bytes).join(',');
        const hit = this.consts.get(key);
        if (hit !== undefined)
            return hit;
        const t = this.body.local(V128);
        this.body.inPrologue(() => this.body.v128Const(bytes).set(t));
        this.consts.set(key, t);
        return t;
    }
    /** vsplat<T>(x): x rounded to the dtype in every lane. */
    splat(x) {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        if (this.dtype === 'f32')
            for (let k = 0; k < 4; k++)
                view.setFloat32(4 * k, x, true);
        else
            for (let k = 0; k < 2; k++)
                view.setFloat64(8 * k, x, true);
        return this.constBytes(bytes);
    }
    /** Every i32 lane set to the bits `x`. */
    splatI32(x) {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        for (let k = 0; k < 4; k++)
            view.setInt32(4 * k, x, true);
        return this.constBytes(bytes);
    }
    /** Every i64 lane set to the bits `x`. */
    splatI64(x) {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        for (let k = 0; k < 2; k++)
            view.setBigInt64(8 * k, BigInt.asIntN(64, x), true);
        return this.constBytes(bytes);
    }
    /** Every f32 lane set to the bits `bits` (NaN and infinities as AssemblyScript writes them). */
    splatF32Bits(bits) {
        return this.splatI32(bits | 0);
    }
}
