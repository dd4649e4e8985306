// parseExpression: lazykernel expressions as text (the formula playground's input), read by the
// library's own parser, never evaluated as JavaScript. A parsed expression must run to the same
// bits as the formula written with the JS API (both on wasm): for every whitelisted method (one
// loop over the method list the parser reports), hand-written expressions with infix operators,
// and seeded random expressions. Every bad input is a ValueError naming its column; a fuzz of
// mutated expressions only ever raises lazykernel's own errors, promptly.
//
// Replay the random parts: LAZYKERNEL_EXPRESSION_SEED=<n>.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import {
  tensor, Tensor, LazyTensor, Vi, Vj, Pm, parseExpression, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_DEPTH,
  LazyKernelError, ValueError, ShapeError, DTypeError,
} from '../build/src/index.js';
import { Rng, randomTensor } from './helpers/random.mjs';

const SEED = Number(process.env.LAZYKERNEL_EXPRESSION_SEED ?? 0x5eed_e7a1);
const N = 13;
const M = 70; // more than one j-tile of the engine

const rng = new Rng(0x0e7a1);
const X = randomTensor(rng, [N, 3], { dtype: 'float32' });
const Y = randomTensor(rng, [M, 3], { dtype: 'float32' });
const A = randomTensor(rng, [N, 1], { dtype: 'float32', domain: 'positive' });
const B = randomTensor(rng, [M, 1], { dtype: 'float32', domain: 'positive' });
const U = randomTensor(rng, [N, 2], { dtype: 'float32' });
const W = randomTensor(rng, [M, 1], { dtype: 'float32', domain: 'positive' });
const V = randomTensor(rng, [M, 2], { dtype: 'float32' });
const MAT = randomTensor(rng, [M, 6], { dtype: 'float32' }); // a 3 x 2 matrix per j
const X64 = randomTensor(rng, [N, 3], { dtype: 'float64' });
const Y64 = randomTensor(rng, [M, 3], { dtype: 'float64' });
const P = [0.5, -1, 2];
const S9 = [2, 0.1, 0, 0.1, 1, 0.2, 0, 0.2, 3];
const I32 = tensor(new Int32Array(N * 3), [N, 3], { dtype: 'int32' });
const vars = { x: X, y: Y, a: A, b: B, u: U, w: W, v: V, mat: MAT, x64: X64, y64: Y64, p: P, s: 0.5, S: S9, i32: I32 };

const WASM = { backend: 'wasm' };

/** A run's outputs as a list of tensors. */
const outputs = (r) => (Array.isArray(r) ? r : [r]);

/** Null when both runs gave the same tensors bit for bit (shape, dtype, bytes); else what differs. */
function bitDifference(got, want) {
  const g = outputs(got);
  const w = outputs(want);
  if (g.length !== w.length) return `${g.length} outputs, expected ${w.length}`;
  for (let k = 0; k < g.length; k++) {
    if (!(g[k] instanceof Tensor)) return `output ${k} is not a Tensor`;
    if (g[k].dtype !== w[k].dtype) return `output ${k}: dtype ${g[k].dtype}, expected ${w[k].dtype}`;
    if (g[k].shape.join() !== w[k].shape.join()) return `output ${k}: shape [${g[k].shape}], expected [${w[k].shape}]`;
    const a = new Uint8Array(g[k].data.buffer, g[k].data.byteOffset, g[k].data.byteLength);
    const b = new Uint8Array(w[k].data.buffer, w[k].data.byteOffset, w[k].data.byteLength);
    const at = a.findIndex((byte, i) => byte !== b[i]);
    if (a.length !== b.length || at >= 0) return `output ${k}: element ${Math.floor(at / g[k].data.BYTES_PER_ELEMENT)} is ${g[k].data[Math.floor(at / g[k].data.BYTES_PER_ELEMENT)]}, expected ${w[k].data[Math.floor(at / g[k].data.BYTES_PER_ELEMENT)]}`;
  }
  return null;
}

/** { value } or { error }: how a call (sync or async) ended. */
async function settle(f) {
  try {
    return { value: await f() };
  } catch (error) {
    return { error };
  }
}

/** The error a call throws (sync) or rejects with (async), or null. */
async function caught(f) {
  try {
    await f();
    return null;
  } catch (e) {
    return e;
  }
}

/** The method list the parser reports for an unknown method (its whitelist, as users see it). */
function reportedNames() {
  const e = (() => {
    try {
      parseExpression('Vi(x).zzzzzzzzzzzz()', vars);
    } catch (err) {
      return err;
    }
    return null;
  })();
  const methods = /the methods are ([^;]+);/.exec(e?.message ?? '');
  const reductions = /the reductions \(last call only\) are (.+)$/.exec(e?.message ?? '');
  assert.ok(methods && reductions, `no method list in: ${e?.message}`);
  return { methods: methods[1].split(', '), reductions: reductions[1].split(', ') };
}

// ------------------------------------------------------------------------------------------------
// Every method, as text and as JS
// ------------------------------------------------------------------------------------------------

/**
 * For each whitelisted method: the receiver and arguments as text, and the same in JS.
 * Scalar methods act on Vi(a) (positive) with Vj(b); vector methods on Vi(x) with Vj(y).
 */
