// Host autograd semantics, PyTorch's: gradients accumulate into .grad of leaves, a graph is
// freed by backward, a non-scalar needs a seed, detach/noGrad cut the graph, in-place writes to
// saved tensors are caught, and GradNodes may be async (as kernel reductions are).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Tensor, noGrad, isGradEnabled, ShapeError, DTypeError, ValueError } from '../build/src/index.js';
import { attachGrad, gradNode } from '../build/src/autograd/grad-node.js';

const leaf = (data, shape = [data.length]) => tensor(data, shape, { dtype: 'float64', requiresGrad: true });

/** Asserts that the promise (or call) fails with an instance of `Type` whose message matches every pattern. */
async function rejectsTyped(call, Type, ...patterns) {
  try {
    await call();
  } catch (e) {
    assert.instance(e, Type, `expected a ${Type.name}, received ${e}`);
    for (const p of patterns) assert.match(e.message, p);
    return;
  }
  assert.unreachable(`expected a ${Type.name}`);
}

test('backward fills .grad of every leaf that requires grad, and only of those', async () => {
  const x = leaf([1, 2, 3]);
  const c = tensor([4, 5, 6], [3], { dtype: 'float64' });
  const y = x.mul(c).sum();
  assert.is(y.requiresGrad, true);
  assert.is(y.isLeaf, false);
  assert.is(y.gradFn.name, 'SumBackward');
  assert.match(String(y), 'gradFn=SumBackward');
  await y.backward();
  assert.equal(x.grad.toArray(), [4, 5, 6]);
  assert.equal(x.grad.shape, [3]);
  assert.is(x.grad.dtype, 'float64');
  assert.is(c.grad, null, 'a tensor without requiresGrad gets no gradient');
  assert.is(y.grad, null, 'non-leaf results keep no gradient');
});

test('gradients accumulate across backward calls until zeroGrad', async () => {
  const x = leaf([1, 2]);
  await x.square().sum().backward();
  const first = x.grad;
  await x.mul(3).sum().backward();
  assert.equal(x.grad.toArray(), [2 + 3, 4 + 3]);
  assert.ok(x.grad === first, 'accumulation is in place, like PyTorch');
  x.zeroGrad();
  assert.is(x.grad, null);
  await x.sum().backward();
  assert.equal(x.grad.toArray(), [1, 1]);
});

test('a tensor used several times collects the sum of its gradients', async () => {
  const x = leaf([3]);
  const y = x.mul(x).add(x.exp()).add(x); // x^2 + e^x + x
  await y.sum().backward();
  assert.ok(Math.abs(x.grad.item() - (6 + Math.exp(3) + 1)) < 1e-12);
  const a = leaf([1, 2]);
  const b = a.add(a); // both inputs of one node are the same leaf
  await b.sum().backward();
  assert.equal(a.grad.toArray(), [2, 2]);
});

test('gradients of leaves that share a seed are separate tensors', async () => {
  const a = leaf([1, 2]);
  const b = leaf([3, 4]);
  await a.add(b).sum().backward();
  assert.ok(a.grad !== b.grad);
  await a.add(b).sum().backward();
  assert.equal(a.grad.toArray(), [2, 2]);
  assert.equal(b.grad.toArray(), [2, 2]);
});

test('a second backward through a freed graph is a ValueError, unless retainGraph kept it', async () => {
  const x = leaf([1, 2]);
  const y = x.exp().sum();
  await y.backward();
  await rejectsTyped(() => y.backward(), ValueError, /second time/, /retainGraph/);
  const z = x.exp().sum();
  await z.backward(undefined, { retainGraph: true });
  x.zeroGrad();
  await z.backward();
  assert.ok(Math.abs(x.grad.get(0) - Math.E) < 1e-12, 'retained graph gives the same gradient again');
  await rejectsTyped(() => z.backward(), ValueError, /second time/);
  // a new graph built on top of a freed intermediate cannot backward through it either
  const w = x.mul(2);
  await w.sum().backward();
  await rejectsTyped(() => w.mul(3).sum().backward(), ValueError, /second time/, /MulBackward/);
});

