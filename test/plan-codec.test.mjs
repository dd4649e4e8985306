// A reduction plan serialised (encodePlan: JSON text plus typed-array buffers), shipped (every
// buffer copied into a fresh ArrayBuffer, nothing shared with the original tensors) and rebuilt
// (decodePlan) runs with bitwise the same result as the original: over random formulas (the
// generator of test/helpers/random-formulas.mjs, every reduction kind in turn) and, explicitly,
// over every kind of REDUCTIONS on both axes and both dtypes, with odd sizes, constants JSON
// cannot write, a parameter given as a number, one tensor as both Vi and Vj, block-sparse
// ranges and the worker pool. The encoded form is plain data, re-encoding is stable, and bad
// input to decodePlan is a ValueError naming the field at fault.
// "Bitwise" is byte for byte (signed zeros and NaN payloads count), except that on the oracle a
// NaN matches any NaN (see assertSameBits: the oracle's NaN payloads vary between two runs of
// one plan).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Vi, Vj, Pm, tensor, configure, ValueError, LazyKernelError } from '../build/src/index.js';
import { buildPlan, PLAN_FORMAT_VERSION } from '../build/src/plan/reduction-plan.js';
import { encodePlan, decodePlan } from '../build/src/plan/plan-codec.js';
import { runPlan, dispatchCounts } from '../build/src/dispatch/dispatcher.js';
import { REDUCTIONS as KINDS, TILE } from '../build/src/tape/opcodes.js';
import { formulaToString } from '../build/src/formula/print.js';
import { Rng } from './helpers/random.mjs';
import { MAX_DEPTH, makeGenerator, categories } from './helpers/random-formulas.mjs';

// PLAN_CODEC_SEED=<n> reruns the random part with another seed.
const SEED = Number(process.env.PLAN_CODEC_SEED ?? 0x5eed0c0d);
const RANDOM_CASES = 1300; // about 4 s on 2 cores
const ORACLE_EVERY = 4; // one random case in 4 also runs on the oracle

const AUX_KINDS = new Set(['LOGSUMEXP_WEIGHT', 'SUMSOFTMAXWEIGHT']);
const K_KINDS = new Set(['KMIN', 'ARGKMIN', 'KMIN_ARGKMIN']);

// Leave the engine as the test run's environment asked for it (the pool test changes it).
test.after(() => configure({
  threads: Number(process.env.LAZYKERNEL_THREADS) || 2,
  poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6),
}));

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

const bytes = (x) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

/** The encoded plan as another machine receives it: the JSON text and fresh copies of the buffers. */
function ship(encoded) {
  return { json: String(encoded.json), buffers: encoded.buffers.map((b) => b.slice()) };
}

/**
 * Both arrays hold the same bytes (signed zeros and NaN payloads included). With `anyNaN`, a NaN
 * matches any NaN: the oracle (float64 JavaScript) does not keep NaN payloads from one run of a
 * plan to the next (V8's tiers canonicalise them or not; two runs of the very same plan have been
 * seen to give 0x7ffc... and 0x7ff8...), so only there are NaN bits not compared.
 */
function assertSameBits(a, b, label, { anyNaN = false } = {}) {
  assert.ok(a !== null && b !== null, `${label}: missing array`);
  assert.is(b.constructor, a.constructor, `${label}: array type`);
  assert.is(b.length, a.length, `${label}: length`);
  const [x, y] = [bytes(a), bytes(b)];
  const w = a.BYTES_PER_ELEMENT;
  for (let e = 0; e < a.length; e++) {
    if (anyNaN && Number.isNaN(a[e]) && Number.isNaN(b[e])) continue;
    for (let k = e * w; k < (e + 1) * w; k++) {
      if (x[k] !== y[k]) {
        const show = (v) => (Object.is(v, -0) ? '-0' : String(v));
        assert.unreachable(`${label}: element ${e} differs: ${show(a[e])} before encoding, ${show(b[e])} after decoding (byte ${k})`);
      }
    }
  }
}

