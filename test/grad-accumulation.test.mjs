// backward() sums the gradient terms that reach one tensor into a buffer of its own and adds
// later terms there in place (src/autograd/backward.ts): it must never write into a tensor a
// node's backward returned (add hands the same gradient to both its inputs), nor into one it
// has handed to a node, and a leaf may keep the sum as its .grad.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor } from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';

function close(actual, expected, what, tol = 1e-12) {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < expected.length; k++) {
    if (!(Math.abs(actual[k] - expected[k]) <= tol * Math.max(1, Math.abs(expected[k])))) {
      assert.unreachable(`${what}[${k}]: ${actual[k]}, expected ${expected[k]}`);
    }
  }
}

test('a gradient shared by two inputs (add) is not written when one of them gets more terms', async () => {
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(1);
    const x = tensor(Array.from({ length: 6 }, () => rng.uniform(-1, 1)), [2, 3], { dtype, requiresGrad: true });
    const u = x.mul(2); // du/dx = 2
    const v = x.mul(3); // dv/dx = 3
    const z = u.add(v); // add's backward: the same gradient object for u and v
    // u also gets 5 per element through u.sum() * 5 and 7 more through u.mul(7).sum(): three
    // terms, summed in place after the first; v's (shared) term must stay 1.
    const loss = z.sum().add(u.sum().mul(5)).add(u.mul(7).sum());
    await loss.backward();
    // d loss / dx = (1 + 5 + 7) * 2 + 1 * 3 = 29
    close(x.grad.data, new Array(6).fill(29), `${dtype} x.grad`, dtype === 'float32' ? 1e-6 : 1e-12);
    assert.is(x.grad.dtype, dtype);
  }
});

test('terms summed into a tensor before its node runs, then handed on to several inputs', async () => {
  // Both orders of the terms: whichever of s's backward and a * b's reaches a first.
  const orders = {
    's first': (a, b, s) => s.mul(s).sum().add(s.sum().mul(3)).add(a.mul(b).sum()),
    'a * b first': (a, b, s) => a.mul(b).sum().add(s.mul(s).sum().add(s.sum().mul(3))),
  };
  for (const [what, lossOf] of Object.entries(orders)) {
    const rng = new Rng(2);
    const a = tensor(Array.from({ length: 4 }, () => rng.uniform(0.5, 1.5)), [4], { dtype: 'float64', requiresGrad: true });
    const b = tensor(Array.from({ length: 4 }, () => rng.uniform(0.5, 1.5)), [4], { dtype: 'float64', requiresGrad: true });
    const s = a.add(b); // s gets two terms (summed in place), then add's backward hands the sum to a and b
    await lossOf(a, b, s).backward();
    // d/da = 2 s + 3 + b, d/db = 2 s + 3 + a
    close(a.grad.data, Array.from(a.data, (ak, k) => 2 * (ak + b.data[k]) + 3 + b.data[k]), `${what}: a.grad`);
    close(b.grad.data, Array.from(b.data, (bk, k) => 2 * (a.data[k] + bk) + 3 + a.data[k]), `${what}: b.grad`);
    assert.ok(a.grad.data !== b.grad.data, 'the two leaves hold different buffers');
  }
});

test('a leaf keeps the sum of its terms, and the next backward adds into its .grad', async () => {
  const x = tensor([1, 2, 3], [3], { dtype: 'float64', requiresGrad: true });
  const loss = () => x.mul(2).sum().add(x.mul(x).sum()).add(x.sum()); // d/dx = 2 + 2x + 1
  await loss().backward();
  close(x.grad.data, [5, 7, 9], 'first backward');
  const first = x.grad;
  await loss().backward();
  close(x.grad.data, [10, 14, 18], 'accumulated over two backwards');
  assert.is(x.grad, first, 'added in place into the existing .grad');
});

test('a seed gradient passed by the caller is never written', async () => {
  const x = tensor([1, 2, 3], [3], { dtype: 'float64', requiresGrad: true });
  const y = x.mul(2);
  const seed = tensor([1, 1, 1], [3], { dtype: 'float64' });
  await y.add(y).backward(seed); // add's backward returns the seed object for both inputs (y twice)
  close(seed.data, [1, 1, 1], 'seed');
  close(x.grad.data, [4, 4, 4], 'x.grad');
});

test.run();
