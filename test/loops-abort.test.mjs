// The long loops outside linear algebra (Sinkhorn and its epsilon schedule, Hausdorff, lbfgs,
// k-means) give the event loop a turn every few tens of milliseconds: an abort() fired from a
// timer lands within 100 ms (not after the seconds the whole run would take), and a page stays
// responsive. Plus the guards on hostile options: an epsilon schedule too long to build, a cost
// string nested too deeply, and duck-typed signals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss, lbfgs, kmeans, ValueError, AbortError } from '../build/src/index.js';

/** Deterministic points in [0, 1)^D (a linear congruential generator). */
function cloud(n, d, seed) {
  const out = new Float32Array(n * d);
  let s = seed;
  for (let k = 0; k < out.length; k++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[k] = s / 0x7fffffff;
  }
  return tensor(out, [n, d]);
}

/**
 * Runs `start(signal)` with an abort() fired by a timer `after` ms later. Returns the error, the
 * latency from the timer's callback to the rejection, how late the timer ran (the event loop
 * was held), and the whole duration.
 */
async function abortFromTimer(start, after = 100) {
  const controller = new AbortController();
  const t0 = performance.now();
  let firedAt = null;
  const timer = setTimeout(() => {
    firedAt = performance.now();
    controller.abort();
  }, after);
  let error = null;
  try {
    await start(controller.signal);
  } catch (e) {
    error = e;
  }
  const settledAt = performance.now();
  clearTimeout(timer);
  return {
    error,
    latency: firedAt === null ? Infinity : settledAt - firedAt,
    late: firedAt === null ? Infinity : firedAt - t0 - after,
    total: settledAt - t0,
  };
}

function assertAbortedQuickly(r, what) {
  const summary = `${what}: latency ${r.latency.toFixed(1)} ms, timer late by ${r.late.toFixed(1)} ms, total ${r.total.toFixed(0)} ms`;
  if (process.env.LAZYKERNEL_LOG_LATENCY) console.log(summary);
  assert.ok(r.error !== null, `${summary}: the promise resolved instead of rejecting (the timer ran only after the work)`);
  assert.instance(r.error, AbortError, `${summary}: ${r.error}`);
  assert.ok(r.latency < 100, `${summary}: the abort should land within 100 ms`);
  // The event loop was never held for long: the timer itself ran close to its time.
  assert.ok(r.late < 250, `${summary}: the event loop was held`);
}