/** Two outputs of runPlan are bitwise equal: values and indices, shapes and nulls. */
function assertSameOutput(before, after, label, options) {
  for (const which of ['values', 'indices']) {
    const [a, b] = [before[which], after[which]];
    assert.is(b === null, a === null, `${label}: ${which} present before and after`);
    if (a === null) continue;
    assert.equal(b.shape, a.shape, `${label}: ${which} shape`);
    assert.is(b.dtype, a.dtype, `${label}: ${which} dtype`);
    assertSameBits(a.data, b.data, `${label}: ${which}`, options);
  }
}

/** The encoded form is plain data: the JSON names its format and version, the buffers are typed arrays only. */
function assertPlainData(encoded, plan, label) {
  assert.type(encoded.json, 'string', `${label}: json is a string`);
  const doc = JSON.parse(encoded.json);
  assert.is(doc.format, 'lazykernel.reduction-plan', `${label}: format`);
  assert.is(doc.version, 1, `${label}: version`);
  assert.is(PLAN_FORMAT_VERSION, 1, 'PLAN_FORMAT_VERSION');
  assert.is(JSON.stringify(doc), encoded.json, `${label}: the JSON text is plain JSON (parse and stringify give it back)`);
  assert.ok(Array.isArray(encoded.buffers), `${label}: buffers is an array`);
  for (const [k, b] of encoded.buffers.entries()) {
    assert.ok(b instanceof Float32Array || b instanceof Float64Array || b instanceof Int32Array, `${label}: buffers[${k}] is a Float32Array, Float64Array or Int32Array, received ${b?.constructor?.name}`);
  }
  // One buffer per input, six more for block-sparse ranges.
  assert.is(encoded.buffers.length, plan.inputs.length + (plan.ranges ? 6 : 0), `${label}: number of buffers`);
  assert.is(doc.ranges === null, plan.ranges === null, `${label}: ranges in the JSON`);
  if (doc.ranges) for (const b of doc.ranges) assert.instance(encoded.buffers[b], Int32Array, `${label}: ranges buffer ${b}`);
}

/** The decoded plan describes the same reduction as the original, over new tensors. */
function assertSamePlan(plan, decoded, label) {
  for (const field of ['version', 'key', 'kind', 'axis', 'k', 'nI', 'nJ', 'dtype', 'backend']) {
    assert.is(decoded[field], plan[field], `${label}: decoded ${field}`);
  }
  assert.equal(decoded.outputShape, plan.outputShape, `${label}: decoded outputShape`);
  assert.is(decoded.aux === null, plan.aux === null, `${label}: decoded aux`);
  assert.is(decoded.inputs.length, plan.inputs.length, `${label}: decoded inputs`);
  decoded.inputs.forEach((input, s) => {
    const orig = plan.inputs[s];
    assert.is(input.category, orig.category, `${label}: inputs[${s}].category`);
    assert.equal(input.shape, orig.shape, `${label}: inputs[${s}].shape`);
    assert.is(input.dtype, orig.dtype, `${label}: inputs[${s}].dtype`);
    assert.ok(!plan.inputs.some((o) => o.tensor === input.tensor || o.tensor.data.buffer === input.tensor.data.buffer), `${label}: decoded inputs[${s}] shares its tensor or memory with the original plan`);
    assertSameBits(orig.tensor.data, input.tensor.data, `${label}: inputs[${s}] data`);
  });
  assert.is(decoded.ranges === null, plan.ranges === null, `${label}: decoded ranges`);
  if (plan.ranges) plan.ranges.forEach((r, k) => assertSameBits(r, decoded.ranges[k], `${label}: ranges[${k}]`));
}

const ADAPTER = { wasm: 'wasm', oracle: 'oracle' };

