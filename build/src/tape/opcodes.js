/**
 * The instruction set of the tape, shared by every backend. The AssemblyScript enum in
 * `assembly/generated/opcodes.ts` is generated from these lists by `tools/gen-opcodes.mjs`,
 * so the TypeScript compiler and the wasm interpreter cannot drift apart.
 *
 * Each instruction is INSTR_WIDTH int32 words:
 *   [op, out, a, b, c, dim, arg0, arg1, flags]
 * out/a/b/c are byte offsets of registers inside one thread's scratch area; `dim` is the
 * output dimension; arg0/arg1 are op-specific integers (see each opcode); flags says which
 * registers are uniform (one splatted SIMD vector per component, i.e. constant over the tile)
 * and which operands have dimension 1 and broadcast over the output's components.
 */
/**
 * Element-wise opcodes with the AssemblyScript expression computing them on one SIMD vector:
 * `a`, `b`, `c` are the operands (v128), `arg` the instruction's arg0, `T` the element type.
 * `tools/gen-opcodes.mjs` turns each into its own loop in `assembly/generated/elementwise.ts`
 * (one function per opcode, so no loop tests the opcode per vector).
 */
export const ELEMENTWISE_OPCODES = {
    // Unary. POW: arg = integer exponent. ROUND: arg = decimals.
    NEG: { arity: 1, as: 'vneg<T>(a)' },
    EXP: { arity: 1, as: 'vexp<T>(a)' },
    // exp(a * b): the tape builder fuses EXP(MUL(a, b)), the heart of every Gaussian kernel.
    EXPMUL: { arity: 2, as: 'vexp<T>(vmul<T>(a, b))' },
    // exp(a - b): EXP(SUB(a, b)) fused, the exp(F - out) of every log-sum-exp gradient.
    EXPSUB: { arity: 2, as: 'vexp<T>(vsub<T>(a, b))' },
    LOG: { arity: 1, as: 'vlog<T>(a)' },
    SQRT: { arity: 1, as: 'vsqrt<T>(a)' },
    RSQRT: { arity: 1, as: 'vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vdiv<T>(vsplat<T>(1.0), vsqrt<T>(a)))' },
    SQUARE: { arity: 1, as: 'vmul<T>(a, a)' },
    ABS: { arity: 1, as: 'vabs<T>(a)' },
    SIN: { arity: 1, as: 'lanewiseSin<T>(a)' },
    COS: { arity: 1, as: 'lanewiseCos<T>(a)' },
    SIGN: { arity: 1, as: 'vsub<T>(v128.and(vgt<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0)), v128.and(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0)))' },
    STEP: { arity: 1, as: 'vselect(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vsplat<T>(1.0))' },
    RELU: { arity: 1, as: 'vselect(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), a)' },
    INV: { arity: 1, as: 'vdiv<T>(vsplat<T>(1.0), a)' },
    ROUND: { arity: 1, as: 'lanewiseRound<T>(a, arg)' },
    POW: { arity: 1, as: 'vpowi<T>(a, arg)' },
    FLOOR: { arity: 1, as: 'vfloor<T>(a)' },
    ATAN: { arity: 1, as: 'lanewiseAtan<T>(a)' },
    ASIN: { arity: 1, as: 'lanewiseAsin<T>(a)' },
    ACOS: { arity: 1, as: 'lanewiseAcos<T>(a)' },
    // KeOps's XLogX (0 at 0) and SinXDivX (1 at 0).
    XLOGX: { arity: 1, as: 'vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vmul<T>(a, vlog<T>(a)))' },
    SINXDIVX: { arity: 1, as: 'vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0), vdiv<T>(lanewiseSin<T>(a), a))' },
    // Binary, with dim-1 broadcasting.
    ADD: { arity: 2, as: 'vadd<T>(a, b)' },
    SUB: { arity: 2, as: 'vsub<T>(a, b)' },
    MUL: { arity: 2, as: 'vmul<T>(a, b)' },
    DIV: { arity: 2, as: 'vdiv<T>(a, b)' },
    MIN: { arity: 2, as: 'vmin<T>(a, b)' },
    MAX: { arity: 2, as: 'vmax<T>(a, b)' },
    ATAN2: { arity: 2, as: 'lanewiseAtan2<T>(a, b)' },
    // KeOps's Powf: exp(b log a).
    POWF: { arity: 2, as: 'vexp<T>(vmul<T>(b, vlog<T>(a)))' },
    // Ternary. CLAMP(x, lo, hi); IFELSE(c, a, b) = c >= 0 ? a : b; MOD(x, n, d) = x - n floor((x - d) / n).
    CLAMP: { arity: 3, as: 'vselect(vlt<T>(a, b), b, vselect(vgt<T>(a, c), c, a))' },
    IFELSE: { arity: 3, as: 'vselect(vge<T>(a, vsplat<T>(0.0)), b, c)' },
    MOD: { arity: 3, as: 'vsub<T>(a, vmul<T>(b, vfloor<T>(vdiv<T>(vsub<T>(a, c), b))))' },
};
/**
 * Element-wise opcodes without a SIMD instruction (evaluated lane by lane): the engine exports
 * one vector of each as `vop_<NAME>_<f32|f64>(a, b, c, arg): v128` (assembly/generated/vops.ts),
 * which the compiled tier's modules import and call instead of inlining them.
 */
