// CONCAT in place: a CONCAT of values computed on the tape does not copy, its parts computed
// straight into its slices (a part read elsewhere too keeps the block alive). The results must
// not change: checked against the float64 oracle, with nested CONCATs, a part read again later,
// and the cases that must keep the copy.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj } from '../build/src/index.js';
import { lowerFormula } from '../build/src/formula/lower.js';
import { OPCODES, INSTR_WIDTH, FLAG } from '../build/src/tape/opcodes.js';
import { Rng, randomTensor } from './helpers/random.mjs';

const rng = new Rng(11);
const X = randomTensor(rng, [37, 3], { dtype: 'float64', lo: -1, hi: 1 });
const Y = randomTensor(rng, [301, 3], { dtype: 'float64', lo: -1, hi: 1 });
const B = randomTensor(rng, [301, 2], { dtype: 'float64', lo: -1, hi: 1 });

function opcodes(lt) {
  const { tape } = lowerFormula(lt.node, null, 8, false);
  // CONCATs computed in place stay on the tape, flagged: count the ones that still copy.
  return Array.from({ length: tape.nInstr }, (_, t) => (tape.code[t * INSTR_WIDTH + 8] & FLAG.IN_PLACE ? 'CONCAT-in-place' : OPCODES[tape.code[t * INSTR_WIDTH]]));
}

const x = Vi(X), y = Vj(Y), b = Vj(B);
const a1 = x.sqdist(y).mul(-1).exp();           // a pair value
const a2 = x.sub(y).mul(b.elem(0));             // a 3-vector
const cases = {
  'two single-use parts': { f: a1.concat(a2), dropped: 1 },
  'nested': { f: a1.concat(a2).concat(x.mul(y).sin()), dropped: 2 },
  'a part also read elsewhere': { f: a1.concat(a1.mul(a2)), dropped: 1 },
  'the same part twice keeps its copy': { f: a2.concat(a2), dropped: 0 },
  'a loaded variable keeps its copy': { f: b.concat(a1), dropped: 0 },
  'a part read again after the CONCAT': { f: a1.concat(a2).mul(a1.mul(a2.sum(-1))).add(a2.sum(-1)), dropped: 1 },
};

for (const [name, { f, dropped }] of Object.entries(cases)) {
  test(`CONCAT in place: ${name}`, async () => {
    const ops = opcodes(f);
    const concats = ops.filter((o) => o === 'CONCAT').length;
    // Count the CONCAT nodes of the formula, to know how many the tape dropped.
    let nodes = 0;
    const walk = (n, seen = new Set()) => { if (seen.has(n)) return; seen.add(n); if (n.op === 'Concat') nodes++; n.args.forEach((m) => walk(m, seen)); };
    walk(f.node);
    assert.is(nodes - concats, dropped, `${nodes} Concat nodes, ${concats} CONCAT instructions: ${ops.join(' ')}`);
    for (const axis of [0, 1]) {
      const got = await f.sum(axis);
      const want = await f.sum(axis, { backend: 'oracle' });
      assert.equal(got.shape, want.shape);
      got.data.forEach((v, k) => assert.ok(Math.abs(v - want.data[k]) <= 1e-12 * (1 + Math.abs(want.data[k])), `${name} axis ${axis} entry ${k}: ${v} vs ${want.data[k]}`));
    }
  });
}

test.run();
