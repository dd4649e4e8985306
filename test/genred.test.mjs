// Genred: KeOps's string formulas with aliases (the contract's "Genred" call). A routine runs the
// LazyTensor reduction its string describes, so its results are the bits of the same LazyTensor
// call, on the oracle and on wasm, float32 and float64, both axes, every reduction by KeOps's
// names, with ranges, options per call and gradients; every bad formula, alias, option and
// argument is a typed error before any work. (The grammar itself: keops-formula-text.test.mjs.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Genred, Vi, Vj, Pm, tensor, fromMatrix, ValueError, ShapeError, DTypeError, AbortError } from '../build/src/index.js';
import { dispatchCounts } from '../build/src/dispatch/dispatcher.js';
import { Rng } from './helpers/random.mjs';

const rng = new Rng(0x9e17ed);
const T = (shape, dtype, lo = -1, hi = 1) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float64Array.from({ length: n }, () => rng.uniform(lo, hi));
  return tensor(dtype === 'float32' ? Float32Array.from(data) : data, shape);
};
const ALIASES = ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'];

/** Same shape, dtype and bits (NaN and -0 included). */
function assertSame(got, want, label) {
  assert.equal(got.shape, want.shape, `${label}: shape`);
  assert.is(got.dtype, want.dtype, `${label}: dtype`);
  for (let k = 0; k < want.data.length; k++) {
    if (!Object.is(got.data[k], want.data[k])) assert.unreachable(`${label}: element ${k}: ${got.data[k]} vs ${want.data[k]}`);
  }
}

async function rejection(f) {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return null;
}
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

test('the contract call: Genred(\'Exp(-SqDist(x,y)) * b\', ...) gives the bits of the LazyTensor chain (oracle, wasm; float32, float64; both axes; N = 1, M not a multiple of the tile)', async () => {
  for (const dtype of ['float32', 'float64']) {
    for (const [N, M] of [[1, 1], [7, 33], [40, 5]]) {
      const X = T([N, 3], dtype), Y = T([M, 3], dtype), Bt = T([M, 1], dtype), Bi = T([N, 1], dtype);
      for (const backend of ['oracle', 'wasm']) {
        const routine = Genred('Exp(-SqDist(x,y)) * b', ALIASES, { reductionOp: 'Sum', axis: 1, backend });
        const got = await routine(X, Y, Bt);
        const want = await Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vj(Bt)).sum(1, { backend });
        assert.equal(got.shape, [N, 1]);
        assertSame(got, want, `${dtype} ${N}x${M} ${backend}`);
        // axis 0 (pykeops's default) reduces over i: b is then an i variable.
        const over = Genred('Exp(-SqDist(x,y)) * b', ['x = Vi(3)', 'y = Vj(3)', 'b = Vi(1)'], { backend });
        assert.is(over.axis, 0);
        assertSame(await over(X, Y, Bi), await Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vi(Bi)).sum(0, { backend }), `${dtype} ${N}x${M} ${backend} axis 0`);
      }
    }
  }
});

