/**
 * Genred: KeOps's generic reductions written as strings, `Genred('Exp(-SqDist(x,y)) * b',
 * ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'], { reductionOp: 'Sum', axis: 1 })`. The formula and
 * the aliases are parsed once, when the routine is made (never evaluated as code), and checked
 * there: names, dimensions, the reduction and its options. Each call checks its arguments
 * against the aliases, builds the LazyTensor the string describes and runs the LazyTensor
 * reduction, so every backend, block-sparse ranges and gradients work as they do for Vi / Vj.
 */
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal } from '../abort.js';
import { Tensor, tensor } from '../tensor/tensor.js';
import { parseKeopsFormula } from '../formula/text/keops-parser.js';
import { buildKeopsFormula, varMismatch } from '../formula/text/keops-build.js';
import { parseAlias } from '../formula/text/keops-aliases.js';
import { closestName } from '../formula/text/tokens.js';
import { LazyTensor } from './lazy-tensor.js';
import { Vi, Vj, Pm } from './variables.js';
import { checkBackend } from './reduce.js';
/** Each reduction as the LazyTensor call that runs it. */
const REDUCTIONS = new Map([
    ['Sum', (F, axis, o) => F.sum(axis, o)],
    ['LogSumExp', (F, axis, o, _k, G) => F.logsumexp(axis, G ? { ...o, weight: G } : o)],
    ['LogSumExpWeight', (F, axis, o, _k, G) => F.logsumexp(axis, { ...o, weight: G })],
    ['SumSoftMaxWeight', (F, axis, o, _k, G) => F.sumsoftmaxweight(G, axis, o)],
    ['SoftMax', (F, axis, o, _k, G) => F.sumsoftmaxweight(G, axis, o)],
    ['Min', (F, axis, o) => F.min(axis, o)],
    ['Max', (F, axis, o) => F.max(axis, o)],
    ['ArgMin', (F, axis, o) => F.argmin(axis, o)],
    ['ArgMax', (F, axis, o) => F.argmax(axis, o)],
    ['Min_ArgMin', (F, axis, o) => F.minArgmin(axis, o)],
    ['MinArgMin', (F, axis, o) => F.minArgmin(axis, o)],
    ['Max_ArgMax', (F, axis, o) => F.maxArgmax(axis, o)],
    ['MaxArgMax', (F, axis, o) => F.maxArgmax(axis, o)],
    ['KMin', (F, axis, o, k) => F.Kmin(k, axis, o)],
    ['ArgKMin', (F, axis, o, k) => F.argKmin(k, axis, o)],
    ['KMin_ArgKMin', (F, axis, o, k) => F.KminArgKmin(k, axis, o)],
    ['KMinArgKMin', (F, axis, o, k) => F.KminArgKmin(k, axis, o)],
]);
const WITH_K = new Set(['KMin', 'ArgKMin', 'KMin_ArgKMin', 'KMinArgKMin']);
const NEEDS_FORMULA2 = new Set(['LogSumExpWeight', 'SumSoftMaxWeight', 'SoftMax']);
/** KeOps reductions lazykernel does not offer, and why. */
const UNSUPPORTED = new Map([
    ['Max_SumShiftExp', "KeOps's internal form of LogSumExp (its packed [max, sum] output is not returned by lazykernel); use 'LogSumExp'"],
    ['Max_SumShiftExpWeight', "KeOps's internal form of LogSumExpWeight and SumSoftMaxWeight; use 'LogSumExpWeight' or 'SumSoftMaxWeight'"],
    ['Zero', 'it returns zeros; no reduction is needed'],
]);
const OPTION_KEYS = ['reductionOp', 'axis', 'k', 'formula2', 'dtype', 'backend', 'ranges', 'signal'];
const CALL_OPTION_KEYS = ['backend', 'ranges', 'signal'];
const CATEGORY_NAMES = { i: 'Vi', j: 'Vj', p: 'Pm' };
/**
 * KeOps's generic reduction from a string formula: the routine that reduces `formula` (over the
 * variables the aliases declare) with `reductionOp` over `axis`. The string is parsed with
 * KeOps's grammar (`+ - * /`, unary minus, numbers, `IntCst(n)`, `Var(index, dim, cat)`, every
 * op by the name the printer gives it, with KeOps's argument order, `Grad(f, v, e)`), never
 * evaluated as code; the formula, the aliases and the options are checked here, each argument
 * when the routine is called, before any work. `String(lazyTensor)` parses back to the same
 * formula (its `Var(k, dim, cat)` are the arguments in first-seen order).
 *
 * @example
 * ```ts
 * import { Genred, tensor } from 'lazykernel';
 * const X = tensor(new Float32Array([0, 0, 0, 1, 0, 0]), [2, 3]);
 * const Y = tensor(new Float32Array([0, 0, 0, 0, 1, 0, 0, 0, 2]), [3, 3]);
 * const B = tensor(new Float32Array([1, 2, 3]), [3, 1]);
 * const gaussian = Genred('Exp(-SqDist(x,y)) * b', ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'], { reductionOp: 'Sum', axis: 1 });
 * const out = await gaussian(X, Y, B);     // Tensor [2, 1]: sum_j exp(-|x_i - y_j|^2) b_j
 * const nearest = Genred('SqDist(x,y)', ['x = Vi(3)', 'y = Vj(3)'], { reductionOp: 'ArgKMin', k: 2, axis: 1 });
 * const idx = await nearest(X, Y);         // int32 Tensor [2, 2]: the 2 nearest y of each x
 * ```
 */
