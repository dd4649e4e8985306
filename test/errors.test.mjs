// Bad input gets a typed error (ShapeError, DTypeError, ValueError, BackendError) whose message
// names the argument or op at fault; after every error the engine still computes correct results.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, LazyTensor, LazyKernelError, ShapeError, DTypeError, ValueError, BackendError } from '../build/src/index.js';

// A small fixed problem with a reference computed here in float64.
const N = 4;
const M = 70;
const Xd = Float64Array.from({ length: N * 2 }, (_, k) => Math.sin(k + 1));
const Yd = Float64Array.from({ length: M * 2 }, (_, k) => Math.cos(3 * k));
const Bd = Float64Array.from({ length: M }, (_, k) => (k % 7) - 3);
const reference = Array.from({ length: N }, (_, i) => {
  let s = 0;
  for (let j = 0; j < M; j++) {
    const d0 = Xd[2 * i] - Yd[2 * j];
    const d1 = Xd[2 * i + 1] - Yd[2 * j + 1];
    s += Math.exp(-(d0 * d0 + d1 * d1)) * Bd[j];
  }
  return s;
});

/** Runs a correct Gaussian-kernel sum in both dtypes and checks it against the float64 reference. */
async function assertEngineStillWorks(after) {
  for (const [dtype, Arr, rtol] of [['float32', Float32Array, 1e-5], ['float64', Float64Array, 1e-12]]) {
    const X = tensor(Arr.from(Xd), [N, 2]);
    const Y = tensor(Arr.from(Yd), [M, 2]);
    const B = tensor(Arr.from(Bd), [M, 1]);
    const out = await Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vj(B)).sum(1);
    assert.equal(out.shape, [N, 1], `after ${after}: shape`);
    assert.is(out.dtype, dtype, `after ${after}: dtype`);
    for (let i = 0; i < N; i++) {
      assert.ok(Math.abs(out.data[i] - reference[i]) <= rtol * M, `after ${after}: ${dtype} row ${i} gives ${out.data[i]}, expected ${reference[i]}`);
    }
    // and an index reduction
    const idx = await Vi(X).sqdist(Vj(Y)).argmin(1);
    const want = Array.from({ length: N }, (_, i) => {
      let best = Infinity;
      let at = -1;
      for (let j = 0; j < M; j++) {
        const d = (Arr.of(Xd[2 * i])[0] - Arr.of(Yd[2 * j])[0]) ** 2 + (Arr.of(Xd[2 * i + 1])[0] - Arr.of(Yd[2 * j + 1])[0]) ** 2;
        if (d < best) { best = d; at = j; }
      }
      return at;
    });
    assert.equal(Array.from(idx.data), want, `after ${after}: ${dtype} argmin`);
  }
}

/**
 * Calls fn (sync or async), expects an error of class Cls whose message mentions every word,
 * then checks that the engine still works.
 */
async function expectError(label, fn, Cls, words) {
  let error = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== null, `${label}: expected a ${Cls.name}, nothing was thrown`);
  assert.instance(error, Cls, `${label}: expected a ${Cls.name}, received ${error?.constructor?.name}: ${error?.message}`);
  assert.instance(error, LazyKernelError, `${label}: every deliberate error derives from LazyKernelError`);
  assert.is(error.name, Cls.name, `${label}: error.name`);
  for (const w of words) {
    assert.ok(error.message.includes(String(w)), `${label}: the message "${error.message}" should mention "${w}"`);
  }
  await assertEngineStillWorks(label);
  return error;
}

const X = tensor(Float64Array.from(Xd), [N, 2]);
const Y = tensor(Float64Array.from(Yd), [M, 2]);
const G = () => Vi(X).sqdist(Vj(Y)).neg().exp();

test('the engine computes the reference before any error', async () => {
  await assertEngineStillWorks('nothing');
});