test('backward on a non-scalar needs a seed of the same shape', async () => {
  const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]);
  const y = x.mul(2);
  await rejectsTyped(() => y.backward(), ValueError, /\[2, 3\]/, /scalar/);
  await rejectsTyped(() => y.backward(tensor([1, 1, 1], [3], { dtype: 'float64' })), ShapeError, /\[3\]/, /\[2, 3\]/);
  await y.backward(tensor([1, 0, 0, 0, 0, 2], [2, 3], { dtype: 'float64' }));
  assert.equal(x.grad.toArray(), [2, 0, 0, 0, 0, 4]);
  const z = x.square();
  await z.backward([1, 1, 1, 1, 1, 1]);
  assert.equal(x.grad.toArray(), [2 + 2, 4, 6, 8, 10, 12 + 4]);
});

test('a one-element result of any shape backs up without a seed; a tensor without grad cannot', async () => {
  const x = leaf([2]);
  await x.mul(3).reshape(1, 1).backward();
  assert.equal(x.grad.toArray(), [3]);
  await rejectsTyped(() => tensor([1], [1]).backward(), ValueError, /does not require grad/);
  const l = leaf([5]);
  await l.backward();
  assert.equal(l.grad.toArray(), [1], 'backward on a leaf seeds its own gradient');
});

test('detach shares data and version but leaves the graph', async () => {
  const x = leaf([1, 2]);
  const d = x.detach();
  assert.is(d.requiresGrad, false);
  assert.is(d.gradFn, null);
  assert.ok(d.data === x.data);
  const y = x.mul(d).sum(); // gradient flows through x only: d/dx (x * const) = const
  await y.backward();
  assert.equal(x.grad.toArray(), [1, 2]);
  x.markChanged();
  assert.is(d.version, x.version);
  assert.is(d.mul(2).gradFn, null, 'ops on a detached tensor record nothing');
});

test('noGrad records nothing, nests, and restores the mode after sync and async scopes', async () => {
  const x = leaf([1, 2]);
  assert.is(isGradEnabled(), true);
  const y = noGrad(() => {
    assert.is(isGradEnabled(), false);
    const inner = noGrad(() => x.mul(2));
    assert.is(isGradEnabled(), false, 'the inner scope does not re-enable');
    assert.is(inner.gradFn, null);
    return x.exp();
  });
  assert.is(isGradEnabled(), true);
  assert.is(y.requiresGrad, false);
  assert.is(y.gradFn, null);
  await rejectsTyped(() => y.sum().backward(), ValueError);

  const pending = noGrad(async () => {
    await new Promise((r) => setTimeout(r, 5));
    assert.is(isGradEnabled(), false, 'still off after an await inside the scope');
    return x.mul(3);
  });
  assert.is(isGradEnabled(), false, 'off while the async scope is pending');
  const z = await pending;
  assert.is(isGradEnabled(), true, 'restored once it settled');
  assert.is(z.gradFn, null);

  assert.throws(() => noGrad(() => { throw new Error('boom'); }), /boom/);
  assert.is(isGradEnabled(), true, 'restored after a throw');
  await rejectsTyped(() => noGrad(async () => { throw new ValueError('async boom'); }), ValueError, /async boom/);
  assert.is(isGradEnabled(), true, 'restored after a rejection');
});

test('writing in place into a tensor saved for backward makes backward a ValueError', async () => {
  const x = leaf([1, 2]);
  const w = leaf([3, 4]);
  const y = x.mul(w).sum();
  w.data[0] = 10;
  w.markChanged();
  await rejectsTyped(() => y.backward(), ValueError, /modified in place/, /version 1/, /version 0/);
  assert.is(x.grad, null, 'no leaf was touched by the failed backward');
  // the saved output of exp counts too
  const e = x.exp();
  const loss = e.sum();
  e.data[1] = 0;
  e.markChanged();
  await rejectsTyped(() => loss.backward(), ValueError, /ExpBackward/);
  // an op that saves nothing does not care
  const a = leaf([1, 2]);
  const s = a.add(1);
  a.markChanged();
  await s.sum().backward();
  assert.equal(a.grad.toArray(), [1, 1]);
});

