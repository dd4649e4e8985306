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
export declare const ELEMENTWISE_OPCODES: {
    readonly NEG: {
        readonly arity: 1;
        readonly as: "vneg<T>(a)";
    };
    readonly EXP: {
        readonly arity: 1;
        readonly as: "vexp<T>(a)";
    };
    readonly EXPMUL: {
        readonly arity: 2;
        readonly as: "vexp<T>(vmul<T>(a, b))";
    };
    readonly EXPSUB: {
        readonly arity: 2;
        readonly as: "vexp<T>(vsub<T>(a, b))";
    };
    readonly LOG: {
        readonly arity: 1;
        readonly as: "vlog<T>(a)";
    };
    readonly SQRT: {
        readonly arity: 1;
        readonly as: "vsqrt<T>(a)";
    };
    readonly RSQRT: {
        readonly arity: 1;
        readonly as: "vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vdiv<T>(vsplat<T>(1.0), vsqrt<T>(a)))";
    };
    readonly SQUARE: {
        readonly arity: 1;
        readonly as: "vmul<T>(a, a)";
    };
    readonly ABS: {
        readonly arity: 1;
        readonly as: "vabs<T>(a)";
    };
    readonly SIN: {
        readonly arity: 1;
        readonly as: "lanewiseSin<T>(a)";
    };
    readonly COS: {
        readonly arity: 1;
        readonly as: "lanewiseCos<T>(a)";
    };
    readonly SIGN: {
        readonly arity: 1;
        readonly as: "vsub<T>(v128.and(vgt<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0)), v128.and(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0)))";
    };
    readonly STEP: {
        readonly arity: 1;
        readonly as: "vselect(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vsplat<T>(1.0))";
    };
    readonly RELU: {
        readonly arity: 1;
        readonly as: "vselect(vlt<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), a)";
    };
    readonly INV: {
        readonly arity: 1;
        readonly as: "vdiv<T>(vsplat<T>(1.0), a)";
    };
    readonly ROUND: {
        readonly arity: 1;
        readonly as: "lanewiseRound<T>(a, arg)";
    };
    readonly POW: {
        readonly arity: 1;
        readonly as: "vpowi<T>(a, arg)";
    };
    readonly FLOOR: {
        readonly arity: 1;
        readonly as: "vfloor<T>(a)";
    };
    readonly ATAN: {
        readonly arity: 1;
        readonly as: "lanewiseAtan<T>(a)";
    };
    readonly ASIN: {
        readonly arity: 1;
        readonly as: "lanewiseAsin<T>(a)";
    };
    readonly ACOS: {
        readonly arity: 1;
        readonly as: "lanewiseAcos<T>(a)";
    };
    readonly XLOGX: {
        readonly arity: 1;
        readonly as: "vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(0.0), vmul<T>(a, vlog<T>(a)))";
    };
    readonly SINXDIVX: {
        readonly arity: 1;
        readonly as: "vselect(veq<T>(a, vsplat<T>(0.0)), vsplat<T>(1.0), vdiv<T>(lanewiseSin<T>(a), a))";
    };
    readonly ADD: {
        readonly arity: 2;
        readonly as: "vadd<T>(a, b)";
    };
    readonly SUB: {
        readonly arity: 2;
        readonly as: "vsub<T>(a, b)";
    };
    readonly MUL: {
        readonly arity: 2;
        readonly as: "vmul<T>(a, b)";
    };
    readonly DIV: {
        readonly arity: 2;
        readonly as: "vdiv<T>(a, b)";
    };
    readonly MIN: {
        readonly arity: 2;
        readonly as: "vmin<T>(a, b)";
    };
    readonly MAX: {
        readonly arity: 2;
        readonly as: "vmax<T>(a, b)";
    };
    readonly ATAN2: {
        readonly arity: 2;
        readonly as: "lanewiseAtan2<T>(a, b)";
    };
    readonly POWF: {
        readonly arity: 2;
        readonly as: "vexp<T>(vmul<T>(b, vlog<T>(a)))";
    };
    readonly CLAMP: {
        readonly arity: 3;
        readonly as: "vselect(vlt<T>(a, b), b, vselect(vgt<T>(a, c), c, a))";
    };
    readonly IFELSE: {
        readonly arity: 3;
        readonly as: "vselect(vge<T>(a, vsplat<T>(0.0)), b, c)";
    };
    readonly MOD: {
        readonly arity: 3;
        readonly as: "vsub<T>(a, vmul<T>(b, vfloor<T>(vdiv<T>(vsub<T>(a, c), b))))";
    };
};
/**
 * Element-wise opcodes without a SIMD instruction (evaluated lane by lane): the engine exports
 * one vector of each as `vop_<NAME>_<f32|f64>(a, b, c, arg): v128` (assembly/generated/vops.ts),
 * which the compiled tier's modules import and call instead of inlining them.
 */
