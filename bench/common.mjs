// Helpers shared by the benchmarks in bench/: options, seeded data, machine description, load
// checks, a monitor of the CPU time other processes take during a measurement, and benny glue.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = new URL('..', import.meta.url);
export const RESULTS_DIR = fileURLToPath(new URL('bench/results', ROOT));
export const FUSED_WASM = fileURLToPath(new URL('build/bench/fused-gaussian.wasm', ROOT));

// ------------------------------------------------------------------------------------------------
// options
// ------------------------------------------------------------------------------------------------

export function option(name, fallback) {
  const args = process.argv.slice(2);
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === `--${name}`) return args[k + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return fallback;
}

export function flag(name) {
  return process.argv.slice(2).includes(`--${name}`);
}

export function positiveNumber(name, text, { integer = false } = {}) {
  const v = Number(text);
  if (!(v > 0) || (integer && !Number.isInteger(v))) {
    console.error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, received ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return v;
}

// ------------------------------------------------------------------------------------------------
// data
// ------------------------------------------------------------------------------------------------

/** A seeded uniform [0, 1) generator (the same LCG as bench/gaussian-matvec.mjs). */
export function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// ------------------------------------------------------------------------------------------------
// machine, load
// ------------------------------------------------------------------------------------------------

export function machine() {
  let model = cpus()[0]?.model ?? '?';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1];
    if (mhz) model += ` ${Math.round(Number(mhz))} MHz`;
  } catch { /* not Linux */ }
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: fileURLToPath(ROOT), encoding: 'utf8' }).trim();
  } catch { /* not a checkout */ }
  // Which engine build ran: other engineers rebuild the shared checkout while benchmarks run.
  let wasm = '?';
  let dirty = '?';
  try {
    const file = fileURLToPath(new URL('build/lazykernel.wasm', ROOT));
    wasm = `sha256 ${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)}, built ${statSync(file).mtime.toISOString().replace(/\.\d+Z$/, 'Z')}`;
    const changed = execFileSync('git', ['status', '--porcelain', '--', 'src', 'assembly', 'build'], { cwd: fileURLToPath(ROOT), encoding: 'utf8' }).trim();
    dirty = changed ? `${changed.split('\n').length} uncommitted changes under src/ assembly/ build/` : 'clean';
  } catch { /* not a checkout */ }
  return {
    wasm,
    dirty,
    cpus: cpus().length,
    model,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}/${process.arch}`,
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export function printHeader(title) {
  const m = machine();
  console.log(title);
  console.log(`  ${m.date}, commit ${m.commit}, node ${m.node} (V8 ${m.v8}), ${m.platform}, ${m.cpus} x ${m.model}`);
  console.log(`  engine build: build/lazykernel.wasm ${m.wasm}; working tree: ${m.dirty}`);
  console.log(`  load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

/**
 * With --wait-idle: waits, up to --idle-max seconds (600; 30 s for the later suites of a run),
 * until other processes leave the machine alone: over a 3 s window they keep less than --idle-cores (0.15) cores busy. Other engineers run
 * test suites on the 2-core benchmark machine, and a busy core halves a 2-thread measurement.
 * (The load average would also count this benchmark's own previous suites.)
 */
let waitedOnce = false;

export async function waitIdle(maxSeconds = Number(option('idle-max', '600'))) {
  if (!flag('wait-idle')) return null;
  // The full wait once per process; later suites of the same run wait at most 30 s more.
  if (waitedOnce) maxSeconds = Math.min(maxSeconds, 30);
  waitedOnce = true;
  const limit = Number(option('idle-cores', '0.15'));
  const t0 = Date.now();
  for (;;) {
    const stop = cpuWindow();
    await new Promise((r) => setTimeout(r, 3000));
    const w = stop();
    if (w.foreignCores < limit || Date.now() - t0 > maxSeconds * 1e3) {
      console.log(`  before timing: other processes kept ${w.foreignCores.toFixed(2)} cores busy over 3 s; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}` +
        (w.foreignCores < limit ? '' : ' (gave up waiting)'));
      return w.foreignCores;
    }
    console.log(`  other processes keep ${w.foreignCores.toFixed(2)} cores busy: waiting 20 s`);
    await new Promise((r) => setTimeout(r, 20000));
  }
}

/** Busy CPU seconds of the whole machine so far (from /proc/stat), or NaN where unavailable. */
function machineBusySeconds() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / 100; // USER_HZ = 100
  } catch {
    return NaN;
  }
}

/**
 * Measures, over a window, how many cores other processes kept busy: the machine's busy CPU time
 * less this process's own (all its threads, workers included), divided by the wall time.
 */
export function cpuWindow() {
  const t0 = performance.now();
  const busy0 = machineBusySeconds();
  const own0 = process.cpuUsage();
  return () => {
    const wall = (performance.now() - t0) / 1e3;
    const busy = machineBusySeconds() - busy0;
    const ownUsage = process.cpuUsage(own0);
    const own = (ownUsage.user + ownUsage.system) / 1e6;
    return { wall, ownCores: own / wall, foreignCores: Math.max(0, (busy - own) / wall) };
  };
}

/**
 * Per-case foreign-CPU accounting for benny suites: call `enter(name)` at the top of every case
 * body; the window of the previous case closes when another case starts or at `close()`.
 */
