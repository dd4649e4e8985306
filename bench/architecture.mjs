// Before/after benchmark for issue 25 (src/api/ refactored: reductions become plans run by one
// dispatcher): the refactor must leave these numbers unchanged within noise. Two builds of the
// library (two checkouts, each with its compiled build/) are measured in the same run, alternating
// (ABBA: before, after, then after, before, ...) so that the machine's drift and other processes'
// load hit both alike. Every measurement is a fresh child process,
//   node bench/architecture.mjs --child <case> --root <dir>
// that imports <dir>/build/src/index.js by file URL (public API only) with the engine's defaults
// (threads: the core count, at most the engine's cap; engine warm-up on; LAZYKERNEL_* variables
// removed from the children's environment). Cases, float32:
//
//   first-call        import + the first reduction of a fresh process: the Gaussian kernel matvec
//                     sum_j exp(-|x_i - y_j|^2 / (2 s^2)) b_j, N = M = 1000, D = 3, s = 0.5
//                     (data and formula as in bench/latency.mjs section 1); from before the import
//                     to holding the result (the engine starts inside the first call)
//   first-call-split  the same with `await engineInfo()` between the import and the reduction:
//                     import, engine start (wasm compile, warm-up), first reduction (which starts
//                     the workers) apart
//   repeated-100      the same formula at N = M = 100 repeated on a warm engine (after
//                     `await engineInfo()` and 5000 warm-up calls): median of 3000 per-call times.
//                     The per-call time keeps falling for the first ~3000 calls of a process
//                     (JIT tier-up: medians of blocks of 200 calls go 130-200 us -> 53 us on the
//                     2-core EPYC); with 300 warm-up calls two runs of one build differed by 1.7x.
//                     Even warm, a process may spend thousands of calls in a slow state (~100 us
//                     per call for every call, p10 included; more often with 2 threads than 1):
//                     'best block', the lowest median of the blocks of 200 calls, is the fast
//                     state's cost and steadier than the median of all calls
//   gmm-501           examples/gaussian-mixture.ts as compiled in <dir>/build/examples/, run with
//                     --no-plots in a temporary folder: the wall time of its 501 Adam steps (its
//                     own trainMs; the engine starts before its clock) and its engine start
//   sinkhorn-5000     samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true,
//                     reach: null, backend: 'online' }) between two clouds of 5000 points, D = 3,
//                     data as in bench/ot-sinkhorn.mjs (X uniform in the unit cube, Y in
//                     [0.3, 0.9]^3, lcg(42)): the value alone (no requiresGrad); one warm-up call,
//                     then the median of 3 calls, each with a new loss function and new tensors
//                     (samplesLoss caches the self-transport potentials per loss function)
//   sinkhorn-5000-grad  the same with X.requiresGrad, value then value.backward() (as
//                     ot-sinkhorn.mjs times it): forward and forward + backward
//
//   node bench/architecture.mjs --before /work/before [--after .] [--rounds 5] [--quick]
//                               [--cases first-call,repeated-100,...]
//                               [--wait-idle [--idle-cores 0.15] [--idle-max 60]]
//
// --quick: 2 rounds, fewer calls (smoke run). --wait-idle: before every child, wait (at most
// --idle-max seconds, then go on) until other processes keep fewer than --idle-cores cores busy
// over 1 s; the waits go to stderr. Prints a markdown table: per metric the median
// [min - max] of the rounds for each build, the ratio after/before of the medians, and the
// spread of the per-round ratios (paired by round). Each child also reports how many cores
// other processes kept busy during its measurement (from /proc/stat).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option, flag, positiveNumber, lcg, median, machine, cpuWindow } from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const MARK = 'ARCHITECTURE-RESULT ';
const QUICK = flag('quick');

const SIGMA = 0.5;
const G = -1 / (2 * SIGMA ** 2);