export declare const ELEMENTWISE_BY_CALL: readonly ["SIN", "COS", "ROUND", "ATAN", "ASIN", "ACOS", "ATAN2", "SINXDIVX"];
export declare const OPCODES: readonly ["LOADI", "LOADJ", "LOADP", "CONST", ...("SIN" | "COS" | "ROUND" | "ATAN" | "ASIN" | "ACOS" | "ATAN2" | "SINXDIVX" | "NEG" | "EXP" | "EXPMUL" | "EXPSUB" | "LOG" | "SQRT" | "RSQRT" | "SQUARE" | "ABS" | "SIGN" | "STEP" | "RELU" | "INV" | "POW" | "FLOOR" | "XLOGX" | "ADD" | "SUB" | "MUL" | "DIV" | "MIN" | "MAX" | "POWF" | "CLAMP" | "IFELSE" | "MOD")[], "SUMV", "DOT", "SQDIST", "EXTRACT", "CONCAT", "MATVEC", "VECMAT", "TENSORPROD", "QUADFORM", "ONEHOT"];
export type Opcode = (typeof OPCODES)[number];
/** Numeric code of each opcode (its index in OPCODES). */
export declare const OP: {
    readonly [K in Opcode]: number;
};
/** Words per instruction. */
export declare const INSTR_WIDTH = 9;
/** Word offsets inside one instruction. */
export declare const F: {
    readonly op: 0;
    readonly out: 1;
    readonly a: 2;
    readonly b: 3;
    readonly c: 4;
    readonly dim: 5;
    readonly arg0: 6;
    readonly arg1: 7;
    readonly flags: 8;
};
/** Flag bits of an instruction. */
export declare const FLAG: {
    readonly OUT_UNIFORM: 1;
    readonly A_UNIFORM: 2;
    readonly B_UNIFORM: 4;
    readonly C_UNIFORM: 8;
    readonly A_BROADCAST: 16;
    readonly B_BROADCAST: 32;
    readonly C_BROADCAST: 64;
    readonly OUT_PER_ROW: 128;
    readonly A_PER_ROW: 256;
    readonly B_PER_ROW: 512;
    readonly C_PER_ROW: 1024;
    readonly IN_PLACE: 2048;
};
/**
 * Reductions the engines implement, all over the "j" axis of the plan (axis 0 is handled by
 * swapping the roles of i- and j-variables before lowering).
 */
export declare const REDUCTIONS: readonly ["SUM", "LOGSUMEXP", "LOGSUMEXP_WEIGHT", "SUMSOFTMAXWEIGHT", "MIN", "MAX", "ARGMIN", "ARGMAX", "MIN_ARGMIN", "MAX_ARGMAX", "KMIN", "ARGKMIN", "KMIN_ARGKMIN"];
export type ReductionKind = (typeof REDUCTIONS)[number];
export declare const RED: {
    readonly [K in ReductionKind]: number;
};
/** Lanes of one tile register; the wasm interpreter is compiled with the same value. */
export declare const TILE = 256;
/** Rows of i processed per j-tile, so j-only work is shared by this many rows. */
export declare const I_BLOCK = 32;
/**
 * Layout of the plan record (int32 words) that a backend reads to run a reduction.
 * Written by the engine, read by `assembly/interpreter.ts`.
 */
export declare const PLAN: {
    readonly dtype: 0;
    readonly tapePtr: 1;
    readonly nInstr: 2;
    readonly pEnd: 3;
    readonly jEnd: 4;
    readonly iEnd: 5;
    readonly nRows: 6;
    readonly nCols: 7;
    readonly reduction: 8;
    readonly resultReg: 9;
    readonly resultFlags: 10;
    readonly resultDim: 11;
    readonly auxReg: 12;
    readonly auxFlags: 13;
    readonly auxDim: 14;
    readonly k: 15;
    readonly outPtr: 16;
    readonly outIdxPtr: 17;
    readonly varTablePtr: 18;
    readonly constPtr: 19;
    readonly accOffset: 20;
    readonly rangesPtr: 21;
    readonly nRanges: 22;
    readonly factorReg: 23;
    readonly factorFlags: 24;
    readonly resultBroadcast: 25;
    readonly abort: 26;
    readonly intervalsPtr: 27;
    readonly rowBytes: 28;
    readonly rowBatch: 29;
    readonly laneState: 30;
    readonly laneColumns: 31;
    readonly fusedKernel: 32;
    readonly fusedX: 33;
    readonly fusedY: 34;
    readonly fusedDim: 35;
    readonly fusedScale: 36;
    readonly fusedShift: 37;
    readonly fusedFactor: 38;
    readonly fusedScaleParam: 39;
    readonly compiledSlot: 40;
    readonly compiledId: 41;
    readonly compiledBytesPtr: 42;
    readonly compiledBytesLength: 43;
    readonly compiledReduces: 44;
    readonly WORDS: 45;
};
/** Fused kernels of PLAN.fusedKernel. */
export declare const FUSED_KERNEL: {
    readonly none: 0;
    readonly affineSqDist: 1;
    readonly expAffineSqDist: 2;
};
/** The code of each SumAccumulation in bits 2-3 of PLAN.resultFlags (assembly/reductions/sum.ts). */
export declare const SUM_SCHEME_CODE: {
    readonly block: 0;
    readonly kahan: 1;
    readonly double: 2;
};
/**
 * A hash of every number the host and the wasm module must agree on. The module is compiled
 * with it (tools/gen-opcodes.mjs) and the engine refuses a module built from another layout.
 */
export declare const LAYOUT_HASH: number;
