// The cost around each call (issue 21, item 4): the Gaussian-mixture tutorial's Adam loop
// (examples/lib/gaussian-mixture-model.ts, N = 10^4, M = 30, 501 steps) timed per phase, and the
// first call of a new formula in a fresh process, for two builds in the same run.
//
// The loop: one child process imports both builds (two module graphs, two engines, two models
// on the same data) and interleaves their steps (before, after, after, before, ...), so that
// each pair of steps meets the same moment's load: on this shared 2-core machine that is the
// only comparison of sub-millisecond phases that holds. Phases of one step (fit()'s loop written
// out so that each piece can be timed; the same calls in the same order):
//   hostForward    zeroGrad, updateCovariances, weights, the LazyTensor formula
//   forwardCall    the logsumexp call less the engine's reduce (plan, dispatch, output wrap)
//   forwardEngine  the engine's reduce (WasmEngine.prototype.reduce wrapped: layout, wasm, pool)
//   hostLoss       mean, neg, the sparsity prior
//   backwardJS     backward() less the engine: autograd, the host ops' backward, the gradient
//                  formulas and plans
//   backwardEngine the gradient reduction in the engine
//   adam           item() and the optimiser's step
// each in wall time and in this process's CPU time (process.cpuUsage; with --threads 1, the
// default, every phase runs on this thread). Per phase: the median over steps 50-500 of each
// build, and the median of the per-step ratios after / before; then over --rounds processes.
//
// first-call: a fresh process per build (alternated ABBA), `await engineInfo()` (engine
// started), then the first reduction of an unseen formula, N = M = 1000, D = 3, float32 (the
// case of bench/latency.mjs), timed alone.
//
//   node bench/call-cost.mjs --before <checkout, built> [--after .] [--rounds 4] [--threads 1]
//        [--iterations 501] [--wait-idle [--idle-max 600]] [--json]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option, flag, positiveNumber, lcg, median, cpuWindow, waitIdle, printHeader } from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const MARK = 'CALL-COST-RESULT ';
const ITERATIONS = positiveNumber('iterations', option('iterations', '501'), { integer: true });
const THREADS = positiveNumber('threads', option('threads', '1'), { integer: true });

// ------------------------------------------------------------------------------------------------
// children
// ------------------------------------------------------------------------------------------------

/** One build's model and loop, stepped from outside: each step returns its phases (wall and CPU ms). */
async function gmmStepper(root) {
  const at = (path) => import(pathToFileURL(resolve(root, path)).href);
  const lk = await at('build/src/index.js');
  const lib = await at('build/examples/lib/gaussian-mixture-model.js');
  const { generator } = await at('build/examples/lib/random.js');
  const { WasmEngine } = await at('build/src/engine/wasm-engine.js');
  lk.configure({ threads: THREADS });
  let engineWall = 0, engineCpu = 0;
  const reduce = WasmEngine.prototype.reduce;
  WasmEngine.prototype.reduce = async function (request) {
    const w = performance.now(), c = process.cpuUsage();
    try {
      return await reduce.call(this, request);
    } finally {
      engineWall += performance.now() - w;
      const u = process.cpuUsage(c);
      engineCpu += (u.user + u.system) / 1e3;
    }
  };
  const rng = generator(1234);
  const x = lib.spiral(lib.TUTORIAL.N, rng);
  const model = new lib.GaussianMixture(lib.TUTORIAL.M, lib.TUTORIAL.sparsity, { rng });
  await lk.engineInfo();
  const optimizer = new lk.Adam([model.A, model.w], { lr: lib.TUTORIAL.lr });
  const clock = () => ({ w: performance.now(), c: process.cpuUsage(), ew: engineWall, ec: engineCpu });
  const phase = (a, b) => ({ wall: b.w - a.w - (b.ew - a.ew), cpu: (b.c.user - a.c.user + b.c.system - a.c.system) / 1e3 - (b.ec - a.ec) });
  const engine = (a, b) => ({ wall: b.ew - a.ew, cpu: b.ec - a.ec });
  const total = (a, b) => ({ wall: b.w - a.w, cpu: (b.c.user - a.c.user + b.c.system - a.c.system) / 1e3 });
  return async function step() {
    const a = clock();
    optimizer.zeroGrad();
    model.updateCovariances();
    const K = lk.Vi(x).weightedsqdist(lk.Vj(model.mu), lk.Vj(model.params.gamma)).neg();
    const weight = lk.Vj(model.weights());
    const b = clock();
    const ll = await K.logsumexp(1, { ...model.reduceOptions, weight });
    const c = clock();
    const cost = ll.mean().neg().add(model.w.softmax(0).sqrt().mean().mul(model.sparsity));
    const d = clock();
    await cost.backward();
    const e = clock();
    const loss = cost.item();
    optimizer.step();
    const f = clock();
    return {
      loss,
      phases: {
        hostForward: phase(a, b), forwardCall: phase(b, c), forwardEngine: engine(b, c), hostLoss: phase(c, d),
        backwardJS: phase(d, e), backwardEngine: engine(d, e), adam: phase(e, f), step: total(a, f),
      },
    };
  };
}