export const ELEMENTWISE_BY_CALL = ['SIN', 'COS', 'ROUND', 'ATAN', 'ASIN', 'ACOS', 'ATAN2', 'SINXDIVX'];
export const OPCODES = [
    // Loads. arg0 = variable slot (LOAD*) or constant index (CONST).
    'LOADI', 'LOADJ', 'LOADP', 'CONST',
    // Element-wise ops, in the order above (their codes form one contiguous range).
    ...Object.keys(ELEMENTWISE_OPCODES),
    // Vector ops. SUMV: arg0 = input dim. DOT, SQDIST: arg0 = input dim (a and b share it).
    'SUMV', 'DOT', 'SQDIST',
    // EXTRACT: out = a[arg0 .. arg0 + dim). CONCAT: out = [a (arg0 comps), b (arg1 comps)].
    'EXTRACT', 'CONCAT',
    // MATVEC: a is dim x arg1 row-major, b has arg1 comps. VECMAT: a has arg0 comps, b is arg0 x dim.
    // TENSORPROD: a has arg0 comps, b has arg1 comps, out[p * arg1 + q] = a[p] b[q].
    // QUADFORM: b^T a b, a being arg0 x arg0 row-major: DOT(b, MATVEC(a, b)) fused (a weighted
    // squared distance); arg1 = 1 negates it (NEG fused too: exp(-d^T G d) kernels).
    'MATVEC', 'VECMAT', 'TENSORPROD', 'QUADFORM',
    // ONEHOT: a has one component; out[k] = 1 where round(a) (half away from zero) is k, else 0.
    'ONEHOT',
];
/** Numeric code of each opcode (its index in OPCODES). */
export const OP = Object.fromEntries(OPCODES.map((name, k) => [name, k]));
/** Words per instruction. */
export const INSTR_WIDTH = 9;
/** Word offsets inside one instruction. */
export const F = { op: 0, out: 1, a: 2, b: 3, c: 4, dim: 5, arg0: 6, arg1: 7, flags: 8 };
/** Flag bits of an instruction. */
export const FLAG = {
    OUT_UNIFORM: 1,
    A_UNIFORM: 2,
    B_UNIFORM: 4,
    C_UNIFORM: 8,
    A_BROADCAST: 16,
    B_BROADCAST: 32,
    C_BROADCAST: 64,
    OUT_PER_ROW: 128,
    A_PER_ROW: 256,
    B_PER_ROW: 512,
    C_PER_ROW: 1024,
    // A CONCAT whose parts were computed straight into its slices: the interpreter skips it; it
    // stays on the tape so that other translations (WGSL) still see where the value comes from.
    IN_PLACE: 2048,
};
/**
 * Reductions the engines implement, all over the "j" axis of the plan (axis 0 is handled by
 * swapping the roles of i- and j-variables before lowering).
 */
export const REDUCTIONS = [
    'SUM', 'LOGSUMEXP', 'LOGSUMEXP_WEIGHT', 'SUMSOFTMAXWEIGHT',
    'MIN', 'MAX', 'ARGMIN', 'ARGMAX', 'MIN_ARGMIN', 'MAX_ARGMAX',
    'KMIN', 'ARGKMIN', 'KMIN_ARGKMIN',
];
export const RED = Object.fromEntries(REDUCTIONS.map((name, k) => [name, k]));
/** Lanes of one tile register; the wasm interpreter is compiled with the same value. */
export const TILE = 256;
/** Rows of i processed per j-tile, so j-only work is shared by this many rows. */
export const I_BLOCK = 32;
/**
 * Layout of the plan record (int32 words) that a backend reads to run a reduction.
 * Written by the engine, read by `assembly/interpreter.ts`.
 */
