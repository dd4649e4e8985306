import { OP, FLAG, INSTR_WIDTH, TILE, ELEMENTWISE_OPCODES } from './opcodes.js';
import { fuse } from './fusions.js';
import { affineSqDist } from './affine-sqdist.js';
/** Execution order of phases: parameters (0), j-only (2), i-only (1), both (3). */
const PHASE_RANK = [0, 2, 1, 3];
/** Opcodes whose operands of dimension 1 broadcast over the output's components. */
const ELEMENTWISE = new Set(Object.keys(ELEMENTWISE_OPCODES).map((name) => OP[name]));
/**
 * Collects tape instructions over virtual registers, merging repeated instructions, then
 * orders them by phase and gives registers scratch offsets, reusing space whose value is dead.
 */
export class TapeBuilder {
    elementBytes;
    regs = [];
    instrs = [];
    seen = new Map();
    consts = [];
    constructor(elementBytes) {
        this.elementBytes = elementBytes;
    }
    /** Loads variable `slot` of category i, j or parameter. */
    load(category, slot, dim) {
        const opcode = category === 'i' ? 'LOADI' : category === 'j' ? 'LOADJ' : 'LOADP';
        const phase = category === 'i' ? 1 : category === 'j' ? 2 : 0;
        return this.add(OP[opcode], dim, [], slot, 0, phase);
    }
    constant(value) {
        let index = this.consts.findIndex((c) => Object.is(c, value));
        if (index < 0)
            index = this.consts.push(value) - 1;
        return this.add(OP.CONST, 1, [], index, 0, 0);
    }
    emit(opcode, dim, args, arg0 = 0, arg1 = 0) {
        const code = OP[opcode];
        if (code === undefined)
            throw new Error(`TapeBuilder: unknown opcode ${opcode}`);
        const phase = args.reduce((p, a) => p | a.phase, 0);
        return this.add(code, dim, [...args], arg0, arg1, phase);
    }
    add(opcode, dim, args, arg0, arg1, phase) {
        const key = `${opcode}:${dim}:${arg0}:${arg1}:${args.map((a) => a.id).join(',')}`;
        const hit = this.seen.get(key);
        if (hit)
            return hit;
        const out = { id: this.regs.length, dim, phase };
        this.regs.push(out);
        this.instrs.push({ opcode, out, args, dim, arg0, arg1 });
        this.seen.set(key, out);
        return out;
    }
    /**
     * Orders, allocates and encodes the tape whose outputs are `result` (and `aux`). With
     * `sumProduct`, a result computed as a product is handed to the reduction as two factors.
     */
    finish(resultReg, aux = null, options = {}) {
        const outDim = resultReg.dim;
        const fused = fuse(this.instrs.filter((ins) => this.reachable([resultReg, ...(aux ? [aux] : [])]).has(ins.out.id)), resultReg, aux, options.sumProduct ?? false);
        const { result, factor } = fused;
        const roots = [result, ...(aux ? [aux] : []), ...(factor ? [factor] : [])];
        const live = reachableIn(fused.instrs, roots);
        const sorted = fused.instrs
            .filter((ins) => live.has(ins.out.id))
            .map((ins, k) => ({ ins, k }))
            .sort((x, y) => PHASE_RANK[x.ins.out.phase] - PHASE_RANK[y.ins.out.phase] || x.k - y.k)
            .map((x) => x.ins);
        // CONCATs whose parts are computed straight into the slices of their output: no copy (they
        // stay on the tape, flagged IN_PLACE).
        const inPlace = concatsInPlace(sorted, roots);
        const order = sorted;
        // Last use of each register. Values made once per call (parameters) or once per tile
        // (j-only) and read inside a loop nested deeper must survive every iteration of it.
        const lastUse = new Map();
        order.forEach((ins, t) => {
            for (const a of ins.args) {
                const crossesLoop = a.phase !== ins.out.phase && (a.phase === 0 || a.phase === 2);
                lastUse.set(a.id, crossesLoop ? Infinity : Math.max(lastUse.get(a.id) ?? -1, t));
            }
        });
        for (const r of roots)
            lastUse.set(r.id, Infinity);
        // An in-place CONCAT's block lives until the last reader of it or of any of its parts.
        const groupEnd = new Map();
        for (const ins of order) {
            const { root } = inPlace.rootOf(ins.out);
            if (root === ins.out)
                continue;
            const end = Math.max(groupEnd.get(root.id) ?? lastUse.get(root.id) ?? -1, lastUse.get(ins.out.id) ?? -1);
            groupEnd.set(root.id, end);
        }
        // Four arenas. Parameter (phase 0) and j-only (phase 2) values are shared by every row;
        // i-only (1) and pair (3) values live in a bank per row, so an instruction can run over a
        // batch of rows with one decode. Scratch: [shared uniform | shared tile | row bank x batch],
        // a row bank being [row uniform | row tile].
        const arenas = [new Arena(), new Arena(), new Arena(), new Arena()]; // by phase
        const offsets = new Map();
        const isUniform = (r) => r.phase === 0 || r.phase === 1;
        const isPerRow = (r) => r.phase === 1 || r.phase === 3;
        const bytesOf = (r) => r.dim * (isUniform(r) ? 16 : TILE * this.elementBytes);
        const dying = order.map(() => []);
        const componentBytes = (r) => (isUniform(r) ? 16 : TILE * this.elementBytes);
        order.forEach((ins, t) => {
            // Free what died before this instruction (its own inputs stay allocated: no aliasing).
            for (const r of dying[t])
                arenas[r.phase].free(offsets.get(r.id), bytesOf(r));
            // A part of an in-place CONCAT lives in its outermost CONCAT's block, allocated with the
            // first part written and freed after that block's last reader.
            const r = inPlace.rootOf(ins.out).root;
            if (offsets.has(r.id))
                return;
            offsets.set(r.id, arenas[r.phase].allocate(bytesOf(r)));
            const end = groupEnd.get(r.id) ?? lastUse.get(r.id) ?? t;
            if (end !== Infinity && end + 1 < order.length)
                dying[end + 1].push(r);
        });
        const [pBytes, iBytes, jBytes, ijBytes] = arenas.map((a) => align16(a.size));
        const sharedBytes = pBytes + jBytes;
        const base = [0, sharedBytes, pBytes, sharedBytes + iBytes]; // by phase
        const place = (r) => {
            const { root, components } = inPlace.rootOf(r);
            return base[root.phase] + offsets.get(root.id) + components * componentBytes(root);
        };
        const code = new Int32Array(order.length * INSTR_WIDTH);
        order.forEach((ins, t) => {
            const [a, b, c] = ins.args;
            let flags = (isUniform(ins.out) ? FLAG.OUT_UNIFORM : 0) | (isPerRow(ins.out) ? FLAG.OUT_PER_ROW : 0) | (inPlace.concats.has(ins) ? FLAG.IN_PLACE : 0);
            const bits = [
                [FLAG.A_UNIFORM, FLAG.A_BROADCAST, FLAG.A_PER_ROW],
                [FLAG.B_UNIFORM, FLAG.B_BROADCAST, FLAG.B_PER_ROW],
                [FLAG.C_UNIFORM, FLAG.C_BROADCAST, FLAG.C_PER_ROW],
            ];
            ins.args.forEach((arg, k) => {
                if (isUniform(arg))
                    flags |= bits[k][0];
                if (ELEMENTWISE.has(ins.opcode) && arg.dim === 1 && ins.dim > 1)
                    flags |= bits[k][1];
                if (isPerRow(arg))
                    flags |= bits[k][2];
            });
            code.set([ins.opcode, place(ins.out), a ? place(a) : 0, b ? place(b) : 0, c ? place(c) : 0, ins.dim, ins.arg0, ins.arg1, flags], t * INSTR_WIDTH);
        });
        const count = (phase) => order.filter((ins) => PHASE_RANK[ins.out.phase] <= phase).length;
        const reg = (r) => ({ offset: place(r), uniform: isUniform(r), perRow: isPerRow(r), dim: r.dim });
        return {
            code,
            consts: Float64Array.from(this.consts),
            nInstr: order.length,
            pEnd: count(0),
            jEnd: count(1),
            iEnd: count(2),
            result: reg(result),
            aux: aux ? reg(aux) : null,
            factor: factor ? reg(factor) : null,
            outDim,
            sharedBytes,
            rowBytes: iBytes + ijBytes,
            rowTileBytes: ijBytes,
            registerBytes: sharedBytes + iBytes + ijBytes,
            elementBytes: this.elementBytes,
            affineSqDist: aux ? null : affineSqDist(fused.instrs, result, factor),
        };
    }
    reachable(roots) {
        return reachableIn(this.instrs, roots);
    }
}
/** Registers that the roots depend on. */
function reachableIn(instrs, roots) {
    const byOut = new Map(instrs.map((ins) => [ins.out.id, ins]));
    const live = new Set();
    const stack = [...roots];
    while (stack.length) {
        const r = stack.pop();
        if (live.has(r.id))
            continue;
        live.add(r.id);
        stack.push(...byOut.get(r.id).args);
    }
    return live;
}
/**
 * CONCAT(a, b) instructions that need not copy: a and b are not outputs, have the CONCAT's
 * phase (so its layout), differ, are computed on the tape and are part of no other CONCAT.
 * Their registers then alias the CONCAT's slices (components [0, a.dim) and [a.dim, dim)),
 * nested CONCATs included; a part read elsewhere too keeps the block alive until then.
 * rootOf(r) gives the outermost block holding r and r's first component in it.
 */