test('every reduction, by KeOps\'s names (and their spellings without _), is the LazyTensor reduction', async () => {
  const X = T([9, 2], 'float64'), Y = T([13, 2], 'float64'), W = T([13, 1], 'float64', 0.1, 1), V = T([13, 3], 'float64');
  const aliases = ['x = Vi(2)', 'y = Vj(2)', 'w = Vj(1)', 'v = Vj(3)'];
  const D = Vi(X).sqdist(Vj(Y));
  const cases = [
    ['Sum', {}, () => D.sum(1)],
    ['LogSumExp', {}, () => D.neg().logsumexp(1)],
    ['LogSumExp', { formula2: 'w' }, () => D.neg().logsumexp(1, { weight: Vj(W) })],
    ['LogSumExpWeight', { formula2: 'w' }, () => D.neg().logsumexp(1, { weight: Vj(W) })],
    ['SumSoftMaxWeight', { formula2: 'v' }, () => D.neg().sumsoftmaxweight(Vj(V), 1)],
    ['SoftMax', { formula2: 'v' }, () => D.neg().sumsoftmaxweight(Vj(V), 1)],
    ['Min', {}, () => D.min(1)],
    ['Max', {}, () => D.max(1)],
    ['ArgMin', {}, () => D.argmin(1)],
    ['ArgMax', {}, () => D.argmax(1)],
    ['Min_ArgMin', {}, () => D.minArgmin(1)],
    ['MinArgMin', {}, () => D.minArgmin(1)],
    ['Max_ArgMax', {}, () => D.maxArgmax(1)],
    ['MaxArgMax', {}, () => D.maxArgmax(1)],
    ['KMin', { k: 3 }, () => D.Kmin(3, 1)],
    ['ArgKMin', { k: 3 }, () => D.argKmin(3, 1)],
    ['KMin_ArgKMin', { k: 3 }, () => D.KminArgKmin(3, 1)],
    ['KMinArgKMin', { k: 3 }, () => D.KminArgKmin(3, 1)],
  ];
  for (const [reductionOp, extra, lazy] of cases) {
    const formula = reductionOp.startsWith('LogSumExp') || reductionOp.startsWith('S') && reductionOp !== 'Sum' ? '-SqDist(x,y)' : 'SqDist(x,y)';
    const routine = Genred(formula, aliases, { reductionOp, axis: 1, ...extra });
    assert.is(routine.reductionOp, reductionOp);
    const got = await routine(X, Y, W, V);
    const want = await lazy();
    if (Array.isArray(want)) {
      assert.ok(Array.isArray(got) && got.length === 2, `${reductionOp}: [values, indices]`);
      assertSame(got[0], want[0], `${reductionOp} values`);
      assertSame(got[1], want[1], `${reductionOp} indices`);
    } else {
      assertSame(got, want, reductionOp);
    }
  }
});

test('aliases: Vi(dim), Vi(index, dim), unnamed, Var(index, dim, cat), the old Vx / Vy, any order; Var(...) of the formula adds arguments', async () => {
  const X = T([5, 3], 'float64'), Y = T([6, 3], 'float64'), B = T([6, 1], 'float64');
  const want = await Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vj(B)).sum(1);
  const forms = [
    [['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'], 'Exp(-SqDist(x,y)) * b'],
    [['x=Vi(0,3)', 'y=Vj(1,3)', 'b=Vj(2,1)'], 'Exp(-SqDist(x,y)) * b'],
    [['b = Vj(2, 1)', 'y = Vj(1, 3)', 'x = Vi(0, 3)'], 'Exp(-SqDist(x,y)) * b'],
    [['x = Vx(3)', 'y = Vy(3)', 'b = Vj(1)'], 'Exp(-SqDist(x,y)) * b'],
    [['x = Var(0,3,0)', 'y = Var(1,3,1)', 'b = Var(2,1,1)'], 'Exp(-SqDist(x,y)) * b'],
    [['Vi(0,3)', 'Vj(1,3)', 'b = Vj(2,1)'], 'Exp(-SqDist(Var(0,3,0),Var(1,3,1))) * b'],
    [['x = Vi(3)'], 'Exp(-SqDist(x,Var(1,3,1))) * Var(2,1,1)'],
    [[], 'Exp(-SqDist(Var(0,3,0),Var(1,3,1))) * Var(2,1,1)'],
  ];
  for (const [aliases, formula] of forms) {
    const routine = Genred(formula, aliases, { axis: 1 });
    assert.is(routine.nargs, 3, `${aliases}`);
    assertSame(await routine(X, Y, B), want, `${JSON.stringify(aliases)} ${formula}`);
  }
});