test('requiresGrad_ turns tracking on for leaves only; int32 cannot require grad', () => {
  const x = tensor([1, 2], [2]);
  assert.is(x.requiresGrad_(), x);
  assert.is(x.requiresGrad, true);
  assert.ok(x.mul(2).gradFn !== null);
  assert.throws(() => x.mul(2).requiresGrad_(false), (e) => e instanceof ValueError && /leaf/.test(e.message));
  assert.throws(() => tensor(new Int32Array([1]), [1]).requiresGrad_(), (e) => e instanceof DTypeError);
  assert.throws(() => tensor(new Int32Array([1]), [1], { requiresGrad: true }), (e) => e instanceof DTypeError);
});

test('custom GradNodes may be async; backward starts them with grad mode off, without switching it off for concurrent work', async () => {
  const x = leaf([1, 2, 3]);
  let sawGradEnabled = null;
  const node = {
    name: 'SlowDoubleBackward',
    inputs: [x],
    async backward(g) {
      sawGradEnabled = isGradEnabled();
      await new Promise((r) => setTimeout(r, 5));
      return [g.mul(2)];
    },
  };
  const y = attachGrad(new Tensor(x.data.map((v) => 2 * v), x.shape), node);
  assert.is(y.gradFn, node);
  // A forward pass that completes while the async rule is pending records its graph.
  const w = leaf([4, 5]);
  const [, concurrent] = await Promise.all([y.exp().sum().backward(), new Promise((r) => setTimeout(r, 1)).then(() => w.mul(3).sum())]);
  assert.is(sawGradEnabled, false);
  assert.ok(concurrent.gradFn !== null, 'a forward pass during an async backward keeps its graph');
  assert.equal(x.grad.toArray(), [2, 4, 6].map((v) => 2 * Math.exp(v)));
  assert.is(x.grad.gradFn, null);
  assert.is(isGradEnabled(), true);
  // gradNode adds the in-place check to a custom rule
  const z = attachGrad(new Tensor(x.data.slice(), x.shape), gradNode('CopyBackward', [x], async (g) => [g]));
  x.markChanged();
  await rejectsTyped(() => z.sum().backward(), ValueError, /CopyBackward/);
});

test('attachGrad records nothing when no input requires grad or grad mode is off', () => {
  const c = tensor([1], [1]);
  const rule = { name: 'Id', inputs: [c], backward: (g) => [g] };
  assert.is(attachGrad(new Tensor(new Float32Array(1), [1]), rule).gradFn, null);
  const x = leaf([1]);
  const node = { name: 'Id', inputs: [x], backward: (g) => [g] };
  assert.is(noGrad(() => attachGrad(new Tensor(new Float64Array(1), [1]), node)).gradFn, null);
});

test('a GradNode returning a wrong-shaped gradient is a ShapeError naming it', async () => {
  const x = leaf([1, 2]);
  const y = attachGrad(new Tensor(new Float64Array(2), [2]), { name: 'BadBackward', inputs: [x], backward: () => [tensor([1, 2, 3], [3], { dtype: 'float64' })] });
  await rejectsTyped(() => y.sum().backward(), ShapeError, /BadBackward/, /\[2\]/);
  assert.is(x.grad, null);
});

test('a deep chain backs up without recursion limits', async () => {
  const x = leaf([0.5]);
  let y = x;
  for (let k = 0; k < 20000; k++) y = y.mul(1);
  await y.sum().backward();
  assert.equal(x.grad.toArray(), [1]);
});

test.run();
