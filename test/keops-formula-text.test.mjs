// The KeOps formula grammar (src/formula/text): what Genred and samplesLoss's cost strings read.
// - Round trip: every formula the random generator makes, printed the pykeops way
//   (String(lazyTensor)), parses back to the same formula (the same canonical key), and so does
//   one node of every op of the table; Genred on a printed formula gives the LazyTensor's bits.
// - The grammar: Python's precedence, KeOps's names and argument orders, the same nodes as the
//   LazyTensor methods.
// - Errors: a ValueError (or the op's ShapeError) giving the column, the source and a caret;
//   nesting beyond MAX_FORMULA_DEPTH is an error, not a stack overflow; no eval anywhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { Genred, LazyTensor, Vi, Vj, Pm, tensor, ValueError, ShapeError, MAX_FORMULA_DEPTH } from '../build/src/index.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { formulaToString } from '../build/src/formula/print.js';
import { collectVars, constNode } from '../build/src/formula/node.js';
import { apply } from '../build/src/formula/build.js';
import { parseKeopsFormula } from '../build/src/formula/text/keops-parser.js';
import { buildKeopsFormula, varMismatch } from '../build/src/formula/text/keops-build.js';
import { infixOps } from '../build/src/formula/text/keops-ops.js';
import { Rng } from './helpers/random.mjs';
import { makeGenerator, categories, allOps, MAX_DEPTH } from './helpers/random-formulas.mjs';

const SEED = Number(process.env.KEOPS_TEXT_SEED ?? 0x6e57ed);
const ORACLE = { backend: 'oracle' };

/** The formula line of String(lazyTensor). */
function printed(root) {
  const m = /formula: (.*)\n/.exec(String(new LazyTensor(root)));
  assert.ok(m, 'String(lazyTensor) names the formula');
  return m[1];
}

/** Parses `text` with Var(k, dim, cat) standing for the k-th variable of `vars`. */
function parseOver(text, vars, names = {}) {
  const scope = {
    names: Object.keys(names),
    variable: (name) => names[name],
    indexed: (index, dim, cat) => (vars[index] ? varMismatch(vars[index], dim, cat) ?? vars[index] : `there are ${vars.length} variables`),
  };
  return buildKeopsFormula(parseKeopsFormula(text, 'test'), scope, 'test');
}

