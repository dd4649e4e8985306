// Random formulas for the WebGPU checks (test/smoke/gpu-checks.mjs): the generator, the float64
// conditioning probe and the comparison rule of test/random-formulas.test.mjs (shared through
// test/helpers/random-formulas.mjs), run with backend 'webgpu' in float32 against the oracle.
// Runs in any runtime that serves the repository as ES modules (Deno, Chromium).
import { LazyTensor } from '../../build/src/index.js';
import { OP_TABLE } from '../../build/src/formula/op-table.js';
import { formulaToString } from '../../build/src/formula/print.js';
import { Rng } from '../helpers/random.mjs';
import {
  MAX_DEPTH, REDUCTIONS, UNIT, makeGenerator, categories, compile, evaluate, runReduction, conditioning, firstBeyond, allOps,
} from '../helpers/random-formulas.mjs';

/**
 * Random float32 formulas reduced with backend 'webgpu' until `target` cases were compared (or
 * `maxCases` generated). Tolerance per element: 8 * (float64 spread of the result under
 * float32-sized roundoff of every op) + rtol * scale (sum of |terms| for sum, max |term| + 1
 * for logsumexp). Returns { compared, cases, skipped, failures, opsSeen }.
 */
export async function runRandomFormulas({ seed = 0x6a11ce, target = 300, maxCases = 700, rtol = 1e-5, maxSize = 70, log = () => {} } = {}) {
  const rng = new Rng(seed);
  const skipped = {};
  const failures = [];
  const opsSeen = new Set();
  let compared = 0;
  let cases = 0;
  const dtype = 'float32';
  while (compared < target && cases < maxCases) {
    const caseSeed = Math.floor(rng.next() * 4294967296);
    const crng = new Rng(caseSeed);
    cases++;
    let N = 1 + Math.floor((maxSize - 1) * crng.next() ** 2);
    let M = 1 + Math.floor((maxSize - 1) * crng.next() ** 2);
    const range = crng.bool(0.6) ? [0.5, 1.5] : [-1.5, 1.5];
    const reduction = crng.pick(REDUCTIONS);
    const axis = crng.bool() ? 1 : 0;
    if (crng.bool(0.05)) {
      // Around a few workgroup-wide column tiles, for few output rows.
      const wide = 128 + crng.int(-3, 5);
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
      skipped['no Vi or no Vj'] = (skipped['no Vi or no Vj'] ?? 0) + 1;
      continue;
    }
    const F = new LazyTensor(root);
    const label = `case seed ${caseSeed} (#${cases}): ${reduction}(${axis}) N=${N} M=${M} range [${range}] formula ${formulaToString(root)}`;
    const nRows = axis === 1 ? N : M;
    const nCols = axis === 1 ? M : N;
    let got;
    try {
      got = await runReduction(F, reduction, axis, { backend: 'webgpu' });
    } catch (e) {
      failures.push(`${label}: ${e?.name}: ${e?.message}`);
      continue;
    }
    const ref = await runReduction(F, reduction, axis, { backend: 'oracle' });
    const order = compile(root, axis === 0);
    const exact = evaluate(order, nRows, nCols, reduction, dtype, null);
    const noisy = [0, 1].map(() => evaluate(order, nRows, nCols, reduction, dtype, { rng: crng, u: UNIT[dtype] }));
    const { skip, tol } = conditioning(ref.data, exact, noisy, reduction, dtype, rtol);
    if (skip) {
      const reason = skip.replace(/ \(.*\)$/, '');
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    const m = firstBeyond(got.data, ref.data, tol, 'webgpu');
    if (m) failures.push(`${label}: ${m}`);
    compared++;
    for (const n of allOps(root)) opsSeen.add(n);
    if (compared % 50 === 0) log(`random formulas: ${compared} compared of ${cases}`);
  }
  return { compared, cases, skipped, failures, opsSeen: [...opsSeen], opsMissing: [...OP_TABLE.keys()].filter((k) => !opsSeen.has(k)) };
}