// ------------------------------------------------------------------------------------------------
// cases: each runs in a child and returns { metrics: { name: value }, check: { name: value } }
// ------------------------------------------------------------------------------------------------

/** bench/latency.mjs's data: X, Y, B from one lcg(seed) sequence, uniform in [0, 1). */
function gaussianData(n, seed = 7) {
  const rand = lcg(seed);
  return { X: new Float32Array(n * 3).map(rand), Y: new Float32Array(n * 3).map(rand), B: new Float32Array(n).map(rand) };
}

function gaussianProblem(lk, n, seed) {
  const { X, Y, B } = gaussianData(n, seed);
  return { X: lk.tensor(X, [n, 3]), Y: lk.tensor(Y, [n, 3]), B: lk.tensor(B, [n, 1]) };
}

const gaussian = (lk, p) => lk.Vi(p.X).sqdist(lk.Vj(p.Y)).mul(G).exp().mul(lk.Vj(p.B)).sum(1);

function checksum(data) {
  let s = 0;
  for (let k = 0; k < data.length; k++) s += data[k];
  if (!Number.isFinite(s)) throw new Error('non-finite result');
  return s;
}

const libraryUrl = (root) => pathToFileURL(join(root, 'build/src/index.js')).href;

const CASES = {
  'first-call': {
    about: 'fresh process: import + first reduction, N = M = 1000',
    units: { total: 'ms', import: 'ms' },
    async run(root) {
      const t0 = performance.now();
      const lk = await import(libraryUrl(root));
      const t1 = performance.now();
      const out = await gaussian(lk, gaussianProblem(lk, 1000, 7));
      const t2 = performance.now();
      return { metrics: { total: t2 - t0, import: t1 - t0 }, check: { sum: checksum(out.data) } };
    },
  },
  'first-call-split': {
    about: 'fresh process: import, await engineInfo(), first reduction, N = M = 1000',
    units: { total: 'ms', import: 'ms', 'engine start': 'ms', 'first reduction': 'ms' },
    async run(root) {
      const t0 = performance.now();
      const lk = await import(libraryUrl(root));
      const t1 = performance.now();
      const info = await lk.engineInfo();
      const t2 = performance.now();
      const out = await gaussian(lk, gaussianProblem(lk, 1000, 7));
      const t3 = performance.now();
      return {
        metrics: { total: t3 - t0, import: t1 - t0, 'engine start': t2 - t1, 'first reduction': t3 - t2 },
        check: { sum: checksum(out.data), mode: `${info.mode}, ${info.threads} threads, ${info.memory}` },
      };
    },
  },
  'repeated-100': {
    about: 'warm engine: the same formula at N = M = 100, per call; best block: the lowest median of the blocks of 200 consecutive calls',
    units: { 'median call': 'us', 'best block': 'us', 'p90 call': 'us' },
    async run(root) {
      const lk = await import(libraryUrl(root));
      await lk.engineInfo();
      const p = gaussianProblem(lk, 100, 100);
      const [warm, count] = QUICK ? [2000, 1000] : [5000, 3000];
      const BLOCK = 200;
      let out;
      for (let k = 0; k < warm; k++) out = await gaussian(lk, p);
      const times = new Float64Array(count);
      for (let k = 0; k < count; k++) {
        const s = performance.now();
        out = await gaussian(lk, p);
        times[k] = performance.now() - s;
      }
      let best = Infinity;
      for (let k = 0; k + BLOCK <= count; k += BLOCK) best = Math.min(best, median(times.subarray(k, k + BLOCK)));
      times.sort();
      const q = (f) => times[Math.min(count - 1, Math.round(f * (count - 1)))] * 1e3;
      return { metrics: { 'median call': median(times) * 1e3, 'best block': best * 1e3, 'p90 call': q(0.9) }, check: { sum: checksum(out.data), calls: count } };
    },
  },
  'gmm-501': {
    about: 'examples/gaussian-mixture.js --no-plots: 501 Adam steps (training loop only)',
    units: { 'train 501 steps': 's', 'train CPU': 's', 'engine start': 'ms' },
    async run(root) {
      const script = join(root, 'build/examples/gaussian-mixture.js');
      if (!existsSync(script)) throw new Error(`${script} is missing`);
      // The example is a script: it parses process.argv and writes out/ in the current folder.
      const dir = mkdtempSync(join(tmpdir(), 'lazykernel-architecture-'));
      try {
        process.chdir(dir);
        process.argv = [process.argv[0], script, '--no-plots', '--iterations', '501'];
        await import(pathToFileURL(script).href);
        const r = JSON.parse(readFileSync(join(dir, 'out/gaussian-mixture.json'), 'utf8'));
        if (r.iterations !== 501) throw new Error(`the example ran ${r.iterations} iterations`);
        return {
          metrics: { 'train 501 steps': r.trainMs / 1e3, 'train CPU': r.cpuMs / 1e3, 'engine start': r.engineMs },
          check: { 'loss[0]': r.loss[0], 'loss[500]': r.loss[500] },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  'sinkhorn-5000': {
    about: "samplesLoss('sinkhorn', online), N = M = 5000, D = 3, value only",
    units: { value: 's', 'value CPU': 's' },
    async run(root) {
      return sinkhorn(root, false);
    },
  },
  'sinkhorn-5000-grad': {
    about: "samplesLoss('sinkhorn', online), N = M = 5000, D = 3, value + backward()",
    units: { forward: 's', 'forward + backward': 's', 'forward + backward CPU': 's' },
    async run(root) {
      return sinkhorn(root, true);
    },
  },
};

async function sinkhorn(root, grad) {
  const lk = await import(libraryUrl(root));
  await lk.engineInfo();
  const N = 5000;
  const rand = lcg(42); // bench/ot-sinkhorn.mjs's data
  const X = Float32Array.from({ length: N * 3 }, rand);
  const Y = Float32Array.from({ length: N * 3 }, () => 0.3 + 0.6 * rand());
  const calls = QUICK ? 1 : 3;
  const forward = [];
  const total = [];
  const cpu = [];
  let value = NaN;
  let gradNorm = NaN;
  for (let k = 0; k <= calls; k++) { // call 0: warm-up
    const x = lk.tensor(X.slice(), [N, 3], { requiresGrad: grad });
    const y = lk.tensor(Y.slice(), [N, 3]);
    const loss = lk.samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true, reach: null, backend: 'online' });
    const c0 = process.cpuUsage();
    const s = performance.now();
    const v = await loss(x, y);
    const f = performance.now();
    if (grad) await v.backward();
    const e = performance.now();
    const c = process.cpuUsage(c0);
    value = v.item();
    if (grad) gradNorm = Math.sqrt(checksum(x.grad.data.map((g) => g * g)));
    if (k > 0) {
      forward.push((f - s) / 1e3);
      total.push((e - s) / 1e3);
      cpu.push((c.user + c.system) / 1e6);
    }
  }
  if (!Number.isFinite(value)) throw new Error('non-finite loss');
  return grad
    ? { metrics: { forward: median(forward), 'forward + backward': median(total), 'forward + backward CPU': median(cpu) }, check: { value, gradNorm } }
    : { metrics: { value: median(forward), 'value CPU': median(cpu) }, check: { value } };
}

// ------------------------------------------------------------------------------------------------
// child
// ------------------------------------------------------------------------------------------------

const childCase = option('child');
if (childCase !== undefined) {
  const c = CASES[childCase];
  if (!c) {
    console.error(`unknown case ${childCase}`);
    process.exit(2);
  }
  const root = resolve(option('root', '.'));
  const window = cpuWindow();
  const result = await c.run(root);
  const w = window();
  process.stdout.write(`\n${MARK}${JSON.stringify({ ...result, foreignCores: w.foreignCores, ownCores: w.ownCores })}\n`);
  process.exit(0);
}

// ------------------------------------------------------------------------------------------------
// parent
// ------------------------------------------------------------------------------------------------

const beforeRoot = option('before');
if (!beforeRoot) {
  console.error('usage: node bench/architecture.mjs --before <checkout> [--after <checkout>] [--rounds 5] [--quick] [--cases a,b] [--wait-idle]');
  process.exit(2);
}
const roots = { before: resolve(beforeRoot), after: resolve(option('after', fileURLToPath(new URL('..', import.meta.url)))) };
for (const r of Object.values(roots)) {
  if (!existsSync(join(r, 'build/src/index.js'))) {
    console.error(`${r}/build/src/index.js is missing (build that checkout first)`);
    process.exit(2);
  }
}
const ROUNDS = positiveNumber('rounds', option('rounds', QUICK ? '2' : '5'), { integer: true });
const caseNames = option('cases') ? option('cases').split(',') : Object.keys(CASES);
for (const name of caseNames) {
  if (!CASES[name]) {
    console.error(`unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
    process.exit(2);
  }
}

/** Commit, working-tree state and engine build of a checkout. */
function describeRoot(root) {
  const git = (...args) => {
    try { return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return '?'; }
  };
  let wasm = '?';
  try {
    const file = join(root, 'build/lazykernel.wasm');
    wasm = `${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)} built ${statSync(file).mtime.toISOString().replace(/\.\d+Z$/, 'Z')}`;
  } catch { /* no build */ }
  let js = '?';
  try {
    js = statSync(join(root, 'build/src/api/engine.js')).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
  } catch { /* moved by the refactor */ }
  const status = git('status', '--porcelain', '--', 'src', 'assembly', 'examples');
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: status === '?' ? '?' : status ? `${status.split('\n').length} uncommitted changes under src/ assembly/ examples/` : 'clean',
    wasm,
    js,
  };
}

const env = { ...process.env };
const removed = Object.keys(env).filter((k) => k.startsWith('LAZYKERNEL_'));
for (const k of removed) delete env[k];

function runChild(name, root) {
  const text = execFileSync(process.execPath, [SELF, '--child', name, '--root', root, ...(QUICK ? ['--quick'] : [])], {
    encoding: 'utf8', env, timeout: 600_000, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = text.split('\n').reverse().find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`child ${name} (${root}) printed no result:\n${text}`);
  return JSON.parse(line.slice(MARK.length));
}

const m = machine();
const info = { before: describeRoot(roots.before), after: describeRoot(roots.after) };
const command = `node bench/architecture.mjs ${process.argv.slice(2).join(' ')}`;
console.log(`# lazykernel before/after (issue 25): ${ROUNDS} rounds, ABBA${QUICK ? ', --quick' : ''}`);
console.log('');
console.log(`- command: \`${command}\``);
console.log(`- machine: ${m.date}, node ${m.node} (V8 ${m.v8}), ${m.platform}, ${m.cpus} x ${m.model}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const side of ['before', 'after']) {
  const d = info[side];
  console.log(`- ${side}: ${roots[side]} (commit ${d.commit}, ${d.dirty}; build/lazykernel.wasm ${d.wasm}; build/src/api/engine.js ${d.js})`);
}
if (removed.length) console.log(`- removed from the children's environment: ${removed.join(', ')}`);

const WAIT_IDLE = flag('wait-idle');
const IDLE_CORES = positiveNumber('idle-cores', option('idle-cores', '0.15'));
const IDLE_MAX = positiveNumber('idle-max', option('idle-max', '60'));
let waitedSeconds = 0;

/** With --wait-idle: waits until other processes leave the machine (this one is idle meanwhile). */
async function idleGate() {
  if (!WAIT_IDLE) return;
  const t0 = performance.now();
  for (;;) {
    const stop = cpuWindow();
    await new Promise((r) => setTimeout(r, 1000));
    const busy = stop().foreignCores;
    const waited = (performance.now() - t0) / 1e3;
    if (busy < IDLE_CORES || waited > IDLE_MAX) {
      waitedSeconds += waited;
      if (busy >= IDLE_CORES) process.stderr.write(`  gave up waiting after ${waited.toFixed(0)} s: other processes keep ${busy.toFixed(2)} cores busy\n`);
      return;
    }
    process.stderr.write(`  other processes keep ${busy.toFixed(2)} cores busy: waiting\n`);
  }
}

/** results[case][side] = list of child results, one per round. */
const results = Object.fromEntries(caseNames.map((c) => [c, { before: [], after: [] }]));
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
  for (const name of caseNames) {
    for (const side of order) {
      await idleGate();
      const r = runChild(name, roots[side]);
      results[name][side].push(r);
      const main = Object.entries(r.metrics)[0];
      process.stderr.write(`  round ${round + 1}/${ROUNDS} ${name} ${side}: ${main[0]} ${format(main[1], CASES[name].units[main[0]])} (other processes ${r.foreignCores.toFixed(2)} cores)\n`);
    }
  }
}
const elapsed = (performance.now() - started) / 1e3;

function format(v, unit) {
  if (!Number.isFinite(v)) return String(v);
  const digits = unit === 's' ? 3 : unit === 'us' ? 1 : v < 10 ? 2 : 1;
  return `${v.toFixed(digits)} ${unit}`;
}

console.log('');
console.log('| case | metric | before: median [min - max] | after: median [min - max] | after / before | per-round ratios [min - max] | rounds |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const name of caseNames) {
  const c = CASES[name];
  for (const [metric, unit] of Object.entries(c.units)) {
    const b = results[name].before.map((r) => r.metrics[metric]);
    const a = results[name].after.map((r) => r.metrics[metric]);
    const cell = (v) => `${format(median(v), unit)} [${format(Math.min(...v), unit).replace(` ${unit}`, '')} - ${format(Math.max(...v), unit)}]`;
    const ratios = a.map((x, k) => x / b[k]);
    console.log(`| ${name} | ${metric} | ${cell(b)} | ${cell(a)} | **${(median(a) / median(b)).toFixed(3)}** | ${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)} - ${Math.max(...ratios).toFixed(3)}] | ${b.length} + ${a.length} |`);
  }
}

console.log('');
console.log('Cases:');
for (const name of caseNames) console.log(`- ${name}: ${CASES[name].about}`);
console.log('');
console.log(`Other processes during the measurements (cores busy, median / max over the children; more than 0.25 makes timings unreliable on this 2-core machine):`);
for (const name of caseNames) {
  const f = (side) => results[name][side].map((r) => r.foreignCores);
  console.log(`- ${name}: before ${median(f('before')).toFixed(2)} / ${Math.max(...f('before')).toFixed(2)}, after ${median(f('after')).toFixed(2)} / ${Math.max(...f('after')).toFixed(2)}`);
}

// Results the two builds should agree on (same data, same formulas).
console.log('');
console.log('Checks (first round; before | after):');
for (const name of caseNames) {
  const b = results[name].before[0].check;
  const a = results[name].after[0].check;
  const same = JSON.stringify(b) === JSON.stringify(a);
  console.log(`- ${name}: ${JSON.stringify(b)} | ${same ? 'same' : JSON.stringify(a)}`);
}
const changed = ['before', 'after'].filter((side) => describeRoot(roots[side]).wasm !== info[side].wasm || describeRoot(roots[side]).js !== info[side].js);
console.log('');
console.log(`${ROUNDS} rounds in ${elapsed.toFixed(0)} s${WAIT_IDLE ? ` (${waitedSeconds.toFixed(0)} s of it waiting for an idle machine, --idle-cores ${IDLE_CORES})` : ''}; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}.` +
  (changed.length ? ` WARNING: the build of ${changed.join(' and ')} changed during the run.` : ''));
