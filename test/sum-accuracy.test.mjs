// sum(axis, { sumScheme, useDoubleAcc }): pykeops' accumulation options. A float32 sum built
// to lose precision in the default scheme (10^6 terms: large values that cancel exactly, in
// pairs far apart, and small ones that carry the result) is compared with the float64 oracle:
// 'kahan_scheme', 'direct_sum' and useDoubleAcc must bring the error down to the rounding of
// the float32 result, where 'block_sum' is off by far more. Then float64 data, gradients, the
// plan codec and the typed errors of the options.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, ValueError, BackendError } from '../build/src/index.js';
import { buildPlan } from '../build/src/plan/reduction-plan.js';
import { encodePlan, decodePlan } from '../build/src/plan/plan-codec.js';
import { Rng } from './helpers/random.mjs';

const M = 1_000_000;
const N = 3;

/** Float32 terms whose float32 partial sums lose the small terms' digits. */
function hardTerms(seed) {
  const rng = new Rng(seed);
  const y = new Float32Array(M);
  const half = M / 2;
  for (let j = 0; j < half; j++) {
    // A large value and its negation half the columns apart (different tiles), each with a
    // small positive term added (and rounded to float32 once): the large values cancel, the
    // exact sum is about that of the small terms, 5 10^3, while lane partial sums reach 10^4,
    // where a float32 addition rounds to 10^-3.
    const big = (rng.bool() ? 1 : -1) * rng.uniform(1000, 2000);
    y[j] = big + rng.uniform(0, 0.01);
    y[j + half] = -Math.fround(big) + rng.uniform(0, 0.01);
  }
  return y;
}

/** The reduction under test, in the two tape forms a sum takes: a sum of a product and a plain sum. */
const FORMULAS = {
  'Vi(1) * Vj(y)': (ones, zeros, Y) => Vi(ones).mul(Vj(Y)),
  'Vj(y) + Vi(0)': (ones, zeros, Y) => Vj(Y).add(Vi(zeros)),
};

test('on a float32 sum of 10^6 terms built to lose precision, kahan_scheme, direct_sum and useDoubleAcc agree with the float64 oracle to the float32 rounding of the result; block_sum does not', async () => {
  const Y = tensor(hardTerms(0x5ca1e), [M, 1]);
  const ones = tensor(new Float32Array(N).fill(1), [N, 1]);
  const zeros = tensor(new Float32Array(N), [N, 1]);
  const report = [];
  for (const [name, build] of Object.entries(FORMULAS)) {
    const F = build(ones, zeros, Y);
    const exact = (await F.sum(1, { backend: 'oracle' })).data[0];
    const ulp = 2 ** (Math.floor(Math.log2(Math.abs(exact))) - 23);
    const errorOf = async (options) => {
      const got = await F.sum(1, { backend: 'wasm', ...options });
      assert.is(got.dtype, 'float32');
      // Every row holds the same sum.
      for (const v of got.data) assert.is(v, got.data[0], `${name} ${JSON.stringify(options)}: rows differ`);
      return Math.abs(got.data[0] - exact);
    };
    const block = await errorOf({});
    assert.is(await errorOf({ sumScheme: 'block_sum' }), block, `${name}: 'block_sum' is the default`);
    assert.is(await errorOf({ sumScheme: 'auto' }), block, `${name}: 'auto' is 'block_sum'`);
    const kahan = await errorOf({ sumScheme: 'kahan_scheme' });
    const double = await errorOf({ useDoubleAcc: true });
    const direct = await errorOf({ sumScheme: 'direct_sum' });
    const both = await errorOf({ sumScheme: 'kahan_scheme', useDoubleAcc: true });
    report.push(`${name}: sum ${exact.toPrecision(8)}, float32 ulp ${ulp.toExponential(2)}; |error| block_sum ${block.toExponential(2)}, kahan_scheme ${kahan.toExponential(2)}, useDoubleAcc ${double.toExponential(2)}, direct_sum ${direct.toExponential(2)}`);
    // The data must defeat the default, or the comparison shows nothing.
    assert.ok(block > 100 * ulp, `${name}: block_sum's error ${block} should exceed 100 ulp (${100 * ulp}): the test data no longer loses precision`);
    for (const [scheme, err] of [['kahan_scheme', kahan], ['useDoubleAcc', double], ['direct_sum', direct], ['kahan_scheme + useDoubleAcc', both]]) {
      assert.ok(err <= ulp, `${name}: ${scheme}'s error ${err} should be within one float32 ulp (${ulp}) of the float64 sum`);
    }
  }
  console.log(`  sum accuracy (10^6 float32 terms):\n    ${report.join('\n    ')}`);
});

test('the schemes give the same sums on the reduction over i (axis 0) and on block-sparse ranges', async () => {
  const rng = new Rng(3);
  const n = 5000;
  const X = tensor(Float32Array.from({ length: n }, () => (rng.bool() ? 1 : -1) * rng.uniform(1000, 2000) + rng.uniform(0, 0.01)), [n, 1]);
  const ones = tensor(new Float32Array(4).fill(1), [4, 1]);
  const F = Vi(X).mul(Vj(ones));
  const exact = await F.sum(0, { backend: 'oracle' });
  for (const options of [{ sumScheme: 'kahan_scheme' }, { useDoubleAcc: true }]) {
    const got = await F.sum(0, options);
    got.data.forEach((v, k) => assert.is(v, Math.fround(exact.data[k]), `axis 0 ${JSON.stringify(options)} entry ${k}: ${v}, oracle ${exact.data[k]}`));
  }
});