/** Runs `plan`, encodes, ships, decodes and reruns it; everything must agree bitwise. Returns the output. */
async function roundTrip(plan, label) {
  const adapter = ADAPTER[plan.backend];
  const runs0 = dispatchCounts[adapter];
  const before = await runPlan(plan);
  const encoded = encodePlan(plan);
  assertPlainData(encoded, plan, label);
  const shipped = ship(encoded);
  shipped.buffers.forEach((b, k) => assert.ok(b.buffer !== encoded.buffers[k].buffer, `${label}: shipped buffer ${k} is a copy`));
  const decoded = decodePlan(shipped);
  assertSamePlan(plan, decoded, label);
  const again = encodePlan(decoded);
  assert.is(again.json, encoded.json, `${label}: encodePlan(decodePlan(e)).json === e.json`);
  assert.is(again.buffers.length, encoded.buffers.length, `${label}: re-encoded buffers`);
  again.buffers.forEach((b, k) => assertSameBits(encoded.buffers[k], b, `${label}: re-encoded buffers[${k}]`));
  const after = await runPlan(decoded);
  assert.is(dispatchCounts[adapter], runs0 + 2, `${label}: both runs went to the ${adapter} adapter`);
  assertSameOutput(before, after, label, { anyNaN: plan.backend === 'oracle' });
  return before;
}

const kTag = (k) => (k ? ` K=${k}` : '');

// ------------------------------------------------------------------------------------------------
// 1. Random formulas, every reduction kind in turn
// ------------------------------------------------------------------------------------------------