test('Pm arguments: a Tensor [D], a number or a number array; the formula\'s numbers adopt its dtype', async () => {
  const X = T([4, 2], 'float32'), Y = T([5, 2], 'float32');
  const routine = Genred('Exp(-g * SqDist(x,y)) + Sum(s * x)', ['x = Vi(2)', 'y = Vj(2)', 'g = Pm(1)', 's = Pm(2)'], { axis: 1 });
  const want = await Pm(0.5).mul(Vi(X).sqdist(Vj(Y))).neg().exp().add(Pm([1, -2]).mul(Vi(X)).sum(-1)).sum(1);
  assertSame(await routine(X, Y, 0.5, [1, -2]), want, 'numbers');
  assertSame(await routine(X, Y, tensor(Float32Array.of(0.5), [1]), tensor(Float32Array.of(1, -2), [2])), want, 'Tensors');
});

test('options per call (a last object argument): backend, ranges and signal; ranges given to Genred apply to every call', async () => {
  const X = T([6, 1], 'float64'), Y = T([8, 1], 'float64');
  const rI = tensor(Int32Array.of(0, 3, 3, 6), [2, 2]), rJ = tensor(Int32Array.of(0, 4, 4, 8), [2, 2]);
  const ranges = fromMatrix(rI, rJ, tensor([1, 0, 0, 1], [2, 2]));
  const K = Vi(X).sqdist(Vj(Y)).neg().exp();
  const want = await K.sum(1, { ranges });
  const routine = Genred('Exp(-SqDist(x,y))', ['x = Vi(1)', 'y = Vj(1)'], { axis: 1 });
  assertSame(await routine(X, Y, { ranges }), want, 'ranges per call');
  assertSame(await Genred('Exp(-SqDist(x,y))', ['x = Vi(1)', 'y = Vj(1)'], { axis: 1, ranges })(X, Y), want, 'ranges in the options');
  const before = dispatchCounts.oracle;
  const onOracle = await routine(X, Y, { backend: 'oracle' });
  assert.is(dispatchCounts.oracle, before + 1, 'the call ran on the oracle');
  assertSame(onOracle, await K.sum(1, { backend: 'oracle' }), 'backend per call');
  assert.instance(await rejection(() => routine(X, Y, { signal: AbortSignal.abort() })), AbortError);
  assert.match((await rejection(() => routine(X, Y, { weight: 1 }))).message, /^Genred routine \(its last argument, the options\): unknown option 'weight'; expected one of 'backend', 'ranges', 'signal'$/);
});

test('gradients: a routine\'s result is differentiable like the LazyTensor\'s (float64), and agrees with finite differences', async () => {
  const data = Float64Array.from({ length: 12 }, () => rng.uniform(-1, 1));
  const Y = T([5, 3], 'float64'), B = T([5, 1], 'float64'), E = T([4, 1], 'float64');
  const X1 = tensor(Float64Array.from(data), [4, 3], { requiresGrad: true });
  const X2 = tensor(Float64Array.from(data), [4, 3], { requiresGrad: true });
  const routine = Genred('Exp(-SqDist(x,y)) * b', ALIASES, { reductionOp: 'Sum', axis: 1 });
  await (await routine(X1, Y, B)).mul(E).sum().backward();
  await (await Vi(X2).sqdist(Vj(Y)).neg().exp().mul(Vj(B)).sum(1)).mul(E).sum().backward();
  assertSame(X1.grad, X2.grad, 'the gradient');
  const loss = async (d) => (await routine(tensor(d, [4, 3]), Y, B, { backend: 'oracle' })).mul(E).sum().item();
  for (let k = 0; k < 12; k++) {
    const h = 1e-6;
    const up = Float64Array.from(data), down = Float64Array.from(data);
    up[k] += h;
    down[k] -= h;
    const fd = (await loss(up) - await loss(down)) / (2 * h);
    assert.ok(Math.abs(fd - X1.grad.data[k]) <= 1e-6 * (1 + Math.abs(fd)), `component ${k}: finite difference ${fd}, gradient ${X1.grad.data[k]}`);
  }
});

