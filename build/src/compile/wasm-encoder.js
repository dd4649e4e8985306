// A small WebAssembly binary encoder: LEB128 numbers, the sections a row kernel needs (types,
// imports, functions, exports, code) and a function body writer with the scalar and SIMD
// (0xFD-prefixed) instructions the code generator emits.
/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;
/** Scalar opcodes used by the generator. */
export const OPS = {
    block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f, call: 0x10,
    localGet: 0x20, localSet: 0x21, localTee: 0x22,
    i32Load: 0x28, f64Load: 0x2b, f64Store: 0x39, i32Const: 0x41, f64Add: 0xa0,
    i32Eqz: 0x45, i32LtS: 0x48, i32LtU: 0x49, i32GtS: 0x4a, i32GeS: 0x4e,
    i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32Shl: 0x74, i32ShrS: 0x75, i32ShrU: 0x76,
};
/** SIMD opcodes (after the 0xFD prefix, as LEB128). */
export const SIMD = {
    load: 0x00, load32Splat: 0x09, load64Splat: 0x0a, store: 0x0b, const: 0x0c, shuffle: 0x0d,
    i32x4Splat: 0x11, f64x2ExtractLane: 0x21, i32x4LtS: 0x39, f64x2PromoteLowF32x4: 0x5f,
    f32x4Splat: 0x13, f64x2Splat: 0x14,
    f32x4Eq: 0x41, f32x4Lt: 0x43, f32x4Gt: 0x44, f32x4Ge: 0x46,
    f64x2Eq: 0x47, f64x2Lt: 0x49, f64x2Gt: 0x4a, f64x2Ge: 0x4c,
    not: 0x4d, and: 0x4e, andnot: 0x4f, or: 0x50, xor: 0x51, bitselect: 0x52,
    f32x4Floor: 0x68, f32x4Trunc: 0x69, f64x2Floor: 0x75, f64x2Trunc: 0x7a,
    i32x4Shl: 0xab, i32x4ShrS: 0xac, i32x4ShrU: 0xad, i32x4Add: 0xae, i32x4Sub: 0xb1,
    i64x2Shl: 0xcb, i64x2ShrS: 0xcc, i64x2ShrU: 0xcd, i64x2Add: 0xce, i64x2Sub: 0xd1,
    f32x4Abs: 0xe0, f32x4Neg: 0xe1, f32x4Sqrt: 0xe3, f32x4Add: 0xe4, f32x4Sub: 0xe5, f32x4Mul: 0xe6, f32x4Div: 0xe7,
    f32x4Min: 0xe8, f32x4Max: 0xe9, f32x4Pmin: 0xea, f32x4Pmax: 0xeb,
    f64x2Abs: 0xec, f64x2Neg: 0xed, f64x2Sqrt: 0xef, f64x2Add: 0xf0, f64x2Sub: 0xf1, f64x2Mul: 0xf2, f64x2Div: 0xf3,
    f64x2Min: 0xf4, f64x2Max: 0xf5, f64x2Pmin: 0xf6, f64x2Pmax: 0xf7,
    f32x4ConvertI32x4S: 0xfa,
    f32x4RelaxedMadd: 0x105, f32x4RelaxedNmadd: 0x106, f64x2RelaxedMadd: 0x107, f64x2RelaxedNmadd: 0x108,
};
/** A growable byte buffer with LEB128 writers. */
export class ByteWriter {
    buf = new Uint8Array(256);
    length = 0;
    byte(b) {
        if (this.length === this.buf.length) {
            const bigger = new Uint8Array(this.buf.length * 2);
            bigger.set(this.buf);
            this.buf = bigger;
        }
        this.buf[this.length++] = b & 0xff;
        return this;
    }
    bytes(bs) {
        for (let k = 0; k < bs.length; k++)
            this.byte(bs[k]);
        return this;
    }
    /** Unsigned LEB128 (up to 2^32 - 1). */
    u32(n) {
        let v = n >>> 0;
        do {
            const b = v & 0x7f;
            v >>>= 7;
            this.byte(v !== 0 ? b | 0x80 : b);
        } while (v !== 0);
        return this;
    }
    /** Signed LEB128 of an int32. */
    s32(n) {
        let v = n | 0;
        for (;;) {
            const b = v & 0x7f;
            v >>= 7;
            const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
            this.byte(done ? b : b | 0x80);
            if (done)
                return this;
        }
    }
    name(text) {
        const utf8 = new TextEncoder().encode(text);
        return this.u32(utf8.length).bytes(utf8);
    }
    /** A length-prefixed copy of another writer. */
    vector(inner) {
        return this.u32(inner.length).bytes(inner.view());
    }
    view() {
        return this.buf.subarray(0, this.length);
    }
}
/** A function body: its locals (by type, in declaration order) and its instructions. */
export class FunctionBody {
    nParams;
    /** Where instructions go now; `prologue` runs first (constants and hoisted loads). */
    code = new ByteWriter();
    prologue = new ByteWriter();
    locals = [];
    constructor(nParams) {
        this.nParams = nParams;
    }
    /** Locals declared so far (parameters not included). */
    get localCount() {
        return this.locals.length;
    }
    /** A new local of type `t`, returned as its index. */
    local(t) {
        this.locals.push(t);
        return this.nParams + this.locals.length - 1;
    }
    op(code) {
        this.code.byte(code);
        return this;
    }
    get(index) { this.code.byte(OPS.localGet).u32(index); return this; }
    set(index) { this.code.byte(OPS.localSet).u32(index); return this; }
    tee(index) { this.code.byte(OPS.localTee).u32(index); return this; }
    i32(value) { this.code.byte(OPS.i32Const).s32(value); return this; }
    call(func) { this.code.byte(OPS.call).u32(func); return this; }
    /** i32.load with a constant offset (align 4). */
    i32Load(offset) { this.code.byte(OPS.i32Load).u32(2).u32(offset); return this; }
    /** f64.load / f64.store with a constant offset (align 8). */
    f64Load(offset) { this.code.byte(OPS.f64Load).u32(3).u32(offset); return this; }
    f64Store(offset) { this.code.byte(OPS.f64Store).u32(3).u32(offset); return this; }
    /** i8x16.shuffle of the two vectors on the stack by 16 byte indices. */
    shuffle(lanes) { this.code.byte(0xfd).u32(SIMD.shuffle).bytes(lanes); return this; }
    /** A lane extraction (f64x2.extract_lane & co) with its lane index. */
    extractLane(code, lane) { this.code.byte(0xfd).u32(code).byte(lane); return this; }
    /** A SIMD instruction without immediates. */
    simd(code) { this.code.byte(0xfd).u32(code); return this; }
    /** A SIMD memory instruction (load, store, splat loads) with its alignment log2 and offset. */
    simdMem(code, alignLog2, offset) { this.code.byte(0xfd).u32(code).u32(alignLog2).u32(offset); return this; }
    v128Const(bytes) { this.code.byte(0xfd).u32(SIMD.const).bytes(bytes); return this; }
    blockStart(kind) { this.code.byte(OPS[kind]).byte(0x40); return this; }
    end() { this.code.byte(OPS.end); return this; }
    br(depth) { this.code.byte(OPS.br).u32(depth); return this; }
    brIf(depth) { this.code.byte(OPS.brIf).u32(depth); return this; }
    /** Runs `emit` with its instructions going to the prologue. */
    inPrologue(emit) {
        const main = this.code;
        this.code = this.prologue;
        try {
            emit();
        }
        finally {
            this.code = main;
        }
    }
    /** The body as the code section holds it: run-length local declarations, prologue, code, end. */
    encode() {
        const out = new ByteWriter();
        const runs = [];
        for (const t of this.locals) {
            const last = runs[runs.length - 1];
            if (last && last[1] === t)
                last[0]++;
            else
                runs.push([1, t]);
        }
        out.u32(runs.length);
        for (const [n, t] of runs)
            out.u32(n).byte(t);
        out.bytes(this.prologue.view()).bytes(this.code.view()).byte(OPS.end);
        return out;
    }
}
function section(out, id, content) {
    out.byte(id).vector(content);
}
/** Encodes a module. */
export function encodeModule(spec) {
    const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const types = new ByteWriter().u32(spec.types.length);
    for (const t of spec.types) {
        types.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
    }
    section(out, 1, types);
    const imports = new ByteWriter().u32(spec.funcImports.length + 1);
    for (const f of spec.funcImports)
        imports.name(f.module).name(f.name).byte(0x00).u32(f.type);
    const m = spec.memory;
    imports.name(m.module).name(m.name).byte(0x02);
    if (m.shared)
        imports.byte(0x03).u32(0).u32(m.maximum ?? 65536);
    else if (m.maximum !== undefined)
        imports.byte(0x01).u32(0).u32(m.maximum);
    else
        imports.byte(0x00).u32(0);
    section(out, 2, imports);
    const funcs = new ByteWriter().u32(spec.funcs.length);
    for (const f of spec.funcs)
        funcs.u32(f.type);
    section(out, 3, funcs);
    const exported = spec.funcs.map((f, k) => [f.export, k + spec.funcImports.length]).filter(([name]) => name !== undefined);
    const exports = new ByteWriter().u32(exported.length);
    for (const [name, index] of exported)
        exports.name(name).byte(0x00).u32(index);
    section(out, 7, exports);
    const code = new ByteWriter().u32(spec.funcs.length);
    for (const f of spec.funcs)
        code.vector(f.body.encode());
    section(out, 10, code);
    return out.view().slice();
}