/**
 * Both builds in this one process, their steps interleaved (before, after, after, before, ...):
 * two module graphs, two engines, two models on the same data, so that each pair of steps sees
 * the same moment's load. Per phase: the median over steps 50-500 of each build, and the
 * median of the per-step ratios after / before.
 */
async function childGmmPair(roots) {
  const steppers = { before: await gmmStepper(roots[0]), after: await gmmStepper(roots[1]) };
  const records = { before: [], after: [] };
  const window = cpuWindow();
  for (let it = 0; it < ITERATIONS; it++) {
    const order = it % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    for (const which of order) records[which].push(await steppers[which]());
  }
  const otherCores = window().foreignCores;
  const from = Math.min(50, ITERATIONS >> 1);
  const names = Object.keys(records.before[0].phases);
  const metrics = {};
  for (const name of names) {
    for (const unit of ['wall', 'cpu']) {
      const a = records.before.slice(from).map((r) => r.phases[name][unit]);
      const b = records.after.slice(from).map((r) => r.phases[name][unit]);
      metrics[`${name} ${unit} us`] = { before: 1e3 * median(a), after: 1e3 * median(b), ratio: median(b.map((v, k) => v / a[k]).filter(Number.isFinite)) };
    }
  }
  const sum = (which, unit) => records[which].reduce((s, r) => s + r.phases.step[unit], 0);
  metrics['loop (sum of steps) wall ms'] = { before: sum('before', 'wall'), after: sum('after', 'wall'), ratio: sum('after', 'wall') / sum('before', 'wall') };
  metrics['loop (sum of steps) cpu ms'] = { before: sum('before', 'cpu'), after: sum('after', 'cpu'), ratio: sum('after', 'cpu') / sum('before', 'cpu') };
  return {
    metrics,
    otherCores,
    check: { before: [records.before[0].loss, records.before[ITERATIONS - 1].loss], after: [records.after[0].loss, records.after[ITERATIONS - 1].loss] },
  };
}

async function childFirstCall(root) {
  const at = (path) => import(pathToFileURL(resolve(root, path)).href);
  const lk = await at('build/src/index.js');
  lk.configure({ threads: THREADS });
  await lk.engineInfo();
  const n = 1000;
  const rand = lcg(7);
  const X = lk.tensor(new Float32Array(n * 3).map(rand), [n, 3]);
  const Y = lk.tensor(new Float32Array(n * 3).map(rand), [n, 3]);
  const B = lk.tensor(new Float32Array(n).map(rand), [n, 1]);
  const t0 = performance.now();
  const out = await lk.Vi(X).sqdist(lk.Vj(Y)).mul(-2).exp().mul(lk.Vj(B)).sum(1);
  const firstMs = performance.now() - t0;
  return { metrics: { firstMs }, check: { sum: out.data.reduce((s, v) => s + v, 0) } };
}

