// Peephole fusions of the tape builder: EXP(SUB) -> EXPSUB, DOT(v, MATVEC(G, v)) -> QUADFORM,
// NEG(QUADFORM) -> a negated QUADFORM. Each case checks that the tape holds the fused
// instruction and not the ones it replaces (or keeps them when the intermediate value is read
// elsewhere), and that the results match the float64 oracle on both axes, in float64 and
// float32, including -0 and non-finite inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { lowerFormula } from '../build/src/formula/lower.js';
import { OPCODES, INSTR_WIDTH } from '../build/src/tape/opcodes.js';
import { Rng, randomTensor } from './helpers/random.mjs';

function opcodes(lt) {
  const { tape } = lowerFormula(lt.node, null, 8, false);
  return Array.from({ length: tape.nInstr }, (_, t) => OPCODES[tape.code[t * INSTR_WIDTH]]);
}

function data(dtype, D, seed) {
  const rng = new Rng(seed);
  const opts = { dtype, lo: -1, hi: 1 };
  return {
    X: randomTensor(rng, [37, D], opts),
    Y: randomTensor(rng, [263, D], opts), // not a multiple of the tile or SIMD width
    G: randomTensor(rng, [263, D * D], opts),
    L: randomTensor(rng, [37, 1], opts),
  };
}

/** Formulas over the data, with the opcodes the tape must and must not hold. */
function cases({ X, Y, G, L }) {
  const x = Vi(X), y = Vj(Y), g = Vj(G), l = Vi(L);
  const q = x.weightedsqdist(y, g);
  const D = X.shape[1];
  return {
    'EXP(SUB) -> EXPSUB': { f: x.sqdist(y).sub(l).exp(), has: ['EXPSUB'], not: ['EXP', 'SUB'] },
    'EXP(SUB) read elsewhere keeps SUB': { f: x.sqdist(y).sub(l).exp().add(x.sqdist(y).sub(l)), has: ['EXP', 'SUB'], not: ['EXPSUB'] },
    'weighted distance -> QUADFORM': { f: q, has: ['QUADFORM'], not: ['MATVEC', 'DOT'] },
    'NEG(QUADFORM) fused': { f: q.neg().exp(), has: ['QUADFORM', 'EXP'], not: ['MATVEC', 'DOT', 'NEG'] },
    '(G v) . v, either order': { f: g.matvecmult(x.sub(y)).dot(x.sub(y)), has: ['QUADFORM'], not: ['MATVEC', 'DOT'] },
    'G v read elsewhere keeps MATVEC': { f: g.matvecmult(x.sub(y)).dot(x.sub(y)).mul(g.matvecmult(x.sub(y)).sum(-1)), has: ['MATVEC', 'DOT'], not: ['QUADFORM'] },
    'a parameter weight': { f: x.weightedsqdist(y, Pm(Array.from({ length: D * D }, (_, k) => (k % (D + 1) === 0 ? 2 : 0.25)))).neg(), has: ['QUADFORM'], not: ['MATVEC', 'NEG'] },
  };
}

function close(got, want, rtol, what) {
  assert.equal(got.shape, want.shape);
  got.data.forEach((v, k) => {
    const w = want.data[k];
    if (Number.isNaN(w) || !Number.isFinite(w)) assert.ok(Object.is(v, w) || (Number.isNaN(v) && Number.isNaN(w)), `${what} entry ${k}: ${v} vs ${w}`);
    else assert.ok(Math.abs(v - w) <= rtol * (1 + Math.abs(w)), `${what} entry ${k}: ${v} vs ${w}`);
  });
}

for (const D of [2, 3]) {
  for (const [name, { has, not }] of Object.entries(cases(data('float64', D, 1)))) {
    test(`fusion, D = ${D}: ${name}`, async () => {
      for (const dtype of ['float64', 'float32']) {
        const { f } = cases(data(dtype, D, 5 + D))[name];
        const ops = opcodes(f);
        for (const op of has) assert.ok(ops.includes(op), `${name}: ${op} expected in ${ops.join(' ')}`);
        for (const op of not) assert.not.ok(ops.includes(op), `${name}: ${op} not expected in ${ops.join(' ')}`);
        for (const axis of [0, 1]) {
          close(await f.sum(axis), await f.sum(axis, { backend: 'oracle' }), dtype === 'float64' ? 1e-12 : 2e-5, `${name} ${dtype} axis ${axis}`);
        }
      }
    });
  }
}

test('fused QUADFORM: the sign of zero and non-finite inputs as the oracle', async () => {
  // x - y = 0 gives +0 and its negation -0; a NaN, an infinite weight and an infinite point
  // propagate as in the unfused computation.
  const X = tensor(new Float64Array([0, 0, 1, 2, NaN, 0, Infinity, 1]), [4, 2]);
  const Y = tensor(new Float64Array([0, 0, 1, 2]), [2, 2]);
  const G = tensor(new Float64Array([1, 0.5, 0.5, 2, Infinity, 0, 0, 1]), [2, 4]);
  for (const f of [Vi(X).weightedsqdist(Vj(Y), Vj(G)), Vi(X).weightedsqdist(Vj(Y), Vj(G)).neg()]) {
    assert.ok(opcodes(f).includes('QUADFORM'));
    for (const reduction of ['min', 'max']) {
      const got = await f[reduction](1);
      const want = await f[reduction](1, { backend: 'oracle' });
      got.data.forEach((v, k) => assert.ok(Object.is(v, want.data[k]), `${reduction} row ${k}: ${v} vs ${want.data[k]}`));
    }
  }
});

test.run();