export function Genred(formula, aliases, options) {
    const where = 'Genred';
    checkOptions(where, options, OPTION_KEYS);
    const o = options ?? {};
    const reductionOp = checkReduction(where, o.reductionOp ?? 'Sum');
    const axis = (o.axis ?? 0);
    if (axis !== 0 && axis !== 1)
        throw new ValueError(`${where}: options.axis must be 0 (reduce over i) or 1 (reduce over j), received ${describe(o.axis)}`);
    const k = checkK(where, reductionOp, o.k);
    if (o.dtype !== undefined && o.dtype !== 'float32' && o.dtype !== 'float64') {
        throw new DTypeError(`${where}: options.dtype must be 'float32' or 'float64', received ${describe(o.dtype)}`);
    }
    const defaults = { backend: checkBackend(where, o.backend), ranges: o.ranges, signal: checkSignal(where, o.signal) };
    if (o.formula2 !== undefined && !(NEEDS_FORMULA2.has(reductionOp) || reductionOp === 'LogSumExp')) {
        throw new ValueError(`${where}: options.formula2 is the weight of 'LogSumExp' / 'LogSumExpWeight' or the values of 'SumSoftMaxWeight'; reductionOp '${reductionOp}' takes none`);
    }
    if (o.formula2 === undefined && NEEDS_FORMULA2.has(reductionOp)) {
        throw new ValueError(`${where}: reductionOp '${reductionOp}' needs options.formula2 (${reductionOp === 'LogSumExpWeight' ? 'the weight' : 'the values'}, a formula in the same aliases)`);
    }
    if (!Array.isArray(aliases))
        throw new ValueError(`${where}: aliases must be an array of strings such as ['x = Vi(3)', 'y = Vj(3)'], received ${describe(aliases)}`);
    // The aliases, then the formulas (their Var(...) may declare more arguments, as in pykeops).
    const declared = aliases.map((a, position) => parseAlias(a, position, where));
    const slots = new Map();
    const names = new Map();
    for (const d of declared) {
        const label = `${where}: aliases[${d.position}] ('${d.source}')`;
        if (d.name !== null) {
            const twin = names.get(d.name);
            if (twin)
                throw new ValueError(`${label} declares '${d.name}' again (aliases[${twin.position}] is '${twin.source}')`);
            names.set(d.name, d);
        }
        const slot = slots.get(d.index);
        if (slot && (slot.dim !== d.dim || slot.category !== d.category)) {
            throw new ValueError(`${label} gives argument ${d.index} as ${CATEGORY_NAMES[d.category]}(${d.dim}), but ${slot.declared} gave it as ${CATEGORY_NAMES[slot.category]}(${slot.dim})`);
        }
        if (!slot)
            slots.set(d.index, { index: d.index, category: d.category, dim: d.dim, declared: `aliases[${d.position}] ('${d.source}')` });
    }
    const text = parseKeopsFormula(formula, where, 'the formula');
    const text2 = o.formula2 === undefined ? null : parseKeopsFormula(o.formula2, where, 'options.formula2');
    // Build both formulas once over placeholder leaves: names, dimensions and attributes are
    // checked now, and Var(...) of unknown indices become arguments.
    const placeholders = new Map();
    const placeholder = (slot) => {
        let leaf = placeholders.get(slot.index);
        if (!leaf) {
            const data = tensor(new Float64Array(slot.dim), slot.category === 'p' ? [slot.dim] : [1, slot.dim]);
            leaf = (slot.category === 'i' ? Vi(data) : slot.category === 'j' ? Vj(data) : Pm(data)).node;
            placeholders.set(slot.index, leaf);
        }
        return leaf;
    };
    const declaringScope = {
        names: [...names.keys()],
        variable: (name) => {
            const d = names.get(name);
            return d ? placeholder(slots.get(d.index)) : undefined;
        },
        indexed: (index, dim, category) => {
            let slot = slots.get(index);
            if (!slot) {
                slot = { index, category, dim, declared: `Var(${index},${dim},${'ijp'.indexOf(category)}) of the formula` };
                slots.set(index, slot);
            }
            return varMismatch(placeholder(slot), dim, category) ?? placeholder(slot);
        },
    };
    const probe = buildKeopsFormula(text, declaringScope, where, 'the formula');
    const probe2 = text2 && buildKeopsFormula(text2, declaringScope, where, 'options.formula2');
    const nargs = slots.size === 0 ? 0 : Math.max(...slots.keys()) + 1;
    if (nargs > slots.size) {
        const missing = Array.from({ length: nargs }, (_, i) => i).filter((i) => !slots.has(i));
        throw new ValueError(`${where}: argument${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} declared by no alias and no Var(index, ...) of the formula (the indices run from 0 to ${nargs - 1})`);
    }
    if (probe.op === 'Const')
        throw new ValueError(`${where}: the formula ${JSON.stringify(formula)} is a constant; it must use at least one variable`);
    if (probe2 && probe.dim !== 1) {
        throw new ShapeError(`${where}: reductionOp '${reductionOp}' with options.formula2 reduces a formula of dimension 1; the formula has dimension ${probe.dim}`);
    }
    const run = REDUCTIONS.get(reductionOp);
    const order = [...slots.values()].sort((a, b) => a.index - b.index);
    const signature = order.map((s) => describeSlot(s)).join(', ');
    /** The LazyTensors of both formulas over these arguments (all checked first). */
    const bind = (args, call) => {
        if (args.length !== nargs) {
            throw new ValueError(`${call}: the routine takes ${nargs} argument${nargs === 1 ? '' : 's'} (${signature}), received ${args.length}`);
        }
        const leaves = checkArguments(call, order, args, o.dtype);
        const scope = {
            names: [...names.keys()],
            variable: (name) => {
                const d = names.get(name);
                return d ? leaves[d.index] : undefined;
            },
            indexed: (index) => leaves[index],
        };
        const F = new LazyTensor(buildKeopsFormula(text, scope, where, 'the formula'));
        const G = text2 && new LazyTensor(buildKeopsFormula(text2, scope, where, 'options.formula2'));
        return [F, G];
    };
    const routine = async (...args) => {
        const call = 'Genred routine';
        let callOptions = defaults;
        const last = args[args.length - 1];
        if (last !== null && typeof last === 'object' && !(last instanceof Tensor) && !Array.isArray(last) && !ArrayBuffer.isView(last)) {
            checkOptions(`${call} (its last argument, the options)`, last, CALL_OPTION_KEYS);
            const given = last;
            callOptions = {
                backend: given.backend === undefined ? defaults.backend : checkBackend(call, given.backend),
                ranges: given.ranges ?? defaults.ranges,
                signal: given.signal === undefined ? defaults.signal : checkSignal(call, given.signal),
            };
            args = args.slice(0, -1);
        }
        const [F, G] = bind(args, call);
        const options = Object.fromEntries(Object.entries(callOptions).filter(([, v]) => v !== undefined));
        return run(F, axis, options, k, G);
    };
    return Object.assign(routine, {
        formula,
        aliases: Object.freeze([...aliases]),
        reductionOp,
        axis,
        nargs,
        lazy: (...args) => bind(args, 'Genred routine.lazy')[0],
    });
}
/** `Vi(3)` and the alias that declared it, for messages. */
function describeSlot(s) {
    return `${s.index}: ${CATEGORY_NAMES[s.category]}(${s.dim}) from ${s.declared}`;
}
function checkReduction(where, op) {
    if (typeof op === 'string' && REDUCTIONS.has(op))
        return op;
    if (typeof op === 'string' && UNSUPPORTED.has(op))
        throw new ValueError(`${where}: reductionOp '${op}' is not supported: ${UNSUPPORTED.get(op)}`);
    const near = typeof op === 'string' ? closestName(op, REDUCTIONS.keys()) : null;
    throw new ValueError(`${where}: options.reductionOp must be one of ${[...REDUCTIONS.keys()].map((r) => `'${r}'`).join(', ')}, received ${describe(op)}${near ? ` (did you mean '${near}'?)` : ''}`);
}
function checkK(where, op, k) {
    if (!WITH_K.has(op)) {
        if (k !== undefined)
            throw new ValueError(`${where}: options.k is the K of 'KMin', 'ArgKMin' and 'KMin_ArgKMin'; reductionOp '${op}' takes none`);
        return 0;
    }
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > 2 ** 31 - 1) {
        throw new ValueError(`${where}: reductionOp '${op}' needs options.k, a positive integer at most 2^31 - 1, received ${describe(k)}`);
    }
    return k;
}
/**
 * Checks every argument against its slot (type, dtype, dimension, rows shared by each axis)
 * and returns the variable leaves, by index.
 */