if (option('child')) {
  const kind = option('child');
  if (kind === 'gmm-pair') {
    console.log(MARK + JSON.stringify(await childGmmPair(option('roots').split(','))));
  } else {
    const window = cpuWindow();
    const result = await childFirstCall(option('root'));
    result.metrics.otherCores = window().foreignCores;
    console.log(MARK + JSON.stringify(result));
  }
  process.exit(0);
}

// ------------------------------------------------------------------------------------------------
// parent
// ------------------------------------------------------------------------------------------------

const before = option('before');
if (!before) {
  console.error('--before <checkout of the old commit, built> is required');
  process.exit(2);
}
const builds = { before: resolve(before), after: resolve(option('after', '.')) };
const ROUNDS = positiveNumber('rounds', option('rounds', '4'), { integer: true });

function run(args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LAZYKERNEL_')));
  const out = execFileSync(process.execPath, [SELF, ...args, '--threads', String(THREADS), '--iterations', String(ITERATIONS)], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`child ${args.join(' ')} printed no result:\n${out}`);
  return JSON.parse(line.slice(MARK.length));
}

printHeader(`call cost: Gaussian-mixture loop per phase (both builds in one process, steps interleaved) and first call (fresh processes, ABBA), before ${builds.before} vs after ${builds.after}, threads ${THREADS}, ${ROUNDS} rounds`);
const pairs = [];
const first = { before: [], after: [] };
for (let r = 0; r < ROUNDS; r++) {
  await waitIdle();
  const res = run(['--child', 'gmm-pair', '--roots', `${builds.before},${builds.after}`]);
  pairs.push(res);
  const m = res.metrics;
  console.log(`  round ${r + 1} gmm: steps before ${m['loop (sum of steps) wall ms'].before.toFixed(0)} ms, after ${m['loop (sum of steps) wall ms'].after.toFixed(0)} ms (CPU ${m['loop (sum of steps) cpu ms'].before.toFixed(0)} / ${m['loop (sum of steps) cpu ms'].after.toFixed(0)}); loss before ${res.check.before.map((v) => v.toFixed(4)).join(' -> ')}, after ${res.check.after.map((v) => v.toFixed(4)).join(' -> ')}; other processes ${res.otherCores.toFixed(2)} cores`);
  for (const which of r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
    const f = run(['--child', 'first-call', '--root', builds[which]]);
    first[which].push(f);
    console.log(`  round ${r + 1} first call ${which}: ${f.metrics.firstMs.toFixed(2)} ms; other processes ${f.metrics.otherCores.toFixed(2)} cores`);
  }
}

const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
const span = (v, f = fmt) => `${f(median(v))} [${f(Math.min(...v))} - ${f(Math.max(...v))}]`;
const ratio = (v) => v.toFixed(3);
console.log(`\n| per step: median of steps 50-${ITERATIONS - 1} in each process, then median [min - max] over ${ROUNDS} processes | before | after | after / before (median of per-step ratios) |`);
console.log('|---|---:|---:|---:|');
for (const name of Object.keys(pairs[0].metrics)) {
  const get = (k) => pairs.map((p) => p.metrics[name][k]);
  console.log(`| ${name} | ${span(get("before"))} | ${span(get("after"))} | ${span(get("ratio"), ratio)} |`);
}
const fb = first.before.map((f) => f.metrics.firstMs), fa = first.after.map((f) => f.metrics.firstMs);
console.log(`| first call of a new formula, fresh process, ms | ${span(fb)} | ${span(fa)} | ${(median(fa) / median(fb)).toFixed(2)} |`);
console.log(`\n  other processes during the loops: ${pairs.map((p) => p.otherCores.toFixed(2)).join(', ')} cores; load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (flag('json')) console.log(JSON.stringify({ pairs, first }));
