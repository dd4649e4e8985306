/** Value types. */
export declare const I32 = 127;
export declare const V128 = 123;
export type ValType = typeof I32 | typeof V128;
/** Scalar opcodes used by the generator. */
export declare const OPS: {
    readonly block: 2;
    readonly loop: 3;
    readonly if: 4;
    readonly end: 11;
    readonly br: 12;
    readonly brIf: 13;
    readonly return: 15;
    readonly call: 16;
    readonly localGet: 32;
    readonly localSet: 33;
    readonly localTee: 34;
    readonly i32Load: 40;
    readonly f64Load: 43;
    readonly f64Store: 57;
    readonly i32Const: 65;
    readonly f64Add: 160;
    readonly i32Eqz: 69;
    readonly i32LtS: 72;
    readonly i32LtU: 73;
    readonly i32GtS: 74;
    readonly i32GeS: 78;
    readonly i32Add: 106;
    readonly i32Sub: 107;
    readonly i32Mul: 108;
    readonly i32Shl: 116;
    readonly i32ShrS: 117;
    readonly i32ShrU: 118;
};
/** SIMD opcodes (after the 0xFD prefix, as LEB128). */
export declare const SIMD: {
    readonly load: 0;
    readonly load32Splat: 9;
    readonly load64Splat: 10;
    readonly store: 11;
    readonly const: 12;
    readonly shuffle: 13;
    readonly i32x4Splat: 17;
    readonly f64x2ExtractLane: 33;
    readonly i32x4LtS: 57;
    readonly f64x2PromoteLowF32x4: 95;
    readonly f32x4Splat: 19;
    readonly f64x2Splat: 20;
    readonly f32x4Eq: 65;
    readonly f32x4Lt: 67;
    readonly f32x4Gt: 68;
    readonly f32x4Ge: 70;
    readonly f64x2Eq: 71;
    readonly f64x2Lt: 73;
    readonly f64x2Gt: 74;
    readonly f64x2Ge: 76;
    readonly not: 77;
    readonly and: 78;
    readonly andnot: 79;
    readonly or: 80;
    readonly xor: 81;
    readonly bitselect: 82;
    readonly f32x4Floor: 104;
    readonly f32x4Trunc: 105;
    readonly f64x2Floor: 117;
    readonly f64x2Trunc: 122;
    readonly i32x4Shl: 171;
    readonly i32x4ShrS: 172;
    readonly i32x4ShrU: 173;
    readonly i32x4Add: 174;
    readonly i32x4Sub: 177;
    readonly i64x2Shl: 203;
    readonly i64x2ShrS: 204;
    readonly i64x2ShrU: 205;
    readonly i64x2Add: 206;
    readonly i64x2Sub: 209;
    readonly f32x4Abs: 224;
    readonly f32x4Neg: 225;
    readonly f32x4Sqrt: 227;
    readonly f32x4Add: 228;
    readonly f32x4Sub: 229;
    readonly f32x4Mul: 230;
    readonly f32x4Div: 231;
    readonly f32x4Min: 232;
    readonly f32x4Max: 233;
    readonly f32x4Pmin: 234;
    readonly f32x4Pmax: 235;
    readonly f64x2Abs: 236;
    readonly f64x2Neg: 237;
    readonly f64x2Sqrt: 239;
    readonly f64x2Add: 240;
    readonly f64x2Sub: 241;
    readonly f64x2Mul: 242;
    readonly f64x2Div: 243;
    readonly f64x2Min: 244;
    readonly f64x2Max: 245;
    readonly f64x2Pmin: 246;
    readonly f64x2Pmax: 247;
    readonly f32x4ConvertI32x4S: 250;
    readonly f32x4RelaxedMadd: 261;
    readonly f32x4RelaxedNmadd: 262;
    readonly f64x2RelaxedMadd: 263;
    readonly f64x2RelaxedNmadd: 264;
};
/** A growable byte buffer with LEB128 writers. */
export declare class ByteWriter {
    private buf;
    length: number;
    byte(b: number): this;
    bytes(bs: ArrayLike<number>): this;
    /** Unsigned LEB128 (up to 2^32 - 1). */
    u32(n: number): this;
    /** Signed LEB128 of an int32. */
    s32(n: number): this;
    name(text: string): this;
    /** A length-prefixed copy of another writer. */
    vector(inner: ByteWriter): this;
    view(): Uint8Array;
}
/** A function body: its locals (by type, in declaration order) and its instructions. */
export declare class FunctionBody {
    private readonly nParams;
    /** Where instructions go now; `prologue` runs first (constants and hoisted loads). */
    code: ByteWriter;
    readonly prologue: ByteWriter;
    private readonly locals;
    constructor(nParams: number);
    /** Locals declared so far (parameters not included). */
    get localCount(): number;
    /** A new local of type `t`, returned as its index. */
    local(t: ValType): number;
    op(code: number): this;
    get(index: number): this;
    set(index: number): this;
    tee(index: number): this;
    i32(value: number): this;
    call(func: number): this;
    /** i32.load with a constant offset (align 4). */
    i32Load(offset: number): this;
    /** f64.load / f64.store with a constant offset (align 8). */
    f64Load(offset: number): this;
    f64Store(offset: number): this;
    /** i8x16.shuffle of the two vectors on the stack by 16 byte indices. */
    shuffle(lanes: readonly number[]): this;
    /** A lane extraction (f64x2.extract_lane & co) with its lane index. */
    extractLane(code: number, lane: number): this;
    /** A SIMD instruction without immediates. */
    simd(code: number): this;
    /** A SIMD memory instruction (load, store, splat loads) with its alignment log2 and offset. */
    simdMem(code: number, alignLog2: number, offset: number): this;
    v128Const(bytes: Uint8Array): this;
    blockStart(kind: 'block' | 'loop' | 'if'): this;
    end(): this;
    br(depth: number): this;
    brIf(depth: number): this;
    /** Runs `emit` with its instructions going to the prologue. */
    inPrologue(emit: () => void): void;
    /** The body as the code section holds it: run-length local declarations, prologue, code, end. */
    encode(): ByteWriter;
}
export interface FuncType {
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
}
export interface ModuleSpec {
    readonly types: readonly FuncType[];
    /** The imported memory: shared (with its maximum) or plain. */
    readonly memory: {
        readonly module: string;
        readonly name: string;
        readonly shared: boolean;
        readonly maximum?: number;
    };
    /** Imported functions (indices 0..n-1), each with its type index. */
    readonly funcImports: readonly {
        readonly module: string;
        readonly name: string;
        readonly type: number;
    }[];
    /** Defined functions (indices after the imports), each with its type index, body and export name. */
    readonly funcs: readonly {
        readonly type: number;
        readonly body: FunctionBody;
        readonly export?: string;
    }[];
}
/** Encodes a module. */
export declare function encodeModule(spec: ModuleSpec): Uint8Array;
