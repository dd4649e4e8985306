// Property test: thousands of random formulas (random trees over the op table with Vi / Vj / Pm
// leaves and constants), random sizes, reduction, axis and dtype; the wasm engine must agree
// with the float64 oracle on the same input values (the oracle reads float32 tensors' values
// exactly and evaluates them in float64).
//
// float32 and float64 results legitimately differ by rounding, amplified by the formula's
// conditioning. Each case is therefore also evaluated twice in float64 with every op's result
// (and the arguments of ops that add up products) perturbed by a few units of roundoff of the
// case's dtype: the spread of these runs measures how much rounding the result can absorb.
// Cases whose result is ill-conditioned (a large relative spread, cancellation, a value that
// flips between NaN / Inf and finite, an intermediate outside the dtype's safe range, or a
// floor / round / mod near its jump) are not counted; all others must agree within
// 8 * spread + rtol * scale (scale: sum of |terms| for sum, max |term| for min / max / logsumexp).
// Signed zeros are not excused: 1 / (sum of -0 terms) must give the oracle's infinity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LazyTensor } from '../build/src/index.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { formulaToString } from '../build/src/formula/print.js';
import { TILE } from '../build/src/tape/opcodes.js';
import { Rng } from './helpers/random.mjs';
import { findMismatch, describeMismatch } from './helpers/compare.mjs';
import {
  MAX_DEPTH, REDUCTIONS, UNIT, makeGenerator, categories, countNodes, compile, evaluate, runReduction, conditioning, firstBeyond, allOps,
} from './helpers/random-formulas.mjs';

// RANDOM_FORMULAS_SEED=<n> reruns the property with another seed.
const SEED = Number(process.env.RANDOM_FORMULAS_SEED ?? 0x2f0a11ce);
const MIN_COMPARED = 2000;
const TARGET_COMPARED = 2300;
const MAX_CASES = 4000;
const RTOL = { float32: 1e-5, float64: 1e-11 };

test(`wasm agrees with the float64 oracle on at least ${MIN_COMPARED} random formulas (depth <= ${MAX_DEPTH}, random sizes, reductions, axes, dtypes)`, async () => {
  const rng = new Rng(SEED);
  const skipped = new Map();
  let compared = 0;
  let cases = 0;
  let totalNodes = 0;
  const opsSeen = new Set();
  const byReduction = Object.fromEntries(REDUCTIONS.map((r) => [r, 0]));
  while (compared < TARGET_COMPARED && cases < MAX_CASES) {
    const caseSeed = Math.floor(rng.next() * 4294967296);
    const crng = new Rng(caseSeed);
    cases++;
    // Sizes: mostly small, up to 70 (blocks of 32 rows are crossed); one case in 20 reduces
    // around one j-tile of the engine (TILE - 3 .. TILE + 5 columns) for few output rows.
    let N = 1 + Math.floor(69 * crng.next() ** 2);
    let M = 1 + Math.floor(69 * crng.next() ** 2);
    const dtype = crng.bool() ? 'float32' : 'float64';
    const range = crng.bool(0.6) ? [0.5, 1.5] : [-1.5, 1.5];
    const reduction = crng.pick(REDUCTIONS);
    const axis = crng.bool() ? 1 : 0;
    if (crng.bool(0.05)) {
      const wide = TILE + crng.int(-3, 5);
      const few = crng.int(1, 4);
      [N, M] = axis === 1 ? [few, wide] : [wide, few];
    }
    const gen = makeGenerator(crng, N, M, dtype, range);
    let root = null;
    for (let attempt = 0; attempt < 10 && root === null; attempt++) {
      const candidate = gen(crng.int(1, MAX_DEPTH), crng.pick([1, 1, 1, 2, 3]));
      const cats = categories(candidate);
      if (cats.has('i') && cats.has('j')) root = candidate;
    }
    if (root === null) {
      skipped.set('no Vi or no Vj', (skipped.get('no Vi or no Vj') ?? 0) + 1);
      continue;
    }
    const F = new LazyTensor(root);
    const label = `seed ${SEED}, case seed ${caseSeed} (#${cases}): ${reduction}(${axis}) ${dtype} N=${N} M=${M} range [${range}] formula ${formulaToString(root)}`;
    const nRows = axis === 1 ? N : M;
    const nCols = axis === 1 ? M : N;

    const got = await runReduction(F, reduction, axis);
    const ref = await runReduction(F, reduction, axis, { backend: 'oracle' });
    assert.is(got.dtype, dtype, `${label}: result dtype`);
    assert.equal(got.shape, ref.shape, `${label}: result shape`);

    const order = compile(root, axis === 0);
    const exact = evaluate(order, nRows, nCols, reduction, dtype, null);
    // The probe evaluates exactly what the oracle evaluates.
    const same = findMismatch(exact.values, ref.data, { rtol: 1e-14 });
    assert.ok(!same, describeMismatch(same, exact.values, ref.data, `${label}: the test's evaluator disagrees with the oracle`));
    const noisy = [0, 1].map(() => evaluate(order, nRows, nCols, reduction, dtype, { rng: crng, u: UNIT[dtype] }));
    const { skip, tol } = conditioning(ref.data, exact, noisy, reduction, dtype, RTOL[dtype]);
    if (skip) {
      const reason = skip.replace(/ \(.*\)$/, '');
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      continue;
    }
    const m = firstBeyond(got.data, ref.data, tol, 'wasm');
    assert.ok(!m, m && `${label}: ${m}`);
    compared++;
    byReduction[reduction]++;
    totalNodes += countNodes(root);
    for (const n of allOps(root)) opsSeen.add(n);
  }
  const skipText = [...skipped].map(([k, v]) => `${k}: ${v}`).join(', ');
  console.log(`  random formulas: ${cases} generated, ${compared} compared (${Object.entries(byReduction).map(([k, v]) => `${k} ${v}`).join(', ')}; ${(totalNodes / Math.max(1, compared)).toFixed(1)} nodes on average; ${opsSeen.size} of ${OP_TABLE.size} ops), skipped: ${skipText || 'none'}`);
  assert.ok(compared >= MIN_COMPARED, `only ${compared} of ${cases} random formulas could be compared (skipped: ${skipText}); at least ${MIN_COMPARED} are required`);
  const missing = [...OP_TABLE.keys()].filter((k) => !opsSeen.has(k));
  assert.equal(missing, [], `ops never exercised by a compared random formula: ${missing.join(', ')}`);
});

test.run();