function checkArguments(call, slots, args, dtype) {
    let firstDtype = null;
    const rows = {};
    const leaves = [];
    for (const slot of slots) {
        const a = args[slot.index];
        const what = `${call}: argument ${slot.index} (${CATEGORY_NAMES[slot.category]}(${slot.dim}) from ${slot.declared})`;
        const expected = slot.category === 'p' ? `[${slot.dim}]` : `[N, ${slot.dim}]${slot.dim === 1 ? ' or [N]' : ''}`;
        if (!(a instanceof Tensor)) {
            if (slot.category === 'p' && (typeof a === 'number' || Array.isArray(a))) {
                const size = typeof a === 'number' ? 1 : a.length;
                if (size !== slot.dim)
                    throw new ShapeError(`${what}: expected ${slot.dim} number${slot.dim === 1 ? '' : 's'}, received ${describe(a)}`);
                leaves[slot.index] = Pm(a).node;
                continue;
            }
            throw new DTypeError(`${what}: expected a Tensor of shape ${expected}${slot.category === 'p' ? ' (or numbers)' : ''}, received ${describe(a)}`);
        }
        if (a.dtype !== 'float32' && a.dtype !== 'float64')
            throw new DTypeError(`${what}: expected a float32 or float64 Tensor, received an ${a.dtype} Tensor`);
        if (dtype !== undefined && a.dtype !== dtype)
            throw new DTypeError(`${what}: expected a ${dtype} Tensor (options.dtype), received a ${a.dtype} Tensor`);
        if (firstDtype && firstDtype.dtype !== a.dtype) {
            throw new DTypeError(`${what} is ${a.dtype} but argument ${firstDtype.index} is ${firstDtype.dtype}; every Tensor argument must have the same dtype`);
        }
        firstDtype ??= { dtype: a.dtype, index: slot.index };
        const shape = a.shape;
        if (slot.category === 'p') {
            if (a.size !== slot.dim || shape.length > 2 || (shape.length === 2 && shape[0] !== 1)) {
                throw new ShapeError(`${what}: expected a Tensor of shape ${expected}, received shape [${shape.join(', ')}]`);
            }
            leaves[slot.index] = Pm(a).node;
            continue;
        }
        // The vector dimension is the last axis ([N] for D = 1); leading axes are Vi's / Vj's to check.
        const dim = shape.length >= 2 ? shape[shape.length - 1] : 1;
        if (shape.length === 0 || dim !== slot.dim)
            throw new ShapeError(`${what}: expected a Tensor of shape ${expected}, received shape [${shape.join(', ')}]`);
        const n = shape.length >= 2 ? shape[shape.length - 2] : shape[0];
        const seen = rows[slot.category];
        if (seen && seen.n !== n) {
            const axis = slot.category === 'i' ? 'N (the i axis)' : 'M (the j axis)';
            throw new ShapeError(`${what} has ${n} rows but argument ${seen.index} has ${seen.n}; every ${CATEGORY_NAMES[slot.category]} argument shares ${axis}`);
        }
        rows[slot.category] ??= { n, index: slot.index };
        leaves[slot.index] = (slot.category === 'i' ? Vi(a) : Vj(a)).node;
    }
    return leaves;
}
