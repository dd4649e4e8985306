// Every op's derivative rule (the `vjp` of its spec) against central finite differences,
// through the float64 oracle: S = sum_ij <G_i, F_ij>, dS/dA for each argument A; and the
// gradient formulas evaluated by the wasm engine against the oracle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, LazyTensor } from '../build/src/index.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { apply } from '../build/src/formula/build.js';
import { gradFormulas } from '../build/src/formula/grad.js';
import { Rng, sampleDomain } from './helpers/random.mjs';

const N = 3, M = 4;
const onesI = tensor(new Float64Array(N).fill(1), [N, 1]);
const onesJ = tensor(new Float64Array(M).fill(1), [M, 1]);
/** The formula times 1_i 1_j, so that it has both an i- and a j-variable (a shape to reduce). */
const withBothAxes = (f) => new LazyTensor(apply('Mult', [f, apply('Mult', [Vi(onesI).node, Vj(onesJ).node])]));

function randomArg(rng, rows, dim, domain) {
  const data = new Float64Array(rows * dim);
  for (let k = 0; k < data.length; k++) {
    let x = sampleDomain(rng, domain ?? 'any');
    // Keep away from kinks and poles where finite differences are meaningless.
    if (domain === 'positive') x = 0.5 + Math.abs(x) % 2;
    else if (domain === 'nonzero') x = (x < 0 ? -1 : 1) * (0.5 + Math.abs(x) % 2);
    else if (domain === 'unit') x *= 0.9; // asin, acos: away from the poles of their derivatives at +-1
    else x = Math.max(-2, Math.min(2, x));
    data[k] = x;
  }
  return tensor(data, [rows, dim]);
}

/** S = sum over i and j of <G_i, F_ij>, in float64 through the oracle. */
async function objective(formula, G) {
  const s = await withBothAxes(apply('Scalprod', [formula, Vi(G).node])).sum(1, { backend: 'oracle' });
  return Array.from(s.data).reduce((a, b) => a + b, 0);
}

for (const [name, spec] of OP_TABLE) {
  test(`the derivative rule of ${name} matches central finite differences for every argument`, async () => {
    const rng = new Rng(name.length * 7919 + 17);
    let checked = 0;
    for (const d of [1, 2, 3]) {
      const dims = spec.test.argDims(d);
      if (!dims) continue;
      for (const attrs of spec.test.attrs ?? [[]]) {
        // Argument 0 follows i, the others follow j, so both reduction directions are used.
        const tensors = dims.map((dim, k) => randomArg(rng, k === 0 ? N : M, dim, spec.test.domain?.[k]));
        const vars = tensors.map((t, k) => (k === 0 ? Vi(t) : Vj(t)).node);
        let F;
        try {
          F = apply(name, vars, attrs);
        } catch {
          continue;
        }
        const G = randomArg(rng, N, F.dim, 'any');
        const grads = gradFormulas(F, vars, Vi(G).node);
        for (let k = 0; k < vars.length; k++) {
          const axis = k === 0 ? 1 : 0; // gradient of an i-variable reduces over j, and back
          const analytic = await withBothAxes(grads[k]).sum(axis, { backend: 'oracle' });
          assert.equal(analytic.shape, tensors[k].shape, `${name} d=${d} arg ${k}: gradient shape`);
          // The same gradient formula on the wasm engine (float64) agrees with the oracle.
          const onWasm = await withBothAxes(grads[k]).sum(axis, { backend: 'wasm' });
          analytic.data.forEach((v, e) => assert.ok(Math.abs(onWasm.data[e] - v) <= 1e-12 * Math.max(1, Math.abs(v)) || (Number.isNaN(v) && Number.isNaN(onWasm.data[e])),
            `${name} d=${d} arg ${k} entry ${e}: wasm ${onWasm.data[e]}, oracle ${v}`));
          const data = tensors[k].data;
          for (let e = 0; e < data.length; e++) {
            const x0 = data[e];
            const h = 1e-6 * Math.max(1, Math.abs(x0));
            data[e] = x0 + h;
            const up = await objective(F, G);
            data[e] = x0 - h;
            const down = await objective(F, G);
            data[e] = x0;
            const fd = (up - down) / (2 * h);
            const got = analytic.data[e];
            if (spec.test.discontinuous && Math.abs(got - fd) > 1e-4 * (1 + Math.abs(fd))) continue; // a kink between x-h and x+h
            assert.ok(Math.abs(got - fd) <= 1e-6 * Math.max(1, Math.abs(fd)) + 1e-7,
              `${name} d=${d} attrs=[${attrs}] arg ${k} entry ${e}: formula ${got}, finite differences ${fd}`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 0 || spec.test.discontinuous, `${name}: nothing was checked`);
  });
}

test.run();
