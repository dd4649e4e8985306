// Row lanes against the usual layout, for reductions over few columns (N = 10^5 rows, M columns):
// a mixture's weighted log-sum-exp, a Gaussian sum, a plain log-sum-exp and an argmin (k-means'
// assignment step), float32, D = 2, one thread. Each pair of cases runs the same reduction with
// configure({ rowLanes: 'never' }) (columns across the SIMD lanes) and 'always' (output rows
// across the lanes); their ratios choose ROW_LANES_MAX_COLS and ROW_LANES_MAX_COLS_SOFTMAX in src/engine/wasm-engine.ts.
//
//   node tools/build.mjs && node bench/row-lanes.mjs [--n 100000] [--cols 2,4,8,16,32,64,128]
import b from 'benny';
import { tensor, Vi, Vj, configure } from '../build/src/index.js';
import { option, positiveNumber, lcg, printHeader, caseStats } from './common.mjs';

const N = positiveNumber('n', option('n', '100000'), { integer: true });
const COLS = option('cols', '2,4,8,16,32,64,128').split(',').map((c) => positiveNumber('cols', c, { integer: true }));
const THREADS = positiveNumber('threads', option('threads', '1'), { integer: true });

printHeader(`Row lanes vs columns across the lanes, N = ${N}, float32, ${THREADS} thread(s)`);

const rand = lcg(11);
const x = tensor(Float32Array.from({ length: 2 * N }, rand), [N, 2]);

const rows = [];
for (const M of COLS) {
  const mu = tensor(Float32Array.from({ length: 2 * M }, rand), [M, 2]);
  const gamma = tensor(Float32Array.from({ length: 4 * M }, (_, k) => [40, 5, 5, 40][k % 4]), [M, 4]);
  const w = tensor(Float32Array.from({ length: M }, rand), [M, 1]);
  const kinds = {
    'weighted logsumexp': () => Vi(x).weightedsqdist(Vj(mu), Vj(gamma)).neg().logsumexp(1, { weight: Vj(w) }),
    'gaussian sum': () => Vi(x).sqdist(Vj(mu)).mul(-20).exp().mul(Vj(w)).sum(1),
    logsumexp: () => Vi(x).sqdist(Vj(mu)).mul(-20).logsumexp(1),
    argmin: () => Vi(x).sqdist(Vj(mu)).argmin(1),
  };
  // One suite per mode: configure() restarts the engine, so it is set between suites.
  const medians = {};
  for (const mode of ['never', 'always']) {
    configure({ threads: THREADS, rowLanes: mode, compile: 'never' });
    for (const run of Object.values(kinds)) await run(); // engine start and first calls, untimed
    const cases = Object.entries(kinds).map(([kind, run]) => b.add(`${kind} M=${M} ${mode}`, () => run()));
    const summary = await b.suite(`row lanes ${mode}, M = ${M}`, ...cases, b.configure({ cases: { minSamples: 20 } }), b.cycle(), b.complete());
    for (const kind of Object.keys(kinds)) medians[`${kind} ${mode}`] = caseStats(summary, `${kind} M=${M} ${mode}`).median;
  }
  for (const kind of Object.keys(kinds)) {
    const never = medians[`${kind} never`];
    const always = medians[`${kind} always`];
    rows.push({ M, kind, neverMs: never * 1e3, alwaysMs: always * 1e3, speedup: never / always });
  }
}

console.log('\n| M | reduction | columns across lanes (never) | row lanes (always) | speed-up |');
console.log('|---:|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.M} | ${r.kind} | ${r.neverMs.toFixed(2)} ms | ${r.alwaysMs.toFixed(2)} ms | ${r.speedup.toFixed(2)}x |`);