function concatsInPlace(order, roots) {
    const rootIds = new Set(roots.map((r) => r.id));
    const defined = new Set(order.map((ins) => ins.out.id));
    const parent = new Map();
    const concats = new Set();
    for (const ins of order) {
        if (ins.opcode !== OP.CONCAT)
            continue;
        const [a, b] = ins.args;
        const ok = (r) => r.phase === ins.out.phase && !rootIds.has(r.id) && defined.has(r.id) && !parent.has(r.id);
        if (a.id === b.id || !ok(a) || !ok(b))
            continue;
        parent.set(a.id, { parent: ins.out, components: 0 });
        parent.set(b.id, { parent: ins.out, components: a.dim });
        concats.add(ins);
    }
    const rootOf = (r) => {
        let root = r;
        let components = 0;
        for (let p = parent.get(root.id); p; p = parent.get(root.id)) {
            components += p.components;
            root = p.parent;
        }
        return { root, components };
    };
    return { concats, rootOf };
}
function align16(n) {
    return (n + 15) & ~15;
}
/** First-fit allocator of byte ranges with coalescing; `size` is the high-water mark. */
class Arena {
    free_ = [];
    size = 0;
    allocate(bytes) {
        const k = this.free_.findIndex((b) => b.bytes >= bytes);
        if (k >= 0) {
            const block = this.free_[k];
            const start = block.start;
            if (block.bytes === bytes)
                this.free_.splice(k, 1);
            else {
                block.start += bytes;
                block.bytes -= bytes;
            }
            return start;
        }
        const start = this.size;
        this.size += bytes;
        return start;
    }
    free(start, bytes) {
        this.free_.push({ start, bytes });
        this.free_.sort((x, y) => x.start - y.start);
        const merged = [];
        for (const b of this.free_) {
            const last = merged[merged.length - 1];
            if (last && last.start + last.bytes === b.start)
                last.bytes += b.bytes;
            else
                merged.push({ ...b });
        }
        this.free_ = merged;
    }
}
