// Reductions that stream through the engine heap in blocks (a small configure({ blockBytes }),
// src/engine/blocked-reduce.ts) while other reductions run on the same engine: those allocate
// between the blocks, the wasm memory grows, and a view of the old buffer would be detached
// (a TypeError, or writes lost without one). Each result is checked against the float64
// oracle, and the engine must have streamed them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, configure, engineInfo, MemoryLimitError } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng } from './helpers/random.mjs';
import { findMismatch, describeMismatch } from './helpers/compare.mjs';

function cloud(rng, n, d, Arr) {
  return tensor(Arr.from({ length: n * d }, () => rng.uniform(-1, 1)), [n, d]);
}

test('concurrent reductions streamed in blocks, with the heap growing under them, agree with the oracle', async () => {
  const info = await engineInfo();
  // Every thread's scratch (under 150 KiB here) within half of the budget, the inputs over it.
  const blockBytes = Math.max(2 ** 19, 2 ** Math.ceil(Math.log2((info.threads + 1) * 2 ** 19)));
  configure({ blockBytes, rowLanes: 'never' });
  try {
    const engine = await getWasmEngine();
    const streamedBefore = engine.stats.streamed;
    const rng = new Rng(20261207);
    const jobs = [];
    for (let k = 0; k < 8; k++) {
      const Arr = k % 2 ? Float64Array : Float32Array;
      const D = 4 + (k % 3);
      const M = Math.ceil((blockBytes * (1.1 + 0.1 * k)) / (D * Arr.BYTES_PER_ELEMENT));
      const N = 1 + (k % 3);
      const X = cloud(rng, N, D, Arr);
      const Y = cloud(rng, M, D, Arr);
      const B = tensor(Arr.from({ length: M }, () => rng.uniform(0.1, 1)), [M, 1]);
      const D2 = Vi(X).sqdist(Vj(Y)).mul(-0.2);
      const [F, run] = k % 4 === 3 ? [D2, (o) => D2.argmax(1, o)] : k % 4 === 2 ? [D2, (o) => D2.logsumexp(1, o)] : [D2.exp().mul(Vj(B)), (o) => D2.exp().mul(Vj(B)).sum(1, o)];
      jobs.push({ label: `${Arr.name} N=${N} M=${M} D=${D} ${k % 4 === 3 ? 'argmax' : k % 4 === 2 ? 'logsumexp' : 'sum'}`, F, run, rtol: Arr === Float32Array ? 2e-5 : 1e-12, promise: run(undefined) });
    }
    const results = await Promise.allSettled(jobs.map((j) => j.promise));
    for (const [k, r] of results.entries()) {
      const j = jobs[k];
      assert.is(r.status, 'fulfilled', `${j.label}: ${r.reason?.constructor?.name}: ${r.reason?.message}`);
      const ref = await j.run({ backend: 'oracle' });
      if (j.label.endsWith('argmax')) {
        // float64 (k odd): no ties between distinct random points
        assert.equal(Array.from(r.value.data), Array.from(ref.data), `${j.label}: indices`);
        continue;
      }
      const m = findMismatch(r.value, ref, { rtol: j.rtol, atol: j.rtol });
      assert.ok(!m, m ? describeMismatch(m, r.value, ref, j.label) : '');
    }
    assert.ok(engine.stats.streamed - streamedBefore >= jobs.length, `${engine.stats.streamed - streamedBefore} of ${jobs.length} reductions streamed`);
  } finally {
    configure({ blockBytes: 2 ** 30, rowLanes: info.rowLanes });
  }
});

test('the smallest blockBytes does not fail the engine start: small reductions run, one whose blocks cannot fit is refused for itself', async () => {
  const info = await engineInfo();
  const X = tensor(Float32Array.of(0, 0, 1, 1, 3, 3), [3, 2]);
  const Y = tensor(Float32Array.of(2.9, 3, 0.1, 0, 1, 1.2, 5, 5), [4, 2]);
  try {
    // 64 KiB, the smallest budget configure() takes (the engine's warm-up must not make the
    // start fail); scratch comes on top of it, so small reductions still run.
    configure({ blockBytes: 65536, threads: 1 });
    const idx = await Vi(X).sqdist(Vj(Y)).argmin(1);
    assert.equal(Array.from(idx.data), [1, 2, 0]);
    // 4000-dimensional j-points: even one tile of columns (8 MB) is more than the budget.
    const wide = tensor(new Float64Array(300 * 4000).fill(0.5), [300, 4000]);
    const rows = tensor(new Float64Array(2 * 4000).fill(0.25), [2, 4000]);
    try {
      await Vi(rows).sqdist(Vj(wide)).sum(1);
      assert.unreachable('a tile of 4000-dimensional columns does not fit in 64 KiB');
    } catch (error) {
      assert.instance(error, MemoryLimitError);
      assert.match(error.message, /^SUM reduction: even one block/);
    }
    // ... and the engine still serves the next call.
    assert.equal(Array.from((await Vi(X).sqdist(Vj(Y)).argmin(1)).data), [1, 2, 0]);
  } finally {
    configure({ blockBytes: 2 ** 30, threads: info.threads });
  }
});

test.run();