const METHOD_CASES = {
  add: [['Vi(a)', 'Vj(b)'], () => Vi(A).add(Vj(B))],
  sub: [['Vi(x)', 'Vj(y)'], () => Vi(X).sub(Vj(Y))],
  mul: [['Vi(x)', '-2.5'], () => Vi(X).mul(-2.5)],
  div: [['Vi(a)', 'Vj(b)'], () => Vi(A).div(Vj(B))],
  neg: [['Vi(x)'], () => Vi(X).neg()],
  exp: [['Vi(x)'], () => Vi(X).exp()],
  log: [['Vi(a)'], () => Vi(A).log()],
  sqrt: [['Vi(a)'], () => Vi(A).sqrt()],
  rsqrt: [['Vi(a)'], () => Vi(A).rsqrt()],
  square: [['Vi(x)'], () => Vi(X).square()],
  abs: [['Vi(x)'], () => Vi(X).abs()],
  sin: [['Vi(x)'], () => Vi(X).sin()],
  cos: [['Vi(x)'], () => Vi(X).cos()],
  sign: [['Vi(x)'], () => Vi(X).sign()],
  step: [['Vi(x)'], () => Vi(X).step()],
  relu: [['Vi(x)'], () => Vi(X).relu()],
  inv: [['Vi(a)'], () => Vi(A).inv()],
  floor: [['Vi(x).mul(10)'], () => Vi(X).mul(10).floor()],
  round: [['Vi(x)', '2'], () => Vi(X).round(2)],
  pow: [['Vi(a)', '3'], () => Vi(A).pow(3)],
  powf: [['Vi(a)', 'Vj(b)'], () => Vi(A).powf(Vj(B))],
  minimum: [['Vi(x)', 'Vj(y)'], () => Vi(X).minimum(Vj(Y))],
  maximum: [['Vi(x)', '0.25'], () => Vi(X).maximum(0.25)],
  atan: [['Vi(x)'], () => Vi(X).atan()],
  asin: [['Vi(x).sin()'], () => Vi(X).sin().asin()],
  acos: [['Vi(x).cos()'], () => Vi(X).cos().acos()],
  xlogx: [['Vi(a)'], () => Vi(A).xlogx()],
  sinxdivx: [['Vi(x)'], () => Vi(X).sinxdivx()],
  atan2: [['Vi(x)', 'Vj(y)'], () => Vi(X).atan2(Vj(Y))],
  mod: [['Vi(x)', '0.3', '0.1'], () => Vi(X).mod(0.3, 0.1)],
  clamp: [['Vi(x)', '-0.5', 'Vj(b)'], () => Vi(X).clamp(-0.5, Vj(B))],
  ifelse: [['Vi(x)', 'Vj(y)', '2'], () => Vi(X).ifelse(Vj(Y), 2)],
  clampint: [['Vi(x).mul(5)', '-1', '2'], () => Vi(X).mul(5).clampint(-1, 2)],
  oneHot: [['Vi(x).elem(0).mul(3).abs()', '4'], () => Vi(X).elem(0).mul(3).abs().oneHot(4)],
  at: [['Vi(x).sub(Vj(y))', '-1'], () => Vi(X).sub(Vj(Y)).at(-1)],
  slice: [['Vi(x).concat(Vj(y))', '1', '-2'], () => Vi(X).concat(Vj(Y)).slice(1, -2)],
  grad: [['Vi(x).sqdist(Vj(y)).neg().exp()', 'Vi(x)', '1'], () => Vi(X).sqdist(Vj(Y)).neg().exp().grad(Vi(X), 1)],
  divergence: [['Vi(x).sub(Vj(y)).sin()', 'Vi(x)'], () => Vi(X).sub(Vj(Y)).sin().divergence(Vi(X))],
  laplacian: [['Vi(x).sqdist(Vj(y)).neg().exp()', 'Vi(x)'], () => Vi(X).sqdist(Vj(Y)).neg().exp().laplacian(Vi(X))],
  t: [['Vi(y).sqdist(Vj(x))'], () => Vi(Y).sqdist(Vj(X)).t()],
  sqnorm2: [['Vi(x).sub(Vj(y))'], () => Vi(X).sub(Vj(Y)).sqnorm2()],
  norm2: [['Vi(x).sub(Vj(y))'], () => Vi(X).sub(Vj(Y)).norm2()],
  normalize: [['Vi(x).sub(Vj(y))'], () => Vi(X).sub(Vj(Y)).normalize()],
  sqdist: [['Vi(x)', 'Vj(y)'], () => Vi(X).sqdist(Vj(Y))],
  dot: [['Vi(x)', 'Vj(y)'], () => Vi(X).dot(Vj(Y))],
  weightedsqdist: [['Vi(x)', 'Vj(y)', 'Pm(S)'], () => Vi(X).weightedsqdist(Vj(Y), Pm(S9))],
  weightedsqnorm: [['Vi(x).sub(Vj(y))', 'Pm([1, 2, 3])'], () => Vi(X).sub(Vj(Y)).weightedsqnorm(Pm([1, 2, 3]))],
  concat: [['Vi(x)', 'Vj(b)'], () => Vi(X).concat(Vj(B))],
  elem: [['Vi(x).sub(Vj(y))', '1'], () => Vi(X).sub(Vj(Y)).elem(1)],
  extract: [['Vi(x).concat(Vj(y))', '2', '3'], () => Vi(X).concat(Vj(Y)).extract(2, 3)],
  matvecmult: [['Vj(mat)', 'Vi(u)'], () => Vj(MAT).matvecmult(Vi(U))],
  vecmatmult: [['Vi(x)', 'Vj(mat)'], () => Vi(X).vecmatmult(Vj(MAT))],
  tensorprod: [['Vi(u)', 'Vj(y)'], () => Vi(U).tensorprod(Vj(Y))],
  sum: [['Vi(x).sub(Vj(y))', '-1'], () => Vi(X).sub(Vj(Y)).sum(-1)],
  min: [['Vi(x)', 'Vj(y)'], () => Vi(X).min(Vj(Y))],
  max: [['Vi(x)', 'Pm(p)'], () => Vi(X).max(Pm(P))],
};

test('the parser whitelists exactly the methods this test covers, each one a LazyTensor method', () => {
  const { methods, reductions } = reportedNames();
  assert.equal([...methods].sort(), Object.keys(METHOD_CASES).sort());
  assert.equal(reductions, ['sum', 'logsumexp', 'sumsoftmaxweight', 'min', 'max', 'argmin', 'argmax', 'minArgmin', 'maxArgmax', 'Kmin', 'argKmin', 'KminArgKmin']);
  for (const name of [...methods, ...reductions]) assert.type(LazyTensor.prototype[name], 'function', name);
});

test('every method, parsed, gives the same bits as its JS call (times Vi(a) Vj(b), summed over j, wasm)', async () => {
  for (const [name, [[receiver, ...args], js]] of Object.entries(METHOD_CASES)) {
    // A reduction needs an i- and a j-variable: the product with Vi(a).mul(Vj(b)) has both.
    const source = `${receiver}.${name}(${args.join(', ')}).mul(Vi(a).mul(Vj(b))).sum(1)`;
    const e = parseExpression(source, vars);
    assert.is(e.toString(), source, name);
    assert.equal(e.reduction?.method, 'sum', name);
    const diff = bitDifference(await e.run(WASM), await js().mul(Vi(A).mul(Vj(B))).sum(1, WASM));
    assert.is(diff, null, `${source}: ${diff}`);
  }
});

// ------------------------------------------------------------------------------------------------
// Hand-written expressions: infix operators, precedence, numbers, every reduction
// ------------------------------------------------------------------------------------------------