export function caseMonitor() {
  const windows = {};
  let current = null;
  let stop = null;
  const finish = () => {
    if (current !== null) windows[current] = stop();
    current = null;
  };
  return {
    enter(name) {
      if (name === current) return;
      finish();
      current = name;
      stop = cpuWindow();
    },
    close() {
      finish();
      return windows;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// benny glue
// ------------------------------------------------------------------------------------------------

/**
 * benny calls every case function once while it builds the suite (to find out whether it is
 * async), before anything is timed. For cases that take seconds that call is wasted, and it
 * would run every case concurrently. `gate` keeps case bodies inert until the suite starts:
 * pass `gate.case(body)` to b.add and `gate.arm()` after the last b.add.
 */
export function makeGate() {
  let armed = false;
  return {
    case(body) {
      return () => () => (armed ? body() : Promise.resolve());
    },
    arm() {
      return () => (suite) => suite.on('start', () => { armed = true; }).on('complete', () => { armed = false; });
    },
  };
}

/** Mean seconds per run of a benny case result, and its sample count and margin. */
export function caseStats(summary, name) {
  const r = summary.results.find((x) => x.name === name);
  if (!r) throw new Error(`no benny result named ${name}`);
  return {
    mean: r.details.mean,
    median: r.details.median,
    rme: r.details.relativeMarginOfError,
    samples: r.samples,
    min: r.details.min,
    max: r.details.max,
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

export function fusedAvailable() {
  return existsSync(FUSED_WASM);
}

/**
 * The hand-fused AssemblyScript kernel (assembly/bench/fused-gaussian.ts) with its inputs laid
 * out once in its own memory: x row-major [n, 3], y as structure-of-arrays padded to a multiple
 * of 4 with zero weights, as in bench/gaussian-matvec.mjs. Returns run(rows = n) -> Float32Array.
 */
export function makeFused(X, Y, B, n, m, g) {
  if (!fusedAvailable()) throw new Error(`${FUSED_WASM} is missing: run \`node tools/build.mjs\` first`);
  const D = 3;
  const mPad = (m + 3) & ~3;
  const bytes = (count) => (count * 4 + 15) & ~15;
  const BASE = 65536; // the first 64 KiB hold the module's static data
  const total = BASE + bytes(n * D) + 4 * bytes(mPad) + bytes(n);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(total / 65536) + 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(FUSED_WASM)), { env: { memory } });
  const { gaussianMatvecF32 } = instance.exports;
  let at = BASE;
  const alloc = (count) => { const p = at; at += bytes(count); return p; };
  const px = alloc(n * D), py0 = alloc(mPad), py1 = alloc(mPad), py2 = alloc(mPad), pb = alloc(mPad), pout = alloc(n);
  const f32 = (p, count) => new Float32Array(memory.buffer, p, count);
  f32(px, n * D).set(X);
  const y0 = f32(py0, mPad), y1 = f32(py1, mPad), y2 = f32(py2, mPad), yb = f32(pb, mPad);
  for (let j = 0; j < m; j++) {
    y0[j] = Y[j * D];
    y1[j] = Y[j * D + 1];
    y2[j] = Y[j * D + 2];
    yb[j] = B[j];
  }
  for (const a of [y0, y1, y2, yb]) a.fill(0, m);
  const out = f32(pout, n);
  return (rows = n) => {
    gaussianMatvecF32(px, py0, py1, py2, pb, pout, rows, m, g);
    return out.subarray(0, rows);
  };
}

/** Largest relative error of `a` against `ref` (elementwise, floor at 1e-30 of ref's scale). */
export function maxRelativeError(a, ref) {
  if (a.length !== ref.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = Math.abs(a[i] - ref[i]) / Math.max(Math.abs(ref[i]), 1e-30 * scale, Number.MIN_VALUE);
    if (!(e <= worst)) worst = e; // NaN wins
  }
  return worst;
}

export const fmt = {
  ms: (s) => `${(s * 1e3).toFixed(s < 0.01 ? 3 : 1)} ms`,
  x: (r) => `${r.toFixed(r < 10 ? 3 : 1)}x`,
  load: (w) => `other processes kept ${w.foreignCores.toFixed(2)} cores busy, this one ${w.ownCores.toFixed(2)}`,
};

// ------------------------------------------------------------------------------------------------
// engine modules pinned at start
// ------------------------------------------------------------------------------------------------

let pinned = null;

/** Reads and compiles the engine's two wasm builds now (call it right after importing the library). */
export function pinEngineModules() {
  if (pinned) return;
  const compile = (name) => new WebAssembly.Module(readFileSync(fileURLToPath(new URL(`build/${name}`, ROOT))));
  pinned = { plain: compile('lazykernel.wasm'), threads: compile('lazykernel-threads.wasm') };
}

/**
 * configure() for a benchmark: the engine's wasm modules, read and compiled once by
 * pinEngineModules(), are handed over with configure({ wasmModule }). Without this, every configure()
 * reads build/lazykernel*.wasm again, and a rebuild of the shared checkout between two modes
 * (other engineers rebuild while benchmarks run) can pair the JS loaded at start with a newer
 * wasm whose plan layout differs: that run hung with both workers spinning (bench/RESULTS.md).
 */
export function configureEngine(configure, options) {
  pinEngineModules();
  configure({ ...options, wasmModule: options.threads > 1 ? pinned.threads : pinned.plain });
}
