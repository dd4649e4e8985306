/**
 * Reverse-mode differentiation over the graph of GradNodes recorded by host ops and kernel
 * reductions: topological order from the root, gradients summed per tensor, `.grad` filled
 * on leaves that require grad, then the graph freed (PyTorch's semantics, retain_graph=False).
 */
import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { noGrad } from './grad-mode.js';
import { castTo } from './cast.js';
const FREED = Symbol('freed');
/** What a non-leaf's gradFn becomes once backward has run through it. */
function freedNode(name) {
    return {
        name,
        inputs: [],
        [FREED]: true,
        backward() {
            throw secondBackward(name);
        },
    };
}
function secondBackward(name) {
    return new ValueError(`backward: trying to backward through the graph a second time (through ${name}); its saved tensors were freed ` +
        'after the first backward. Pass { retainGraph: true } to the first backward to keep them, or recompute the result');
}
function isThenable(value) {
    return typeof value === 'object' && value !== null && typeof value.then === 'function';
}
function isFreed(node) {
    return node[FREED] === true;
}
function shapeText(shape) {
    return `[${shape.join(', ')}]`;
}
function sameShape(a, b) {
    return a.length === b.length && a.every((d, k) => d === b[k]);
}
/** `t` with `dtype`, converting (a copy, differentiable under createGraph) only when it differs. */
const withDType = castTo;
function addData(a, b, dtype) {
    const out = allocateData(dtype, a.length);
    for (let k = 0; k < a.length; k++)
        out[k] = a[k] + b[k];
    return out;
}
function seedTensor(root, seed) {
    if (seed === undefined) {
        if (root.size !== 1) {
            throw new ValueError(`backward: a gradient can be created implicitly only for a scalar output; this tensor has shape ${shapeText(root.shape)}. ` +
                'Reduce it to a scalar (sum(), mean()) or pass a seed gradient of that shape');
        }
        const one = allocateData(root.dtype, 1);
        one[0] = 1;
        return new Tensor(one, root.shape);
    }
    if (seed instanceof Tensor) {
        if (!sameShape(seed.shape, root.shape)) {
            throw new ShapeError(`backward: the seed gradient has shape ${shapeText(seed.shape)}, the tensor has shape ${shapeText(root.shape)}; they must match`);
        }
        if (seed.dtype === 'int32')
            throw new ValueError('backward: the seed gradient must be a float32 or float64 Tensor, received int32');
        return withDType(seed, root.dtype);
    }
    const values = typeof seed === 'number' ? [seed] : seed;
    if (!Array.isArray(values) && !(values instanceof Float32Array) && !(values instanceof Float64Array)) {
        throw new ValueError(`backward: the seed gradient must be a Tensor, a number or an array of numbers, received ${describe(seed)}`);
    }
    if (values.length !== root.size) {
        throw new ShapeError(`backward: the seed gradient has ${values.length} values, the tensor of shape ${shapeText(root.shape)} has ${root.size} elements`);
    }
    const data = allocateData(root.dtype, root.size);
    for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (typeof v !== 'number')
            throw new ValueError(`backward: seed[${k}] must be a number, received ${describe(v)}`);
        data[k] = v;
    }
    return new Tensor(data, root.shape);
}
/**
 * `node.backward(g)` without recording a graph, for a backward pass without createGraph.
 * Grad mode is off only while the rule runs synchronously: an async rule (a kernel reduction's)
 * resumes in whatever mode is current, because a global mode held off across its awaits would
 * also switch recording off for unrelated forward passes that complete meanwhile (concurrent
 * losses, an optimiser step beside an evaluation), which then silently had no graph. The
 * gradients are detached instead, so whatever an async rule recorded is dropped with them.
 */
async function withoutGraph(node, g) {
    // noGrad's scope ends when its function returns something that is not a promise.
    const started = noGrad(() => {
        const result = node.backward(g);
        return isThenable(result) ? { pending: result } : { done: result };
    });
    const inputGrads = 'pending' in started ? await started.pending : started.done;
    if (!Array.isArray(inputGrads))
        return inputGrads;
    return inputGrads.map((gi) => (gi instanceof Tensor && gi.requiresGrad ? gi.detach() : gi));
}
/** Non-leaf tensors reachable from `root`, ordered so each comes before every tensor it depends on. */
function topologicalOrder(root) {
    const order = [];
    const visited = new Set();
    const stack = [];
    const enter = (t) => {
        const node = t.gradFn;
        if (node === null || !t.requiresGrad || visited.has(t))
            return;
        if (isFreed(node))
            throw secondBackward(node.name);
        visited.add(t);
        stack.push([t, 0]);
    };
    enter(root);
    while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const inputs = top[0].gradFn.inputs;
        if (top[1] < inputs.length) {
            enter(inputs[top[1]++]);
        }
        else {
            stack.pop();
            order.push(top[0]);
        }
    }
    return order.reverse();
}
/**
 * Computes the gradient of `root` with respect to every leaf tensor that requires grad and
 * adds it into that leaf's `.grad`. `seed` is d(objective)/d(root); it defaults to 1 for a
 * scalar root. Leaves are written only once every node has succeeded.
 */