export const PLAN = {
    dtype: 0, // 0 float32, 1 float64; 2 the Nystrom Gram job (assembly/dense/gram.ts)
    tapePtr: 1,
    nInstr: 2,
    pEnd: 3, // [0, pEnd): parameter-only instructions, run once per call
    jEnd: 4, // [pEnd, jEnd): j-only, once per j-tile
    iEnd: 5, // [jEnd, iEnd): i-only, once per (i, tile); [iEnd, nInstr): both
    nRows: 6, // output rows (the "i" of the plan)
    nCols: 7, // reduced count (the "j" of the plan)
    reduction: 8,
    resultReg: 9,
    resultFlags: 10, // bit0: uniform register, bit1: per-row register; bits 2-3: how SUM adds a
    // tile's terms (SUM_SCHEME_CODE: 0 block, 1 compensated, 2 float64 terms)
    resultDim: 11,
    auxReg: 12, // weight (LOGSUMEXP_WEIGHT) or values (SUMSOFTMAXWEIGHT)
    auxFlags: 13, // bit0: uniform, bit1: per-row
    auxDim: 14,
    k: 15, // K of KMIN & co
    outPtr: 16, // float values [nRows, outDim]
    outIdxPtr: 17, // int32 indices [nRows, outDim]
    varTablePtr: 18, // per variable: [ptr, dim, stride] (stride = padded nCols for j-variables)
    constPtr: 19, // float64 constants
    accOffset: 20, // byte offset of the per-row accumulators inside the scratch
    rangesPtr: 21, // 0 for dense; else the cluster table: [r0, r1, s0, s1] per cluster of rows
    nRanges: 22, // clusters in the table
    factorReg: 23, // SUM of a product: the reduced value is result * factor (see FACTOR flags)
    factorFlags: 24, // bit0 uniform, bit1 broadcast (dimension 1), bit2 present, bit3 per-row
    resultBroadcast: 25, // 1 when the result register has dimension 1 against a wider factor
    abort: 26, // set to 1 by the host to stop every thread at its next j-tile
    intervalsPtr: 27, // column intervals [c0, c1) that clusters' [s0, s1) index
    rowBytes: 28, // stride between the row banks of a batch
    rowBatch: 29, // rows run together through the i-only and pair instructions
    laneState: 30, // 0, or row lanes: the tape's tile lanes are output rows, its rows the
    // reduced columns, and this is the byte offset of the lane state in the scratch
    laneColumns: 31, // row lanes of the log-sum-exp family: the columns the lane state's buffer
    // holds (two-pass form), or 0 (online form)
    fusedKernel: 32, // 0, or FUSED_KERNEL.*: the reduction may run through a fused kernel
    fusedX: 33, // its operands (tape/affine-sqdist.ts): slots of x (i) and y (j), their
    fusedY: 34, // dimension, the index of the scale constant (-1: 1), the slots of the
    fusedDim: 35, // shift h and of the factor b (j, -1: none)
    fusedScale: 36,
    fusedShift: 37,
    fusedFactor: 38,
    fusedScaleParam: 39, // the slot of the scale when it is a parameter (-1: none)
    compiledSlot: 40, // 0, or the function table slot of the compiled row kernel (src/compile/):
    // the row instructions run through it instead of the interpreter
    compiledId: 41, // the compiled module's id: a worker whose slot holds another compiles it
    compiledBytesPtr: 42, // the module's bytes in engine memory, for the workers
    compiledBytesLength: 43,
    compiledReduces: 44, // 1: the compiled kernel adds the terms to the SUM accumulators itself
    // (row-kernel.ts, accumulateSum): the interpreter skips its reduction
    WORDS: 45,
};
/** Fused kernels of PLAN.fusedKernel. */
export const FUSED_KERNEL = {
    none: 0,
    affineSqDist: 1, // e = scale * |x_i - y_j|^2 + h_j, any reduction (assembly/kernels/affine-sqdist.ts)
    expAffineSqDist: 2, // exp(e), times b_j for a SUM
};
/** The code of each SumAccumulation in bits 2-3 of PLAN.resultFlags (assembly/reductions/sum.ts). */
export const SUM_SCHEME_CODE = { block: 0, kahan: 1, double: 2 };
/** 32-bit FNV-1a of a string, as a signed int32. */
function fnv1a(text) {
    let h = 0x811c9dc5;
    for (let k = 0; k < text.length; k++)
        h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    return h | 0;
}
/**
 * A hash of every number the host and the wasm module must agree on. The module is compiled
 * with it (tools/gen-opcodes.mjs) and the engine refuses a module built from another layout.
 */
export const LAYOUT_HASH = fnv1a(JSON.stringify({ OPCODES, REDUCTIONS, FLAG, F, PLAN, FUSED_KERNEL, INSTR_WIDTH, TILE, I_BLOCK }));