test('float64 data: kahan_scheme matches the oracle closely, and useDoubleAcc changes nothing (the terms are already float64)', async () => {
  const rng = new Rng(11);
  const X = tensor(Float64Array.from({ length: 6 }, () => rng.uniform(-1, 1)), [3, 2]);
  const Y = tensor(Float64Array.from({ length: 2 * 777 }, () => rng.uniform(-1, 1)), [777, 2]);
  const F = Vi(X).sub(Vj(Y)).exp();
  const block = await F.sum(1);
  const double = await F.sum(1, { useDoubleAcc: true });
  const kahan = await F.sum(1, { sumScheme: 'kahan_scheme' });
  const ref = await F.sum(1, { backend: 'oracle' });
  assert.equal(Array.from(double.data), Array.from(block.data));
  kahan.data.forEach((v, k) => assert.ok(Math.abs(v - ref.data[k]) <= 1e-13 * Math.abs(ref.data[k]), `entry ${k}: ${v}, oracle ${ref.data[k]}`));
});

test('the gradient of a sum with a sumScheme is computed with the same scheme and matches the block_sum gradient', async () => {
  const rng = new Rng(5);
  const make = () => tensor(Float64Array.from({ length: 8 }, (_, k) => Math.sin(k + 1)), [4, 2], { requiresGrad: true });
  const Y = tensor(Float64Array.from({ length: 2 * 300 }, () => rng.uniform(-1, 1)), [300, 2]);
  const grads = [];
  for (const options of [{}, { sumScheme: 'kahan_scheme' }]) {
    const X = make();
    const out = await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, options);
    await out.sum().backward();
    grads.push(Array.from(X.grad.data));
  }
  grads[1].forEach((g, k) => assert.ok(Math.abs(g - grads[0][k]) <= 1e-12 * Math.max(1, Math.abs(g)), `entry ${k}: ${g} vs ${grads[0][k]}`));
});

test('a plan keeps its sumScheme through encodePlan / decodePlan, and decodePlan refuses an unknown one', async () => {
  const X = tensor(new Float32Array([1, 2, 3]), [3, 1]);
  const Y = tensor(new Float32Array([4, 5]), [2, 1]);
  const plan = buildPlan({ formula: Vi(X).mul(Vj(Y)).node, kind: 'SUM', axis: 1, backend: 'wasm', sumScheme: 'kahan' }, 'test');
  assert.is(plan.sumScheme, 'kahan');
  const encoded = encodePlan(plan);
  assert.is(decodePlan(encoded).sumScheme, 'kahan');
  const bad = { ...encoded, json: encoded.json.replace('"sumScheme":"kahan"', '"sumScheme":"fast"') };
  assert.throws(() => decodePlan(bad), (e) => e instanceof ValueError && e.message.includes('sumScheme'));
  // Only sums carry one.
  assert.is(buildPlan({ formula: Vi(X).mul(Vj(Y)).node, kind: 'MIN', axis: 1, backend: 'wasm', sumScheme: 'kahan' }, 'test').sumScheme, undefined);
});

test('unknown sumScheme values, a non-boolean useDoubleAcc and the options on other reductions are ValueErrors naming the option; webgpu refuses the schemes with a reason', async () => {
  const F = Vi(tensor(new Float32Array([1, 2]), [2, 1])).mul(Vj(tensor(new Float32Array([3, 4, 5]), [3, 1])));
  const rejects = async (promise, Type, words, label) => {
    try {
      await promise;
    } catch (e) {
      assert.instance(e, Type, `${label}: ${e?.name}: ${e?.message}`);
      for (const w of words) assert.ok(e.message.includes(w), `${label}: '${e.message}' should mention '${w}'`);
      return;
    }
    assert.unreachable(`${label}: resolved`);
  };
  await rejects(F.sum(1, { sumScheme: 'kahan' }), ValueError, ['options.sumScheme', "'kahan_scheme'", "'kahan'"], "sumScheme 'kahan'");
  await rejects(F.sum(1, { sumScheme: null }), ValueError, ['options.sumScheme'], 'sumScheme null');
  await rejects(F.sum(1, { useDoubleAcc: 1 }), ValueError, ['options.useDoubleAcc', 'true or false'], 'useDoubleAcc 1');
  await rejects(F.logsumexp(1, { sumScheme: 'kahan_scheme' }), ValueError, ["'sumScheme'"], 'logsumexp with sumScheme');
  await rejects(F.min(1, { useDoubleAcc: true }), ValueError, ["'useDoubleAcc'"], 'min with useDoubleAcc');
  await rejects(F.sum(1, { backend: 'webgpu', sumScheme: 'kahan_scheme' }), BackendError, ['sumScheme', 'wasm'], 'webgpu with kahan_scheme');
});

test.run();