/** [source, the JS method chain toString() must print, the same in JS (options -> promise)]. */
const EXPRESSIONS = [
  ['Vi(x).sqdist(Vj(y)).neg().exp().sum(1)', null, (o) => Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, o)],
  ['Vi(x).sqdist(Vj(y)).mul(-0.5).exp().sum(0)', null, (o) => Vi(X).sqdist(Vj(Y)).mul(-0.5).exp().sum(0, o)],
  ['(Vi(x) - Vj(y)).sqnorm2().mul(-1 / 2).exp().mul(Vj(b)).sum(1)', 'Vi(x).sub(Vj(y)).sqnorm2().mul(-0.5).exp().mul(Vj(b)).sum(1)',
    (o) => Vi(X).sub(Vj(Y)).sqnorm2().mul(-0.5).exp().mul(Vj(B)).sum(1, o)],
  ['(Vi(a) + Vj(b) * 2 - 1 / 4).logsumexp(1)', 'Vi(a).add(Vj(b).mul(2)).sub(0.25).logsumexp(1)',
    (o) => Vi(A).add(Vj(B).mul(2)).sub(0.25).logsumexp(1, o)],
  ['(-Vi(x).sqnorm2() + Vj(y).sqnorm2()).max(0)', 'Vi(x).sqnorm2().neg().add(Vj(y).sqnorm2()).max(0)',
    (o) => Vi(X).sqnorm2().neg().add(Vj(Y).sqnorm2()).max(0, o)],
  ['(Vi(a) - Vj(b) - 1).min(1)', 'Vi(a).sub(Vj(b)).sub(1).min(1)', (o) => Vi(A).sub(Vj(B)).sub(1).min(1, o)],
  ['(Vi(a) / 2 / 4 * Vj(b)).sum(1)', 'Vi(a).div(2).div(4).mul(Vj(b)).sum(1)', (o) => Vi(A).div(2).div(4).mul(Vj(B)).sum(1, o)],
  ['(2 * -Vi(a) + 3 * Vj(b)).sum(0)', 'Vi(a).neg().mul(2).add(Vj(b).mul(3)).sum(0)', (o) => Vi(A).neg().mul(2).add(Vj(B).mul(3)).sum(0, o)],
  ['((2 - Vi(a)) / (3 / Vj(b))).sum(1)', 'Pm(2).sub(Vi(a)).div(Pm(3).div(Vj(b))).sum(1)', (o) => Pm(2).sub(Vi(A)).div(Pm(3).div(Vj(B))).sum(1, o)],
  ['((Vi(a) * Math.PI + 1e-3 - .5e1 * 2 / 4).exp() * Vj(b)).sum(1)', `Vi(a).mul(${Math.PI}).add(0.001).sub(2.5).exp().mul(Vj(b)).sum(1)`,
    (o) => Vi(A).mul(Math.PI).add(0.001).sub(2.5).exp().mul(Vj(B)).sum(1, o)],
  ['(Vi(a) - - - Vj(b)).sum(1)', 'Vi(a).sub(Vj(b).neg().neg()).sum(1)', (o) => Vi(A).sub(Vj(B).neg().neg()).sum(1, o)],
  ['Vi(a).minimum(Infinity).maximum(-Infinity).add(Vj(b)).clamp(-0, Math.E).sum(1)', `Vi(a).minimum(Infinity).maximum(-Infinity).add(Vj(b)).clamp(-0, ${Math.E}).sum(1)`,
    (o) => Vi(A).minimum(Infinity).maximum(-Infinity).add(Vj(B)).clamp(-0, Math.E).sum(1, o)],
  ['Vi(a).mul(NaN).add(Vj(b)).sum(1)', null, (o) => Vi(A).mul(NaN).add(Vj(B)).sum(1, o)],
  ['Vi(x).mul(Pm(p)).sqdist(Vj(y).mul(Pm(s))).neg().exp().sum(1)', null, (o) => Vi(X).mul(Pm(P)).sqdist(Vj(Y).mul(Pm(0.5))).neg().exp().sum(1, o)],
  ['  Vi( x )\n  .sqdist( Vj( y ) )\n  .argmin( 1 )  ', 'Vi(x).sqdist(Vj(y)).argmin(1)', (o) => Vi(X).sqdist(Vj(Y)).argmin(1, o)],
  ['Vi(x).sqdist(Vj(y)).argmax(0)', null, (o) => Vi(X).sqdist(Vj(Y)).argmax(0, o)],
  ['Vi(x).sqdist(Vj(y)).minArgmin(1)', null, (o) => Vi(X).sqdist(Vj(Y)).minArgmin(1, o)],
  ['Vi(x).sqdist(Vj(y)).maxArgmax(0)', null, (o) => Vi(X).sqdist(Vj(Y)).maxArgmax(0, o)],
  ['Vi(x).sub(Vj(y)).min(0)', null, (o) => Vi(X).sub(Vj(Y)).min(0, o)],
  ['Vi(x).sqdist(Vj(y)).Kmin(3, 1)', null, (o) => Vi(X).sqdist(Vj(Y)).Kmin(3, 1, o)],
  ['Vi(x).sqdist(Vj(y)).argKmin(4, 0)', null, (o) => Vi(X).sqdist(Vj(Y)).argKmin(4, 0, o)],
  ['Vi(x).sqdist(Vj(y)).KminArgKmin(2, 1)', null, (o) => Vi(X).sqdist(Vj(Y)).KminArgKmin(2, 1, o)],
  ['Vi(x).dot(Vj(y)).logsumexp(1, { weight: Vj(w) })', null, (o) => Vi(X).dot(Vj(Y)).logsumexp(1, { ...o, weight: Vj(W) })],
  ['Vi(x).dot(Vj(y)).logsumexp(0, {weight: Vi(a),})', 'Vi(x).dot(Vj(y)).logsumexp(0, { weight: Vi(a) })', (o) => Vi(X).dot(Vj(Y)).logsumexp(0, { ...o, weight: Vi(A) })],
  ['Vi(x).sqdist(Vj(y)).neg().sumsoftmaxweight(Vj(v), 1)', null, (o) => Vi(X).sqdist(Vj(Y)).neg().sumsoftmaxweight(Vj(V), 1, o)],
  ['Vi(x64).sqdist(Vj(y64)).neg().exp().sum(1)', null, (o) => Vi(X64).sqdist(Vj(Y64)).neg().exp().sum(1, o)],
  ['(Vi(x64) - Vj(y64)).norm2().mul(Pm([0.25])).KminArgKmin(3, 0)', 'Vi(x64).sub(Vj(y64)).norm2().mul(Pm([0.25])).KminArgKmin(3, 0)',
    (o) => Vi(X64).sub(Vj(Y64)).norm2().mul(Pm([0.25])).KminArgKmin(3, 0, o)],
  ['((((Vi(a)))).exp() * (Vj(b))).sum(1)', 'Vi(a).exp().mul(Vj(b)).sum(1)', (o) => Vi(A).exp().mul(Vj(B)).sum(1, o)],
  ['(Vi(a).exp().mul(Vj(b)).sum(1))', 'Vi(a).exp().mul(Vj(b)).sum(1)', (o) => Vi(A).exp().mul(Vj(B)).sum(1, o)],
];

test('hand-written expressions (infix operators, precedence, numbers, every reduction) give the JS bits', async () => {
  const reductionsSeen = new Set();
  for (const [source, text, js] of EXPRESSIONS) {
    const e = parseExpression(source, vars);
    assert.is(e.source, source);
    assert.is(e.toString(), text ?? source, source);
    assert.ok(e.lazy instanceof LazyTensor, source);
    reductionsSeen.add(e.reduction.method);
    const diff = bitDifference(await e.run(WASM), await js(WASM));
    assert.is(diff, null, `${source}: ${diff}`);
    // toString() reads back as the same expression.
    assert.is(parseExpression(e.toString(), vars).toString(), e.toString(), source);
  }
  assert.equal([...reductionsSeen].sort(), reportedNames().reductions.sort(), 'every reduction is exercised');
});

test('the reduction is reported with its arguments; the lazy value is the formula before it', async () => {
  const e = parseExpression('Vi(x).sqdist(Vj(y)).Kmin(3, 1)', vars);
  assert.equal(e.reduction, { method: 'Kmin', args: [3, 1] });
  const lse = parseExpression('Vi(x).dot(Vj(y)).logsumexp(1, { weight: Vj(w) })', vars);
  assert.is(lse.reduction.method, 'logsumexp');
  assert.is(lse.reduction.args.length, 2);
  assert.is(lse.reduction.args[0], 1);
  assert.ok(lse.reduction.args[1] instanceof LazyTensor);
  assert.is(lse.reduction.args[1].node.key, Vj(W).node.key);
  assert.is(lse.lazy.node.key, Vi(X).dot(Vj(Y)).node.key);
  const ssw = parseExpression('Vi(x).sqdist(Vj(y)).sumsoftmaxweight(Vj(v), 0)', vars);
  assert.is(ssw.reduction.args[1], 0);
  assert.is(ssw.reduction.args[0].node.key, Vj(V).node.key);
  // sum(-1), min(y) and max(y) stay lazy: no reduction.
  const lazy = parseExpression('Vi(x).min(Vj(y)).max(Vj(y)).sum(-1)', vars);
  assert.is(lazy.reduction, null);
  assert.is(lazy.lazy.node.key, Vi(X).min(Vj(Y)).max(Vj(Y)).sum(-1).node.key);
  assert.is(String(lazy), 'Vi(x).min(Vj(y)).max(Vj(y)).sum(-1)');
});

