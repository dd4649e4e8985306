// Dense host ops: values against plain-JS references, and every op's gradient against central
// finite differences in float64, driven by one table (op, operand shapes, domains), with the
// broadcasting cases numpy allows. Then dtype rules and typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, noGrad, Tensor, ShapeError, DTypeError, ValueError } from '../build/src/index.js';
import * as fn from '../build/src/tensor/ops/elementwise.js';
import { Rng, randomData } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const SEED = 20240611;

/**
 * The op table. `shapes` lists the operands (one entry per case); `domain` the sampling domain
 * of each operand ('any', 'positive', 'nonzero', 'unit'); `f` applies the op to tensors.
 */
const OPS = [
  // element-wise binary, with broadcasting
  ...[
    ['add', (a, b) => a.add(b), ['any', 'any']],
    ['sub', (a, b) => a.sub(b), ['any', 'any']],
    ['mul', (a, b) => a.mul(b), ['any', 'any']],
    ['div', (a, b) => a.div(b), ['any', 'nonzero']],
    ['pow', (a, b) => a.pow(b), ['positive', 'unit']],
    ['maximum', (a, b) => a.maximum(b), ['any', 'any']],
    ['minimum', (a, b) => a.minimum(b), ['any', 'any']],
  ].flatMap(([name, f, domain]) =>
    [
      [[3, 4], [3, 4]],
      [[3, 4], [4]],
      [[4], [3, 4]],
      [[2, 1, 4], [3, 1]],
      [[3, 1], [1, 4]],
      [[], [2, 3]],
      [[2, 3], [1]],
    ].map((shapes) => ({ name, shapes, domain, f }))),
  // numbers on either side
  { name: 'add number', shapes: [[3, 2]], f: (a) => a.add(2.5) },
  { name: 'sub from number', shapes: [[3, 2]], f: (a) => fn.sub(1.5, a) },
  { name: 'mul number', shapes: [[3, 2]], f: (a) => a.mul(-3) },
  { name: 'div number by tensor', shapes: [[3, 2]], domain: ['nonzero'], f: (a) => fn.div(2, a) },
  { name: 'pow number base', shapes: [[3, 2]], f: (a) => fn.pow(1.7, a) },
  { name: 'pow number exponent 3', shapes: [[3, 2]], f: (a) => a.pow(3) },
  { name: 'pow number exponent -0.5', shapes: [[3, 2]], domain: ['positive'], f: (a) => a.pow(-0.5) },
  { name: 'pow number exponent 0', shapes: [[3, 2]], f: (a) => a.pow(0) },
  { name: 'maximum number', shapes: [[4, 3]], f: (a) => a.maximum(0.1) },
  // element-wise unary
  { name: 'neg', shapes: [[2, 3]], f: (a) => a.neg() },
  { name: 'exp', shapes: [[2, 3]], f: (a) => a.exp() },
  { name: 'log', shapes: [[2, 3]], domain: ['positive'], f: (a) => a.log() },
  { name: 'sqrt', shapes: [[2, 3]], domain: ['positive'], f: (a) => a.sqrt() },
  { name: 'abs', shapes: [[2, 3]], domain: ['nonzero'], f: (a) => a.abs() },
  { name: 'square', shapes: [[2, 3]], f: (a) => a.square() },
  { name: 'clamp', shapes: [[5, 4]], f: (a) => a.clamp(-0.5, 0.7) },
  { name: 'clamp min only', shapes: [[5, 4]], f: (a) => a.clamp(0.3) },
  { name: 'clone', shapes: [[2, 3]], f: (a) => a.clone() },
  // reductions
  { name: 'sum all', shapes: [[3, 4]], f: (a) => a.sum() },
  { name: 'sum axis 1', shapes: [[3, 4]], f: (a) => a.sum(1) },
  { name: 'sum axes [0, 2]', shapes: [[2, 3, 4]], f: (a) => a.sum([0, 2]) },
  { name: 'sum axis -1 keepdims', shapes: [[2, 3, 4]], f: (a) => a.sum(-1, { keepdims: true }) },
  { name: 'mean all', shapes: [[3, 4]], f: (a) => a.mean() },
  { name: 'mean axis 0', shapes: [[3, 4]], f: (a) => a.mean(0) },
  { name: 'max all', shapes: [[3, 4]], f: (a) => a.max() },
  { name: 'max axis 1', shapes: [[3, 4]], f: (a) => a.max(1) },
  { name: 'min axis 0 keepdims', shapes: [[3, 4]], f: (a) => a.min(0, { keepdims: true }) },
  { name: 'logsumexp axis 1', shapes: [[3, 4]], f: (a) => a.logsumexp(1) },
  { name: 'logsumexp all', shapes: [[2, 3, 2]], f: (a) => a.logsumexp() },
  // softmax
  { name: 'softmax axis 0', shapes: [[4, 3]], f: (a) => a.softmax(0) },
  { name: 'softmax last axis', shapes: [[2, 3, 4]], f: (a) => a.softmax() },
  { name: 'logSoftmax axis 1', shapes: [[4, 3]], f: (a) => a.logSoftmax(1) },
  { name: 'logSoftmax axis 0 of 3-D', shapes: [[3, 2, 2]], f: (a) => a.logSoftmax(0) },
  // matmul, numpy rules
  ...[
    [[3, 4], [4, 2]],
    [[4], [4, 2]],
    [[3, 4], [4]],
    [[4], [4]],
    [[2, 3, 4], [4, 5]],
    [[3, 4], [2, 4, 5]],
    [[2, 1, 3, 4], [3, 4, 2]],
    [[5, 3, 4], [4]],
  ].map((shapes) => ({ name: 'matmul', shapes, f: (a, b) => a.matmul(b) })),
  // shapes
  { name: 'transpose last two', shapes: [[3, 4]], f: (a) => a.transpose() },
  { name: 'transpose(0, 2)', shapes: [[2, 3, 4]], f: (a) => a.transpose(0, 2) },
  { name: 'reshape', shapes: [[3, 4]], f: (a) => a.reshape([2, 6]) },
  { name: 'reshape -1', shapes: [[2, 3, 2]], f: (a) => a.reshape(-1) },
  { name: 'view(4, -1)', shapes: [[2, 3, 2]], f: (a) => a.view(4, -1) },
  { name: 'narrow', shapes: [[3, 5]], f: (a) => a.narrow(1, 1, 3) },
  { name: 'select', shapes: [[3, 5]], f: (a) => a.select(1, -2) },
  // composites: the Gaussian-mixture tutorial's host computations
  {
    name: 'mixture weights: softmax(w) * sqrt(det(A A^T))',
    shapes: [[4, 1], [4, 2, 2]],
    f: (w, A) => {
      const S = A.matmul(A.transpose(1, 2)).view(4, 4).div(2);
      const det = S.select(1, 0).mul(S.select(1, 3)).sub(S.select(1, 1).mul(S.select(1, 2))).view(-1, 1);
      return w.softmax(0).mul(det.sqrt());
    },
    prepare: (w, A) => {
      // keep A A^T well-conditioned so that det > 0 under perturbation
      for (let m = 0; m < 4; m++) {
        A.data[4 * m] += 3;
        A.data[4 * m + 3] += 3;
      }
    },
  },
  {
    name: 'mixture log-weights and sparsity prior',
    shapes: [[5, 1]],
    f: (w) => w.logSoftmax(0).add(w.softmax(0).sqrt().mean().mul(20)),
  },
];