/** Holds the thread for `ms` milliseconds (a slow objective). */
function busyWait(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// Several seconds of Sinkhorn iterations on small clouds: blur 1e-3 reached by steps of 0.99
// (about 700 iterations of four softmins).
const X = cloud(400, 2, 1);
const Y = cloud(400, 2, 7);
const slow = { blur: 1e-3, scaling: 0.99 };

test('warm-up: the engine is loaded before the timed runs', async () => {
  // The first reduction instantiates the engine; keep that out of the timings below.
  await samplesLoss('sinkhorn', { backend: 'online', blur: 0.5 })(X, Y);
  await samplesLoss('sinkhorn', { backend: 'tensorized', blur: 0.5 })(X, Y);
});

test('samplesLoss (online) honours an abort fired by a timer within 100 ms', async () => {
  const r = await abortFromTimer((signal) => samplesLoss('sinkhorn', { backend: 'online', ...slow, signal })(X, Y));
  assertAbortedQuickly(r, 'online');
});

test('samplesLoss (tensorized) honours an abort fired by a timer within 100 ms', async () => {
  const r = await abortFromTimer((signal) => samplesLoss('sinkhorn', { backend: 'tensorized', ...slow, signal })(X, Y));
  assertAbortedQuickly(r, 'tensorized');
});

test('samplesLoss (hausdorff, tensorized) honours an abort fired by a timer within 100 ms', async () => {
  const r = await abortFromTimer((signal) => samplesLoss('hausdorff', { backend: 'tensorized', ...slow, signal })(X, Y));
  assertAbortedQuickly(r, 'hausdorff');
});

test('samplesLoss (tensorized) on 2000^2 pairs: the dense costs are built without holding the event loop', async () => {
  // One cost matrix of 4 million pairs took over a second of host ops on the calling thread.
  const A = cloud(2000, 3, 3), B = cloud(2000, 3, 5);
  const r = await abortFromTimer((signal) => samplesLoss('sinkhorn', { backend: 'tensorized', blur: 0.05, signal })(A, B), 50);
  assertAbortedQuickly(r, 'tensorized 2000');
});

test('lbfgs honours an abort fired by a timer within 100 ms (a 1 ms objective, thousands of evaluations)', async () => {
  const n = 100;
  const z = tensor(Array.from({ length: n }, (_, k) => (k % 2 ? 1 : -1.2)), [n], { dtype: 'float64', requiresGrad: true });
  const rosenbrock = () => {
    busyWait(1);
    const a = z.narrow(0, 0, n - 1);
    const b = z.narrow(0, 1, n - 1);
    return b.sub(a.square()).square().mul(100).add(a.sub(1).square()).sum();
  };
  let accepted = null;
  const r = await abortFromTimer((signal) => lbfgs(rosenbrock, [z], { gtol: 0, ftol: 0, signal, onProgress: () => { accepted = Array.from(z.data); } }));
  assertAbortedQuickly(r, 'lbfgs');
  assert.match(r.error.message, /lbfgs: aborted after \d+ iterations/);
  if (accepted) assert.equal(Array.from(z.data), accepted, 'the parameters hold the last accepted iterate');
});

test('kmeans honours an abort fired by a timer within 100 ms', async () => {
  const P = cloud(20000, 3, 11);
  const r = await abortFromTimer((signal) => kmeans(P, 64, { iterations: 2000, signal }));
  assertAbortedQuickly(r, 'kmeans');
});

test('kmeans reports progress after every iteration', async () => {
  const P = cloud(500, 2, 13);
  const reports = [];
  await kmeans(P, 4, { iterations: 6, onProgress: (p) => { reports.push(p); } });
  assert.equal(reports.map((p) => p.iteration), [1, 2, 3, 4, 5, 6]);
  assert.ok(reports.every((p) => p.iterations === 6));
  assert.is(reports[0].changed, 500, 'every point gets a label in the first iteration');
  assert.ok(reports.every((p) => Number.isInteger(p.changed) && p.changed >= 0 && p.changed <= 500));
  await rejects(() => kmeans(P, 4, { onProgress: 1 }), ValueError, /kmeans: options\.onProgress must be a function/);
});

async function rejects(fn, Type, ...patterns) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected a ${Type.name}`);
  assert.instance(error, Type, String(error));
  for (const p of patterns) assert.match(error.message, p);
  return error;
}

test('an epsilon schedule of more than 10^4 steps is a ValueError before any work (scaling 0.9999999)', async () => {
  const heap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const e = await rejects(() => samplesLoss('sinkhorn', { scaling: 0.9999999 })(X, Y), ValueError, /options\.scaling = 0\.9999999/, /\d{5,} steps/, /blur = 0\.05/, /diameter = /, /0\.5 to 0\.9/);
  assert.ok(performance.now() - t0 < 1000, `took ${(performance.now() - t0).toFixed(0)} ms`);
  assert.ok(process.memoryUsage().heapUsed - heap < 50e6, 'no schedule was built');
  assert.ok(e.message.length < 500, 'a short message');
  // With the diameter given, at creation; the other routines with a loop too.
  await rejects(() => samplesLoss('sinkhorn', { scaling: 0.9999999, diameter: 2 }), ValueError, /scaling/, /steps/);
  await rejects(() => samplesLoss('hausdorff', { scaling: 0.9999999, backend: 'online' })(X, Y), ValueError, /scaling/);
  await rejects(() => samplesLoss('sinkhorn', { scaling: 1 - 2 ** -53 })(X, Y), ValueError, /scaling/, /steps/);
  // Long but allowed schedules still run, and the kernel losses (no schedule) ignore scaling.
  await samplesLoss('sinkhorn', { scaling: 0.999, blur: 0.5, backend: 'online' })(X, Y);
  await samplesLoss('gaussian', { scaling: 0.9999999 })(X, Y);
});

test('a cost string nested 20,000 deep is a ValueError naming options.cost and the depth, not a stack overflow', async () => {
  const deep = [
    `${'('.repeat(20000)}SqDist(X,Y)${')'.repeat(20000)}`,
    `${'Exp('.repeat(20000)}SqDist(X,Y)${')'.repeat(20000)}`,
    `${'-'.repeat(20000)}SqDist(X,Y)`,
    `SqDist(X,Y)${' + SqDist(X,Y)'.repeat(20000)}`,
    `SqDist(X,Y)${' * IntCst(1)'.repeat(300)}`,
  ];
  for (const cost of deep) {
    const e = await rejects(() => samplesLoss('sinkhorn', { cost }), ValueError, /samplesLoss: options\.cost/, /256 levels/);
    assert.ok(e.message.length < 1000, `a message of ${e.message.length} characters`);
  }
  await rejects(() => samplesLoss('gaussian', { kernel: `${'('.repeat(20000)}X${')'.repeat(20000)}` }), ValueError, /options\.kernel/, /256 levels/);
  // Within the limit, and long strings (a megabyte of blanks, a long number): parsed, no stack overflow.
  const ok = [`${'('.repeat(200)}SqDist(X,Y)${')'.repeat(200)} / IntCst(2)`, `${' '.repeat(1e6)}SqDist(X,Y) / 2${' '.repeat(1e6)}`, `SqDist(X,Y) * 0.${'5'.repeat(1e5)}`];
  for (const cost of ok) {
    const v = (await samplesLoss('sinkhorn', { cost, blur: 0.5, backend: 'online' })(X, Y)).item();
    assert.ok(Number.isFinite(v), `finite loss for a cost of ${cost.length} characters`);
  }
  // A long string with an error far from its start: the message quotes the 100 characters
  // around it, with a caret under the error.
  const e = await rejects(() => samplesLoss('sinkhorn', { cost: `SqDist(X,Y)${' '.repeat(1e6)}$` }), ValueError, /at column 1000012 of the formula: cannot parse the character '\$'/, /\(characters 999913-1000012 of 1000012\)\n {107}\^$/);
  assert.ok(e.message.length < 1000, `a message of ${e.message.length} characters`);
});

test('duck-typed signals are ValueErrors naming options.signal (samplesLoss, lbfgs, kmeans)', async () => {
  const duck = { aborted: false };
  await rejects(() => samplesLoss('sinkhorn', { signal: duck }), ValueError, /samplesLoss: options\.signal must be an AbortSignal/);
  const z = tensor([1, 2], [2], { dtype: 'float64', requiresGrad: true });
  await rejects(() => lbfgs(() => z.square().sum(), [z], { signal: duck }), ValueError, /lbfgs: options\.signal must be an AbortSignal/);
  await rejects(() => kmeans(cloud(10, 2, 3), 2, { signal: duck }), ValueError, /kmeans: options\.signal must be an AbortSignal/);
  // Real signals still work, including AbortSignal.timeout() and an already aborted one.
  await samplesLoss('sinkhorn', { signal: AbortSignal.timeout(60000), blur: 0.5 })(X, Y);
  await rejects(() => kmeans(cloud(10, 2, 3), 2, { signal: AbortSignal.abort() }), AbortError);
});

test.run();