test(`${RANDOM_CASES} random formulas (every reduction kind in turn, both axes and dtypes): the decoded plan runs bitwise like the original on wasm (and on the oracle for 1 in ${ORACLE_EVERY})`, async () => {
  const rng = new Rng(SEED);
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let oracleCases = 0;
  let drawn = 0;
  let cases = 0;
  while (cases < RANDOM_CASES) {
    assert.ok(drawn < 2 * RANDOM_CASES, `seed ${SEED}: only ${cases} of ${drawn} drawn formulas had both a Vi and a Vj`);
    const caseSeed = Math.floor(rng.next() * 4294967296);
    const crng = new Rng(caseSeed);
    drawn++;
    const kind = KINDS[cases % KINDS.length];
    let N = 1 + Math.floor(69 * crng.next() ** 2);
    let M = 1 + Math.floor(69 * crng.next() ** 2);
    const dtype = crng.bool() ? 'float32' : 'float64';
    const range = crng.bool(0.6) ? [0.5, 1.5] : [-1.5, 1.5];
    const axis = crng.bool() ? 1 : 0;
    if (crng.bool(0.05)) {
      const wide = TILE + crng.int(-3, 5);
      const few = crng.int(1, 4);
      [N, M] = axis === 1 ? [few, wide] : [wide, few];
    }
    const nCols = axis === 1 ? M : N;
    const gen = makeGenerator(crng, N, M, dtype, range);
    let formula = null;
    let aux = null;
    for (let attempt = 0; attempt < 10 && formula === null; attempt++) {
      const f = gen(crng.int(1, MAX_DEPTH), AUX_KINDS.has(kind) ? 1 : crng.pick([1, 1, 1, 2, 3]));
      const a = AUX_KINDS.has(kind) ? gen(crng.int(1, MAX_DEPTH), kind === 'SUMSOFTMAXWEIGHT' ? crng.pick([2, 3]) : crng.pick([1, 1, 2])) : null;
      const cats = new Set([...categories(f), ...(a ? categories(a) : [])]);
      if (cats.has('i') && cats.has('j')) [formula, aux] = [f, a];
    }
    if (formula === null) continue;
    const k = K_KINDS.has(kind) ? crng.pick([1, 3, nCols, nCols + 2]) : 0;
    cases++;
    byKind[kind]++;
    const backends = cases % ORACLE_EVERY === 0 ? ['wasm', 'oracle'] : ['wasm'];
    for (const backend of backends) {
      const label = `seed ${SEED}, case seed ${caseSeed} (#${cases}): ${kind}(${axis})${kTag(k)} ${backend} ${dtype} N=${N} M=${M} formula ${formulaToString(formula)}${aux ? ` aux ${formulaToString(aux)}` : ''}`;
      const plan = buildPlan({ formula, aux, kind, axis, k, backend }, 'plan-codec test');
      const out = await roundTrip(plan, label);
      assert.equal((out.values ?? out.indices).shape, plan.outputShape, `${label}: output shape`);
      if (backend === 'oracle') oracleCases++;
    }
  }
  console.log(`  plan codec, random formulas (seed ${SEED}): ${cases} cases on wasm, ${oracleCases} also on the oracle (${drawn - cases} cases drawn without a Vi or a Vj in 10 tries); by kind: ${Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const kind of KINDS) assert.ok(byKind[kind] > 0, `no random case for ${kind}`);
});

// ------------------------------------------------------------------------------------------------
// 2. Every reduction kind, explicitly
// ------------------------------------------------------------------------------------------------

function cloud(rng, n, d, dtype) {
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(-1, 1);
  return tensor(data, [n, d]);
}

/** KeOps's 6-tuple for row clusters `ri`, column clusters `rj` and a keep[ci][cj] matrix (as in test/ranges.test.mjs). */
function rangesFromBlocks(ri, rj, keep) {
  const slicesI = [], redJ = [], slicesJ = [], redI = [];
  ri.forEach((_, a) => { rj.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
  rj.forEach((_, b) => { ri.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
  const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
  const list = (s) => tensor(Int32Array.from(s), [s.length]);
  return [pairs(ri), list(slicesI), pairs(redJ), pairs(rj), list(slicesJ), pairs(redI)];
}

/**
 * The formulas of the explicit cases, for one dtype:
 * - 'N=1, M=257, constants': a kernel with the constants JSON cannot write (NaN, Infinity,
 *   -Infinity, -0), each of which changes the result if it is lost, and Pm(0.5) (a parameter
 *   given as a number, which adopts the formula's dtype);
 * - 'one tensor as Vi and Vj, block-sparse': Vi(X) and Vj(X) of the same X, with ranges
 *   (clusters of odd sizes, an empty one, rows in no cluster).
 */
function explicitCases(dtype) {
  const rng = new Rng(dtype === 'float32' ? 11 : 12);
  const cases = [];
  {
    const [N, M] = [1, TILE + 1];
    const X = cloud(rng, N, 3, dtype), Y = cloud(rng, M, 3, dtype);
    const A = cloud(rng, N, 3, dtype), B = cloud(rng, M, 3, dtype);
    const D = Vi(X).sqdist(Vj(Y));
    // Each constant changes the result if it is lost or altered: Math.PI / 7 needs all 17
    // digits; exp(1 / ((D + 1) * -0)) is exp(-Infinity) = 0 (exp(+Infinity) with +0); where
    // y0 < -0.8, 0 * D + Infinity - Infinity is NaN (0 in float64 with +-1e308, +-Infinity with
    // one of them finite); where y1 < -0.8, the constant NaN.
    const rare = (c) => Vj(Y).elem(c).add(0.8); // negative for about 1 column in 10
    const F = D.mul(Pm(0.5)).mul(Math.PI / 7)
      .add(D.add(1).mul(-0).inv().exp())
      .add(rare(0).ifelse(0, D.mul(0).add(Infinity).add(-Infinity)))
      .add(rare(1).ifelse(0, NaN));
    cases.push({
      name: 'N=1, M=257, constants NaN, Infinity, -Infinity, -0, Pm(0.5)',
      formula: F.node,
      weight: Vi(A).elem(1).mul(Vj(B).elem(2)).exp().node,
      value: Vi(A).add(Vj(B)).node,
      ranges: null,
      N, M,
      constants: ['"NaN"', '"Infinity"', '"-Infinity"', '"-0"'],
    });
  }
  {
    const N = 41;
    const X = cloud(rng, N, 2, dtype), A = cloud(rng, N, 3, dtype);
    const F = Vi(X).sqdist(Vj(X)).mul(-2).add(Vi(X).elem(0));
    const R = [[0, 7], [7, 7], [7, 20], [20, 38]]; // rows 38..40 in no cluster
    const keep = [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 1, 0], [1, 1, 0, 1]];
    cases.push({
      name: 'one tensor as Vi and Vj (N=M=41), block-sparse ranges',
      formula: F.node,
      weight: Vj(X).elem(1).exp().node,
      value: Vi(A).mul(Vj(A)).node,
      ranges: rangesFromBlocks(R, R, keep),
      N, M: N,
      constants: [],
      sameTensor: X,
    });
  }
  return cases;
}

/** The plans of one explicit case for one kind and axis: K = 3 and K past the reduced columns for the K-min kinds. */
function explicitPlans(c, kind, axis, backend) {
  const nCols = axis === 1 ? c.M : c.N;
  const ks = K_KINDS.has(kind) ? [3, nCols + 2] : [0];
  const aux = kind === 'LOGSUMEXP_WEIGHT' ? c.weight : kind === 'SUMSOFTMAXWEIGHT' ? c.value : null;
  return ks.map((k) => ({
    k,
    plan: buildPlan({ formula: c.formula, aux, kind, axis, k, backend, ranges: c.ranges ?? undefined }, 'plan-codec test'),
  }));
}

test('every reduction kind of REDUCTIONS, both axes, float32 and float64, wasm and oracle: odd sizes, constants JSON cannot write, Pm(0.5), one tensor as Vi and Vj, block-sparse ranges', async () => {
  assert.ok(KINDS.length >= 13, `REDUCTIONS lists ${KINDS.length} kinds`);
  const covered = new Set();
  let plans = 0;
  for (const dtype of ['float32', 'float64']) {
    for (const c of explicitCases(dtype)) {
      for (const kind of KINDS) {
        for (const axis of [0, 1]) {
          for (const backend of ['wasm', 'oracle']) {
            for (const { k, plan } of explicitPlans(c, kind, axis, backend)) {
              const label = `${c.name}: ${kind}(${axis})${kTag(k)} ${dtype} ${backend}`;
              assert.is(plan.dtype, dtype, `${label}: plan dtype`);
              const encoded = encodePlan(plan);
              const doc = JSON.parse(encoded.json);
              for (const text of c.constants) assert.ok(encoded.json.includes(text), `${label}: the encoded formula holds the constant ${text}`);
              if (c.constants.length) {
                // Pm(0.5): a float64 number that adopts the formula's dtype, and says so.
                const flexible = doc.inputs.filter((input) => input.flexible === true);
                assert.is(flexible.length, 1, `${label}: one flexible parameter in the JSON`);
                assert.is(flexible[0].dtype, 'float64', `${label}: Pm(0.5) is stored as float64`);
              }
              if (c.sameTensor) assert.is(plan.inputs.filter((input) => input.tensor === c.sameTensor).length, 2, `${label}: X is both the Vi and the Vj input`);
              const out = await roundTrip(plan, label);
              // (The oracle computes in float64 whatever the plan's dtype.)
              if (out.values) assert.is(out.values.dtype, backend === 'wasm' ? dtype : 'float64', `${label}: values dtype`);
              covered.add(kind);
              plans++;
            }
          }
        }
      }
    }
  }
  assert.equal(KINDS.filter((k) => !covered.has(k)), [], 'reduction kinds not covered');
  // 13 kinds (3 with two K), 2 axes, 2 backends, 2 cases, 2 dtypes.
  assert.is(plans, (KINDS.length + [...K_KINDS].length) * 16, 'number of plans');
});

test('the constants really reach the result: NaN where the ifelse branch is taken, -0 makes exp(1 / (x * -0)) vanish', async () => {
  // A check that the explicit case's formula is not degenerate (the round trip of a formula
  // whose constants do not matter would prove little).
  const [c] = explicitCases('float64');
  const out = await runPlan(buildPlan({ formula: c.formula, kind: 'SUM', axis: 0, backend: 'oracle' }, 'test'));
  const values = Array.from(out.values.data);
  assert.ok(values.some(Number.isNaN) && values.some(Number.isFinite), `SUM over i (N=1) has NaN and finite entries: ${values.slice(0, 8)}`);
});

test('a float32 formula with Pm(0.5) decodes as float32 (the parameter adapts again), and float64 input data is not float32', async () => {
  const rng = new Rng(21);
  const X = cloud(rng, 5, 2, 'float32'), Y = cloud(rng, 9, 2, 'float32');
  const F = Vi(X).sqdist(Vj(Y)).mul(Pm(0.5)).neg().exp();
  const plan = buildPlan({ formula: F.node, kind: 'SUM', axis: 1, backend: 'wasm' }, 'test');
  assert.is(plan.dtype, 'float32');
  const decoded = decodePlan(ship(encodePlan(plan)));
  assert.is(decoded.dtype, 'float32', 'decoded dtype');
  assert.equal(decoded.inputs.map((i) => i.dtype), ['float32', 'float32', 'float64'], 'decoded input dtypes');
  const out = await runPlan(decoded);
  assert.instance(out.values.data, Float32Array, 'decoded values are float32');
  await roundTrip(plan, 'Pm(0.5) in float32');
});

test('on the worker pool (threads 2, every reduction pooled), every kind round-trips bitwise', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  try {
    for (const dtype of ['float32', 'float64']) {
      for (const c of explicitCases(dtype)) {
        for (const kind of KINDS) {
          const axis = kind.length % 2; // both axes over the kinds
          for (const { k, plan } of explicitPlans(c, kind, axis, 'wasm')) {
            await roundTrip(plan, `pool: ${c.name}: ${kind}(${axis})${kTag(k)} ${dtype}`);
          }
        }
      }
    }
  } finally {
    configure({
      threads: Number(process.env.LAZYKERNEL_THREADS) || 2,
      poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6),
    });
  }
});

// ------------------------------------------------------------------------------------------------
// 3./4. The encoded form, and bad input to decodePlan
// ------------------------------------------------------------------------------------------------

function basePlans() {
  const rng = new Rng(31);
  const X = cloud(rng, 6, 2, 'float64'), Y = cloud(rng, 7, 2, 'float64');
  const dense = buildPlan({ formula: Vi(X).sqdist(Vj(Y)).add(1).node, kind: 'SUM', axis: 1, backend: 'wasm' }, 'test');
  const ranges = rangesFromBlocks([[0, 2], [2, 6]], [[0, 3], [3, 7]], [[1, 0], [1, 1]]);
  const sparse = buildPlan({ formula: Vi(X).sqdist(Vj(Y)).node, kind: 'MIN_ARGMIN', axis: 0, backend: 'wasm', ranges }, 'test');
  return { dense: encodePlan(dense), sparse: encodePlan(sparse) };
}

test('the encoded form is plain data: format lazykernel.reduction-plan, version 1, typed-array buffers only', () => {
  const { dense, sparse } = basePlans();
  for (const [name, e] of [['dense', dense], ['sparse', sparse]]) {
    const doc = JSON.parse(e.json);
    assert.is(doc.format, 'lazykernel.reduction-plan', `${name}: format`);
    assert.is(doc.version, 1, `${name}: version`);
    assert.ok(e.buffers.every((b) => ArrayBuffer.isView(b) && !(b instanceof DataView)), `${name}: buffers are typed arrays`);
    // structuredClone is what postMessage does: the form survives it and still decodes.
    const cloned = structuredClone(e);
    assert.is(decodePlan(cloned).key, decodePlan(e).key, `${name}: decodes after structuredClone`);
  }
  assert.is(JSON.parse(sparse.json).ranges.length, 6, 'six ranges buffers');
  assert.is(JSON.parse(dense.json).ranges, null, 'dense: ranges null');
});

/** `encoded` with its JSON changed by `edit(doc)` and/or other buffers. */
function tamper(encoded, edit = () => {}, buffers = encoded.buffers) {
  const doc = JSON.parse(encoded.json);
  edit(doc);
  return { json: JSON.stringify(doc), buffers };
}

function expectValueError(label, make, words) {
  const input = make();
  let error = null;
  try {
    decodePlan(input);
  } catch (e) {
    error = e;
  }
  assert.ok(error !== null, `${label}: decodePlan accepted it`);
  assert.instance(error, ValueError, `${label}: expected a ValueError, received ${error?.constructor?.name}: ${error?.message}`);
  assert.instance(error, LazyKernelError, `${label}: a LazyKernelError`);
  assert.is(error.name, 'ValueError', `${label}: error.name`);
  for (const w of ['decodePlan', ...words]) {
    assert.ok(error.message.includes(w), `${label}: the message "${error.message}" should name "${w}"`);
  }
}

const { dense: DENSE, sparse: SPARSE } = basePlans();
const DENSE_DOC = JSON.parse(DENSE.json);
const SQDIST = DENSE_DOC.nodes.findIndex((n) => n.op === 'SqDist');
const ADD = DENSE_DOC.nodes.findIndex((n) => n.op === 'Add');

test('the untampered base plans decode (so that each bad input below fails for its own reason)', () => {
  assert.ok(SQDIST >= 0 && ADD > SQDIST, 'base plan nodes');
  decodePlan(ship(DENSE));
  decodePlan(ship(SPARSE));
});

const BAD = [
  ['wrong format', () => tamper(DENSE, (d) => { d.format = 'lazykernel.other-plan'; }), ['format', 'lazykernel.other-plan']],
  ['version 2', () => tamper(DENSE, (d) => { d.version = 2; }), ['version', '2']],
  ['an unknown op name', () => tamper(DENSE, (d) => { d.nodes[SQDIST].op = 'NoSuchOp'; }), [`nodes[${SQDIST}]`, 'NoSuchOp']],
  ["a node whose dim disagrees with its op's dimension rule", () => tamper(DENSE, (d) => { d.nodes[SQDIST].dim = 2; }), [`nodes[${SQDIST}]`, 'SqDist']],
  ['a node whose args point forward', () => tamper(DENSE, (d) => { d.nodes[SQDIST].args = [0, ADD]; }), [`nodes[${SQDIST}].args`]],
  ['a node whose args point to itself', () => tamper(DENSE, (d) => { d.nodes[SQDIST].args = [0, SQDIST]; }), [`nodes[${SQDIST}].args`]],
  ['a buffer of the wrong dtype', () => tamper(DENSE, undefined, [Float32Array.from(DENSE.buffers[0]), DENSE.buffers[1]]), ['inputs[0]', 'float64']],
  ['a buffer of the wrong length', () => tamper(DENSE, undefined, [DENSE.buffers[0].slice(1), DENSE.buffers[1]]), ['inputs[0]', String(DENSE.buffers[0].length)]],
  ['an input whose row count disagrees with nI', () => tamper(DENSE, (d) => { d.inputs[0].shape = [7, 2]; }, [new Float64Array(14), DENSE.buffers[1]]), ['nI']],
  ['ranges with 5 buffers', () => tamper(SPARSE, (d) => { d.ranges = d.ranges.slice(0, 5); }), ['ranges']],
  ['invalid JSON text', () => ({ json: DENSE.json.slice(0, -1), buffers: DENSE.buffers }), ['JSON']],
  ['a Const with two attrs', () => tamper(DENSE, (d) => { d.nodes.find((n) => n.op === 'Const').attrs = [1, 2]; }), [`nodes[${DENSE_DOC.nodes.findIndex((n) => n.op === 'Const')}]`, 'Const']],
];

for (const [label, make, words] of BAD) {
  test(`decodePlan: ${label} is a ValueError naming ${words.join(', ')}`, () => expectValueError(label, make, words));
}

test.run();