/** Asserts that `call` throws an instance of `Type` whose message matches every pattern. */
function throwsTyped(call, Type, ...patterns) {
  try {
    call();
  } catch (e) {
    assert.instance(e, Type, `expected a ${Type.name}, received ${e}`);
    for (const p of patterns) assert.match(e.message, p);
    return;
  }
  assert.unreachable(`expected a ${Type.name}`);
}

function caseLabel(op, shapes) {
  return `${op.name} on ${shapes.map((s) => `[${s.join(', ')}]`).join(' and ')} (seed ${SEED})`;
}

function makeInputs(rng, op) {
  const inputs = op.shapes.map((shape, k) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tensor(randomData(rng, size, { domain: op.domain?.[k] ?? 'any' }), shape, { requiresGrad: true });
  });
  op.prepare?.(...inputs);
  return inputs;
}

/** The scalar L = sum(f(inputs) * W) whose gradient the test compares. */
function objective(op, inputs, W) {
  return op.f(...inputs).mul(W).sum();
}

for (const op of OPS) {
  test(`gradient of ${caseLabel(op, op.shapes)} matches central differences`, async () => {
    const rng = new Rng(SEED);
    const inputs = makeInputs(rng, op);
    const out = op.f(...inputs);
    assert.ok(out.gradFn !== null, `${op.name}: the result records a gradFn`);
    const W = tensor(randomData(rng, out.size, { domain: 'any' }), out.shape);
    await objective(op, inputs, W).backward();
    const h = 1e-6;
    for (const [k, x] of inputs.entries()) {
      assert.ok(x.grad instanceof Tensor, `${op.name}: input ${k} has a gradient`);
      const numeric = new Float64Array(x.size);
      noGrad(() => {
        for (let e = 0; e < x.size; e++) {
          const keep = x.data[e];
          x.data[e] = keep + h;
          const up = objective(op, inputs, W).item();
          x.data[e] = keep - h;
          const down = objective(op, inputs, W).item();
          x.data[e] = keep;
          numeric[e] = (up - down) / (2 * h);
        }
      });
      const scale = Math.max(1, ...Array.from(numeric, Math.abs));
      assertClose(x.grad, numeric, { rtol: 1e-6, scale, label: `${caseLabel(op, op.shapes)}, input ${k}` });
      assert.equal(x.grad.shape, x.shape);
      assert.is(x.grad.dtype, 'float64');
    }
  });
}