test('run() passes its options on (backend, ranges, signal) and refuses others; without a reduction it rejects', async () => {
  const e = parseExpression('Vi(x).sqdist(Vj(y)).neg().exp().sum(1)', vars);
  const oracle = await e.run({ backend: 'oracle' });
  assert.is(bitDifference(oracle, await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, { backend: 'oracle' })), null);
  const controller = new AbortController();
  controller.abort();
  const aborted = await caught(() => e.run({ signal: controller.signal }));
  assert.is(aborted?.name, 'AbortError');
  const bad = await caught(() => e.run({ weight: Vj(W) }));
  assert.instance(bad, ValueError);
  assert.match(bad.message, /LazyExpression\.run: unknown option 'weight'/);
  const badBackend = await caught(() => e.run({ backend: 'cuda' }));
  assert.instance(badBackend, ValueError);
  assert.match(badBackend.message, /options\.backend/);
  const none = await caught(() => parseExpression('Vi(x).sqdist(Vj(y))', vars).run());
  assert.instance(none, ValueError);
  assert.match(none.message, /the expression 'Vi\(x\)\.sqdist\(Vj\(y\)\)' has no reduction; end it with one such as \.sum\(1\)/);
});

// ------------------------------------------------------------------------------------------------
// Random expressions
// ------------------------------------------------------------------------------------------------

const UNARY = ['neg', 'exp', 'log', 'sqrt', 'rsqrt', 'square', 'abs', 'sin', 'cos', 'sign', 'step', 'relu', 'inv', 'floor'];
const BINARY = ['add', 'sub', 'mul', 'div', 'minimum', 'maximum', 'atan2', 'powf', 'min', 'max'];
const NUMBERS = [[0.5, ['0.5', '.5', '5e-1', '0.50']], [2, ['2', '2.0', '2e0']], [-1.25, ['-1.25', '- 1.25', '-(1.25)']], [3, ['3']],
  [Math.PI, ['Math.PI']], [0.001, ['1e-3', '0.001', '1E-3']], [1 / 3, ['(1 / 3)']]];
const JS_NUMBER = (x) => (Object.is(x, -0) ? '-0' : String(x));
const CALLS = { add: 'add', sub: 'sub', mul: 'mul', div: 'div' };

/**
 * Random expressions as trees of { src, prec, text, build, dim }: src the text fed to the
 * parser (infix or method calls, extra parentheses and blanks at random), prec its precedence
 * (4 a call or atom, 3 a sign, 2 * /, 1 + -), text the method chain toString() must print,
 * build() the same formula made with the JS API.
 */
function expressionGenerator(r) {
  const blank = () => r.pick(['', '', '', ' ', '\n  ', '\t']);
  const wrap = (n, prec) => (n.prec >= prec && !r.bool(0.1) ? n.src : `(${blank()}${n.src}${blank()})`);
  const number = () => {
    const [value, forms] = r.pick(NUMBERS);
    const src = r.pick(forms);
    return { num: true, value, src, prec: src.startsWith('-') ? 3 : 4, text: JS_NUMBER(value) };
  };
  const leaf = (dim) => {
    const options = dim === 3
      ? [['Vi(x)', () => Vi(X)], ['Vj(y)', () => Vj(Y)], ['Pm(p)', () => Pm(P)]]
      : [['Vi(a)', () => Vi(A)], ['Vj(b)', () => Vj(B)], ['Pm(s)', () => Pm(0.5)]];
    const [src, build] = r.pick(options);
    return { src, prec: 4, text: src, build, dim };
  };
  const method = (x, name, args, build, dim = x.dim) => ({
    src: `${wrap(x, 4)}.${name}(${args.map((a) => `${blank()}${a.src}`).join(',')})`,
    prec: 4,
    text: `${x.text}.${name}(${args.map((a) => a.text).join(', ')})`,
    build,
    dim,
  });
  const operand = (depth, dim) => (r.bool(0.35) ? number() : gen(depth, r.bool(0.7) ? dim : 1));
  const value = (o) => (o.num ? o.value : o.build());
  const infix = (depth, dim) => {
    let a = gen(depth, dim);
    let b = operand(depth, dim);
    if (b.num && r.bool()) [a, b] = [b, a];
    return infixOf(r.pick(['+', '-', '*', '/']), a, b);
  };
  /** a op b, a or b a number or a node. */
  const infixOf = (op, a, b) => {
    const prec = op === '+' || op === '-' ? 1 : 2;
    const name = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' }[op];
    const src = `${wrap(a, prec)}${blank()}${op} ${wrap(b, prec + 1)}`;
    if (!a.num) {
      return { src, prec, text: `${a.text}.${CALLS[name]}(${b.text})`, build: () => a.build()[name](value(b)), dim: a.dim === 1 && !b.num ? b.dim : a.dim };
    }
    if (name === 'add' || name === 'mul') return { src, prec, text: `${b.text}.${name}(${a.text})`, build: () => b.build()[name](a.value), dim: b.dim };
    return { src, prec, text: `Pm(${a.text}).${name}(${b.text})`, build: () => Pm(a.value)[name](b.build()), dim: b.dim };
  };
  function gen(depth, dim) {
    if (depth <= 0 || r.bool(0.2)) return leaf(dim);
    const d = depth - 1;
    const kind = r.int(0, 9);
    if (kind <= 1) {
      const x = gen(d, dim);
      const name = r.pick(UNARY);
      return method(x, name, [], () => x.build()[name]());
    }
    if (kind === 2) {
      const x = gen(d, dim);
      return { src: `-${blank()}${wrap(x, 3)}`, prec: 3, text: `${x.text}.neg()`, build: () => x.build().neg(), dim };
    }
    if (kind === 3) {
      const x = gen(d, dim);
      const name = r.pick(BINARY);
      // min / max with a number would be a reduction: give them lazy values.
      const y = name === 'min' || name === 'max' ? gen(d, r.bool(0.7) ? dim : 1) : operand(d, dim);
      return method(x, name, [y], () => x.build()[name](value(y)), y.num || y.dim === 1 ? dim : y.dim);
    }
    if (kind <= 5) return infix(d, dim);
    if (kind === 6) {
      const x = gen(d, dim);
      const which = r.pick(['clamp', 'ifelse', 'mod', 'mod2', 'pow', 'round']);
      if (which === 'pow') {
        const p = r.pick([2, 3, -1, 0.5, -0.5, 1.5]);
        return method(x, 'pow', [{ src: String(p), text: String(p) }], () => x.build().pow(p));
      }
      if (which === 'round') {
        const k = r.int(0, 3);
        return method(x, 'round', [{ src: String(k), text: String(k) }], () => x.build().round(k));
      }
      const args = which === 'mod' ? [operand(d, 1)] : [operand(d, 1), operand(d, 1)];
      const name = which === 'mod2' ? 'mod' : which;
      return method(x, name, args, () => x.build()[name](...args.map(value)));
    }
    if (dim === 1) {
      // A scalar from vectors.
      const x = gen(d, 3);
      const which = r.pick(['sqnorm2', 'norm2', 'sum', 'sqdist', 'dot', 'elem', 'weightedsqnorm', 'weightedsqdist']);
      switch (which) {
        case 'sum': return method(x, 'sum', [{ src: '-1', text: '-1' }], () => x.build().sum(-1), 1);
        case 'sqdist':
        case 'dot': {
          const y = gen(d, 3);
          return method(x, which, [y], () => x.build()[which](y.build()), 1);
        }
        case 'elem': {
          const k = r.int(0, 2);
          return method(x, 'elem', [{ src: String(k), text: String(k) }], () => x.build().elem(k), 1);
        }
        case 'weightedsqnorm': {
          const s = operand(d, 1);
          return method(x, which, [s], () => x.build().weightedsqnorm(value(s)), 1);
        }
        case 'weightedsqdist': {
          const y = gen(d, 3);
          const s = operand(d, 1);
          return method(x, which, [y, s], () => x.build().weightedsqdist(y.build(), value(s)), 1);
        }
        default: return method(x, which, [], () => x.build()[which](), 1);
      }
    }
    // A vector from vectors.
    const x = gen(d, 3);
    const which = r.pick(['normalize', 'concat-extract', 'tensorprod']);
    if (which === 'normalize') return method(x, 'normalize', [], () => x.build().normalize());
    if (which === 'tensorprod') {
      const s = gen(d, 1);
      return method(s, 'tensorprod', [x], () => s.build().tensorprod(x.build()), 3);
    }
    const y = gen(d, 3);
    const k = r.int(0, 3);
    const c = method(x, 'concat', [y], () => x.build().concat(y.build()), 6);
    return method(c, 'extract', [{ src: String(k), text: String(k) }, { src: '3', text: '3' }], () => c.build().extract(k, 3), 3);
  }
  /** A formula of about `depth` levels and dimension `dim`, with an i- and a j-variable. */
  return (depth, dim) => {
    const f = gen(depth, dim);
    if (f.text.includes('Vi(') && f.text.includes('Vj(')) return f;
    const ij = { src: 'Vi(a) * Vj(b)', prec: 2, text: 'Vi(a).mul(Vj(b))', build: () => Vi(A).mul(Vj(B)), dim: 1 };
    if (r.bool()) return infixOf(r.pick(['+', '-', '*', '/']), f, ij);
    const name = r.pick(['add', 'mul', 'minimum']);
    return method(f, name, [ij], () => f.build()[name](ij.build()));
  };
}

