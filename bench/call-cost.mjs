// The cost around each call (issue 21, item 4): the Gaussian-mixture tutorial's Adam loop
// (examples/lib/gaussian-mixture-model.ts, N = 10^4, M = 30, 501 steps) timed per phase, and the
// first call of a new formula in a fresh process, for two builds in the same run. Every
// measurement is a fresh child process,
//   node bench/call-cost.mjs --child gmm|first-call --root <dir> [--threads T]
// that imports <dir>/build/... by file URL; the children alternate ABBA (before, after, after,
// before, ...) so that the host's drift and other processes' load hit both builds alike.
//
// Phases of one step (the loop of examples/lib/gaussian-mixture-model.ts's fit(), written out so
// that each piece can be timed; the same calls in the same order):
//   host forward   zeroGrad, updateCovariances, weights, the LazyTensor formula
//   forward call   the logsumexp call less the engine's reduce (plan, dispatch, output wrap)
//   forward engine the engine's reduce (WasmEngine.prototype.reduce wrapped: layout, wasm, pool)
//   host loss      mean, neg, the sparsity prior
//   backward JS    backward() less the engine: autograd, the host ops' backward, the gradient
//                  formulas and plans
//   backward engine the gradient reduction in the engine
//   Adam           item() and the optimiser's step
// Each phase is timed in wall time and in this process's CPU time (process.cpuUsage: with
// --threads 1 every phase runs on this thread, so its CPU time is the phase's own work and
// barely moves with other processes' load). Per phase: the median over steps 50-500.
//
// first-call: `await engineInfo()` (engine started), then the first reduction of an unseen
// formula, N = M = 1000, D = 3, float32 (bench/latency.mjs's case), timed alone.
//
//   node bench/call-cost.mjs --before <checkout, built> [--after .] [--rounds 4] [--threads 1]
//        [--iterations 501] [--wait-idle]
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

async function childGmm(root) {
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
  const names = ['hostForward', 'forwardCall', 'forwardEngine', 'hostLoss', 'backwardJS', 'backwardEngine', 'adam', 'step'];
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const clock = () => ({ w: performance.now(), c: process.cpuUsage(), ew: engineWall, ec: engineCpu });
  const record = (name, a, b, engine) => {
    const dc = (b.c.user - a.c.user + b.c.system - a.c.system) / 1e3;
    wall[name].push(b.w - a.w - (engine ? 0 : b.ew - a.ew));
    cpu[name].push(dc - (engine ? 0 : b.ec - a.ec));
  };
  const engineRecord = (name, a, b) => { wall[name].push(b.ew - a.ew); cpu[name].push(b.ec - a.ec); };
  const loss = new Float64Array(ITERATIONS);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let it = 0; it < ITERATIONS; it++) {
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
    loss[it] = cost.item();
    optimizer.step();
    const f = clock();
    record('hostForward', a, b);
    record('forwardCall', b, c);
    engineRecord('forwardEngine', b, c);
    record('hostLoss', c, d);
    record('backwardJS', d, e);
    engineRecord('backwardEngine', d, e);
    record('adam', e, f);
    record('step', a, f, true);
  }
  const loopMs = performance.now() - t0;
  const u = process.cpuUsage(cpu0);
  const steady = (v) => median(v.slice(Math.min(50, v.length >> 1)));
  return {
    metrics: {
      loopMs,
      loopCpuMs: (u.user + u.system) / 1e3,
      ...Object.fromEntries(names.map((n) => [`${n} wall us`, 1e3 * steady(wall[n])])),
      ...Object.fromEntries(names.map((n) => [`${n} cpu us`, 1e3 * steady(cpu[n])])),
    },
    check: { first: loss[0], last: loss[ITERATIONS - 1] },
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
  const root = option('root');
  const kind = option('child');
  const window = cpuWindow();
  const result = kind === 'gmm' ? await childGmm(root) : await childFirstCall(root);
  result.metrics.otherCores = window().foreignCores;
  console.log(MARK + JSON.stringify(result));
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

function child(kind, root) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LAZYKERNEL_')));
  const out = execFileSync(process.execPath, [SELF, '--child', kind, '--root', root, '--threads', String(THREADS), '--iterations', String(ITERATIONS)], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`child ${kind} ${root} printed no result:\n${out}`);
  return JSON.parse(line.slice(MARK.length));
}

printHeader(`call cost: Gaussian-mixture loop per phase and first call, before ${builds.before} vs after ${builds.after}, threads ${THREADS}, ${ROUNDS} rounds`);
const results = { before: { gmm: [], 'first-call': [] }, after: { gmm: [], 'first-call': [] } };
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
  for (const kind of ['gmm', 'first-call']) {
    for (const which of order) {
      await waitIdle(60);
      const res = child(kind, builds[which]);
      results[which][kind].push(res);
      const m = res.metrics;
      console.log(`  round ${r + 1} ${kind} ${which}: ${kind === 'gmm' ? `loop ${m.loopMs.toFixed(0)} ms (CPU ${m.loopCpuMs.toFixed(0)}), loss ${res.check.first.toFixed(4)} -> ${res.check.last.toFixed(4)}` : `first call ${m.firstMs.toFixed(2)} ms`}; other processes ${m.otherCores.toFixed(2)} cores`);
    }
  }
}

const metricNames = Object.keys(results.after.gmm[0].metrics);
console.log(`\n| per step (median of steps 50-${ITERATIONS - 1}, then median [min - max] over ${ROUNDS} processes) | before | after | after / before |`);
console.log('|---|---:|---:|---:|');
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
const row = (name, kind) => {
  const a = results.before[kind].map((x) => x.metrics[name]);
  const b = results.after[kind].map((x) => x.metrics[name]);
  console.log(`| ${name} | ${fmt(median(a))} [${fmt(Math.min(...a))} - ${fmt(Math.max(...a))}] | ${fmt(median(b))} [${fmt(Math.min(...b))} - ${fmt(Math.max(...b))}] | ${(median(b) / median(a)).toFixed(2)} |`);
};
for (const name of metricNames) row(name, 'gmm');
row('firstMs', 'first-call');
row('otherCores', 'first-call');
console.log(`\n  load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (flag('json')) console.log(JSON.stringify(results));