// ---- values against plain-JS references ----

const t64 = (data, shape) => tensor(data, shape, { dtype: 'float64' });

test('binary ops broadcast like numpy: [2, 1] with [3] gives [2, 3]', () => {
  const a = t64([1, 2], [2, 1]);
  const b = t64([10, 20, 30], [3]);
  assert.equal(a.add(b).shape, [2, 3]);
  assert.equal(a.add(b).toArray(), [11, 21, 31, 12, 22, 32]);
  assert.equal(a.sub(b).toArray(), [-9, -19, -29, -8, -18, -28]);
  assert.equal(a.mul(b).toArray(), [10, 20, 30, 20, 40, 60]);
  assert.equal(b.div(a).toArray(), [10, 20, 30, 5, 10, 15]);
  assert.equal(a.pow(b.div(10)).toArray(), [1, 1, 1, 2, 4, 8]);
  assert.equal(a.maximum(t64([1.5, 0, 3], [3])).toArray(), [1.5, 1, 3, 2, 2, 3]);
  assert.equal(a.minimum(1.5).toArray(), [1, 1.5]);
  assert.equal(fn.sub(1, a).toArray(), [0, -1]);
});

test('unary ops match Math', () => {
  const x = t64([0.5, 1, 2.5], [3]);
  const close = (t, f, label) => assertClose(t, Array.from(x.data, f), { rtol: 1e-15, label });
  close(x.exp(), Math.exp, 'exp');
  close(x.log(), Math.log, 'log');
  close(x.sqrt(), Math.sqrt, 'sqrt');
  close(x.neg(), (v) => -v, 'neg');
  close(x.neg().abs(), Math.abs, 'abs');
  close(x.square(), (v) => v * v, 'square');
  close(x.pow(1.5), (v) => v ** 1.5, 'pow');
  assert.equal(t64([-1, 0.2, 3], [3]).clamp(0, 1).toArray(), [0, 0.2, 1]);
  assert.equal(t64([-1, 0.2, 3], [3]).clamp(null, 1).toArray(), [-1, 0.2, 1]);
});