test('tensor() rejects data shorter or longer than the shape with a ShapeError giving both sizes', async () => {
  await expectError('short data', () => tensor([1, 2, 3], [2, 2]), ShapeError, ['tensor', '[2, 2]', '4', '3']);
  await expectError('long typed data', () => tensor(new Float32Array(7), [3, 2]), ShapeError, ['tensor', '[3, 2]', '6', '7']);
});

test('tensor() rejects an unknown or contradictory dtype option with a DTypeError naming it', async () => {
  await expectError('dtype int8', () => tensor([1, 2], [2], { dtype: 'int8' }), DTypeError, ['dtype', 'int8']);
  await expectError('dtype float16', () => tensor(new Float64Array(2), [2], { dtype: 'float16' }), DTypeError, ['dtype', 'float16']);
  await expectError('dtype vs typed array', () => tensor(new Float32Array(2), [2], { dtype: 'float64' }), DTypeError, ['dtype', 'float64', 'Float32Array']);
  await expectError('unknown tensor option', () => tensor([1], [1], { dtyp: 'float32' }), ValueError, ['tensor', 'dtyp']);
  await expectError('non-number data', () => tensor([1, 'a'], [2]), DTypeError, ['data[1]']);
  await expectError('untyped data', () => tensor(new Uint8Array(2), [2]), DTypeError, ['data', 'Uint8Array']);
});

test('tensor() rejects a shape that is not an array of non-negative integers with a ShapeError naming the shape', async () => {
  await expectError('number shape', () => tensor([1, 2], 2), ShapeError, ['shape', 'the number 2']);
  await expectError('string shape', () => tensor([1, 2], '2'), ShapeError, ['shape', "the string '2'"]);
  await expectError('negative dimension', () => tensor([1, 2], [-2]), ShapeError, ['shape', '-2']);
  await expectError('fractional dimension', () => tensor([1, 2], [1.5]), ShapeError, ['shape', '1.5']);
});

test('Vi / Vj / Pm of a non-Tensor or an int32 Tensor throw DTypeErrors naming the function', async () => {
  await expectError('Vi(array)', () => Vi([1, 2, 3]), DTypeError, ['Vi', 'Tensor', 'array of length 3']);
  await expectError('Vj(Float32Array)', () => Vj(new Float32Array(3)), DTypeError, ['Vj', 'Tensor', 'Float32Array']);
  await expectError('Vi(undefined)', () => Vi(undefined), DTypeError, ['Vi', 'undefined']);
  const I = tensor(new Int32Array(6), [3, 2]);
  await expectError('Vi(int32)', () => Vi(I), DTypeError, ['Vi', 'int32']);
  await expectError('Vj(int32)', () => Vj(I), DTypeError, ['Vj', 'int32']);
  await expectError('Pm(int32)', () => Pm(tensor(new Int32Array(2), [2])), DTypeError, ['Pm', 'int32']);
  await expectError('Pm(string)', () => Pm('1'), DTypeError, ['Pm']);
  await expectError('Pm([])', () => Pm([]), DTypeError, ['Pm']);
  // A 3-d tensor is a batch ([B, N, D]); batch axes that do not broadcast fail at the reduction, naming both shapes.
  await expectError('batch axes 2 vs 3', () => Vi(tensor(new Float64Array(8), [2, 2, 2])).sqdist(Vj(tensor(new Float64Array(12), [3, 2, 2]))).sum(1), ShapeError, ['Vi', '[2, 2, 2]', 'Vj', '[3, 2, 2]']);
});

test('a LazyTensor method given a non-LazyTensor, non-number operand throws a DTypeError naming the method', async () => {
  await expectError('add(string)', () => Vi(X).add('1'), DTypeError, ['Add', 'argument 1', "the string '1'"]);
  await expectError('mul(Tensor)', () => Vi(X).mul(Y), DTypeError, ['Mult', 'Tensor']);
  await expectError('elem(1.5)', () => Vi(X).elem(1.5), ValueError, ['elem', '1.5']);
  await expectError('round(0.5)', () => Vi(X).round(0.5), ValueError, ['round', 'decimals']);
});

