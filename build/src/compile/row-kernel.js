// The compiled tier's code generator: a tape's row part (its i-only and pair instructions,
// [jEnd, nInstr)) as one WebAssembly function
//
//   rows(plan, scratch, i0, j0, count, nRows, acc)
//
// with the effect of the interpreter's exec<T>(plan, scratch, jEnd, nInstr, i0, j0, count,
// nRows) on the registers the reduction reads (result, aux, factor, in their row banks), or,
// for a SUM added by the default block scheme (options.accumulateSum), with the effect of that
// and of the reduction's tile sums on the rows' accumulators (acc: the first row's, the next
// ones a row's accumulator bytes further; reductions/sum.ts's tileSum in registers, same order,
// same bits), but with every intermediate value in wasm locals: per row, the row-constant (uniform)
// instructions once, i-variables splatted once, then one pass over the tile's vectors. j-only
// and parameter registers are read from the scratch, where the interpreter left them. Every
// operation is the interpreter's, in its order (assembly/kernels/, assembly/math/), so the
// results are the same to the bit; the rarely used lane-by-lane functions are calls to the
// engine's vop_* exports (assembly/generated/vops.ts).
import { OP, OPCODES, FLAG, INSTR_WIDTH, TILE, PLAN, ELEMENTWISE_OPCODES, ELEMENTWISE_BY_CALL } from '../tape/opcodes.js';
import { FunctionBody, SIMD, OPS, I32, V128, encodeModule } from './wasm-encoder.js';
import { VectorEmitter } from './vector-emitter.js';
import { emitExp, emitLog } from './simd-math.js';
import { rowConstants, constantSignsKey, signOfValue, signOfOp, UNKNOWN, NON_NEGATIVE } from './sign-facts.js';
/** Index of each parameter of `rows`. */
const P = { plan: 0, scratch: 1, i0: 2, j0: 3, count: 4, nRows: 5, acc: 6 };
const N_PARAMS = 7;
/** Ops whose arg0 is the dimension of their vector operands. */
const VECTOR_INPUT_OPS = new Set(['SUMV', 'DOT', 'SQDIST']);
/**
 * Rows computed together per pass over a tile (their j-only operands loaded once for all):
 * 4 for short kernels of narrow values (at most 3 tile instructions, no value or vector operand
 * wider than 4: the Gaussian, log-sum-exp and nearest-neighbour kernels in D <= 4, 1.1-1.2x
 * faster than 2 rows in bench/compiled-tier.mjs), else 2 (4 rows spilled registers at D = 16 and
 * on the Laplacian and Matern kernels: 5-10 % slower than 2).
 */
export function rowBlockFor(tileInstrs) {
    const width = (ins) => Math.max(ins.dim, VECTOR_INPUT_OPS.has(ins.name) ? ins.arg0 : 0);
    return tileInstrs.length <= 3 && tileInstrs.every((ins) => width(ins) <= 4) ? 4 : 2;
}
/** Locals one row kernel may declare (every value is a local; V8 allows 50000 per function). */
const MAX_LOCALS = 20000;
/** The engine export computing one vector of an element-wise opcode without a SIMD form. */
export function vopExportName(op, dtype) {
    return `vop_${op}_${dtype === 'float32' ? 'f32' : 'f64'}`;
}
/**
 * What identifies the compiled code of a tape: its row part, the registers the reduction
 * reads, the row bank stride, the dtype and the memory kind.
 */