test('reductions: sum, mean, max, min over axes, keepdims and all axes', () => {
  const x = t64([1, 5, 3, 4, 2, 6], [2, 3]);
  assert.is(x.sum().item(), 21);
  assert.equal(x.sum().shape, []);
  assert.equal(x.sum(0).toArray(), [5, 7, 9]);
  assert.equal(x.sum(1).toArray(), [9, 12]);
  assert.equal(x.sum(1, { keepdims: true }).shape, [2, 1]);
  assert.equal(x.sum([0, 1], { keepdims: true }).shape, [1, 1]);
  assert.equal(x.mean(0).toArray(), [2.5, 3.5, 4.5]);
  assert.is(x.mean().item(), 3.5);
  assert.equal(x.max(1).toArray(), [5, 6]);
  assert.equal(x.min(0).toArray(), [1, 2, 3]);
  assert.is(x.max().item(), 6);
  assert.ok(Number.isNaN(t64([1, NaN, 3], [3]).max().item()), 'max propagates NaN');
  assertClose(x.logsumexp(1), [Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3)), Math.log(Math.exp(4) + Math.exp(2) + Math.exp(6))], { rtol: 1e-15 });
});

test('max shares its gradient equally among ties', async () => {
  const x = tensor([3, 1, 3], [3], { dtype: 'float64', requiresGrad: true });
  await x.max().backward();
  assert.equal(x.grad.toArray(), [0.5, 0, 0.5]);
});

test('softmax and logSoftmax are stable for large inputs and sum to one', () => {
  const x = t64([1000, 1001, 1002, -5, 0, 5], [2, 3]);
  const p = x.softmax(1);
  assert.ok(p.toArray().every(Number.isFinite), 'no overflow');
  assertClose(p.sum(1), [1, 1], { rtol: 1e-15 });
  const e = [Math.exp(-2), Math.exp(-1), 1];
  const s = e[0] + e[1] + e[2];
  assertClose(p.narrow(0, 0, 1).reshape(-1), e.map((v) => v / s), { rtol: 1e-14 });
  assertClose(x.logSoftmax(1).narrow(0, 0, 1).reshape(-1), e.map((v) => Math.log(v / s)), { rtol: 1e-14 });
  assertClose(x.logsumexp(1), [1002 + Math.log(s), 5 + Math.log(Math.exp(-10) + Math.exp(-5) + 1)], { rtol: 1e-15 });
  assert.equal(t64([-Infinity, -Infinity], [2]).logsumexp().item(), -Infinity);
});

test('matmul follows numpy: 1-D promotion and batch broadcasting', () => {
  const A = t64([1, 2, 3, 4, 5, 6], [2, 3]);
  const B = t64([1, 0, 0, 1, 1, 1], [3, 2]);
  assert.equal(A.matmul(B).tolist(), [[4, 5], [10, 11]]);
  const v = t64([1, 1, 1], [3]);
  assert.equal(A.matmul(v).tolist(), [6, 15]);
  assert.equal(v.matmul(B).tolist(), [2, 2]);
  assert.equal(v.matmul(v).shape, []);
  assert.is(v.matmul(v).item(), 3);
  const batch = t64([1, 0, 0, 1, 2, 0, 0, 2], [2, 1, 2, 2]); // identity and 2 * identity
  const right = t64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 2, 2]);
  const out = batch.matmul(right);
  assert.equal(out.shape, [2, 3, 2, 2]);
  assert.equal(out.narrow(0, 1, 1).reshape(-1).toArray(), right.mul(2).toArray());
});