test('routine.lazy(...) is the LazyTensor a call reduces; the routine keeps its formula, aliases and nargs', () => {
  const X = T([3, 3], 'float64'), Y = T([4, 3], 'float64'), B = T([4, 1], 'float64');
  const routine = Genred('Exp(-SqDist(x,y)) * b', ALIASES, { reductionOp: 'LogSumExp', axis: 1 });
  assert.is(routine.lazy(X, Y, B).node.key, Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vj(B)).node.key);
  assert.is(routine.formula, 'Exp(-SqDist(x,y)) * b');
  assert.equal(routine.aliases, ALIASES);
  assert.is(routine.nargs, 3);
  assert.match(String(routine.lazy(X, Y, B)), /formula: \(Exp\(Minus\(SqDist\(Var\(0,3,0\),Var\(1,3,1\)\)\)\) \* Var\(2,1,1\)\)/);
});

// ------------------------------------------------------------------------------------------------
// Errors when the routine is made
// ------------------------------------------------------------------------------------------------

/** [formula, aliases, options, class, pattern]. */
const BAD_ROUTINES = [
  ['x', ['x = Vi(1)'], { reductionOp: 'Summ' }, ValueError, /^Genred: options\.reductionOp must be one of 'Sum', 'LogSumExp', .*, received the string 'Summ' \(did you mean 'Sum'\?\)$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'Max_SumShiftExp' }, ValueError, /^Genred: reductionOp 'Max_SumShiftExp' is not supported: KeOps's internal form of LogSumExp/],
  ['x', ['x = Vi(1)'], { reductionOp: 'Max_SumShiftExpWeight' }, ValueError, /^Genred: reductionOp 'Max_SumShiftExpWeight' is not supported/],
  ['x', ['x = Vi(1)'], { reductionOp: 'ArgKMin' }, ValueError, /^Genred: reductionOp 'ArgKMin' needs options\.k, a positive integer at most 2\^31 - 1, received undefined$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'KMin', k: 0 }, ValueError, /needs options\.k, .*, received the number 0$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'Sum', k: 3 }, ValueError, /^Genred: options\.k is the K of 'KMin', 'ArgKMin' and 'KMin_ArgKMin'; reductionOp 'Sum' takes none$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'SumSoftMaxWeight' }, ValueError, /^Genred: reductionOp 'SumSoftMaxWeight' needs options\.formula2 \(the values, a formula in the same aliases\)$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'Min', formula2: 'x' }, ValueError, /^Genred: options\.formula2 is the weight of .*; reductionOp 'Min' takes none$/],
  ['x', ['x = Vi(1)'], { axis: 2 }, ValueError, /^Genred: options\.axis must be 0 \(reduce over i\) or 1 \(reduce over j\), received the number 2$/],
  ['x', ['x = Vi(1)'], { dtype: 'float16' }, DTypeError, /^Genred: options\.dtype must be 'float32' or 'float64', received the string 'float16'$/],
  ['x', ['x = Vi(1)'], { backend: 'GPU' }, ValueError, /^Genred: options\.backend must be one of 'auto', 'wasm', 'webgpu', 'oracle', received the string 'GPU'$/],
  ['x', ['x = Vi(1)'], { reduction_op: 'Sum' }, ValueError, /^Genred: unknown option 'reduction_op'; expected one of 'reductionOp', 'axis', /],
  ['x', ['x = Vi(1)'], { signal: { aborted: false } }, ValueError, /^Genred: options\.signal must be an AbortSignal/],
  ['x', 'x = Vi(1)', undefined, ValueError, /^Genred: aliases must be an array of strings such as \['x = Vi\(3\)', 'y = Vj\(3\)'\], received the string 'x = Vi\(1\)'$/],
  ['x', [3], undefined, ValueError, /^Genred: aliases\[0\] must be a string such as 'x = Vi\(3\)', received the number 3$/],
  ['x', ['x = Vk(3)'], undefined, ValueError, /^Genred: at column 5 of aliases\[0\]: expected Vi, Vj, Pm or Var after 'x =', found 'Vk'; an alias is 'x = Vi\(3\)', /],
  ['x', ['x = Vi(3'], undefined, ValueError, /^Genred: at column 9 of aliases\[0\]: expected '\)' to close Vi\(, found the end of aliases\[0\]$/],
  ['x', ['x = Vi(0)'], undefined, ValueError, /^Genred: at column 8 of aliases\[0\]: the dimension of Vi must be at least 1, found 0$/],
  ['x', ['x = Vi(1.5)'], undefined, ValueError, /^Genred: at column 8 of aliases\[0\]: the dimension of Vi must be an integer, found the number 1\.5$/],
  ['x', ['x = Vi(3) + 1'], undefined, ValueError, /^Genred: at column 11 of aliases\[0\]: expected the end of aliases\[0\], found '\+'; an alias declares one variable$/],
  ['x', ['x = Var(0, 3, 4)'], undefined, ValueError, /^Genred: at column 15 of aliases\[0\]: the category of Var must be 0 \(i\), 1 \(j\) or 2 \(parameter\), found 4$/],
  ['x', ['x = Vi(3) $'], undefined, ValueError, /^Genred: at column 11 of aliases\[0\]: cannot parse the character '\$'/],
  ['x', [''], undefined, ValueError, /^Genred: at column 1 of aliases\[0\]: aliases\[0\] is empty/],
  ['x', ['x = Vi(3)', 'x = Vj(3)'], undefined, ValueError, /^Genred: aliases\[1\] \('x = Vj\(3\)'\) declares 'x' again \(aliases\[0\] is 'x = Vi\(3\)'\)$/],
  ['x', ['x = Vi(0, 3)', 'y = Vj(0, 3)'], undefined, ValueError, /^Genred: aliases\[1\] \('y = Vj\(0, 3\)'\) gives argument 0 as Vj\(3\), but aliases\[0\] \('x = Vi\(0, 3\)'\) gave it as Vi\(3\)$/],
  ['x', ['x = Vi(2, 3)'], undefined, ValueError, /^Genred: arguments 0, 1 are declared by no alias and no Var\(index, \.\.\.\) of the formula \(the indices run from 0 to 2\)$/],
  ['IntCst(3) * 2', ['x = Vi(1)'], undefined, ValueError, /^Genred: the formula "IntCst\(3\) \* 2" is a constant; it must use at least one variable$/],
  ['x', ['x = Vi(3)', 'w = Vj(1)'], { reductionOp: 'LogSumExp', formula2: 'w' }, ShapeError, /^Genred: reductionOp 'LogSumExp' with options\.formula2 reduces a formula of dimension 1; the formula has dimension 3$/],
  ['x', ['x = Vi(1)'], { reductionOp: 'LogSumExpWeight', formula2: 'Exp(w' }, ValueError, /^Genred: at column 6 of options\.formula2: expected '\)' to close Exp\( at column 1, found the end of options\.formula2$/],
  [42, ['x = Vi(1)'], undefined, ValueError, /^Genred: the formula must be a string, received the number 42$/],
];

test('bad formulas, aliases and options are typed errors when the routine is made', () => {
  for (const [formula, aliases, options, Class, pattern] of BAD_ROUTINES) {
    const e = thrown(() => Genred(formula, aliases, options));
    const label = `${JSON.stringify(formula)} ${JSON.stringify(aliases)} ${JSON.stringify(options)}`;
    assert.ok(e !== null, `${label} was accepted`);
    assert.instance(e, Class, `${label}: ${e.name}: ${e.message}`);
    // The first line (a text's error goes on with the text quoted and a caret).
    assert.match(e.message.split('\n')[0], pattern, `${label}: ${e.message}`);
  }
  // An alias error quotes the alias with a caret under the column.
  const e = thrown(() => Genred('x', ['x = Vk(3)']));
  assert.equal(e.message.split('\n').slice(1), ["    'x = Vk(3)'", `${' '.repeat(9)}^`]);
});

// ------------------------------------------------------------------------------------------------
// Errors when it is called (before any work)
// ------------------------------------------------------------------------------------------------

test('bad arguments are typed errors naming the argument and its alias, before any work', async () => {
  const routine = Genred('Exp(-SqDist(x,y)) * b + Sum(s)', ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)', 's = Pm(2)'], { axis: 1 });
  const X = T([4, 3], 'float32'), Y = T([5, 3], 'float32'), B = T([5, 1], 'float32'), S = T([2], 'float32');
  const X64 = T([4, 3], 'float64');
  const cases = [
    [[X, Y, B], ValueError, /^Genred routine: the routine takes 4 arguments \(0: Vi\(3\) from aliases\[0\] \('x = Vi\(3\)'\), 1: Vj\(3\) from aliases\[1\] .*\), received 3$/],
    [[X, Y, B, S, S], ValueError, /received 5$/],
    [[[1, 2, 3], Y, B, S], DTypeError, /^Genred routine: argument 0 \(Vi\(3\) from aliases\[0\] \('x = Vi\(3\)'\)\): expected a Tensor of shape \[N, 3\], received an array of length 3$/],
    [[tensor(Int32Array.of(1, 2, 3), [1, 3]), Y, B, S], DTypeError, /^Genred routine: argument 0 .*: expected a float32 or float64 Tensor, received an int32 Tensor$/],
    [[X64, Y, B, S], DTypeError, /^Genred routine: argument 1 \(Vj\(3\) from aliases\[1\] \('y = Vj\(3\)'\)\) is float32 but argument 0 is float64; every Tensor argument must have the same dtype$/],
    [[T([4, 2], 'float32'), Y, B, S], ShapeError, /^Genred routine: argument 0 .*: expected a Tensor of shape \[N, 3\], received shape \[4, 2\]$/],
    [[X, Y, T([5], 'float32'), S], null, null],
    [[X, Y, T([5, 2], 'float32'), S], ShapeError, /^Genred routine: argument 2 \(Vj\(1\) .*\): expected a Tensor of shape \[N, 1\] or \[N\], received shape \[5, 2\]$/],
    [[X, Y, T([6, 1], 'float32'), S], ShapeError, /^Genred routine: argument 2 \(Vj\(1\) from aliases\[2\] \('b = Vj\(1\)'\)\) has 6 rows but argument 1 has 5; every Vj argument shares M \(the j axis\)$/],
    [[X, Y, B, T([3], 'float32')], ShapeError, /^Genred routine: argument 3 \(Pm\(2\) .*\): expected a Tensor of shape \[2\], received shape \[3\]$/],
    [[X, Y, B, 0.5], ShapeError, /^Genred routine: argument 3 .*: expected 2 numbers, received the number 0\.5$/],
    [[X, Y, B, 'ab'], DTypeError, /^Genred routine: argument 3 .*: expected a Tensor of shape \[2\] \(or numbers\), received the string 'ab'$/],
    [[X, Y, B, S, { backend: 'cpu' }], ValueError, /^Genred routine: options\.backend must be one of/],
  ];
  for (const [args, Class, pattern] of cases) {
    const before = { ...dispatchCounts };
    const e = await rejection(() => routine(...args));
    const label = args.map((a) => a?.shape ? `[${a.shape}] ${a.dtype}` : JSON.stringify(a)).join(', ');
    if (Class === null) {
      assert.is(e, null, `${label}: ${e}`);
      continue;
    }
    assert.ok(e !== null, `${label} was accepted`);
    assert.instance(e, Class, `${label}: ${e.name}: ${e.message}`);
    assert.match(e.message, pattern, `${label}: ${e.message}`);
    assert.equal({ ...dispatchCounts }, before, `${label}: nothing ran`);
  }
  // options.dtype: every Tensor argument has that dtype.
  const strict = Genred('SqDist(x,y)', ['x = Vi(3)', 'y = Vj(3)'], { axis: 1, dtype: 'float64' });
  assert.match((await rejection(() => strict(X, Y))).message, /^Genred routine: argument 0 .*: expected a float64 Tensor \(options\.dtype\), received a float32 Tensor$/);
  assert.equal((await strict(X64, T([2, 3], 'float64'))).shape, [4, 1]);
});

test.run();