export function rowKernelKey(tape, dtype, memory) {
    const reg = (r) => (r ? `${r.offset}.${r.dim}.${+r.uniform}.${+r.perRow}` : '-');
    const rowCode = Array.from(tape.code.subarray(tape.jEnd * INSTR_WIDTH, tape.nInstr * INSTR_WIDTH)).join(',');
    return `${dtype}|${memory.shared ? 's' : 'p'}|${tape.rowBytes}|${reg(tape.result)}|${reg(tape.aux)}|${reg(tape.factor)}|${rowCode}|${constantSignsKey(tape)}`;
}
class Refused extends Error {
}
/** Compiles the row part of `tape`, or says why it does not. */
export function compileRowKernel(tape, dtype, memory, options = {}) {
    if (tape.nInstr === tape.jEnd)
        return { ok: false, reason: 'the formula has no row (i-dependent) instructions to compile' };
    try {
        return new RowKernelWriter(tape, dtype, options.accumulateSum === true, options.relaxedSimd === true).module(memory);
    }
    catch (e) {
        if (e instanceof Refused)
            return { ok: false, reason: e.message };
        throw e;
    }
}
const OPERAND_FLAGS = [
    [FLAG.A_UNIFORM, FLAG.A_BROADCAST, FLAG.A_PER_ROW],
    [FLAG.B_UNIFORM, FLAG.B_BROADCAST, FLAG.B_PER_ROW],
    [FLAG.C_UNIFORM, FLAG.C_BROADCAST, FLAG.C_PER_ROW],
];
class RowKernelWriter {
    tape;
    dtype;
    accumulate;
    body = new FunctionBody(N_PARAMS);
    e;
    esz;
    tb;
    /** Values of the current row's registers by byte offset: uniform (per row) and tile (per vector). */
    uniform = new Map();
    tile = new Map();
    /** Shared registers read so far: parameters (hoisted to the prologue) and j-only tiles (per vector). */
    sharedUniform = new Map();
    sharedTile = new Map();
    /** Locals: the block's first row, the current row's index, the vector's byte offset, its scratch address. */
    row;
    rowIndex = -1;
    q;
    nvecBytes;
    sq;
    varTable = -1;
    /** Engine exports imported, in function index order. */
    imports = [];
    zero = null;
    /** What is proven of values' signs (sign-facts.ts), and the constants the row part reads. */
    signs = new Map();
    constants;
    constructor(tape, dtype, accumulate, relaxed) {
        this.tape = tape;
        this.dtype = dtype;
        this.accumulate = accumulate;
        this.e = new VectorEmitter(this.body, dtype === 'float32' ? 'f32' : 'f64', relaxed);
        this.esz = dtype === 'float32' ? 4 : 8;
        if (tape.elementBytes !== this.esz)
            throw new Refused(`the tape was laid out for ${tape.elementBytes}-byte elements, not ${dtype}`);
        this.tb = TILE * this.esz;
        this.constants = rowConstants(tape);
        const b = this.body;
        this.row = b.local(I32);
        this.q = b.local(I32);
        this.nvecBytes = b.local(I32);
        this.sq = b.local(I32);
    }
    module(memory) {
        const tape = this.tape;
        const instrs = [];
        for (let t = tape.jEnd; t < tape.nInstr; t++)
            instrs.push(decode(tape.code, t));
        const uniformInstrs = instrs.filter((ins) => (ins.flags & FLAG.OUT_UNIFORM) !== 0);
        const tileInstrs = instrs.filter((ins) => (ins.flags & FLAG.OUT_UNIFORM) === 0);
        // Row instructions come in phase order (i-only, then pair): uniform values never depend on tiles.
        const firstTile = instrs.findIndex((ins) => (ins.flags & FLAG.OUT_UNIFORM) === 0);
        if (firstTile >= 0 && instrs.slice(firstTile).some((ins) => (ins.flags & FLAG.OUT_UNIFORM) !== 0)) {
            throw new Refused('a row-constant instruction follows a tile instruction on the tape');
        }
        // Registers the interpreter's reduction reads, stored for it (none when the kernel adds the terms itself).
        const roots = this.accumulate ? [] : [tape.result, tape.aux, tape.factor].filter((r) => r !== null && r.perRow);
        const b = this.body;
        const lanes = 16 / this.esz;
        // nvecBytes = ceil(count / lanes) * 16
        b.inPrologue(() => {
            b.get(P.count).i32(lanes - 1).op(OPS.i32Add).i32(Math.log2(lanes)).op(OPS.i32ShrS).i32(4).op(OPS.i32Shl).set(this.nvecBytes);
        });
        // Blocks of rowBlockFor() rows, whose j-only operands are loaded once per vector for all
        // of them (register blocking), then the rows left in smaller blocks.
        b.i32(0).set(this.row);
        for (const rows of rowBlockFor(tileInstrs) === 4 ? [4, 2, 1] : [2, 1]) {
            b.blockStart('block').blockStart('loop');
            // while (row + rows <= nRows)
            b.get(this.row).i32(rows).op(OPS.i32Add).get(P.nRows).op(OPS.i32GtS).brIf(1);
            this.rowsBody(rows, uniformInstrs, tileInstrs, roots);
            b.get(this.row).i32(rows).op(OPS.i32Add).set(this.row);
            b.br(0).end().end();
        }
        // Engines cap a function's locals (V8: 50000) and size; formulas that large stay interpreted.
        if (b.localCount > MAX_LOCALS)
            throw new Refused(`the row kernel would need ${b.localCount} locals, more than the ${MAX_LOCALS} it allows itself`);
        const rowsType = { params: Array.from({ length: N_PARAMS }, () => I32), results: [] };
        const vopType = { params: [V128, V128, V128, I32], results: [V128] };
        const bytes = encodeModule({
            types: [rowsType, vopType],
            memory: { module: 'env', name: 'memory', shared: memory.shared, maximum: memory.shared ? 65536 : undefined },
            funcImports: this.imports.map((name) => ({ module: 'engine', name, type: 1 })),
            funcs: [{ type: 0, body: b, export: 'rows' }],
        });
        return { ok: true, bytes, imports: [...this.imports] };
    }
    /** The row part for `rows` consecutive rows from `row`: each row's uniform part, then one pass over the vectors. */
    rowsBody(rows, uniformInstrs, tileInstrs, roots) {
        const b = this.body;
        const states = [];
        const outDim = this.tape.outDim;
        for (let t = 0; t < rows; t++) {
            const state = { base: b.local(I32), index: b.local(I32), bank: b.local(I32), uniform: new Map(), tile: new Map(), sums: [] };
            // base = scratch + (row + t) * rowBytes; index = i0 + row + t
            b.get(this.row);
            if (t > 0)
                b.i32(t).op(OPS.i32Add);
            b.i32(this.tape.rowBytes).op(OPS.i32Mul).get(P.scratch).op(OPS.i32Add).set(state.base);
            b.get(P.i0).get(this.row).op(OPS.i32Add);
            if (t > 0)
                b.i32(t).op(OPS.i32Add);
            b.set(state.index);
            this.use(state);
            for (const ins of uniformInstrs)
                this.instruction(ins);
            for (const r of roots)
                if (r.uniform)
                    this.storeRoot(r, this.uniform, state.base, 16);
            if (this.accumulate) {
                const zero = this.e.splat(0.0);
                for (let k = 0; k < outDim; k++) {
                    const sum = b.local(V128);
                    b.get(zero).set(sum);
                    state.sums.push(sum);
                }
            }
            states.push(state);
        }
        if (tileInstrs.length === 0 && !this.accumulate)
            return;
        b.i32(0).set(this.q);
        b.blockStart('loop');
        b.get(P.scratch).get(this.q).op(OPS.i32Add).set(this.sq);
        const valid = this.accumulate ? this.validLanes() : -1;
        for (const state of states) {
            this.use(state);
            state.tile.clear();
            for (const ins of tileInstrs)
                this.instruction(ins);
            if (this.accumulate) {
                this.addTerms(state.sums, valid);
                continue;
            }
            b.get(state.base).get(this.q).op(OPS.i32Add).set(state.bank);
            for (const r of roots)
                if (!r.uniform)
                    this.storeRoot(r, this.tile, state.bank, this.tb);
        }
        b.get(this.q).i32(16).op(OPS.i32Add).tee(this.q).get(this.nvecBytes).op(OPS.i32LtS).brIf(0);
        b.end();
        this.sharedTile.clear();
        if (this.accumulate)
            states.forEach((state, t) => this.flushSums(state.sums, t));
    }
    /**
     * The mask of the vector's lanes below `count` (sum.ts's laneMask<T>(count - first lane)):
     * all ones but in the last vector of a partial tile, whose lanes past the end hold padding.
     */
    validLanes() {
        const b = this.body;
        const f32 = this.esz === 4;
        const iota = this.e.constBytes(new Uint8Array(new Int32Array(f32 ? [0, 1, 2, 3] : [0, 0, 1, 1]).buffer));
        // lanes left = count - (q / 16) * lanes
        b.get(iota).get(P.count).get(this.q).i32(f32 ? 2 : 3).op(OPS.i32ShrU).op(OPS.i32Sub).simd(SIMD.i32x4Splat).simd(SIMD.i32x4LtS);
        const mask = b.local(V128);
        b.set(mask);
        return mask;
    }
    /** sum_k += (result_k * factor_k) masked to the valid lanes, for the current row and vector. */
    addTerms(sums, valid) {
        const tape = this.tape;
        const b = this.body;
        sums.forEach((sum, k) => {
            let term = this.rootValue(tape.result, k);
            if (tape.factor)
                term = this.e.mul(term, this.rootValue(tape.factor, k));
            b.get(sum).get(term).get(valid).simd(SIMD.and).simd(this.e.ops.add).set(sum);
        });
    }
    /** acc[row t][k] += the lanes' total of sum_k in f64 (simd.ts's hsum<T>), after a row's pass. */
    flushSums(sums, t) {
        const b = this.body;
        const f32 = this.esz === 4;
        const at = b.local(I32);
        // at = acc + (row + t) * accBytes (a SUM keeps one f64 per component)
        b.get(this.row);
        if (t > 0)
            b.i32(t).op(OPS.i32Add);
        b.i32(8 * this.tape.outDim).op(OPS.i32Mul).get(P.acc).op(OPS.i32Add).set(at);
        sums.forEach((sum, k) => {
            b.get(at).get(at).f64Load(8 * k);
            if (f32) {
                // f64x2.add(promote_low(s), promote_low(shuffle(s, s, 2, 3, 0, 1)))
                b.get(sum).simd(SIMD.f64x2PromoteLowF32x4);
                b.get(sum).get(sum).shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]).simd(SIMD.f64x2PromoteLowF32x4);
                b.simd(SIMD.f64x2Add);
                const pair = b.local(V128);
                b.tee(pair).extractLane(SIMD.f64x2ExtractLane, 0).get(pair).extractLane(SIMD.f64x2ExtractLane, 1).op(OPS.f64Add);
            }
            else {
                b.get(sum).extractLane(SIMD.f64x2ExtractLane, 0).get(sum).extractLane(SIMD.f64x2ExtractLane, 1).op(OPS.f64Add);
            }
            b.op(OPS.f64Add).f64Store(8 * k);
        });
    }
    /** Component comp of a register the reduction reads: a row's value, or a shared register's. */
    rootValue(r, k) {
        const comp = r.dim < this.tape.outDim ? 0 : k;
        const key = r.offset + comp * (r.uniform ? 16 : this.tb);
        if (!r.perRow)
            return r.uniform ? this.sharedUniformAt(key) : this.sharedTileAt(key);
        const v = (r.uniform ? this.uniform : this.tile).get(key);
        if (v === undefined)
            throw new Refused('a register the reduction reads is not computed by the row instructions');
        return v;
    }
    use(state) {
        this.rowIndex = state.index;
        this.uniform = state.uniform;
        this.tile = state.tile;
    }
    /** Stores a root register's components from `values` at `base` + offset + k * stride. */
    storeRoot(r, values, base, stride) {
        for (let k = 0; k < r.dim; k++) {
            const v = values.get(r.offset + k * stride);
            if (v === undefined)
                throw new Refused('a register the reduction reads is not computed by the row instructions');
            this.body.get(base).get(v).simdMem(SIMD.store, 4, r.offset + k * stride);
        }
    }
    /** Component k of operand `which` (0: a, 1: b, 2: c) of an instruction. */
    operand(ins, which, k) {
        const [uBit, bBit, rBit] = OPERAND_FLAGS[which];
        const uniform = (ins.flags & uBit) !== 0;
        const comp = (ins.flags & bBit) !== 0 ? 0 : k;
        const key = ins.args[which] + comp * (uniform ? 16 : this.tb);
        const perRow = (ins.flags & rBit) !== 0;
        const own = uniform ? this.uniform : this.tile;
        const hit = own.get(key);
        if (hit !== undefined)
            return hit;
        if (perRow)
            throw new Refused(`${ins.name} reads a row register that no earlier row instruction wrote`);
        if (uniform)
            return this.sharedUniformAt(key);
        if ((ins.flags & FLAG.OUT_UNIFORM) !== 0)
            throw new Refused(`${ins.name} is row-constant but reads a tile`);
        return this.sharedTileAt(key);
    }
    /** A parameter or constant register (the same for every row), loaded once in the prologue. */
    sharedUniformAt(key) {
        let v = this.sharedUniform.get(key);
        if (v === undefined) {
            const b = this.body;
            const t = b.local(V128);
            b.inPrologue(() => b.get(P.scratch).simdMem(SIMD.load, 4, key).set(t));
            this.sharedUniform.set(key, t);
            const value = this.constants.get(key);
            if (value !== undefined)
                this.signs.set(t, signOfValue(value));
            v = t;
        }
        return v;
    }
    /** A j-only tile register at the current vector, loaded once per vector. */
    sharedTileAt(key) {
        let v = this.sharedTile.get(key);
        if (v === undefined) {
            v = this.body.local(V128);
            this.body.get(this.sq).simdMem(SIMD.load, 4, key).set(v);
            this.sharedTile.set(key, v);
        }
        return v;
    }
    setOut(ins, k, v) {
        const uniform = (ins.flags & FLAG.OUT_UNIFORM) !== 0;
        (uniform ? this.uniform : this.tile).set(ins.out + k * (uniform ? 16 : this.tb), v);
    }
    instruction(ins) {
        const e = this.e;
        const a = (k) => this.operand(ins, 0, k);
        const b = (k) => this.operand(ins, 1, k);
        const c = (k) => this.operand(ins, 2, k);
        const out = (k, v) => this.setOut(ins, k, v);
        const zero = () => e.splat(0.0);
        if ((ins.flags & FLAG.IN_PLACE) !== 0)
            return; // its parts already sit in its slices
        if (ins.op >= OP.NEG && ins.op <= OP.MOD) {
            for (let k = 0; k < ins.dim; k++)
                out(k, this.elementwise(ins, k));
            return;
        }
        switch (ins.name) {
            case 'LOADI': return this.loadI(ins);
            case 'SUMV': {
                let acc = zero();
                for (let k = 0; k < ins.arg0; k++)
                    acc = e.add(acc, a(k));
                return out(0, acc);
            }
            case 'DOT': {
                const n = ins.arg0;
                if (e.relaxed) {
                    let acc = zero();
                    for (let k = 0; k < n; k++)
                        acc = e.madd(a(k), b(k), acc);
                    return out(0, acc);
                }
                if (n === 2)
                    return out(0, e.add(e.add(e.mul(a(0), b(0)), e.mul(a(1), b(1))), zero()));
                if (n === 3)
                    return out(0, e.add(e.add(e.add(e.mul(a(0), b(0)), e.mul(a(1), b(1))), e.mul(a(2), b(2))), zero()));
                let acc = zero();
                for (let k = 0; k < n; k++)
                    acc = e.add(acc, e.mul(a(k), b(k)));
                return out(0, acc);
            }
            case 'SQDIST': {
                const n = ins.arg0;
                const d = (k) => e.sub(a(k), b(k));
                if (e.relaxed) {
                    let acc = zero();
                    for (let k = 0; k < n; k++) {
                        const dk = d(k);
                        acc = e.madd(dk, dk, acc);
                    }
                    return out(0, this.withSign(acc, NON_NEGATIVE));
                }
                if (n === 3) {
                    const d0 = d(0), d1 = d(1), d2 = d(2);
                    return out(0, this.withSign(e.add(e.add(e.mul(d0, d0), e.mul(d1, d1)), e.mul(d2, d2)), NON_NEGATIVE));
                }
                let acc = zero();
                for (let k = 0; k < n; k++) {
                    const dk = d(k);
                    acc = e.add(acc, e.mul(dk, dk));
                }
                return out(0, this.withSign(acc, NON_NEGATIVE));
            }
            case 'EXTRACT':
                for (let k = 0; k < ins.dim; k++)
                    out(k, a(ins.arg0 + k));
                return;
            case 'CONCAT': {
                // Operands read before any output is written: the output may reuse an operand's space.
                const parts = [...Array.from({ length: ins.arg0 }, (_, k) => a(k)), ...Array.from({ length: ins.arg1 }, (_, k) => b(k))];
                parts.forEach((v, k) => out(k, v));
                return;
            }
            case 'MATVEC': {
                const m = ins.arg1;
                const res = [];
                for (let p = 0; p < ins.dim; p++) {
                    if (m === 2) {
                        res.push(e.add(e.add(e.mul(a(2 * p), b(0)), e.mul(a(2 * p + 1), b(1))), zero()));
                        continue;
                    }
                    let acc = zero();
                    for (let q = 0; q < m; q++)
                        acc = e.add(acc, e.mul(a(p * m + q), b(q)));
                    res.push(acc);
                }
                res.forEach((v, k) => out(k, v));
                return;
            }
            case 'VECMAT': {
                const n = ins.arg0;
                const res = [];
                for (let q = 0; q < ins.dim; q++) {
                    let acc = zero();
                    for (let p = 0; p < n; p++)
                        acc = e.add(acc, e.mul(a(p), b(p * ins.dim + q)));
                    res.push(acc);
                }
                res.forEach((v, k) => out(k, v));
                return;
            }
            case 'TENSORPROD': {
                const n = ins.arg0, m = ins.arg1;
                const res = [];
                for (let p = 0; p < n; p++)
                    for (let q = 0; q < m; q++)
                        res.push(e.mul(a(p), b(q)));
                res.forEach((v, k) => out(k, v));
                return;
            }
            case 'QUADFORM': {
                const n = ins.arg0;
                let s;
                if (n === 2) {
                    const x0 = b(0), x1 = b(1);
                    const y0 = e.add(e.add(e.mul(a(0), x0), e.mul(a(1), x1)), zero());
                    const y1 = e.add(e.add(e.mul(a(2), x0), e.mul(a(3), x1)), zero());
                    s = e.add(e.add(e.mul(x0, y0), e.mul(x1, y1)), zero());
                }
                else {
                    s = zero();
                    for (let p = 0; p < n; p++) {
                        let y = zero();
                        for (let q = 0; q < n; q++)
                            y = e.add(y, e.mul(a(p * n + q), b(q)));
                        s = e.add(s, e.mul(b(p), y));
                    }
                }
                return out(0, ins.arg1 !== 0 ? e.f('neg', s) : s);
            }
            case 'ONEHOT': {
                const x = a(0);
                const one = e.splat(1.0);
                const t = e.f('trunc', x);
                const away = e.select(e.f('lt', x, zero()), e.sub(t, one), e.add(t, one));
                const r = e.select(e.f('ge', e.f('abs', e.sub(x, t)), e.splat(0.5)), away, t);
                for (let k = 0; k < ins.dim; k++)
                    out(k, e.select(e.f('eq', r, e.splat(k)), one, zero()));
                return;
            }
            default:
                throw new Refused(`the compiled tier does not take ${ins.name} in a row instruction`);
        }
    }
    /** Splats row i of an i-variable: var table [ptr, dim, stride] per slot, row i at ptr + i dim sizeof(T). */
    loadI(ins) {
        const b = this.body;
        if (this.varTable < 0) {
            const vt = b.local(I32);
            b.inPrologue(() => b.get(P.plan).i32Load(PLAN.varTablePtr * 4).set(vt));
            this.varTable = vt;
        }
        const ptr = b.local(I32);
        b.get(this.varTable).i32Load(ins.arg0 * 12).get(this.rowIndex).i32(ins.dim * this.esz).op(OPS.i32Mul).op(OPS.i32Add).set(ptr);
        for (let k = 0; k < ins.dim; k++) {
            const v = b.local(V128);
            b.get(ptr).simdMem(this.esz === 4 ? SIMD.load32Splat : SIMD.load64Splat, this.esz === 4 ? 2 : 3, k * this.esz).set(v);
            this.setOut(ins, k, v);
        }
    }
    sign(v) {
        return this.signs.get(v) ?? UNKNOWN;
    }
    withSign(v, sign) {
        if (sign.nonPositive || sign.nonNegative)
            this.signs.set(v, sign);
        return v;
    }
    /** Component k of an element-wise instruction, with what is known of its sign. */
    elementwise(ins, k) {
        const arity = ELEMENTWISE_OPCODES[ins.name].arity;
        const a = this.sign(this.operand(ins, 0, k));
        const b = arity > 1 ? this.sign(this.operand(ins, 1, k)) : UNKNOWN;
        return this.withSign(this.elementwiseValue(ins, k, a, b), signOfOp(ins.name, a, b));
    }
    /** Component k of an element-wise instruction (ELEMENTWISE_OPCODES's snippets); sa, sb: its operands' signs. */
    elementwiseValue(ins, k, sa, sb) {
        const e = this.e;
        const a = () => this.operand(ins, 0, k);
        const b = () => this.operand(ins, 1, k);
        const c = () => this.operand(ins, 2, k);
        const zero = () => e.splat(0.0);
        const one = () => e.splat(1.0);
        if (ELEMENTWISE_BY_CALL.includes(ins.name))
            return this.callVop(ins, k);
        switch (ins.name) {
            case 'NEG': return e.f('neg', a());
            // The shorter exp where the argument cannot be positive (a Gaussian kernel's exp(c d^2), c <= 0).
            case 'EXP': return emitExp(e, a(), sa.nonPositive);
            case 'EXPMUL': return emitExp(e, e.mul(a(), b()), signOfOp('MUL', sa, sb).nonPositive);
            case 'EXPSUB': return emitExp(e, e.sub(a(), b()), signOfOp('SUB', sa, sb).nonPositive);
            case 'LOG': return emitLog(e, a());
            case 'SQRT': return e.f('sqrt', a());
            case 'RSQRT': {
                const x = a();
                return e.select(e.f('eq', x, zero()), zero(), e.div(one(), e.f('sqrt', x)));
            }
            case 'SQUARE': {
                const x = a();
                return e.mul(x, x);
            }
            case 'ABS': return e.f('abs', a());
            case 'SIGN': {
                const x = a();
                return e.sub(e.raw(SIMD.and, e.f('gt', x, zero()), one()), e.raw(SIMD.and, e.f('lt', x, zero()), one()));
            }
            case 'STEP': return e.select(e.f('lt', a(), zero()), zero(), one());
            case 'RELU': {
                const x = a();
                return e.select(e.f('lt', x, zero()), zero(), x);
            }
            case 'INV': return e.div(one(), a());
            case 'POW': return this.powi(a(), ins.arg0);
            case 'FLOOR': return e.f('floor', a());
            case 'XLOGX': {
                const x = a();
                return e.select(e.f('eq', x, zero()), zero(), e.mul(x, emitLog(e, x)));
            }
            case 'ADD': return e.add(a(), b());
            case 'SUB': return e.sub(a(), b());
            case 'MUL': return e.mul(a(), b());
            case 'DIV': return e.div(a(), b());
            case 'MIN': return e.f('min', a(), b());
            case 'MAX': return e.f('max', a(), b());
            case 'POWF': {
                const x = a(), y = b();
                return emitExp(e, e.mul(y, emitLog(e, x)));
            }
            case 'CLAMP': {
                const x = a(), lo = b(), hi = c();
                return e.select(e.f('lt', x, lo), lo, e.select(e.f('gt', x, hi), hi, x));
            }
            case 'IFELSE': {
                const x = a(), y = b(), z = c();
                return e.select(e.f('ge', x, zero()), y, z);
            }
            case 'MOD': {
                const x = a(), n = b(), d = c();
                return e.sub(x, e.mul(n, e.f('floor', e.div(e.sub(x, d), n))));
            }
            default: throw new Refused(`the compiled tier does not take ${ins.name}`);
        }
    }
    /** lanewise.ts's vpowi: binary exponentiation on whole vectors, 1 / x^|n| for negative n. */
    powi(x, n) {
        const e = this.e;
        let r = e.splat(1.0);
        let base = x;
        let m = Math.abs(n);
        while (m > 0) {
            if (m & 1)
                r = e.mul(r, base);
            m >>= 1;
            if (m > 0)
                base = e.mul(base, base);
        }
        return n < 0 ? e.div(e.splat(1.0), r) : r;
    }
    /** One vector of an element-wise op through the engine's vop_* export (same code as the interpreter's loop). */
    callVop(ins, k) {
        const name = vopExportName(ins.name, this.dtype);
        let index = this.imports.indexOf(name);
        if (index < 0)
            index = this.imports.push(name) - 1;
        const arity = ELEMENTWISE_OPCODES[ins.name].arity;
        const ops = [];
        for (let w = 0; w < 3; w++)
            ops.push(w < arity ? this.operand(ins, w, k) : (this.zero ??= this.e.splat(0.0)));
        const b = this.body;
        for (const v of ops)
            b.get(v);
        b.i32(ins.arg0).call(index);
        const t = b.local(V128);
        b.set(t);
        return t;
    }
}
function decode(code, t) {
    const w = t * INSTR_WIDTH;
    const op = code[w];
    return {
        op,
        name: OPCODES[op],
        out: code[w + 1],
        args: [code[w + 2], code[w + 3], code[w + 4]],
        dim: code[w + 5],
        arg0: code[w + 6],
        arg1: code[w + 7],
        flags: code[w + 8],
    };
}
