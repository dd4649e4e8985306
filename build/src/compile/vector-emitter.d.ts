import { FunctionBody } from './wasm-encoder.js';
/** A v128 value: the index of the local holding it. */
export type Vec = number;
declare const DTYPE_OPS: {
    readonly f32: {
        readonly add: 228;
        readonly sub: 229;
        readonly mul: 230;
        readonly div: 231;
        readonly min: 232;
        readonly max: 233;
        readonly pmin: 234;
        readonly pmax: 235;
        readonly neg: 225;
        readonly abs: 224;
        readonly sqrt: 227;
        readonly floor: 104;
        readonly trunc: 105;
        readonly lt: 67;
        readonly gt: 68;
        readonly ge: 70;
        readonly eq: 65;
    };
    readonly f64: {
        readonly add: 240;
        readonly sub: 241;
        readonly mul: 242;
        readonly div: 243;
        readonly min: 244;
        readonly max: 245;
        readonly pmin: 246;
        readonly pmax: 247;
        readonly neg: 237;
        readonly abs: 236;
        readonly sqrt: 239;
        readonly floor: 117;
        readonly trunc: 122;
        readonly lt: 73;
        readonly gt: 74;
        readonly ge: 76;
        readonly eq: 71;
    };
};
export type FloatOp = keyof typeof DTYPE_OPS.f32;
export declare class VectorEmitter {
    readonly body: FunctionBody;
    readonly dtype: 'f32' | 'f64';
    readonly relaxed: boolean;
    private readonly consts;
    readonly ops: (typeof DTYPE_OPS)['f32' | 'f64'];
    /** `relaxed`: madd / nmadd emit relaxed SIMD's fused forms (relaxed-simd.ts). */
    constructor(body: FunctionBody, dtype: 'f32' | 'f64', relaxed?: boolean);
    /** Stores the value on the stack into a new local. */
    private result;
    /** A SIMD instruction applied to values (in order). */
    raw(code: number, ...args: Vec[]): Vec;
    /** A float instruction of the dtype. */
    f(op: FloatOp, ...args: Vec[]): Vec;
    add(a: Vec, b: Vec): Vec;
    sub(a: Vec, b: Vec): Vec;
    mul(a: Vec, b: Vec): Vec;
    div(a: Vec, b: Vec): Vec;
    /** a * b + c: one relaxed_madd when relaxed, else mul then add (in that operand order). */
    madd(a: Vec, b: Vec, c: Vec): Vec;
    /** c - a * b: one relaxed_nmadd when relaxed, else mul then sub. */
    nmadd(a: Vec, b: Vec, c: Vec): Vec;
    /** simd.ts's vselect(mask, a, b): a where mask is set, b elsewhere. */
    select(mask: Vec, a: Vec, b: Vec): Vec;
    /** A shift of every lane by a constant (i32x4 / i64x2 shl, shr_s, shr_u). */
    shift(code: number, a: Vec, bits: number): Vec;
    /** A constant vector from its 16 bytes, made once in the prologue. */
    constBytes(bytes: Uint8Array): Vec;
    /** vsplat<T>(x): x rounded to the dtype in every lane. */
    splat(x: number): Vec;
    /** Every i32 lane set to the bits `x`. */
    splatI32(x: number): Vec;
    /** Every i64 lane set to the bits `x`. */
    splatI64(x: bigint): Vec;
    /** Every f32 lane set to the bits `bits` (NaN and infinities as AssemblyScript writes them). */
    splatF32Bits(bits: number): Vec;
}
export {};