/** The error `f` throws (null if none). */
function caught(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

// ------------------------------------------------------------------------------------------------
// Round trip
// ------------------------------------------------------------------------------------------------

test('every random formula, printed as String(lazyTensor) prints it, parses back to the same formula', () => {
  const rng = new Rng(SEED);
  const seen = new Set();
  let count = 0;
  for (let n = 0; n < 3000; n++) {
    const gen = makeGenerator(rng, 1 + rng.int(0, 4), 1 + rng.int(0, 4), rng.bool() ? 'float32' : 'float64', [-1.5, 1.5]);
    const root = gen(rng.int(1, MAX_DEPTH), rng.pick([1, 1, 2, 3, 4]));
    const text = printed(root);
    const back = parseOver(text, collectVars([root]));
    assert.is(back.key, root.key, `seed ${SEED}, case ${n}: ${text}`);
    assert.is(printed(back), text, `case ${n}: the reparsed formula prints the same`);
    for (const op of allOps(root)) seen.add(op);
    count++;
  }
  const missing = [...OP_TABLE.keys()].filter((op) => !seen.has(op));
  assert.equal(missing, [], `ops no random formula used: ${missing.join(', ')}`);
  assert.is(count, 3000);
});

test('one node of every op of the table (its test dimensions and attributes) prints and parses back', () => {
  const rng = new Rng(SEED + 1);
  for (const spec of OP_TABLE.values()) {
    let tried = 0;
    for (const d of [1, 2, 3, 4]) {
      const dims = spec.test.argDims(d);
      if (!dims) continue;
      for (const attrs of spec.test.attrs ?? [[]]) {
        const args = dims.map((dim, k) => {
          const t = tensor(Float64Array.from({ length: 2 * dim }, () => rng.uniform(0.5, 1.5)), [2, dim]);
          return (k % 2 === 0 ? Vi(t) : Vj(t)).node;
        });
        let node;
        try {
          node = apply(spec.name, args, attrs);
        } catch {
          continue; // the test attributes do not fit this dimension
        }
        const text = printed(node);
        assert.is(parseOver(text, collectVars([node])).key, node.key, `${spec.name}: ${text}`);
        tried++;
      }
    }
    assert.ok(tried > 0, `${spec.name}: no node could be made from its test metadata`);
  }
});

test('constants print and parse back exactly: -0, NaN, the infinities, large and tiny numbers', () => {
  const x = Vi(tensor(Float64Array.of(1, 2), [2, 1]));
  for (const c of [0, -0, 1, -1, 0.1, -0.75, 2 ** 31, -(2 ** 31) - 1, 1e21, -1e300, 5e-324, -2.5e-8, NaN, Infinity, -Infinity, Math.PI]) {
    const node = x.add(c).node;
    const text = printed(node);
    assert.is(parseOver(text, collectVars([node])).key, node.key, `${String(c)}: ${text}`);
  }
  // A vector of constants (SumT of a constant, as gradients make) too.
  const zeros = apply('SumT', [constNode(0)], [4]);
  const node = Vi(tensor(Float64Array.of(1, 2, 3, 4), [1, 4])).add(new LazyTensor(zeros)).node;
  assert.is(parseOver(printed(node), collectVars([node])).key, node.key);
});

test('Genred on a printed formula gives the bits of the LazyTensor it was printed from (oracle and wasm)', async () => {
  const rng = new Rng(SEED + 2);
  let ran = 0;
  for (let n = 0; n < 400 && ran < 25; n++) {
    const dtype = rng.bool() ? 'float32' : 'float64';
    const gen = makeGenerator(rng, 1 + rng.int(0, 6), 1 + rng.int(0, 6), dtype, [0.5, 1.5]);
    const root = gen(rng.int(1, 3), 1);
    const cats = categories(root);
    if (!cats.has('i') || !cats.has('j')) continue;
    const vars = collectVars([root]);
    const text = printed(root);
    const routine = Genred(text, [], { reductionOp: 'Sum', axis: 1 });
    assert.is(routine.nargs, vars.length, text);
    for (const options of [ORACLE, { backend: 'wasm' }]) {
      const want = await new LazyTensor(root).sum(1, options);
      const got = await routine(...vars.map((v) => v.tensor), options);
      assert.equal(got.shape, want.shape, text);
      assert.ok(Object.is(got.data.length, want.data.length) && got.data.every((v, k) => Object.is(v, want.data[k])), `${text} on ${options.backend}: ${got.data} vs ${want.data}`);
    }
    ran++;
  }
  assert.ok(ran >= 25, `only ${ran} formulas ran`);
});

// ------------------------------------------------------------------------------------------------
// The grammar
// ------------------------------------------------------------------------------------------------

const X = tensor(Float64Array.from({ length: 12 }, (_, k) => Math.sin(k + 1)), [4, 3]);
const Y = tensor(Float64Array.from({ length: 15 }, (_, k) => Math.cos(k)), [5, 3]);
const S = tensor(Float64Array.from({ length: 9 }, (_, k) => 1 + k / 10), [9]);
const B = tensor(Float64Array.of(1, 2, 3, 4, 5), [5, 1]);
const x = Vi(X), y = Vj(Y), s = Pm(S), b = Vj(B);
const scopeNames = { x: x.node, y: y.node, s: s.node, b: b.node };
const read = (text) => parseOver(text, [], scopeNames).key;

test('infix operators are the ops whose printer writes them; names are the op table\'s, in KeOps\'s argument order', () => {
  assert.equal(Object.fromEntries(infixOps()), { '+': 'Add', '-': 'Subtract', '*': 'Mult', '/': 'Divide', '|': 'Scalprod' });
  const same = [
    ['Exp(-SqDist(x,y)) * b', x.sqdist(y).neg().exp().mul(b)],
    ['x - y - x', x.sub(y).sub(x)],
    ['x / y * x', x.div(y).mul(x)],
    ['2 * x + 1', new LazyTensor(apply('Mult', [constNode(2), x.node])).add(1)],
    ['-x**2', x.square().neg()],
    ['x**3', x.pow(3)],
    ['x**-1', x.pow(-1)],
    ['x**0.5', x.powf(0.5)],
    ['x**y', x.powf(y)],
    ['(x|y)', x.dot(y)],
    ['x|y + x', x.dot(y.add(x))],
    ['Pow(x, 3)', x.pow(3)],
    ['Powf(x, y)', x.powf(y)],
    ['WeightedSqDist(s, x, y)', x.weightedsqdist(y, s)],
    ['WeightedSqNorm(s, x)', x.weightedsqnorm(s)],
    ['SymSqNorm(s, x)', x.weightedsqnorm(s)],
    ['SqNormIso(Elem(s, 0), x)', x.weightedsqnorm(s.elem(0))],
    ['SqNormDiag(Extract(s, 0, 3), x)', x.weightedsqnorm(s.extract(0, 3))],
    ['Elem(x, 2)', x.elem(2)],
    ['Extract(x, 1, 2)', x.extract(1, 2)],
    ['Concat(x, b)', x.concat(b)],
    ['MatVecMult(s, x)', s.matvecmult(x)],
    ['VecMatMult(x, s)', x.vecmatmult(s)],
    ['TensorProd(x, y)', x.tensorprod(y)],
    ['Sum(x)', x.sum(-1)],
    ['SqNorm2(x - y)', x.sub(y).sqnorm2()],
    ['Norm2(x)', x.norm2()],
    ['Normalize(x)', x.normalize()],
    ['Clamp(x, y, 1)', x.clamp(y, 1)],
    ['IfElse(x, y, b)', x.ifelse(y, b)],
    ['Atan2(x, y)', x.atan2(y)],
    ['Mod(x, 2, 0.5)', x.mod(2, 0.5)],
    ['Round(x, 2)', x.round(2)],
    ['Min(x, y)', x.minimum(y)],
    ['Max(x, y)', x.maximum(y)],
    ['Min(x)', x.elem(0).minimum(x.elem(1)).minimum(x.elem(2))],
    ['Max(b)', b],
    ['Inv(x) + Rsqrt(x) + ReLU(x) + Step(x) + Sign(x) + Abs(x) + Floor(x)', x.inv().add(x.rsqrt()).add(x.relu()).add(x.step()).add(x.sign()).add(x.abs()).add(x.floor())],
    ['Exp(x) * IntCst(3) / IntInv(4) + RatCst(1, 4) + Cst(0.5)', x.exp().mul(3).div(0.25).add(0.25).add(0.5)],
    ['Sum(x) + Zero(1) + Sum(Zero(3))', x.sum(-1).add(0).add(new LazyTensor(apply('Sum', [apply('SumT', [constNode(0)], [3])])))],
    ['Var(0,3,0) - Var(1,3,1)', x.sub(y)],
  ];
  for (const [text, lazy] of same) {
    const vars = [x.node, y.node];
    assert.is(parseOver(text, vars, scopeNames).key, lazy.node.key, text);
  }
});

test('Grad(f, v, e) is the symbolic gradient (dF/dv)^T e, a formula like any other', async () => {
  const E = tensor(Float64Array.of(0.5, -1, 2, 0.25), [4, 1]);
  const routine = Genred('Grad(Exp(-SqDist(x,y)) * b, x, e)', ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)', 'e = Vi(1)'], { reductionOp: 'Sum', axis: 1, backend: 'oracle' });
  const got = await routine(X, Y, B, E);
  const K = x.sqdist(y).neg().exp();
  const want = await x.sub(y).mul(-2).mul(K).mul(b).mul(Vi(E)).sum(1, ORACLE);
  assert.equal(got.shape, [4, 3]);
  for (let k = 0; k < 12; k++) assert.ok(Math.abs(got.data[k] - want.data[k]) <= 1e-14 * (1 + Math.abs(want.data[k])), `${k}: ${got.data[k]} vs ${want.data[k]}`);
  // The gradient input has the formula's dimension; v must be a variable.
  assert.instance(caught(() => Genred('Grad(SqDist(x,y), x, x)', ['x = Vi(3)', 'y = Vj(3)'])), ShapeError);
  assert.match(caught(() => Genred('Grad(SqDist(x,y), x + y, IntCst(1))', ['x = Vi(3)', 'y = Vj(3)'])).message, /at column 19 of the formula: the second argument of Grad must be a variable/);
});

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

const ALIASES = ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'];

/** [formula, class, pattern of the first line after 'Genred: ', column of the caret (1-based) or null]. */
const BAD = [
  ['', ValueError, /^at column 1 of the formula: the formula is empty/, 1],
  ['   ', ValueError, /^at column 1 of the formula: the formula is empty/, 1],
  ['x $ y', ValueError, /^at column 3 of the formula: cannot parse the character '\$'/, 3],
  ['x[0]', ValueError, /^at column 2 of the formula: expected an operator .* found '\['.* \(x\[k\] is not KeOps syntax: write Elem\(x, k\) or Extract\(x, start, len\)\)/, 2],
  ['Exp([1, 2])', ValueError, /^at column 5 of the formula: a \[\.\.\.\] list is only an argument of TensorDot/, 5],
  ['TensorDot(x, x, 3, [3], [0], [0])', ValueError, /^at column 17 of the formula: argument 3 of TensorDot\(.*\) must be a list of integers such as \[2,2\]/, 17],
  ['TensorDot(x, x, [3], [3], [0], [0]', ValueError, /^at column 35 of the formula: expected ',' or '\)' in the arguments of TensorDot\(|^at column 35 of the formula: expected '\)' to close TensorDot/, 35],
  ['x < y', ValueError, /^at column 3 of the formula: cannot parse the character '<' \(comparisons are not formula operations/, 3],
  ["Exp('x')", ValueError, /^at column 5 of the formula: cannot parse the character "'" \(names are written without quotes\)/, 5],
  ['SqDist(x,y', ValueError, /^at column 11 of the formula: expected '\)' to close SqDist\( at column 1, found the end of the formula$/, 11],
  ['SqDist(x y)', ValueError, /^at column 10 of the formula: expected ',' or '\)' in the arguments of SqDist\( at column 1, found 'y'$/, 10],
  ['(x + y', ValueError, /^at column 7 of the formula: expected '\)' to close the '\(' at column 1, found the end of the formula$/, 7],
  ['x + y)', ValueError, /^at column 6 of the formula: unbalanced '\)'/, 6],
  ['x + ', ValueError, /^at column 5 of the formula: expected a number, a name, .*, found the end of the formula$/, 5],
  ['x * * y', ValueError, /^at column 5 of the formula: expected a number, .*, found '\*'$/, 5],
  ['x y', ValueError, /^at column 3 of the formula: expected an operator \(\+ - \* \/ \| \*\*\) or the end of the formula, found 'y'$/, 3],
  ['x = Vi(3)', ValueError, /^at column 3 of the formula: unexpected '='; the formula is one formula \(aliases such as 'x = Vi\(3\)' are given apart\)$/, 3],
  ['Exp(-SqDist(x,z)) * b', ValueError, /^at column 15 of the formula: unknown name 'z'; the variables are x, y, b$/, 15],
  ['Exq(x)', ValueError, /^at column 1 of the formula: unknown function 'Exq' \(did you mean 'Exp'\?\); the functions are Minus, Exp, /, 1],
  ['SqDst(x, y)', ValueError, /^at column 1 of the formula: unknown function 'SqDst' \(did you mean 'SqDist'\?\)/, 1],
  ['x(y)', ValueError, /^at column 1 of the formula: 'x' is a variable, not a function$/, 1],
  ['Exp + x', ValueError, /^at column 1 of the formula: 'Exp' is a function: call it, as Exp\(\.\.\.\)$/, 1],
  ['Exp(x, y)', ValueError, /^at column 1 of the formula: Exp takes 1 argument, Exp\(formula\); found 2$/, 1],
  ['Pow(x)', ValueError, /^at column 1 of the formula: Pow takes 2 arguments, Pow\(formula, integer\); found 1$/, 1],
  ['Pow(x, 1.5)', ValueError, /^at column 8 of the formula: argument 2 of Pow\(formula, integer\) must be an integer in \[-2\^31, 2\^31\), found 1\.5$/, 8],
  ['Pow(x, y)', ValueError, /^at column 8 of the formula: argument 2 of Pow\(formula, integer\) must be a constant number, found a formula of dimension 3$/, 8],
  ['Elem(x, 3)', ShapeError, /^at column 1 of the formula: Elem: index 3 is out of range for dimension 3$/, 1],
  ['Extract(x, 2, 2)', ShapeError, /^at column 1 of the formula: Extract: components \[2, 4\) do not fit in dimension 3$/, 1],
  ['Exp(x) + SqDist(x, b)', ShapeError, /^at column 10 of the formula: SqDist: operand dimensions 3 and 1 must be equal$/, 10],
  ['x + Concat(x, b)', ShapeError, /^at column 3 of the formula: Add: operand dimensions 3 and 4 do not match/, 3],
  ['Var(0,3,5)', ValueError, /^at column 9 of the formula: the category of Var must be 0 \(i\), 1 \(j\) or 2 \(parameter\), found 5$/, 9],
  ['Var(0,2,0)', ValueError, /^at column 1 of the formula: Var\(0,2,0\): dimension 2, but that variable has dimension 3$/, 1],
  ['Var(1,3,0)', ValueError, /^at column 1 of the formula: Var\(1,3,0\): category 0, but that variable has category 1 \(j\)$/, 1],
  ['Var(-1,3,0)', ValueError, /^at column 5 of the formula: the index of Var must be an integer in \[0, 2\^31\), found -1$/, 5],
  ['Var(0,3)', ValueError, /^at column 1 of the formula: Var takes 3 arguments, Var\(index, dim, category\)/, 1],
  ['IntCst(1.5) * x', ValueError, /^at column 8 of the formula: the argument of IntCst must be an integer, found 1\.5/, 8],
  ['x / IntInv(0)', ValueError, /^at column 12 of the formula: IntInv\(0\) is 1 \/ 0$/, 12],
  ['x * RatCst(1, 0)', ValueError, /^at column 15 of the formula: RatCst with a zero denominator$/, 15],
  ['Zero(0) + x', ValueError, /^at column 6 of the formula: the dimension of Zero must be an integer in \[1, 2\^31\)/, 6],
  ['SqNormIso(x, x)', ShapeError, /^at column 11 of the formula: SqNormIso: the weight has dimension 3, expected 1 for x of dimension 3$/, 11],
];

test('every malformed formula is a ValueError (or the op\'s ShapeError) giving the column, the source and a caret', () => {
  for (const [source, Class, pattern, column] of BAD) {
    const e = caught(() => Genred(source, ALIASES));
    assert.ok(e !== null, `${JSON.stringify(source)} was accepted`);
    assert.instance(e, Class, `${JSON.stringify(source)}: ${e.name}: ${e.message}`);
    assert.is(e.name, Class.name);
    const [first, quote, caret, ...rest] = e.message.split('\n');
    assert.equal(rest, [], `${JSON.stringify(source)}: three lines`);
    assert.ok(first.startsWith('Genred: '), e.message);
    assert.match(first.slice('Genred: '.length), pattern, `${JSON.stringify(source)}: ${e.message}`);
    assert.is(quote, `    '${source}'`, `${JSON.stringify(source)}: the source quoted`);
    assert.is(caret, `${' '.repeat(4 + column)}^`, `${JSON.stringify(source)}: the caret under column ${column}`);
    if (Class !== ValueError) assert.instance(e.cause, Class, 'the op\'s error is the cause');
  }
});

test('a long formula is quoted around its error, with the caret under it', () => {
  const source = `${'x + '.repeat(60)}x $ y${' + y'.repeat(60)}`;
  const at = source.indexOf('$');
  const e = caught(() => Genred(source, ALIASES));
  assert.instance(e, ValueError);
  const [first, quote, caret] = e.message.split('\n');
  assert.match(first, new RegExp(`^Genred: at column ${at + 1} of the formula: cannot parse the character '\\$'`));
  const m = /^ {4}'\.\.\.(.*)\.\.\.' \(characters (\d+)-(\d+) of (\d+)\)$/.exec(quote);
  assert.ok(m, quote);
  assert.is(Number(m[4]), source.length);
  assert.is(m[1], source.slice(Number(m[2]) - 1, Number(m[3])));
  assert.is(caret.length - 1, quote.indexOf('$'), 'the caret is under the $');
});

test(`nesting beyond MAX_FORMULA_DEPTH (${MAX_FORMULA_DEPTH}) is a ValueError, however it nests; 20,000 deep overflows nothing`, () => {
  assert.is(MAX_FORMULA_DEPTH, 256);
  const forms = {
    parentheses: (n) => `${'('.repeat(n)}x${')'.repeat(n)}`,
    calls: (n) => `${'Exp('.repeat(n)}x${')'.repeat(n)}`,
    signs: (n) => `${'-'.repeat(n)}x`,
    operators: (n) => `x${' + x'.repeat(n)}`,
    powers: (n) => `x${'**1'.repeat(n)}`,
  };
  for (const [name, make] of Object.entries(forms)) {
    // The deepest allowed parses (a leaf is level 1).
    Genred(make(MAX_FORMULA_DEPTH - 1), ALIASES);
    for (const n of [MAX_FORMULA_DEPTH, 20000]) {
      const e = caught(() => Genred(make(n), ALIASES));
      assert.instance(e, ValueError, `${name} ${n}: ${e}`);
      assert.match(e.message, /^Genred: at column \d+ of the formula: the formula nests more than 256 levels deep/, `${name} ${n}`);
      assert.ok(e.message.length < 600, `${name} ${n}: a short message`);
    }
  }
});

test('the grammar evaluates nothing as JavaScript: no eval, Function, dynamic import or Reflect in its sources', () => {
  const dir = new URL('../src/formula/text/', import.meta.url);
  const files = [...readdirSync(dir).map((f) => new URL(f, dir)), new URL('../src/api/genred.ts', import.meta.url), new URL('../src/ot/formula-string.ts', import.meta.url)];
  assert.ok(files.length >= 8);
  for (const file of files) {
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const pattern of [/\beval\s*\(/, /\bFunction\s*\(/, /\bimport\s*\(/, /\bReflect\./, /\bglobalThis\b/]) {
      assert.not.match(source, pattern, `${file.pathname} matches ${pattern}`);
    }
  }
  // The check can fail.
  assert.match('const f = new Function("x")', /\bFunction\s*\(/);
  // Names of JavaScript internals are names like others: unknown.
  for (const name of ['constructor', '__proto__', 'toString', 'eval', 'Function', 'hasOwnProperty']) {
    assert.match(caught(() => Genred(`${name}(x)`, ALIASES)).message, new RegExp(`unknown function '${name}'`));
    assert.match(caught(() => Genred(`x + ${name}`, ALIASES)).message, new RegExp(`unknown name '${name}'`));
  }
});

test.run();
