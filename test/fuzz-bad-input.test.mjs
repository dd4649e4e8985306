// Bad-input fuzzer: at least 10^4 random invalid calls across the public API (test/helpers/
// bad-input.mjs draws them). Every call must throw (sync APIs) or reject (async APIs) a
// LazyKernelError subclass whose message names the argument, option or op it broke, before any
// engine work (the engine's reduction counters, input-cache counters and heap use unchanged;
// rejections within REJECT_MS). After every batch of BATCH calls a known Gaussian sum, checked
// against a float64 reference computed here, shows that the engine still works.
//
// Replay: LAZYKERNEL_FUZZ_SEED=<seed> (the whole run), LAZYKERNEL_FUZZ_CASE=<index> (one case of
// that seed), LAZYKERNEL_FUZZ_CALLS=<n> (more or fewer calls).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { tensor, Vi, Vj, LazyKernelError, configure, engineInfo } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng } from './helpers/random.mjs';
import { makeFixtures, generateCase, KINDS } from './helpers/bad-input.mjs';

const env = process.env;
const SEED = env.LAZYKERNEL_FUZZ_SEED !== undefined ? Number(env.LAZYKERNEL_FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const CALLS = env.LAZYKERNEL_FUZZ_CALLS !== undefined ? Number(env.LAZYKERNEL_FUZZ_CALLS) : 10000;
const ONLY = env.LAZYKERNEL_FUZZ_CASE !== undefined ? Number(env.LAZYKERNEL_FUZZ_CASE) : null;
const BATCH = 500;
/** An async API must reject within this many milliseconds (it does no work before its checks). */
const REJECT_MS = 500;
/** Failures listed in the assertion message (the first of each kind, then more of each). */
const MAX_LISTED = Number(env.LAZYKERNEL_FUZZ_LIST ?? 40);

/** Case `index` of run `seed` draws from its own stream, so that one case can be replayed alone. */
function caseRng(seed, index) {
  return new Rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

// ------------------------------------------------------------------------------------------------
// The known reduction
// ------------------------------------------------------------------------------------------------

const N = 5;
const M = 67;
const Xd = Float64Array.from({ length: N * 3 }, (_, k) => Math.sin(0.7 * k + 1));
const Yd = Float64Array.from({ length: M * 3 }, (_, k) => Math.cos(1.9 * k));
const Bd = Float64Array.from({ length: M }, (_, k) => 1 + (k % 5));
const reference = Array.from({ length: N }, (_, i) => {
  let s = 0;
  for (let j = 0; j < M; j++) {
    let d2 = 0;
    for (let c = 0; c < 3; c++) d2 += (Xd[3 * i + c] - Yd[3 * j + c]) ** 2;
    s += Math.exp(-0.5 * d2) * Bd[j];
  }
  return s;
});

/** A Gaussian sum in both dtypes against the float64 reference; a message or null. */
async function engineCheck() {
  for (const [Arr, rtol] of [[Float32Array, 2e-6], [Float64Array, 1e-13]]) {
    const out = await Vi(tensor(Arr.from(Xd), [N, 3])).sqdist(Vj(tensor(Arr.from(Yd), [M, 3]))).mul(-0.5).exp().mul(Vj(tensor(Arr.from(Bd), [M, 1]))).sum(1);
    if (out.shape.join() !== `${N},1`) return `shape [${out.shape}]`;
    for (let i = 0; i < N; i++) {
      if (!(Math.abs(out.data[i] - reference[i]) <= rtol * 5 * M)) return `${Arr.name} row ${i}: ${out.data[i]}, expected ${reference[i]}`;
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------------
// Running one case
// ------------------------------------------------------------------------------------------------

function isThenable(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof x.then === 'function';
}

/** Whether `message` names `name` (a word; short names must stand alone, longer ones any case). */
function mentions(message, name) {
  if (name.length <= 2) return new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`).test(message);
  return message.toLowerCase().includes(name.toLowerCase());
}

async function workSnapshot() {
  const engine = await getWasmEngine();
  return { engine, reductions: engine.stats.callingThread + engine.stats.pooled, cache: engine.cache.stats.hits + engine.cache.stats.misses, used: engine.heap.used };
}

let defaults = null;

/** Puts the engine settings back (after a configure() call that should have thrown and did not). */
function restoreSettings() {
  const wasm = new URL(`../build/${defaults.threads > 1 ? 'lazykernel-threads.wasm' : 'lazykernel.wasm'}`, import.meta.url);
  configure({ threads: defaults.threads, poolThreshold: defaults.poolThreshold, rowLanes: defaults.rowLanes, cacheBytes: 256 * 2 ** 20, warmUp: env.LAZYKERNEL_WARM_UP !== '0', wasmModule: wasm });
}

/** Runs case `c`; returns the reason it failed, or null. */
async function runCase(c) {
  const before = c.configure ? null : await workSnapshot();
  let result;
  let error;
  let threwSync = false;
  const t0 = performance.now();
  try {
    result = c.call();
  } catch (e) {
    threwSync = true;
    error = e;
  }
  let settled = 'returned';
  if (!threwSync && isThenable(result)) {
    try {
      await result;
      settled = 'resolved';
    } catch (e) {
      error = e;
      settled = 'rejected';
    }
  }
  const ms = performance.now() - t0;
  if (c.configure && !threwSync) restoreSettings();
  if (error === undefined) return `nothing thrown: the call ${settled}${settled === 'returned' ? ` ${typeof result}` : ''}`;
  const what = `${error?.constructor?.name ?? typeof error}: ${String(error?.message ?? error).slice(0, 300)}`;
  if (!(error instanceof LazyKernelError) || error.constructor === LazyKernelError) return `not a LazyKernelError subclass: ${what}`;
  if (c.async && threwSync) return `threw synchronously instead of returning a rejected promise: ${what}`;
  if (!c.async && !threwSync) return `returned a promise that ${settled} instead of throwing synchronously: ${what}`;
  for (const req of c.names) {
    const alternatives = Array.isArray(req) ? req : [req];
    if (!alternatives.some((n) => mentions(error.message, n))) return `the message does not name ${alternatives.map((n) => `'${n}'`).join(' or ')}: ${what}`;
  }
  if (c.async && ms > REJECT_MS) return `rejected after ${ms.toFixed(0)} ms (more than ${REJECT_MS} ms): ${what}`;
  if (before) {
    const after = await workSnapshot();
    if (after.engine !== before.engine) return `the engine restarted: ${what}`;
    if (after.reductions !== before.reductions) return `${after.reductions - before.reductions} reduction(s) ran before the error: ${what}`;
    if (after.cache !== before.cache) return `inputs were copied into wasm memory before the error: ${what}`;
    if (after.used !== before.used) return `wasm heap use changed from ${before.used} to ${after.used} bytes: ${what}`;
  }
  return null;
}

// ------------------------------------------------------------------------------------------------

test('bad input: every invalid call throws a LazyKernelError naming the argument, before any work', async () => {
  const info = await engineInfo();
  defaults = { threads: info.threads, poolThreshold: info.poolThreshold, rowLanes: info.rowLanes };
  const fixtures = makeFixtures();
  assert.is(await engineCheck(), null, 'the known reduction before the fuzzer');
  const t0 = performance.now();
  const failures = [];
  const kindsSeen = new Map();
  const indices = ONLY !== null ? [ONLY] : Array.from({ length: CALLS }, (_, k) => k);
  let ran = 0;
  for (const index of indices) {
    const c = generateCase(caseRng(SEED, index), fixtures);
    kindsSeen.set(c.kind, (kindsSeen.get(c.kind) ?? 0) + 1);
    let reason;
    try {
      reason = await runCase(c);
    } catch (e) {
      reason = `the fuzzer's own checks threw ${e?.constructor?.name}: ${e?.message}`;
    }
    if (reason) failures.push({ index, kind: c.kind, desc: c.desc, reason });
    ran++;
    if (ran % BATCH === 0 || ran === indices.length) {
      const broken = await engineCheck();
      assert.is(broken, null, `seed ${SEED}: after case ${index} (${c.desc}) the known Gaussian sum is wrong: ${broken}\n` +
        `replay: LAZYKERNEL_FUZZ_SEED=${SEED} LAZYKERNEL_FUZZ_CALLS=${index + 1}`);
      const now = await engineInfo();
      assert.equal([now.threads, now.poolThreshold, now.rowLanes], [defaults.threads, defaults.poolThreshold, defaults.rowLanes], `seed ${SEED}: after case ${index} the engine settings changed`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`bad-input fuzzer: seed ${SEED}, ${ran} calls, ${kindsSeen.size} kinds (of ${KINDS.length}), ${failures.length} failed, ${seconds.toFixed(1)} s`);
  if (failures.length) {
    // The first failure of every kind, then further ones, up to MAX_LISTED.
    const byKind = new Map();
    for (const f of failures) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    const listed = [];
    for (let round = 0; listed.length < MAX_LISTED && round < 20; round++) {
      for (const list of byKind.values()) if (list[round] && listed.length < MAX_LISTED) listed.push(list[round]);
    }
    const lines = listed.map((f) => `  [case ${f.index}] ${f.kind}: ${f.desc}\n      ${f.reason}`);
    const kinds = [...byKind].map(([k, l]) => `${k} (${l.length})`).join('; ');
    assert.unreachable(`seed ${SEED}: ${failures.length} of ${ran} invalid calls failed, in ${byKind.size} kinds: ${kinds}\n${lines.join('\n')}\n` +
      `replay one: LAZYKERNEL_FUZZ_SEED=${SEED} LAZYKERNEL_FUZZ_CASE=<case> node node_modules/uvu/bin.js test fuzz-bad-input`);
  }
});

test.run();