test('mixing float32 and float64 variables in one formula is a DTypeError at reduction time', async () => {
  const X32 = tensor(Float32Array.from(Xd), [N, 2]);
  const F = Vi(X32).sqdist(Vj(Y)); // building is fine
  assert.instance(F, LazyTensor);
  await expectError('mixed sum', () => F.sum(1), DTypeError, ['sum', 'float32', 'float64']);
  await expectError('mixed argKmin', () => F.argKmin(2, 0), DTypeError, ['argkmin', 'float32', 'float64']);
  await expectError('mixed weight', () => Vi(X32).sqdist(Vj(tensor(Float32Array.from(Yd), [M, 2]))).logsumexp(1, { weight: Vj(tensor(Float64Array.from(Bd), [M, 1])) }), DTypeError, ['float32', 'float64']);
  await expectError('mixed Pm tensor', () => Vi(X).sqdist(Vj(Y)).mul(Pm(tensor(new Float32Array([2]), [1]))).min(1), DTypeError, ['float32', 'float64']);
  // Parameters given as numbers adopt the formula's dtype.
  const ok = await Vi(X32).sqdist(Vj(tensor(Float32Array.from(Yd), [M, 2]))).mul(Pm([0.5])).sum(1);
  assert.is(ok.dtype, 'float32');
});

test('i-variables (or j-variables) with different row counts are a ShapeError giving both counts', async () => {
  const X5 = tensor(new Float64Array(5 * 2), [5, 2]);
  await expectError('two Vi', () => Vi(X).sqdist(Vj(Y)).add(Vi(X5).sqnorm2()).sum(1), ShapeError, ['i-variables', '4', '5']);
  const Y3 = tensor(new Float64Array(3 * 2), [3, 2]);
  await expectError('two Vj', () => Vi(X).sqdist(Vj(Y)).mul(Vj(Y3).sqnorm2()).max(0), ShapeError, ['j-variables', '70', '3']);
  await expectError('weight rows', () => Vi(X).sqdist(Vj(Y)).logsumexp(1, { weight: Vj(tensor(new Float64Array(3), [3, 1])) }), ShapeError, ['70', '3']);
});

test('dimension mismatches in sqdist / add / dot are ShapeErrors naming the op and both dimensions', async () => {
  const Y3 = tensor(new Float64Array(M * 3), [M, 3]);
  await expectError('sqdist 2 vs 3', () => Vi(X).sqdist(Vj(Y3)), ShapeError, ['SqDist', '2', '3']);
  await expectError('add 2 vs 3', () => Vi(X).add(Vj(Y3)), ShapeError, ['Add', '2', '3']);
  await expectError('dot 2 vs 3', () => Vi(X).dot(Vj(Y3)), ShapeError, ['Scalprod', '2', '3']);
  await expectError('sumsoftmaxweight of a vector formula', () => Vi(X).sub(Vj(Y)).sumsoftmaxweight(Vj(Y), 1), ShapeError, ['sumsoftmaxweight', 'dimension 2']);
});

test('an unknown option key is a ValueError naming the key', async () => {
  await expectError('sum backnd', () => G().sum(1, { backnd: 'wasm' }), ValueError, ['sum', "'backnd'"]);
  await expectError('min weight', () => G().min(1, { weight: Vj(Y) }), ValueError, ['min', "'weight'"]);
  await expectError('Kmin k', () => G().Kmin(2, 1, { k: 3 }), ValueError, ['kmin', "'k'"]);
  await expectError('logsumexp wieght', () => G().logsumexp(1, { wieght: Vj(Y) }), ValueError, ['logsumexp', "'wieght'"]);
  await expectError('options not an object', () => G().sum(1, 'wasm'), ValueError, ['sum', 'options']);
  await expectError('sum(-1) with options', () => G().sum(-1, { backend: 'wasm' }), ValueError, ['sum(-1)']);
});