export async function backward(root, seed, options) {
    checkOptions('backward', options, ['retainGraph', 'createGraph']);
    for (const name of ['retainGraph', 'createGraph']) {
        const value = options?.[name];
        if (value !== undefined && typeof value !== 'boolean')
            throw new ValueError(`backward: options.${name} must be true or false, received ${describe(value)}`);
    }
    const createGraph = options?.createGraph ?? false;
    const retainGraph = options?.retainGraph ?? createGraph;
    if (!(root instanceof Tensor))
        throw new ValueError(`backward: expected a Tensor, received ${describe(root)}`);
    if (!root.requiresGrad) {
        throw new ValueError(`backward: the tensor (${root.toString()}) does not require grad and has no gradFn; ` +
            'build it from tensors created with requiresGrad: true, outside noGrad()');
    }
    const grads = new Map();
    const leaves = [];
    // Sums this pass allocated and nobody else holds: further terms add into them in place. A
    // gradient a node returned is never written (add's backward hands the same tensor to both
    // inputs), and a sum stops being owned once a node's backward receives it.
    const owned = new Set();
    const accumulate = (t, g) => {
        const prev = grads.get(t);
        if (prev === undefined) {
            grads.set(t, g);
            if (t.gradFn === null)
                leaves.push(t);
        }
        else if (createGraph) {
            grads.set(t, prev.add(g));
        }
        else if (owned.has(prev)) {
            const d = prev.data;
            for (let k = 0; k < d.length; k++)
                d[k] += g.data[k];
        }
        else {
            const sum = new Tensor(addData(prev.data, g.data, t.dtype), t.shape);
            owned.add(sum);
            grads.set(t, sum);
        }
    };
    accumulate(root, seedTensor(root, seed));
    const order = topologicalOrder(root);
    for (const t of order) {
        const g = grads.get(t);
        if (g === undefined)
            continue;
        grads.delete(t);
        owned.delete(g);
        const node = t.gradFn;
        const inputGrads = createGraph ? await node.backward(g) : await withoutGraph(node, g);
        if (!Array.isArray(inputGrads) || inputGrads.length !== node.inputs.length) {
            throw new ValueError(`backward: ${node.name} returned ${Array.isArray(inputGrads) ? inputGrads.length : describe(inputGrads)} gradients for ${node.inputs.length} inputs`);
        }
        node.inputs.forEach((input, k) => {
            const gi = inputGrads[k];
            if (gi === null || gi === undefined || !input.requiresGrad)
                return;
            if (!(gi instanceof Tensor) || !sameShape(gi.shape, input.shape)) {
                throw new ShapeError(`backward: ${node.name} returned a gradient of ${describe(gi)} for input ${k} of shape ${shapeText(input.shape)}`);
            }
            accumulate(input, withDType(gi, input.dtype));
        });
    }
    for (const leaf of leaves) {
        const g = grads.get(leaf);
        const old = leaf.grad;
        if (createGraph) {
            // The gradient keeps its graph, and an existing .grad is added differentiably. A plain
            // tensor is copied: the same gradient object may reach several leaves.
            const own = g.gradFn === null ? g.clone() : g;
            leaf.grad = old !== null && sameShape(old.shape, leaf.shape) ? old.add(own) : own;
        }
        else if (old !== null && old.gradFn === null && old.dtype === leaf.dtype && sameShape(old.shape, leaf.shape)) {
            // Accumulate in place, unless .grad came from a createGraph pass (it may be shared).
            const d = old.data;
            for (let k = 0; k < d.length; k++)
                d[k] += g.data[k];
            old.markChanged();
        }
        else if (owned.has(g)) {
            leaf.grad = g; // a sum of this pass's own: nothing else refers to it
        }
        else {
            const data = allocateData(leaf.dtype, leaf.size);
            data.set(g.data);
            leaf.grad = new Tensor(data, leaf.shape);
        }
    }
    if (!retainGraph)
        for (const t of order)
            t.gradFn = freedNode(t.gradFn.name);
}