/** A reduction for a formula of dimension `dim`: [text, (lazy, options) => promise]. */
function randomReduction(r, dim) {
  const axis = r.int(0, 1);
  const K = r.int(1, 4);
  const all = [
    [`sum(${axis})`, (F, o) => F.sum(axis, o)],
    [`logsumexp(${axis})`, (F, o) => F.logsumexp(axis, o)],
    [`min(${axis})`, (F, o) => F.min(axis, o)],
    [`max(${axis})`, (F, o) => F.max(axis, o)],
    [`argmin(${axis})`, (F, o) => F.argmin(axis, o)],
    [`argmax(${axis})`, (F, o) => F.argmax(axis, o)],
    [`minArgmin(${axis})`, (F, o) => F.minArgmin(axis, o)],
    [`maxArgmax(${axis})`, (F, o) => F.maxArgmax(axis, o)],
  ];
  const scalar = [
    [`Kmin(${K}, ${axis})`, (F, o) => F.Kmin(K, axis, o)],
    [`argKmin(${K}, ${axis})`, (F, o) => F.argKmin(K, axis, o)],
    [`KminArgKmin(${K}, ${axis})`, (F, o) => F.KminArgKmin(K, axis, o)],
    [`logsumexp(${axis}, { weight: ${axis ? 'Vj(w)' : 'Vi(a)'} })`, (F, o) => F.logsumexp(axis, { ...o, weight: axis ? Vj(W) : Vi(A) })],
    [`sumsoftmaxweight(${axis ? 'Vj(v)' : 'Vi(u)'}, ${axis})`, (F, o) => F.sumsoftmaxweight(axis ? Vj(V) : Vi(U), axis, o)],
  ];
  return r.pick(dim === 1 ? [...all, ...scalar] : all);
}

test('random expressions: parsed and run, the same bits and the same printed chain as the JS calls', async () => {
  const r = new Rng(SEED);
  const gen = expressionGenerator(r);
  let compared = 0;
  let bothFailed = 0;
  for (let n = 0; n < 400; n++) {
    const dim = r.bool(0.6) ? 1 : 3;
    const f = gen(r.int(1, 5), dim);
    const [reduction, reduce] = randomReduction(r, f.dim);
    const source = `${f.prec >= 4 ? f.src : `(${f.src})`}.${reduction}`;
    const label = `seed ${SEED}, case ${n}: ${JSON.stringify(source)}`;
    const e = parseExpression(source, vars);
    assert.is(e.toString(), `${f.text}.${reduction}`, label);
    assert.is(e.lazy.node.dim, f.dim, label);
    const want = await settle(() => reduce(f.build(), WASM));
    const got = await settle(() => e.run(WASM));
    if (want.error) {
      // The JS call is refused (e.g. nothing to reduce over): the parsed one the same way.
      assert.ok(got.error, `${label}: JS refused it (${want.error.message}), the expression ran`);
      assert.is(got.error.name, want.error.name, label);
      assert.is(got.error.message, want.error.message, label);
      bothFailed++;
      continue;
    }
    assert.is(got.error, undefined, `${label}: ${got.error}`);
    const diff = bitDifference(got.value, want.value);
    assert.is(diff, null, `${label}: ${diff}`);
    compared++;
  }
  assert.ok(compared >= 300, `only ${compared} expressions compared (${bothFailed} refused by both)`);
});

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