test('shape ops: transpose copies, reshape shares data and version, narrow/select slice', () => {
  const x = t64([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.equal(x.transpose().tolist(), [[1, 4], [2, 5], [3, 6]]);
  assert.equal(x.transpose(0, 1).shape, [3, 2]);
  const y = x.reshape(3, -1);
  assert.equal(y.shape, [3, 2]);
  assert.ok(y.data === x.data, 'reshape is a view');
  x.markChanged();
  assert.is(y.version, x.version, 'views share the version counter');
  assert.equal(x.narrow(1, 1, 2).tolist(), [[2, 3], [5, 6]]);
  assert.equal(x.select(1, 0).tolist(), [1, 4]);
  assert.equal(x.select(0, -1).tolist(), [4, 5, 6]);
  assert.equal(t64([7], []).tolist(), 7);
});

test('dtypes: float32 stays float32, float64 wins, numbers adopt the tensor dtype', async () => {
  const a = tensor([1, 2], [2]);
  const b = tensor([1, 2], [2], { dtype: 'float64' });
  assert.is(a.add(a).dtype, 'float32');
  assert.is(a.add(b).dtype, 'float64');
  assert.is(b.add(a).dtype, 'float64');
  assert.is(a.mul(0.1).dtype, 'float32');
  assert.is(a.matmul(b).dtype, 'float64');
  assert.is(a.softmax().dtype, 'float32');
  assert.is(a.sum().dtype, 'float32');
  // a float32 leaf gets a float32 gradient even through float64 arithmetic
  const w = tensor([0.5, -1.5], [2], { requiresGrad: true });
  await w.mul(b).exp().sum().backward();
  assert.is(w.grad.dtype, 'float32');
  assertClose(w.grad, [Math.exp(0.5), 2 * Math.exp(-3)], { rtol: 1e-6 });
});

test('float32 gradients agree with float64 ones to float32 accuracy', async () => {
  const rng = new Rng(SEED + 1);
  const data = randomData(rng, 12, { domain: 'any' });
  const grads = [];
  for (const dtype of ['float32', 'float64']) {
    const x = tensor(dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data), [3, 4], { requiresGrad: true });
    await x.matmul(x.transpose()).softmax(1).log().mul(x.sum(1, { keepdims: true })).mean().backward();
    grads.push(x.grad);
  }
  assertClose(grads[0], grads[1], { rtol: 1e-5, scale: 1 });
});

test('shape errors name the op and both shapes', () => {
  const a = t64([1, 2, 3], [3]);
  const b = t64([1, 2], [2]);
  for (const [label, call] of [
    ['add', () => a.add(b)],
    ['mul', () => a.mul(b)],
    ['maximum', () => a.maximum(b)],
    ['matmul', () => a.matmul(b)],
  ]) {
    try {
      call();
      assert.unreachable(`${label} should throw`);
    } catch (e) {
      assert.instance(e, ShapeError, label);
      assert.match(e.message, label);
      assert.match(e.message, '[3]');
      assert.match(e.message, '[2]');
    }
  }
  throwsTyped(() => t64([1, 2, 3, 4, 5, 6], [2, 3]).matmul(t64([1, 2, 3, 4, 5, 6], [2, 3])), ShapeError, /\[2, 3\] and \[2, 3\]/);
  throwsTyped(() => t64([1, 2, 3, 4, 5, 6], [2, 3]).reshape(4, 2), ShapeError, /\[2, 3\]/, /\[4, 2\]/);
  throwsTyped(() => t64([1, 2, 3, 4, 5, 6], [2, 3]).reshape(-1, -1), ShapeError);
});

test('int32 operands in float ops are DTypeErrors; axes out of range are ValueErrors', () => {
  const i = tensor(new Int32Array([1, 2]), [2]);
  const f = tensor([1, 2], [2]);
  throwsTyped(() => f.add(i), DTypeError, /add/, /int32/);
  throwsTyped(() => i.exp(), DTypeError, /exp/);
  throwsTyped(() => i.sum(), DTypeError);
  throwsTyped(() => f.matmul(i), DTypeError);
  throwsTyped(() => fn.add(1, 2), DTypeError);
  throwsTyped(() => f.add('1'), DTypeError);
  assert.equal(i.reshape(2, 1).shape, [2, 1], 'shape ops accept int32');
  throwsTyped(() => f.sum(1), ValueError, /axis/);
  throwsTyped(() => f.softmax(2), ValueError);
  throwsTyped(() => f.sum(0, { keepDims: true }), ValueError, /keepDims/);
  throwsTyped(() => f.narrow(0, 1, 2), ValueError);
  throwsTyped(() => f.select(0, 2), ValueError);
  throwsTyped(() => f.clamp(), ValueError);
  throwsTyped(() => tensor([], [0]).max(), ValueError);
});

test('item and tolist', () => {
  assert.is(tensor([2.5], [1, 1], { dtype: 'float64' }).item(), 2.5);
  throwsTyped(() => tensor([1, 2], [2]).item(), ValueError, /\[2\]/);
  assert.equal(t64([1, 2, 3, 4, 5, 6], [3, 1, 2]).tolist(), [[[1, 2]], [[3, 4]], [[5, 6]]]);
  assert.equal(t64([1, 2], [2]).toArray(), [1, 2]);
});

test.run();