test('axis 2, -1 or the string "1" is a ValueError naming the axis', async () => {
  await expectError('sum axis 2', () => G().sum(2), ValueError, ['axis', 'the number 2']);
  await expectError("sum axis '1'", () => G().sum('1'), ValueError, ['axis', "the string '1'"]);
  await expectError('min axis -1', () => G().min(-1), ValueError, ['axis', 'the number -1']);
  await expectError('argmax axis 2', () => G().argmax(2), ValueError, ['axis', '2']);
  await expectError('logsumexp axis -1', () => G().logsumexp(-1), ValueError, ['axis', '-1']);
  await expectError('Kmin axis 1.5', () => G().Kmin(2, 1.5), ValueError, ['axis', '1.5']);
  await expectError('sumsoftmaxweight axis undefined', () => G().sumsoftmaxweight(Vj(Y), undefined), ValueError, ['axis', 'undefined']);
});

test("backend 'cuda' is a ValueError listing the backends; 'webgpu' without a GPU build is a BackendError", async () => {
  await expectError('cuda', () => G().sum(1, { backend: 'cuda' }), ValueError, ['backend', "'cuda'", "'wasm'", "'oracle'"]);
  await expectError('webgpu', () => G().sum(1, { backend: 'webgpu' }), BackendError, ['WebGPU']);
});

test('K = 0, 1.5, -1 or "3" for Kmin / argKmin is a ValueError naming K', async () => {
  await expectError('K = 0', () => G().Kmin(0, 1), ValueError, ['K', 'the number 0']);
  await expectError('K = 1.5', () => G().argKmin(1.5, 1), ValueError, ['K', '1.5']);
  await expectError('K = -1', () => G().KminArgKmin(-1, 0), ValueError, ['K', '-1']);
  await expectError("K = '3'", () => G().Kmin('3', 1), ValueError, ['K', "the string '3'"]);
});

test('a logsumexp weight or softmax value that is not a LazyTensor is a DTypeError naming it', async () => {
  await expectError('weight Tensor', () => G().logsumexp(1, { weight: Y }), DTypeError, ['logsumexp', 'weight', 'Tensor']);
  await expectError('weight number', () => G().logsumexp(1, { weight: 2 }), DTypeError, ['weight', 'the number 2']);
  await expectError('softmax value array', () => G().sumsoftmaxweight([1, 2], 1), DTypeError, ['sumsoftmaxweight', 'V']);
});

test('a formula with no Vj (or no Vi) is a ShapeError saying which is missing', async () => {
  await expectError('no Vj', () => Vi(X).sqnorm2().sum(1), ShapeError, ['Vj']);
  await expectError('no Vi', () => Vj(Y).sqnorm2().min(0), ShapeError, ['Vi']);
  await expectError('parameters only', () => Pm([1, 2]).add(Pm([3, 4])).sum(1), ShapeError, ['Vi', 'Vj']);
});

test('errors raised inside async reductions reject the promise instead of throwing synchronously', async () => {
  let threw = false;
  let p;
  try {
    p = G().sum(3);
  } catch {
    threw = true;
  }
  assert.is(threw, false, 'sum(3) should return a rejected promise');
  await p.then(() => assert.unreachable('sum(3) resolved'), (e) => assert.instance(e, ValueError));
  await assertEngineStillWorks('a rejected promise');
});

test('many failing reductions in a row leave the engine working', async () => {
  const bad = [];
  for (let k = 0; k < 50; k++) bad.push(G().sum(k % 2 === 0 ? 2 : 1, k % 2 === 0 ? undefined : { backend: 'cuda' }).catch((e) => e));
  const errors = await Promise.all(bad);
  assert.ok(errors.every((e) => e instanceof ValueError), 'every bad call rejects with a ValueError');
  // Interleaved good and bad calls.
  const results = await Promise.all([G().sum(1), G().sum(2).catch((e) => e), G().sum(1, { backend: 'oracle' })]);
  assert.instance(results[1], ValueError);
  for (let i = 0; i < N; i++) assert.ok(Math.abs(results[0].data[i] - results[2].data[i]) <= 1e-12 * M, `row ${i}`);
  await assertEngineStillWorks('50 rejected reductions');
});

test.run();