/** [source, error class, pattern of the message after 'parseExpression: ']. */
const BAD = [
  ['', ValueError, /^at column 1 of '': the expression is empty; expected a value/],
  [' \n\t ', ValueError, /^at column 1 of ' {4}': the expression is empty/],
  ['Vi(z).sum(1)', ValueError, /^at column 4 of 'Vi\(z\)\.sum\(1\)': unknown variable 'z'; the variables are 'x', 'y', 'a', 'b',/],
  ['Vi(x64x).sum(1)', ValueError, /^at column 4 of .*: unknown variable 'x64x' \(did you mean 'x64'\?\)/],
  ['Vi(2)', ValueError, /^at column 4 of 'Vi\(2\)': expected a variable name in Vi\(\.\.\.\) \(the variables are 'x', .*\), found the number 2$/],
  ['Vi(s).sum(1)', ValueError, /^at column 4 of .*: Vi\(s\): the variable 's' is the number 0\.5; Vi takes a Tensor of shape \[N, D\] or \[N\]$/],
  ['Vj(p).sum(1)', ValueError, /^at column 4 of .*: Vj\(p\): the variable 'p' is an array of length 3; Vj takes a Tensor/],
  ['Vi(x).expp().sum(1)', ValueError, /^at column 7 of .*: unknown method 'expp' \(did you mean 'exp'\?\); the methods are add, sub, mul, /],
  ['Vi(x).frobnicate()', ValueError, /^at column 7 of .*: unknown method 'frobnicate'; the methods are add, .*; the reductions \(last call only\) are sum, logsumexp, /],
  ['Vi(x).sqdist(Vj(y)).nge()', ValueError, /^at column 21 of .*: unknown method 'nge' \(did you mean 'neg'\?\)/],
  ['Vi(x).kmin(3, 1)', ValueError, /^at column 7 of .*: unknown method 'kmin' \(did you mean 'Kmin'\?\)/],
  ['Vi(x).sum(1).exp()', ValueError, /^at column 13 of .*: the reduction \.sum\(1\) at column 7 must be the last call of the expression \(it returns numbers, not a lazy value\); found \.exp after it$/],
  ['Vi(x).sum(1) + 1', ValueError, /^at column 14 of .*: the reduction \.sum\(1\) at column 7 must be the last call .*; found '\+' after it$/],
  ['1 + Vi(x).sum(1)', ValueError, /^at column 5 of .*: the reduction \.sum\(1\) at column 11 .*; found it as the right operand of '\+'$/],
  ['-Vi(x).sum(1)', ValueError, /^at column 1 of .*: the reduction \.sum\(1\) at column 8 .*; found the sign '-' before it \(a sign goes inside: \(-Vi\(x\)\)\.sum\(1\)\)$/],
  ['Vi(x).add(Vj(y).sum(1))', ValueError, /^at column 11 of .*: the reduction \.sum\(1\) at column 17 .*; found it as the argument y of \.add\(\)$/],
  ['Vi(x).sum(1) Vj(y)', ValueError, /^at column 14 of .*: the reduction \.sum\(1\) .*; found 'Vj' after it$/],
  ['Vi(x).exp(1)', ValueError, /^at column 7 of .*: \.exp\(\) takes no arguments, found 1$/],
  ['Vi(x).clamp(1)', ValueError, /^at column 7 of .*: \.clamp\(\) takes 2 arguments \(lo, hi\), found 1$/],
  ['Vi(x).mod()', ValueError, /^at column 7 of .*: \.mod\(\) takes 1 to 2 arguments \(n, d\?\), found 0$/],
  ['Vi(x).Kmin(3)', ValueError, /^at column 7 of .*: \.Kmin\(\) takes 2 arguments \(K, axis\), found 1$/],
  ['Vi(x).sum()', ValueError, /^at column 7 of .*: \.sum\(\) takes 1 argument \(axis\), found 0$/],
  ['Vi(x).sqdist(2).sum(1)', ValueError, /^at column 14 of .*: the argument y of \.sqdist\(\) must be a lazy value such as Vj\(y\), found the number 2$/],
  ['Vi(x).sqdist( (2) )', ValueError, /^at column 15 of .*: the argument y of \.sqdist\(\) must be a lazy value such as Vj\(y\), found the number 2$/],
  ['Vi(x).elem(1.5)', ValueError, /^at column 12 of .*: the argument k of \.elem\(\) must be an integer in \[-2\^31, 2\^31\), found 1\.5$/],
  ['Vi(x).extract(Vj(y), 1)', ValueError, /^at column 15 of .*: the argument start of \.extract\(\) must be an integer, found a lazy value$/],
  ['Vi(x).sum(2)', ValueError, /^at column 11 of .*: the axis of \.sum\(\) must be -1 \(the sum of the vector components, lazy\) or 0 \/ 1 \(a reduction over i \/ j\), found 2$/],
  ['Vi(x).min(-1)', ValueError, /^at column 11 of .*: the argument axis of \.min\(\) must be 0 \(reduce over i\) or 1 \(reduce over j\), found -1$/],
  ['Vi(x).sqnorm2().Kmin(0, 1)', ValueError, /^at column 22 of .*: the argument K of \.Kmin\(\) must be a positive integer at most 2\^31 - 1, found 0$/],
  ['Vi(x).sqnorm2().logsumexp(1, { weight: 2 })', ValueError, /^at column 40 of .*: the weight of \.logsumexp\(\) must be a lazy value such as Vj\(w\), found the number 2$/],
  ['Vi(x).sqnorm2().logsumexp(1, { scale: 2 })', ValueError, /^at column 32 of .*: expected 'weight' \(the only option an expression may give, to logsumexp\), found 'scale'$/],
  ['Vi(x).sum(1, { weight: Vj(b) })', ValueError, /^at column 7 of .*: \.sum\(\) takes 1 argument \(axis\), found 2$/],
  ['Vi(x).add({ weight: Vj(b) })', ValueError, /^at column 11 of .*: the argument y of \.add\(\) must be a lazy value or a number, found an options object/],
  ['Vi(x) # 2', ValueError, /^at column 7 of .*: unexpected character '#'; expected a value/],
  ["Vi('x')", ValueError, /^at column 4 of .*: unexpected character "'" \(variables are named without quotes: Vi\(x\)\)/],
  ['Vi(x) é', ValueError, /^at column 7 of .*: unexpected character U\+00E9;/],
  ['Vi(x);', ValueError, /^at column 6 of .*: unexpected character ';' \(an expression is one formula, not a statement\)/],
  ['(Vi(x)', ValueError, /^at column 7 of '\(Vi\(x\)': expected '\)' to close the '\(' at column 1, found the end of the expression$/],
  ['Vi(x))', ValueError, /^at column 6 of .*: unbalanced '\)': no '\(' before it is left open$/],
  ['Vi(x', ValueError, /^at column 5 of .*: expected '\)' to close Vi\(x, found the end of the expression$/],
  ['Vi(x).sqdist(Vj(y)', ValueError, /^at column 19 of .*: expected ',' or '\)' in the arguments of \.sqdist\( at column 7, found the end of the expression$/],
  ['Pm([1, 2', ValueError, /^at column 9 of .*: expected '\]' to close the list that Pm\( opens at column 4, found the end/],
  ['Vi(x) Vj(y)', ValueError, /^at column 7 of .*: expected an operator \(\+ - \* \/\), a method call \.name\(\.\.\.\) or the end of the expression, found 'Vj'$/],
  ['Vi(x) + ', ValueError, /^at column 9 of .*: expected a value \(.*\), found the end of the expression$/],
  ['Vi(x) * * 2', ValueError, /^at column 9 of .*: expected a value .*, found '\*'$/],
  ['Vi(x) ** 2', ValueError, /^at column 7 of .*: the operator '\*\*' is not supported; write \.pow\(p\), \.powf\(p\) or \.square\(\)$/],
  ['Vi(x).', ValueError, /^at column 7 of .*: expected a method name after '\.', found the end of the expression$/],
  ['Vi(x).exp', ValueError, /^at column 10 of .*: expected '\(' after \.exp \(a method is called: \.exp\(\.\.\.\)\), found the end/],
  ['Vi(x).3', ValueError, /^at column 6 of .*: expected an operator .*, found the number \.3$/],
  ['2 + 3 * Math.PI', ValueError, /^at column 1 of .*: the expression is the constant 11\.42477796076938; it must use Vi, Vj or Pm$/],
  ['(2).exp()', ValueError, /^at column 4 of .*: \.exp\(\) is called on the number 2; methods apply to lazy values/],
  ['x.exp()', ValueError, /^at column 1 of .*: 'x' is a variable: use it as Vi\(x\), Vj\(x\) or Pm\(x\)$/],
  ['exp(Vi(x))', ValueError, /^at column 1 of .*: 'exp' is a method: call it on a lazy value, as in Vi\(x\)\.exp\(\.\.\.\)$/],
  ['foo', ValueError, /^at column 1 of 'foo': unknown name 'foo'; expected a value/],
  ['Math.TAU', ValueError, /^at column 6 of .*: expected one of Math\.PI, Math\.E, .*, found 'TAU'$/],
  ['Pm([])', ValueError, /^at column 5 of .*: Pm\(\[\.\.\.\]\) needs at least one number, found an empty list$/],
  ['Pm([1, Vi(x)])', ValueError, /^at column 8 of .*: Pm\(\[\.\.\.\]\) holds numbers only, found a lazy value$/],
  ['Pm(Vi(x))', ValueError, /^at column 4 of .*: Pm\(\.\.\.\) takes a number, a list \[n, \.\.\.\] or a variable name \(the variables are .*\), found a lazy value$/],
  ['Pm(q)', ValueError, /^at column 4 of .*: unknown variable 'q'; the variables are/],
  // Errors of the LazyTensor methods keep their class, prefixed with the column and the call.
  ['Vi(x).sqdist(Vj(u))', ShapeError, /^at column 7 of .*: \.sqdist\(Vj\(u\)\) failed: SqDist: operand dimensions 3 and 2 must be equal$/],
  ['Vi(x) + Vi(u)', ShapeError, /^at column 7 of .*: '\+' failed: Add: operand dimensions 3 and 2 do not match/],
  ['Vi(x).elem(5)', ShapeError, /^at column 7 of .*: \.elem\(5\) failed: Elem: index 5 is out of range for dimension 3$/],
  ['Vi(x).pow(3000000000)', ValueError, /^at column 7 of .*: \.pow\(3000000000\) failed: pow: the integer exponent p must be an integer/],
  ['Vi(i32).sum(1)', DTypeError, /^at column 1 of .*: Vi\(i32\) failed: Vi: kernel variables must be float32 or float64, received an int32 Tensor$/],
  ['Pm(S).sum(1)', null, null], // valid: a 9-component parameter
];

test('every bad input is a ValueError (or the method\'s own ShapeError / DTypeError) naming its column', () => {
  for (const [source, Class, pattern] of BAD) {
    let error = null;
    try {
      parseExpression(source, vars);
    } catch (e) {
      error = e;
    }
    if (Class === null) {
      assert.is(error, null, `${JSON.stringify(source)} threw ${error}`);
      continue;
    }
    assert.ok(error !== null, `${JSON.stringify(source)} was accepted`);
    assert.ok(error instanceof Class, `${JSON.stringify(source)}: ${error?.name}: ${error?.message}`);
    assert.is(error.name, Class.name, JSON.stringify(source));
    assert.ok(error.message.startsWith('parseExpression: '), error.message);
    assert.match(error.message.slice('parseExpression: '.length), pattern, `${JSON.stringify(source)}: ${error.message}`);
    if (Class !== ValueError) assert.instance(error.cause, Class, 'the original error is its cause');
  }
});

test('names of JavaScript internals are never methods, variables or constants', () => {
  const inherited = Object.create({ z: X }); // an inherited key is not a variable
  for (const name of ['constructor', '__proto__', 'prototype', 'toString', 'then', 'valueOf', 'node', 'hasOwnProperty', 'solve', 'shape', 'dim', 'op', 'call', 'apply', 'bind', 'eval', 'Function']) {
    for (const source of [`Vi(x).${name}()`, `Vi(x).${name}(1)`, `Vi(x).sqdist(Vj(y)).${name}(1)`]) {
      const e = caughtSync(() => parseExpression(source, vars));
      assert.instance(e, ValueError, source);
      assert.match(e.message, new RegExp(`: unknown method '${name.replace(/\$/g, '\\$')}'`), source);
    }
    for (const source of [`Vi(${name})`, `Vj(${name}).sum(1)`, `Pm(${name})`]) {
      const e = caughtSync(() => parseExpression(source, vars));
      assert.instance(e, ValueError, source);
      assert.match(e.message, new RegExp(`: unknown variable '${name}'`), source);
    }
    const m = caughtSync(() => parseExpression(`Vi(x).mul(Math.${name})`, vars));
    assert.instance(m, ValueError);
    assert.match(m.message, /expected one of Math\.PI/);
  }
  const e = caughtSync(() => parseExpression('Vi(z).sum(1)', inherited));
  assert.instance(e, ValueError);
  assert.match(e.message, /unknown variable 'z'; no variables were given/);
  // Property access by brackets or strings is not part of the grammar.
  for (const source of ["Vi(x)['exp']()", 'Vi(x)[0]', 'Vi(x).exp.call()', 'Vi(x)`exp`']) {
    assert.instance(caughtSync(() => parseExpression(source, vars)), ValueError, source);
  }
});

function caughtSync(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

test('the source must be a string and the variables an object', () => {
  for (const [source, variables, pattern] of [
    [42, vars, /^parseExpression: the expression must be a string, received the number 42$/],
    [null, vars, /received null/],
    ['Vi(x)', null, /^parseExpression: variables must be an object such as \{ x: X, y: Y \}, received null$/],
    ['Vi(x)', [X], /received an array of length 1/],
    ['Vi(x)', 'x', /received the string 'x'/],
  ]) {
    const e = caughtSync(() => parseExpression(source, variables));
    assert.instance(e, ValueError);
    assert.match(e.message, pattern);
  }
});

test(`nesting deeper than MAX_EXPRESSION_DEPTH (${MAX_EXPRESSION_DEPTH}) and sources longer than MAX_EXPRESSION_LENGTH (${MAX_EXPRESSION_LENGTH}) fail cleanly`, async () => {
  const deep = /the expression nests more than 256 levels deep/;
  assert.is(MAX_EXPRESSION_DEPTH, 256);
  // Parentheses: the whole expression is level 1, each '(' one more.
  const parens = (n) => `${'('.repeat(n)}Vi(a)${')'.repeat(n)}.sum(1)`;
  assert.is(String(parseExpression(parens(MAX_EXPRESSION_DEPTH - 1), vars)), 'Vi(a).sum(1)');
  const p = caughtSync(() => parseExpression(parens(MAX_EXPRESSION_DEPTH), vars));
  assert.instance(p, ValueError);
  assert.match(p.message, /^parseExpression: at column 257 of '\.\.\.\(+Vi\(a\)\)+\.\.\.' \(characters 207-306 of 524\): the expression nests more than 256 levels deep/);
  // A chain of methods: Vi(a) is level 1, each call one more. The deepest allowed runs, and
  // gives the JS chain's bits.
  const chain = (n) => `Vi(a)${'.sin()'.repeat(n)}`;
  const ok = parseExpression(chain(MAX_EXPRESSION_DEPTH - 1), vars);
  let js = Vi(A);
  for (let k = 0; k < MAX_EXPRESSION_DEPTH - 1; k++) js = js.sin();
  assert.is(ok.lazy.node.key, js.node.key);
  assert.is(bitDifference(await ok.lazy.mul(Vj(B)).sum(1, WASM), await js.mul(Vj(B)).sum(1, WASM)), null);
  const c = caughtSync(() => parseExpression(chain(MAX_EXPRESSION_DEPTH), vars));
  assert.instance(c, ValueError);
  assert.match(c.message, new RegExp(`^parseExpression: at column ${5 + 6 * (MAX_EXPRESSION_DEPTH - 1) + 2} of .*: the expression nests more than 256`));
  // Signs, nested arguments and operator chains.
  for (const source of [
    `${'-'.repeat(5000)}Vi(a)`,
    `${'- '.repeat(300)}Vi(a)`,
    `${'Vi(a).add('.repeat(300)}Vi(a)${')'.repeat(300)}`,
    `Vi(a)${' + 1'.repeat(300)}`,
    `Vi(a)${' * Vj(b)'.repeat(300)}`,
    `Pm([${'('.repeat(400)}1${')'.repeat(400)}])`,
    '('.repeat(MAX_EXPRESSION_LENGTH),
  ]) {
    const e = caughtSync(() => parseExpression(source, vars));
    assert.instance(e, ValueError, source.slice(0, 40));
    assert.match(e.message, deep, source.slice(0, 40));
    assert.ok(e.message.length < 500, `a ${e.message.length}-character message`);
  }
  // Too long: refused before any parsing, the message quoting only the start.
  for (const source of ['('.repeat(1e5), `Vi(a)${' '.repeat(MAX_EXPRESSION_LENGTH)}.sum(1)`]) {
    const e = caughtSync(() => parseExpression(source, vars));
    assert.instance(e, ValueError);
    assert.match(e.message, new RegExp(`^parseExpression: at column 10001 of '\\.\\.\\..{100}(\\.\\.\\.)?' \\(characters \\d+-\\d+ of ${source.length}\\): the expression has ${source.length} characters; at most 10000 are read$`));
  }
  // Exactly MAX_EXPRESSION_LENGTH characters is read.
  const full = `Vi(a).sum(1)${' '.repeat(MAX_EXPRESSION_LENGTH - 12)}`;
  assert.is(full.length, MAX_EXPRESSION_LENGTH);
  assert.is(String(parseExpression(full, vars)), 'Vi(a).sum(1)');
});

test('a long source is quoted around the error, not whole', () => {
  const source = `Vi(a)${'.add(1)'.repeat(20)}.sum(1) + 1`;
  const e = caughtSync(() => parseExpression(source, vars));
  assert.instance(e, ValueError);
  assert.match(e.message, /^parseExpression: at column 154 of '\.\.\..{100}' \(characters 57-156 of 156\): the reduction \.sum\(1\) at column 147/);
  const long = `Vi(a)${'.add(1)'.repeat(100)}.bad()${'.add(1)'.repeat(100)}`;
  const b = caughtSync(() => parseExpression(long, vars));
  assert.match(b.message, /^parseExpression: at column 707 of '\.\.\.(\.add\(1\)){7}\.bad\(\)(\.add\(1\)){6}.{3}\.\.\.' \(characters 657-756 of 1411\): unknown method 'bad'/);
});

// ------------------------------------------------------------------------------------------------
// Fuzz
// ------------------------------------------------------------------------------------------------

const ALPHABET = [...'Vijm()Pm[],.+-*/{}:0123456789eE xyabuwvs_$#\'"`;=\n\té\u0000\u2028'];
const FRAGMENTS = ['Vi(u)', 'Vj(mat)', '.elem(7)', '.concat(', 'exp', '.sum(1)', '.sum(-1)', '(', ')', 'Vi(x)', 'Vj(y)', 'Pm(', '.', ',', '-', 'Math.PI', 'Infinity', 'NaN', '{ weight: Vj(w) }', '.Kmin(3, 1)', 'constructor', '__proto__', '1e999', '.elem(', '.extract(', '.pow('];

test('fuzz: mutated expressions only ever raise ValueError, ShapeError or DTypeError, promptly; what parses runs or rejects with a lazykernel error', async () => {
  const r = new Rng(SEED ^ 0xf022);
  const seeds = [...EXPRESSIONS.map(([s]) => s), ...Object.entries(METHOD_CASES).map(([name, [[x, ...args]]]) => `${x}.${name}(${args.join(', ')}).sum(1)`)];
  const mutate = (s) => {
    const at = r.int(0, s.length);
    switch (r.int(0, 5)) {
      case 0: return s.slice(0, at) + s.slice(at + r.int(1, 3));
      case 1: return s.slice(0, at) + r.pick(ALPHABET) + s.slice(at);
      case 2: return s.slice(0, at) + r.pick(FRAGMENTS) + s.slice(at);
      case 3: return at + 1 < s.length ? s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2) : s;
      case 4: { const b = r.int(0, s.length); return s.slice(0, at) + s.slice(Math.min(at, b), Math.max(at, b)) + s.slice(at); }
      default: return s.slice(0, at) + r.pick(ALPHABET).repeat(r.int(2, 400)) + s.slice(at);
    }
  };
  const counts = { parsed: 0, ValueError: 0, ShapeError: 0, DTypeError: 0, ran: 0, rejected: 0 };
  const bad = [];
  let slowest = 0;
  for (let n = 0; n < 6000; n++) {
    let source = r.pick(seeds);
    for (let m = r.pick([1, 1, 1, 2, 3]); m > 0; m--) source = mutate(source);
    const t0 = performance.now();
    let parsed = null;
    try {
      parsed = parseExpression(source, vars);
      counts.parsed++;
    } catch (e) {
      const ok = (e instanceof ValueError || e instanceof ShapeError || e instanceof DTypeError)
        && /^parseExpression: at column \d+ of '/.test(e.message);
      if (!ok) bad.push(`${JSON.stringify(source)}: ${e?.name}: ${e?.message}`);
      else counts[e.name]++;
    }
    slowest = Math.max(slowest, performance.now() - t0);
    // Run some of what parses (small sizes): any failure must be lazykernel's own error.
    // (K, axis and the like at most 100: a K of millions is valid, and slow.)
    const small = parsed?.reduction?.args.every((a) => typeof a !== 'number' || a <= 100);
    if (small && counts.ran + counts.rejected < 400) {
      const e = await caught(() => parsed.run(WASM));
      if (e === null) counts.ran++;
      else if (e instanceof LazyKernelError) counts.rejected++;
      else bad.push(`${JSON.stringify(source)} run: ${e?.name}: ${e?.message}`);
    }
  }
  assert.equal(bad.slice(0, 10), [], `${bad.length} mutants raised other errors`);
  assert.ok(slowest < 1000, `a parse took ${slowest.toFixed(0)} ms`);
  // The fuzz reaches every outcome (otherwise it would check little).
  assert.ok(counts.parsed > 100 && counts.ValueError > 3000 && counts.ShapeError > 0 && counts.ran > 50, JSON.stringify(counts));
});

test('the parser evaluates nothing as JavaScript: no eval, Function, dynamic import or Reflect in its source', () => {
  const source = readFileSync(new URL('../src/api/expression.ts', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const pattern of [/\beval\s*\(/, /\bFunction\s*\(/, /\bimport\s*\(/, /\bReflect\./, /\bglobalThis\b/, /\bwindow\b/]) {
    assert.not.match(source, pattern, `src/api/expression.ts matches ${pattern}`);
  }
  // The check can fail.
  assert.match('const f = new Function("x")', /\bFunction\s*\(/);
});

test.run();
