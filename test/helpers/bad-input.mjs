// Random invalid calls across the public API, for the bad-input fuzzer (test/fuzz-bad-input.test.mjs).
//
// Each generator ("kind") draws one invalid call: a wrong shape, dtype, type, option name, option
// value or argument count, a duck type posing as a Tensor / LazyTensor / AbortSignal, a NaN,
// negative, fractional or huge size. A case is
//   { kind, desc, call, names, async }
// where `call()` makes the call, `desc` is a readable description of it (for failure messages),
// `names` the words the error message must contain (each entry a word or a list of alternatives:
// the argument, option or op the case broke) and `async` whether the API returns a promise
// (which must reject) or is synchronous (which must throw). Generators build their values with
// valid calls only; the invalid call runs in `call()`.
import * as lk from '../../build/src/index.js';

const { tensor, Tensor, Vi, Vj, Pm, LazyTensor, LinearOperator, zeros, ones } = lk;

// ------------------------------------------------------------------------------------------------
// Showing values in case descriptions
// ------------------------------------------------------------------------------------------------

/** A short, readable rendering of a value (enough to rebuild the case by hand). */
export function show(v, depth = 0) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return v.label ?? (v.name ? `function ${v.name}` : 'function');
  if (v.label) return v.label;
  if (v instanceof Tensor) return `tensor(${v.dtype} [${v.shape.join(', ')}]${v.requiresGrad ? ', requiresGrad' : ''})`;
  if (v instanceof LazyTensor) return `LazyTensor(dim ${v.dim})`;
  if (v instanceof LinearOperator) return `LinearOperator(${v.name})`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}.of(${Array.from(v.slice(0, 8), (x) => show(typeof x === 'bigint' ? x : Number(x))).join(', ')}${v.length > 8 ? ', ...' : ''})`;
  if (typeof AbortSignal !== 'undefined' && v instanceof AbortSignal) return `AbortSignal(aborted ${v.aborted})`;
  if (typeof AbortController !== 'undefined' && v instanceof AbortController) return 'new AbortController()';
  if (depth > 2) return '...';
  if (Array.isArray(v)) return `[${v.slice(0, 8).map((x) => show(x, depth + 1)).join(', ')}${v.length > 8 ? `, ... (${v.length})` : ''}]`;
  const keys = Object.keys(v);
  const proto = Object.getPrototypeOf(v);
  const prefix = proto === null ? 'Object.create(null) ' : proto !== Object.prototype ? `${proto.constructor?.name ?? 'object'} ` : '';
  return `${prefix}{ ${keys.map((k) => `${JSON.stringify(k)}: ${show(v[k], depth + 1)}`).join(', ')} }`;
}

/** Attaches a description to an object or function used as a value. */
function labelled(label, value) {
  Object.defineProperty(value, 'label', { value: label, enumerable: false });
  return value;
}

/** An options object with one own key `key` (JSON.parse, so '__proto__' becomes an own property). */
export function ownKeyObject(key, value, base = {}) {
  const o = JSON.parse(`{${JSON.stringify(key)}: 0}`);
  o[key] = value; // an own data property: for '__proto__' too, so no prototype changes
  return Object.assign(o, base);
}

// ------------------------------------------------------------------------------------------------
// Pools of bad values
// ------------------------------------------------------------------------------------------------

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf'];

/** An option name that the API does not know: a typo of a real one, a prototype key or garbage. */
function unknownKey(rng, valid) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = rng.next();
    let key;
    if (r < 0.3) key = rng.pick(PROTO_KEYS);
    else if (r < 0.85 && valid.length) {
      const base = rng.pick(valid);
      const m = rng.int(0, 4);
      if (m === 0 && base.length > 1) {
        const at = rng.int(0, base.length - 1);
        key = base.slice(0, at) + base.slice(at + 1); // a letter dropped
      } else if (m === 1) key = `${base}s`;
      else if (m === 2) key = base.toUpperCase();
      else if (m === 3) key = base.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) + (/[A-Z]/.test(base) ? '' : '_');
      else key = `${base[0].toUpperCase()}${base.slice(1)}`;
    } else key = rng.pick(['foo', 'options', 'opts', 'bogus', 'axis', 'dim', 'keepdim', 'device', 'cuda', 'x']);
    if (key.length > 0 && !valid.includes(key)) return key;
  }
  return 'definitelyNotAnOption';
}

/** A JSON-ish value for an unknown option (its value does not matter). */
function anyValue(rng) {
  return rng.pick([1, 0, true, false, 'wasm', null, [], {}, -1, 'float64']);
}

/** Not a number at all. */
function nonNumber(rng, { withNull = true } = {}) {
  const pool = ['3', '', 'abc', true, false, {}, [], [2], 2n, Symbol('x'), () => 1];
  if (withNull) pool.push(null);
  return rng.pick(pool);
}

/** Not a positive integer: zero, negative, fractional, NaN, infinite, or not a number. */
function badPositiveInt(rng, opts) {
  return rng.bool(0.6) ? rng.pick([0, -1, -7, 1.5, 0.5, 2.25, NaN, Infinity, -Infinity, 1e-300, -0.5]) : nonNumber(rng, opts);
}

/** Not a non-negative integer. */
function badNonNegInt(rng, opts) {
  return rng.bool(0.6) ? rng.pick([-1, -7, 1.5, 0.5, NaN, Infinity, -Infinity, -0.5]) : nonNumber(rng, opts);
}

/** Not a finite non-negative number. */
function badNonNegNumber(rng, opts) {
  return rng.bool(0.6) ? rng.pick([-1, -1e-9, -Infinity, NaN, Infinity]) : nonNumber(rng, opts);
}

/** Not a positive finite number. */
function badPositiveNumber(rng, opts) {
  return rng.bool(0.6) ? rng.pick([0, -0, -1, -1e-9, -Infinity, NaN, Infinity]) : nonNumber(rng, opts);
}

/** Not a boolean. */
function badBoolean(rng) {
  return rng.pick(['true', 'false', 1, 0, 'yes', {}, [], NaN, Symbol('b')]);
}

/** Not a function. */
function badFunction(rng) {
  return rng.pick(['fn', 1, true, {}, [], Symbol('f')]);
}

/** Not an AbortSignal: duck types, the controller itself, primitives. */
function badSignal(rng) {
  return rng.pick([
    labelled('{ aborted: false }', { aborted: false }),
    labelled('{ aborted: true }', { aborted: true }),
    labelled('{ aborted: false, addEventListener() {}, removeEventListener() {} }', { aborted: false, addEventListener() {}, removeEventListener() {} }),
    labelled('{ aborted: false, reason: undefined, throwIfAborted() {}, onabort: null }', { aborted: false, reason: undefined, throwIfAborted() {}, onabort: null }),
    labelled('new AbortController() (not its signal)', new AbortController()),
    'signal', 1, true, {}, [], Symbol('s'),
  ]);
}

/** Not a Tensor: arrays, typed arrays, duck types, primitives. */
function notATensor(rng, shape = [3, 2]) {
  const size = shape.reduce((a, b) => a * b, 1);
  return rng.pick([
    Array.from({ length: size }, (_, k) => k / 7),
    new Float64Array(size),
    new Float32Array(size),
    new Int32Array(size),
    labelled(`{ shape: [${shape}], data: Float64Array(${size}), dtype: 'float64' } (duck Tensor)`, { shape: [...shape], data: new Float64Array(size), dtype: 'float64', size, ndim: shape.length, requiresGrad: false, grad: null, gradFn: null }),
    null, undefined, 3, 'tensor', true, {}, Symbol('t'),
  ]);
}

/** Not a LazyTensor. */
function notALazy(rng, f) {
  return rng.pick([
    f.X64, f.Y64,
    labelled('{ node: Vi(X64).node } (duck LazyTensor)', { node: Vi(f.X64).node, dim: 2 }),
    [1, 2], new Float64Array(2), 'x', null, undefined, true, {}, Symbol('l'),
  ]);
}

/** A describing suffix for reductions' `options`. */
function reductionOptionsBad(rng, f, { weight = false } = {}) {
  const valid = weight ? ['backend', 'ranges', 'signal', 'ni', 'nj', 'weight'] : ['backend', 'ranges', 'signal', 'ni', 'nj'];
  const r = rng.int(0, 6);
  if (r === 0) {
    const key = unknownKey(rng, valid);
    return { options: ownKeyObject(key, anyValue(rng), rng.bool() ? { backend: 'wasm' } : {}), names: [key] };
  }
  if (r === 1) return { options: rng.pick(['wasm', 'oracle', 5, true, [], [{ backend: 'wasm' }], Symbol('o')]), names: ['options'] };
  if (r === 2) return { options: { backend: rng.pick(['cuda', 'WASM', 'gpu', '', 'cpu', 'webgl', 5, true, {}, ['wasm']]) }, names: ['backend'] };
  if (r === 3) return { options: { signal: badSignal(rng) }, names: ['signal'] };
  if (r === 4) {
    const ac = new AbortController();
    ac.abort();
    return { options: { signal: labelled('an aborted AbortSignal', ac.signal) }, names: [['abort', 'signal']] };
  }
  // Malformed block-sparsity ranges.
  const i32 = (...v) => tensor(Int32Array.from(v), [v.length / 2, 2]);
  const i1 = (...v) => tensor(Int32Array.from(v), [v.length]);
  const pool = [
    labelled('[]', []),
    'ranges',
    labelled('5-tuple', [i32(0, 1), i1(1), i32(0, 1), i32(0, 1), i1(1)]),
    labelled('6-tuple of float64 tensors', Array.from({ length: 6 }, () => tensor(new Float64Array(2), [1, 2]))),
    labelled('6-tuple of number arrays', Array.from({ length: 6 }, () => [0, 1])),
    labelled('rangesI [0, 99) out of bounds', [i32(0, 99), i1(1), i32(0, 1), i32(0, 1), i1(1), i32(0, 1)]),
    labelled('redrangesJ [5, 2) reversed', [i32(0, 1), i1(1), i32(5, 2), i32(0, 1), i1(1), i32(0, 1)]),
    labelled('slicesI past the end', [i32(0, 1), i1(7), i32(0, 1), i32(0, 1), i1(1), i32(0, 1)]),
    labelled('rangesI as a [2] tensor', [i1(0, 1), i1(1), i32(0, 1), i32(0, 1), i1(1), i32(0, 1)]),
    labelled('negative start', [i32(-3, 1), i1(1), i32(0, 1), i32(0, 1), i1(1), i32(0, 1)]),
    labelled('overlapping column ranges', [i32(0, 1), i1(2), i32(0, 2, 1, 3), i32(0, 1), i1(1), i32(0, 1)]),
  ];
  return { options: { ranges: rng.pick(pool) }, names: ['ranges'] };
}

/** A bad reduction axis (0 and 1 are the valid ones). */
function badAxis(rng, allowMinusOne = false) {
  const pool = [2, 3, -2, 1.5, 0.5, NaN, Infinity, '1', '0', true, false, [1], 1n, Symbol('a'), null, {}, undefined];
  if (!allowMinusOne) pool.push(-1);
  return rng.pick(pool);
}

// ------------------------------------------------------------------------------------------------
// Fixtures: valid objects the bad calls are made on
// ------------------------------------------------------------------------------------------------

/** Valid inputs that the invalid calls use (created once). */
export function makeFixtures() {
  const N = 4;
  const M = 7;
  const f = { N, M };
  const data = (n, d, s) => Float64Array.from({ length: n * d }, (_, k) => Math.sin(1.3 * k + s));
  f.X64 = labelled('X64', tensor(data(N, 2, 0), [N, 2]));
  f.Y64 = labelled('Y64', tensor(data(M, 2, 1), [M, 2]));
  f.B64 = labelled('B64', tensor(data(M, 1, 2).map(Math.abs), [M, 1]));
  f.X32 = labelled('X32', tensor(Float32Array.from(data(N, 2, 0)), [N, 2]));
  f.Y32 = labelled('Y32', tensor(Float32Array.from(data(M, 2, 1)), [M, 2]));
  f.Y3 = labelled('Y3 [7, 3]', tensor(data(M, 3, 3), [M, 3]));
  f.X5 = labelled('X5 [5, 2]', tensor(data(5, 2, 4), [5, 2]));
  f.I32 = labelled('I32 [3, 2] int32', tensor(new Int32Array(6), [3, 2]));
  f.T3 = labelled('T3 [2, 2, 2]', tensor(new Float64Array(8), [2, 2, 2]));
  f.T0 = labelled('T0 [4, 0]', tensor(new Float64Array(0), [N, 0]));
  f.S = labelled('S (scalar)', tensor(Float64Array.of(2), []));
  f.V4 = labelled('V4 [4]', tensor(data(N, 1, 5), [N]));
  // A square kernel operator [N, N], a dense one and a callback one without rmatvec.
  f.K = () => Vi(f.X64).sqdist(Vj(f.X64)).neg().exp();
  f.G = () => Vi(f.X64).sqdist(Vj(f.Y64));
  f.Gv = () => Vi(f.X64).sub(Vj(f.Y64));
  f.Kop = labelled('Kop (LazyTensor [4, 4])', lk.aslinearoperator(f.K()));
  f.Dop = labelled('Dop (Tensor [4, 4])', lk.aslinearoperator(tensor(Float64Array.from({ length: N * N }, (_, k) => (k % (N + 1) === 0 ? 2 : 0)), [N, N])));
  f.Rop = labelled('Rop ([4, 7] callback)', lk.aslinearoperator({ shape: [N, M], matvec: (v) => new Float64Array(N).fill(v.data[0]) }));
  f.b4 = labelled('b4', tensor(Float64Array.from({ length: N }, (_, k) => k + 1), [N]));
  return f;
}

/** A fresh parameter tensor that requires grad (optimisers, backward). */
function param(n = 3, dtype = 'float64') {
  return labelled(`W [${n}] requiresGrad`, tensor(dtype === 'float64' ? new Float64Array(n).fill(0.5) : new Float32Array(n).fill(0.5), [n], { requiresGrad: true }));
}

// ------------------------------------------------------------------------------------------------
// The kinds
// ------------------------------------------------------------------------------------------------

const REDUCTIONS = ['sum', 'min', 'max', 'argmin', 'argmax', 'minArgmin', 'maxArgmax', 'logsumexp'];
const K_REDUCTIONS = ['Kmin', 'argKmin', 'KminArgKmin'];
const LAZY_BINARY = ['add', 'sub', 'mul', 'div', 'minimum', 'maximum', 'atan2', 'powf', 'sqdist', 'dot', 'concat', 'matvecmult', 'vecmatmult', 'tensorprod'];
const LAZY_OP_NAME = { add: 'Add', sub: 'Subtract', mul: 'Mult', div: 'Divide', minimum: 'Min', maximum: 'Max', atan2: 'Atan2', powf: 'Powf', sqdist: 'SqDist', dot: 'Scalprod', concat: 'Concat', matvecmult: 'MatVecMult', vecmatmult: 'VecMatMult', tensorprod: 'TensorProd', mod: 'Mod', clamp: 'Clamp', ifelse: 'IfElse', weightedsqdist: 'WeightedSqDist', weightedsqnorm: 'WeightedSqNorm' };
const HOST_BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'matmul'];
const HOST_REDUCE = ['sum', 'mean', 'max', 'min', 'logsumexp'];

const sync = (desc, call, names) => ({ desc, call, names, async: false });
const async_ = (desc, call, names) => ({ desc, call, names, async: true });

/** One reduction call on `F` by name, with the usual argument layout. */
function reductionCall(F, name, axis, options, k) {
  if (name === 'Kmin' || name === 'argKmin' || name === 'KminArgKmin') return () => F[name](k, axis, options);
  return () => F[name](axis, options);
}

export const KINDS = [
  // ---------------------------------------------------------------- tensor()
  {
    kind: 'tensor: bad data',
    gen(rng) {
      const data = rng.pick([
        undefined, 'abc', 42, null, true, labelled('{ length: 3 }', { length: 3 }), new Uint8Array(3), new Int16Array(3), new Uint32Array(3), new Int8Array(3),
        new BigInt64Array(3), new Uint8ClampedArray(3), [1, 'a', 3], [1, null, 3], [1, undefined, 3], [[1, 2], [3, 4]], [1, 2n], [Symbol('d')], [true, false],
        labelled('new ArrayBuffer(24)', new ArrayBuffer(24)), labelled('new DataView(new ArrayBuffer(8))', new DataView(new ArrayBuffer(8))), Symbol('data'),
      ]);
      const shape = Array.isArray(data) || ArrayBuffer.isView(data) ? [data.length ?? 1] : undefined;
      return sync(`tensor(${show(data)}${shape ? `, [${shape}]` : ''})`, () => tensor(data, shape), ['data']);
    },
  },
  {
    kind: 'tensor: bad shape',
    gen(rng) {
      const data = rng.bool() ? [1, 2, 3, 4, 5, 6] : new Float64Array(6);
      const shape = rng.pick([6, '6', '[2, 3]', null, true, {}, labelled('{ length: 2, 0: 2, 1: 3 }', { length: 2, 0: 2, 1: 3 }), [-2, -3], [2, -3], [1.5, 4], [2, 3.0000001], [NaN, 6], [Infinity],
        [2, '3'], [2, null], [2, 3, undefined], [Symbol('n')], [2n, 3n], [6, 1e-300], [2, 4], [7], [1e9, 1e9], [2 ** 31, 2 ** 31], [2 ** 53, 1], [0], [6, 0], [3, 2, 2], [[2, 3]], new Float64Array([2, 3]), new Int32Array([6, -1])]);
      return sync(`tensor(${show(data)}, ${show(shape)})`, () => tensor(data, shape), ['shape']);
    },
  },
  {
    kind: 'tensor: unknown option',
    gen(rng) {
      const key = unknownKey(rng, ['dtype', 'requiresGrad']);
      const options = ownKeyObject(key, anyValue(rng), rng.bool() ? { dtype: 'float64' } : {});
      return sync(`tensor([1, 2], [2], ${show(options)})`, () => tensor([1, 2], [2], options), [key]);
    },
  },
  {
    kind: 'tensor: options not an object',
    gen(rng) {
      const options = rng.pick(['float64', 5, true, [], ['float64'], Symbol('o'), null]);
      return sync(`tensor([1, 2], [2], ${show(options)})`, () => tensor([1, 2], [2], options), ['options']);
    },
  },
  {
    kind: 'tensor: bad dtype',
    gen(rng) {
      const dtype = rng.pick(['int8', 'float16', 'Float32', 'FLOAT64', 'float', 'double', 'int64', 'uint8', 'bool', 'bfloat16', '', 32, 64, true, {}, [], Symbol('dt'), labelled('Float32Array (the constructor)', Float32Array)]);
      const data = rng.pick([[1, 2], new Float64Array(2), new Float32Array(2), new Int32Array(2)]);
      return sync(`tensor(${show(data)}, [2], { dtype: ${show(dtype)} })`, () => tensor(data, [2], { dtype }), ['dtype']);
    },
  },
  {
    kind: 'tensor: dtype contradicts the typed array',
    gen(rng) {
      const [data, dtype] = rng.pick([[new Float32Array(2), 'float64'], [new Float64Array(2), 'float32'], [new Int32Array(2), 'float32'], [new Float32Array(2), 'int32'], [new Float64Array(2), 'int32']]);
      return sync(`tensor(${show(data)}, [2], { dtype: '${dtype}' })`, () => tensor(data, [2], { dtype }), ['dtype']);
    },
  },
  {
    kind: 'tensor: bad requiresGrad',
    gen(rng) {
      if (rng.bool(0.3)) {
        const data = rng.bool() ? new Int32Array(2) : [1, 2];
        return sync(`tensor(${show(data)}, [2], { ${Array.isArray(data) ? "dtype: 'int32', " : ''}requiresGrad: true })`, () => tensor(data, [2], { ...(Array.isArray(data) && { dtype: 'int32' }), requiresGrad: true }), ['requiresGrad']);
      }
      const requiresGrad = badBoolean(rng);
      return sync(`tensor([1, 2], [2], { requiresGrad: ${show(requiresGrad)} })`, () => tensor([1, 2], [2], { requiresGrad }), ['requiresGrad']);
    },
  },
  {
    kind: 'new Tensor: bad data or shape',
    gen(rng) {
      const [data, shape, name] = rng.pick([
        [[1, 2, 3], [3], 'data'], ['abc', [3], 'data'], [new Uint8Array(3), [3], 'data'],
        [new Float64Array(3), [5], 'shape'], [new Float64Array(6), [2, 2], 'shape'], [new Float32Array(4), [-4], 'shape'], [new Float64Array(2), [2.5], 'shape'],
        [new Float64Array(2), '2', 'shape'], [new Float64Array(2), [NaN], 'shape'], [new Float64Array(2), null, 'shape'],
      ]);
      return sync(`new Tensor(${show(data)}, ${show(shape)})`, () => new Tensor(data, shape), [name]);
    },
  },
  {
    kind: 'zeros / ones: bad shape',
    gen(rng) {
      const fn = rng.pick(['zeros', 'ones']);
      const shape = rng.pick([3, '3', null, undefined, [-1], [1.5], [NaN], [Infinity], ['3'], [Symbol('z')], [2 ** 53], [1e15, 1e15], [2 ** 40], [2 ** 33, 8], {}]);
      return sync(`${fn}(${show(shape)})`, () => (fn === 'zeros' ? zeros : ones)(shape), ['shape']);
    },
  },
  {
    kind: 'zeros / ones: bad dtype',
    gen(rng) {
      const fn = rng.pick(['zeros', 'ones']);
      const dtype = rng.pick(['int8', 'float16', 'Float64', 'float', '', 64, true, {}, null, Symbol('d')]);
      return sync(`${fn}([2], ${show(dtype)})`, () => (fn === 'zeros' ? zeros : ones)([2], dtype), ['dtype']);
    },
  },

  // ---------------------------------------------------------------- host ops on Tensors
  {
    kind: 'Tensor host op: bad operand',
    gen(rng, f) {
      const op = rng.pick(HOST_BINARY);
      const x = rng.pick([f.X64, f.X32]);
      const other = rng.pick(['1', null, undefined, true, [1, 2], new Float64Array(8), f.I32, Vi(f.X64), labelled('duck Tensor', { shape: [4, 2], data: new Float64Array(8), dtype: 'float64' }), {}, Symbol('o'), 1n]);
      return sync(`${show(x)}.${op}(${show(other)})`, () => x[op](other), [op]);
    },
  },
  {
    kind: 'Tensor host op: shapes do not broadcast',
    gen(rng, f) {
      const op = rng.pick(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']);
      const other = rng.pick([f.Y64, f.Y3, f.T3, tensor(new Float64Array(3), [3])]);
      return sync(`X64.${op}(${show(other)})`, () => f.X64[op](other), [op]);
    },
  },
  {
    kind: 'Tensor.matmul: shapes do not align',
    gen(rng, f) {
      const other = rng.pick([f.X64, f.Y64, f.Y3, f.S, tensor(new Float64Array(5), [5])]);
      return sync(`X64.matmul(${show(other)})`, () => f.X64.matmul(other), ['matmul']);
    },
  },
  {
    kind: 'Tensor reduction: bad axis',
    gen(rng, f) {
      const op = rng.pick(HOST_REDUCE);
      const axis = rng.pick([2, -3, 5, 1.5, NaN, '0', true, [0, 0], [0, 5], [1, '0'], Symbol('a'), {}]);
      return sync(`X64.${op}(${show(axis)})`, () => f.X64[op](axis), ['axis']);
    },
  },
  {
    kind: 'Tensor reduction: bad options',
    gen(rng, f) {
      const op = rng.pick(HOST_REDUCE);
      if (rng.bool()) {
        const key = unknownKey(rng, ['keepdims']);
        const options = ownKeyObject(key, true);
        return sync(`X64.${op}(0, ${show(options)})`, () => f.X64[op](0, options), [key]);
      }
      if (rng.bool(0.3)) {
        const options = rng.pick(['keepdims', 1, true, [], Symbol('o')]);
        return sync(`X64.${op}(0, ${show(options)})`, () => f.X64[op](0, options), ['options']);
      }
      const keepdims = badBoolean(rng);
      return sync(`X64.${op}(0, { keepdims: ${show(keepdims)} })`, () => f.X64[op](0, { keepdims }), ['keepdims']);
    },
  },
  {
    kind: 'Tensor host op on an int32 tensor',
    gen(rng, f) {
      const op = rng.pick(['exp', 'log', 'sqrt', 'neg', 'abs', 'square', 'sum', 'mean', 'softmax', 'logSoftmax']);
      return sync(`I32.${op}()`, () => f.I32[op](), ['int32']);
    },
  },
  {
    kind: 'Tensor shape op: bad arguments',
    gen(rng, f) {
      const [desc, call, names] = rng.pick([
        ['X64.reshape([7])', () => f.X64.reshape([7]), ['reshape']],
        ['X64.reshape([-1, -1])', () => f.X64.reshape([-1, -1]), ['reshape']],
        ['X64.reshape("8")', () => f.X64.reshape('8'), ['reshape']],
        ['X64.reshape([2.5, 3.2])', () => f.X64.reshape([2.5, 3.2]), ['reshape']],
        ['X64.reshape([NaN])', () => f.X64.reshape([NaN]), ['reshape']],
        ['X64.reshape([-8])', () => f.X64.reshape([-8]), ['reshape']],
        ['X64.reshape(["8"])', () => f.X64.reshape(['8']), ['reshape']],
        ['X64.view(3, 3)', () => f.X64.view(3, 3), ['reshape']],
        ['X64.transpose(0, 5)', () => f.X64.transpose(0, 5), ['transpose']],
        ['X64.transpose(1.5, 0)', () => f.X64.transpose(1.5, 0), ['transpose']],
        ['X64.transpose("0", 1)', () => f.X64.transpose('0', 1), ['transpose']],
        ['X64.narrow(0, 9, 1)', () => f.X64.narrow(0, 9, 1), ['start']],
        ['X64.narrow(0, 0, 99)', () => f.X64.narrow(0, 0, 99), ['length']],
        ['X64.narrow(0, 1.5, 1)', () => f.X64.narrow(0, 1.5, 1), ['start']],
        ['X64.narrow(0, 0, -1)', () => f.X64.narrow(0, 0, -1), ['length']],
        ['X64.narrow(7, 0, 1)', () => f.X64.narrow(7, 0, 1), ['axis']],
        ['X64.select(0, 4)', () => f.X64.select(0, 4), ['index']],
        ['X64.select(0, NaN)', () => f.X64.select(0, NaN), ['index']],
        ['X64.select(2, 0)', () => f.X64.select(2, 0), ['axis']],
        ['X64.select(0, "1")', () => f.X64.select(0, '1'), ['index']],
        ['X64.softmax(2)', () => f.X64.softmax(2), ['axis']],
        ['X64.logSoftmax("1")', () => f.X64.logSoftmax('1'), ['axis']],
        ['X64.get(9, 0)', () => f.X64.get(9, 0), ['index']],
        ['X64.get(0)', () => f.X64.get(0), ['indices']],
        ['X64.get(0, 0.5)', () => f.X64.get(0, 0.5), ['index']],
        ['X64.item()', () => f.X64.item(), ['item']],
        ['X64.clamp("0", 1)', () => f.X64.clamp('0', 1), ['min']],
        ['X64.clamp(0, {})', () => f.X64.clamp(0, {}), ['max']],
        ['X64.clamp()', () => f.X64.clamp(), ['min']],
        ['X64.requiresGrad_("yes")', () => f.X64.detach().requiresGrad_('yes'), ['requiresGrad_']],
        ['I32.requiresGrad_()', () => f.I32.detach().requiresGrad_(), ['requiresGrad_']],
      ]);
      return sync(desc, call, names);
    },
  },

  // ---------------------------------------------------------------- autograd
  {
    kind: 'backward: bad seed',
    gen(rng) {
      const W = param(3);
      const r = rng.int(0, 3);
      if (r === 0) {
        // a non-scalar root without a seed
        return async_('W.mul(2).backward() (non-scalar, no seed)', () => W.mul(2).backward(), ['seed']);
      }
      const seed = r === 1
        ? rng.pick([[1, 2], [1, 2, 3, 4], tensor(new Float64Array(4), [4]), tensor(new Float64Array(3), [3, 1]), new Float64Array(2)])
        : rng.pick(['1', null, true, {}, [1, '2', 3], [1, null, 3], tensor(new Int32Array(3), [3]), new Int32Array(3), labelled('duck Tensor', { shape: [3], data: new Float64Array(3), dtype: 'float64' }), Symbol('s'), [[1, 2, 3]]]);
      return async_(`W.mul(2).backward(${show(seed)})`, () => W.mul(2).backward(seed), ['seed']);
    },
  },
  {
    kind: 'backward: bad options',
    gen(rng) {
      const W = param(3);
      const r = rng.int(0, 2);
      if (r === 0) {
        const key = unknownKey(rng, ['retainGraph', 'createGraph']);
        const options = ownKeyObject(key, true);
        return async_(`W.sum().backward(undefined, ${show(options)})`, () => W.sum().backward(undefined, options), [key]);
      }
      if (r === 1) {
        const options = rng.pick(['retain', 1, true, [], Symbol('o')]);
        return async_(`W.sum().backward(undefined, ${show(options)})`, () => W.sum().backward(undefined, options), ['options']);
      }
      const name = rng.pick(['retainGraph', 'createGraph']);
      const value = badBoolean(rng);
      return async_(`W.sum().backward(undefined, { ${name}: ${show(value)} })`, () => W.sum().backward(undefined, { [name]: value }), [name]);
    },
  },
  {
    kind: 'backward: not differentiable',
    gen(rng, f) {
      const [desc, call, names] = rng.pick([
        ['X64.sum().backward() (no requiresGrad)', () => f.X64.sum().backward(), ['requiresGrad']],
        ['noGrad(() => W.sum()).backward()', () => lk.noGrad(() => param(3).sum()).backward(), ['requiresGrad']],
        ['s.backward() twice (graph freed)', async () => {
          const s = param(3).mul(2).sum();
          await s.backward();
          return s.backward();
        }, ['retainGraph']],
      ]);
      return async_(desc, call, names);
    },
  },
  {
    kind: 'noGrad: not a function',
    gen(rng) {
      const fn = rng.pick([5, 'fn', null, undefined, {}, [], Promise.resolve(1)]);
      return sync(`noGrad(${show(fn)})`, () => lk.noGrad(fn), ['noGrad']);
    },
  },

  // ---------------------------------------------------------------- Vi / Vj / Pm / LazyTensor
  {
    kind: 'Vi / Vj: not a float Tensor [N, D]',
    gen(rng, f) {
      const fn = rng.pick(['Vi', 'Vj']);
      // (A 3-d tensor is a batch of point clouds, [B, N, D]: valid.)
      const X = rng.bool(0.7) ? notATensor(rng, [4, 2]) : rng.pick([f.I32, f.T0, f.S, Vi(f.X64)]);
      return sync(`${fn}(${show(X)})`, () => lk[fn](X), [fn]);
    },
  },
  {
    kind: 'Pm: bad parameter',
    gen(rng, f) {
      // ([B, D] and [...batch, D] tensors are one parameter per batch: valid.)
      const value = rng.pick(['1', '', [], ['a'], [1, '2'], [1, null], [[1, 2]], [1n], true, null, undefined, {}, Symbol('p'), f.I32, f.S, tensor(new Float64Array(0), [2, 0]), tensor(new Float64Array(0), [0]), Vi(f.X64),
        labelled('duck Tensor', { shape: [2], data: new Float64Array(2), dtype: 'float64' }), new Float64Array(2), new Int32Array(2)]);
      return sync(`Pm(${show(value)})`, () => Pm(value), ['Pm']);
    },
  },
  {
    kind: 'new LazyTensor: not a formula node',
    gen(rng, f) {
      const node = rng.pick([null, undefined, 1, 'x', {}, f.X64, labelled('{ op: "Var", dim: 1 }', { op: 'Var', dim: 1, args: [], attrs: [] })]);
      return sync(`new LazyTensor(${show(node)})`, () => new LazyTensor(node), ['LazyTensor']);
    },
  },
  {
    kind: 'LazyTensor op: bad operand',
    gen(rng, f) {
      const op = rng.pick([...LAZY_BINARY, 'mod', 'clamp', 'ifelse', 'weightedsqdist', 'weightedsqnorm']);
      const bad = notALazy(rng, f);
      const x = Vi(f.X64);
      const good = rng.bool() ? Vj(f.Y64) : 1;
      let call;
      if (op === 'clamp' || op === 'ifelse') call = rng.bool() ? () => x[op](bad, good) : () => x[op](good, bad);
      else if (op === 'mod') call = rng.bool() || bad === undefined ? () => x.mod(bad, good) : () => x.mod(good, bad); // mod(n, d = 0)
      else if (op === 'weightedsqdist') call = rng.bool() ? () => x.weightedsqdist(bad, 1) : () => x.weightedsqdist(Vj(f.Y64), bad);
      else call = () => x[op](bad);
      return sync(`Vi(X64).${op}(... ${show(bad)} ...)`, call, [[op, LAZY_OP_NAME[op]]]);
    },
  },
  {
    kind: 'LazyTensor op: dimensions do not match',
    gen(rng, f) {
      const op = rng.pick(['add', 'sub', 'mul', 'div', 'minimum', 'maximum', 'atan2', 'sqdist', 'dot', 'matvecmult', 'vecmatmult', 'weightedsqdist', 'weightedsqnorm', 'clamp', 'ifelse', 'mod']);
      const x = Vi(f.X64); // dim 2
      const y3 = Vj(f.Y3); // dim 3
      let call;
      if (op === 'weightedsqdist') call = () => x.weightedsqdist(Vj(f.Y64), Vj(f.Y3));
      else if (op === 'weightedsqnorm') call = () => x.weightedsqnorm(Vj(f.Y3));
      else if (op === 'clamp' || op === 'ifelse' || op === 'mod') call = () => x[op](y3, 1);
      else call = () => x[op](y3);
      return sync(`Vi(X64 [4, 2]).${op}(Vj(Y3 [7, 3]) ...)`, call, [[op, LAZY_OP_NAME[op]]]);
    },
  },
  {
    kind: 'LazyTensor elem / extract: bad index',
    gen(rng, f) {
      const x = Vi(f.X64); // dim 2
      if (rng.bool()) {
        const k = rng.pick([-1, 2, 7, 1.5, NaN, Infinity, '0', null, undefined, 2 ** 40, -(2 ** 31), [0], Symbol('k'), true]);
        return sync(`Vi(X64).elem(${show(k)})`, () => x.elem(k), ['elem']);
      }
      const [start, len] = rng.pick([[-1, 1], [0, 3], [2, 1], [1, 2], [0, 0], [0, -1], [0.5, 1], [0, 1.5], ['0', 1], [0, '1'], [NaN, 1], [0, Infinity], [2 ** 40, 1], [undefined, 1], [0, undefined]]);
      return sync(`Vi(X64).extract(${show(start)}, ${show(len)})`, () => x.extract(start, len), ['extract']);
    },
  },
  {
    kind: 'LazyTensor at / slice / clampint / oneHot: bad index, bound or dimension',
    gen(rng, f) {
      const x = Vi(f.X64); // dim 2
      const which = rng.int(0, 3);
      if (which === 0) {
        const k = rng.pick([2, -3, 7, 1.5, NaN, Infinity, '0', null, undefined, 2 ** 40, [0], Symbol('k'), true]);
        return sync(`Vi(X64).at(${show(k)})`, () => x.at(k), ['at']);
      }
      if (which === 1) {
        const [s, e] = rng.pick([[1, 1], [1, -1], [2, 3], [-3, 1], [0, 3], [1, 0], [0.5, 1], ['0', 1], [0, '1'], [NaN, 1], [undefined, 1], [0, null], [2 ** 40, 1], [0, Infinity]]);
        return sync(`Vi(X64).slice(${show(s)}, ${show(e)})`, () => x.slice(s, e), ['slice']);
      }
      if (which === 2) {
        const [a, b] = rng.pick([[0.5, 1], [0, 1.5], ['0', 1], [0, null], [undefined, 1], [NaN, 1], [0, Infinity], [2 ** 40, 1], [0, [1]]]);
        return sync(`Vi(X64).clampint(${show(a)}, ${show(b)})`, () => x.clampint(a, b), ['clampint']);
      }
      if (rng.bool(0.2)) return sync('Vi(X64).oneHot(3) (a vector)', () => x.oneHot(3), ['OneHot', 'dimension 2']);
      const d = rng.pick([0, -1, 1.5, NaN, Infinity, '3', null, undefined, 2 ** 40, [3]]);
      return sync(`Vi(X64).elem(0).oneHot(${show(d)})`, () => x.elem(0).oneHot(d), ['oneHot', 'dim']);
    },
  },
  {
    kind: 'LazyTensor tensordot / kron: bad operand, sizes or axes',
    gen(rng, f) {
      const x = Vi(f.X64); // dim 2
      const y = Vj(f.Y3); // dim 3
      if (rng.bool(0.25)) {
        const bad = notALazy(rng, f);
        return rng.bool()
          ? sync(`Vi(X64).tensordot(${show(bad)}, [2], [3], [], [])`, () => x.tensordot(bad, [2], [3], [], []), ['tensordot', 'y'])
          : sync(`Vi(X64).kron(${show(bad)}, [2], [3])`, () => x.kron(bad, [2], [3]), ['kron', 'y']);
      }
      const cases = [
        [[2, 2], [3], [], [], undefined, ['TensorDot', 'dimsA']],
        [[2], [3], [0], [0], undefined, ['TensorDot', 'contracted']],
        [[2], [3], [1], [0], undefined, ['TensorDot', 'contA']],
        [[2], [3], [0], [], undefined, ['tensordot', 'contA', 'contB']],
        [[2], [3], [], [], [0], ['tensordot', 'permute']],
        [[2], [3], [], [], [1, 1], ['TensorDot', 'permute']],
        [[2], [3], [], [], [0, 2], ['TensorDot', 'permute']],
        [[0, 2], [3], [], [], undefined, ['TensorDot', 'dimsA']],
        ['2', [3], [], [], undefined, ['tensordot', 'dimsA']],
        [[2], null, [], [], undefined, ['tensordot', 'dimsB']],
        [[2], [3], [0.5], [0], undefined, ['tensordot', 'contA']],
        [[2], [3], [], {}, undefined, ['tensordot', 'contB']],
        [[2], [3], [], [], 'identity', ['tensordot', 'permute']],
        [[2], [3], [], [], [NaN, 1], ['tensordot', 'permute']],
      ];
      if (rng.bool(0.2)) {
        const [a, b, names] = rng.pick([[[2], [3, 1], ['kron', 'dimsA', 'dimsB']], [[2], 'x', ['kron', 'dimsB']], [[1.5], [3], ['kron', 'dimsA']], [[4], [3], ['TensorDot', 'dimsA']]]);
        return sync(`Vi(X64).kron(Vj(Y3), ${show(a)}, ${show(b)})`, () => x.kron(y, a, b), names);
      }
      const [dA, dB, cA, cB, p, names] = rng.pick(cases);
      return sync(`Vi(X64).tensordot(Vj(Y3), ${show(dA)}, ${show(dB)}, ${show(cA)}, ${show(cB)}${p === undefined ? '' : `, ${show(p)}`})`, () => x.tensordot(y, dA, dB, cA, cB, p), names);
    },
  },
  {
    kind: 'sum: bad sumScheme or useDoubleAcc',
    gen(rng, f) {
      const options = rng.bool()
        ? { sumScheme: rng.pick(['kahan', 'Kahan_scheme', 'block', '', 'double', null, 1, true, {}, ['kahan_scheme'], Symbol('s')]) }
        : { useDoubleAcc: badBoolean(rng) };
      const name = Object.keys(options)[0];
      const axis = rng.int(0, 1);
      return async_(`G.sum(${axis}, ${show(options)})`, () => f.G().sum(axis, options), [name]);
    },
  },
  {
    kind: 'LazyTensor pow / round: bad exponent',
    gen(rng, f) {
      const x = Vi(f.X64);
      if (rng.bool()) {
        const p = rng.pick(['2', null, undefined, true, {}, [2], Symbol('p'), 2n, 2 ** 31, -(2 ** 31) - 1, 2 ** 40, 1e300, -1e20]);
        return sync(`Vi(X64).pow(${show(p)})`, () => x.pow(p), [['pow', 'Powf', 'Pow']]);
      }
      const d = rng.pick([0.5, -1.5, NaN, Infinity, '2', null, {}, 2 ** 31, -(2 ** 40), 1e300]);
      return sync(`Vi(X64).round(${show(d)})`, () => x.round(d), ['decimals']);
    },
  },

  // ---------------------------------------------------------------- reductions
  {
    kind: 'reduction: bad axis',
    gen(rng, f) {
      const name = rng.pick([...REDUCTIONS, ...K_REDUCTIONS, 'sumsoftmaxweight']);
      const axis = badAxis(rng, name === 'sum');
      if (name === 'sumsoftmaxweight') return async_(`G.sumsoftmaxweight(Vj(B64), ${show(axis)})`, () => f.G().sumsoftmaxweight(Vj(f.B64), axis), ['axis']);
      const F = f.G();
      return async_(`G.${name}(${K_REDUCTIONS.includes(name) ? '2, ' : ''}${show(axis)})`, reductionCall(F, name, axis, undefined, 2), ['axis']);
    },
  },
  {
    kind: 'reduction: bad options',
    gen(rng, f) {
      const name = rng.pick([...REDUCTIONS, ...K_REDUCTIONS, 'sumsoftmaxweight']);
      const { options, names } = reductionOptionsBad(rng, f, { weight: name === 'logsumexp' });
      const axis = rng.int(0, 1);
      const f32 = rng.bool();
      const F = f32 ? Vi(f.X32).sqdist(Vj(f.Y32)).neg().exp() : f.G();
      const desc = `${f32 ? 'G32' : 'G'}.${name}(${K_REDUCTIONS.includes(name) ? '2, ' : ''}${name === 'sumsoftmaxweight' ? 'Vj(B), ' : ''}${axis}, ${show(options)})`;
      if (name === 'sumsoftmaxweight') {
        const V = Vj(f32 ? tensor(Float32Array.from(f.B64.data), [f.M, 1]) : f.B64);
        return async_(desc, () => F.sumsoftmaxweight(V, axis, options), names);
      }
      return async_(desc, reductionCall(F, name, axis, options, 2), names);
    },
  },
  {
    kind: 'reduction: sum(-1) takes no options',
    gen(rng, f) {
      const options = rng.pick([{}, { backend: 'wasm' }, { signal: new AbortController().signal }, 'wasm', 1]);
      return sync(`G.sum(-1, ${show(options)})`, () => f.Gv().sum(-1, options), ['sum(-1)']);
    },
  },
  {
    kind: 'reduction: bad K',
    gen(rng, f) {
      const name = rng.pick(K_REDUCTIONS);
      const K = rng.pick([0, -1, -5, 1.5, 0.5, NaN, Infinity, -Infinity, '3', '', null, undefined, true, [2], {}, Symbol('K'), 2n]);
      const axis = rng.int(0, 1);
      return async_(`G.${name}(${show(K)}, ${axis})`, () => f.G()[name](K, axis), ['K']);
    },
  },
  {
    kind: 'reduction: huge K',
    gen(rng, f) {
      const name = rng.pick(K_REDUCTIONS);
      const K = rng.pick([2 ** 31 - 1, 2 ** 31, 2 ** 40, 2 ** 53, 1e300]);
      const axis = rng.int(0, 1);
      return async_(`G.${name}(${show(K)}, ${axis})`, () => f.G()[name](K, axis), [['K', 'memory']]);
    },
  },
  {
    kind: 'logsumexp: bad weight',
    gen(rng, f) {
      const weight = rng.pick([f.Y64, f.B64, 2, '1', [1, 2], new Float64Array(7), null, true, {}, Symbol('w'), labelled('duck LazyTensor', { node: Vj(f.B64).node })]);
      return async_(`G.logsumexp(1, { weight: ${show(weight)} })`, () => f.G().logsumexp(1, { weight }), ['weight']);
    },
  },
  {
    kind: 'sumsoftmaxweight: bad V',
    gen(rng, f) {
      const V = rng.pick([f.B64, [1, 2], 2, '1', null, undefined, {}, new Float64Array(7), labelled('duck LazyTensor', { node: Vj(f.B64).node })]);
      return async_(`G.sumsoftmaxweight(${show(V)}, 1)`, () => f.G().sumsoftmaxweight(V, 1), ['sumsoftmaxweight']);
    },
  },
  {
    kind: 'reduction: invalid formula',
    gen(rng, f) {
      const name = rng.pick(['sum', 'min', 'max', 'argmin', 'logsumexp', 'Kmin']);
      const axis = rng.int(0, 1);
      const X32 = f.X32;
      const [desc, F, names, weight] = rng.pick([
        ['Vi(X64).sqnorm2() (no Vj)', () => Vi(f.X64).sqnorm2(), ['Vj']],
        ['Vj(Y64).sqnorm2() (no Vi)', () => Vj(f.Y64).sqnorm2(), ['Vi']],
        ['Pm([1, 2]).sqnorm2() (no Vi, no Vj)', () => Pm([1, 2]).sqnorm2(), [['Vi', 'Vj']]],
        ['Vi(X32).sqdist(Vj(Y64)) (float32 and float64)', () => Vi(X32).sqdist(Vj(f.Y64)), ['float32']],
        ['Vi(X64).sqdist(Vj(Y64)).mul(Pm(float32 tensor))', () => Vi(f.X64).sqdist(Vj(f.Y64)).mul(Pm(tensor(new Float32Array([2]), [1]))), ['float32']],
        ['Vi(X64).sqdist(Vj(Y64)).add(Vi(X5).sqnorm2()) (4 and 5 i-rows)', () => Vi(f.X64).sqdist(Vj(f.Y64)).add(Vi(f.X5).sqnorm2()), ['i-variables']],
        ['Vi(X64).sqdist(Vj(Y64)).add(Vj(X5).sqnorm2()) (7 and 5 j-rows)', () => Vi(f.X64).sqdist(Vj(f.Y64)).add(Vj(f.X5).sqnorm2()), ['j-variables']],
        ['G.logsumexp(axis, { weight: Vj(X5) }) (5 weight rows)', () => f.G(), ['j-variables'], () => Vj(f.X5)],
      ]);
      if (weight) return async_(`${desc}.logsumexp(${axis}, { weight })`, () => F().logsumexp(axis, { weight: weight() }), names);
      return async_(`${desc}.${name}(${name === 'Kmin' ? '2, ' : ''}${axis})`, reductionCall(F(), name, axis, undefined, 2), names);
    },
  },
  {
    kind: 'sumsoftmaxweight / weighted logsumexp of a vector formula',
    gen(rng, f) {
      if (rng.bool()) return async_('Gv.sumsoftmaxweight(Vj(B64), 1) (dimension 2)', () => f.Gv().sumsoftmaxweight(Vj(f.B64), 1), ['sumsoftmaxweight']);
      return async_('Gv.logsumexp(1, { weight: Vj(B64) }) (dimension 2)', () => f.Gv().logsumexp(1, { weight: Vj(f.B64) }), ['logsumexp']);
    },
  },
  {
    kind: 'reduction: bad ni / nj',
    gen(rng, f) {
      const name = rng.pick(['ni', 'nj']);
      const value = rng.bool(0.8) ? badPositiveInt(rng) : rng.pick([2 ** 31, 2 ** 40, 2 ** 53]);
      const [desc, F] = name === 'nj' ? ['Vi(X64).sqnorm2()', Vi(f.X64).sqnorm2()] : ['Vj(Y64).sqnorm2()', Vj(f.Y64).sqnorm2()];
      const red = rng.pick(['sum', 'min', 'logsumexp', 'argmin']);
      const axis = rng.int(0, 1);
      return async_(`${desc}.${red}(${axis}, { ${name}: ${show(value)} })`, () => F[red](axis, { [name]: value }), [name]);
    },
  },
  {
    kind: 'reduction: ni / nj contradicting the variables',
    gen(rng, f) {
      const name = rng.pick(['ni', 'nj']);
      const value = rng.pick(name === 'ni' ? [1, 3, 5, 7, 1000] : [1, 4, 6, 8, 1000]);
      const axis = rng.int(0, 1);
      return async_(`G.sum(${axis}, { ${name}: ${value} }) (G is [4, 7])`, () => f.G().sum(axis, { [name]: value }), [name]);
    },
  },
  {
    kind: 'grad / divergence / laplacian: bad arguments',
    gen(rng, f) {
      const F = () => Vi(f.X64).sqdist(Vj(f.Y64)).neg().exp();
      const [desc, call, names] = rng.pick([
        ['F.grad(X64, 1) (a Tensor, not a LazyTensor)', () => F().grad(f.X64, 1), ['v']],
        ['F.grad(Vi(X64).mul(2), 1) (a formula, not a variable)', () => F().grad(Vi(f.X64).mul(2), 1), ['v']],
        ['F.grad(Vi(X5), 1) (not a variable of F)', () => F().grad(Vi(f.X5), 1), ['v']],
        ['F.grad(Pm(2), 1) (not a variable of F)', () => F().grad(Pm(2), 1), ['v']],
        ['F.grad(Vi(X64), Vj(Y64)) (e of dimension 2, F of dimension 1)', () => F().grad(Vi(f.X64), Vj(f.Y64)), ['e']],
        ["F.grad(Vi(X64), '1')", () => F().grad(Vi(f.X64), '1'), ['e']],
        ['F.grad(Vi(X64))', () => F().grad(Vi(f.X64)), ['e']],
        ['F.divergence(Vi(X64)) (dimensions 1 and 2)', () => F().divergence(Vi(f.X64)), ['divergence']],
        ['F.divergence(null)', () => F().divergence(null), ['v']],
        ['Gv.laplacian(Vi(X64)) (not scalar)', () => f.Gv().laplacian(Vi(f.X64)), ['laplacian']],
        ['F.laplacian(Vj(X5)) (not a variable of F)', () => F().laplacian(Vj(f.X5)), ['v']],
      ]);
      return sync(desc, call, names);
    },
  },
  {
    kind: 'matvec / rmatvec: bad arguments',
    gen(rng, f) {
      const side = rng.pick(['matvec', 'rmatvec']);
      const r = rng.int(0, 3);
      if (r === 0) {
        const b = rng.pick([f.X5, f.T3, f.I32, f.S, [1, 2, 3, 4], null, undefined, 'b', new Float64Array(7), labelled('Vj(Y64)', Vj(f.Y64))]);
        return async_(`G.${side}(${show(b)})`, () => f.G()[side](b), ['b']);
      }
      if (r === 1) return async_(`Gv.${side}(B) (Gv has dimension 2)`, () => f.Gv()[side](side === 'matvec' ? f.B64 : f.b4), ['K']);
      if (r === 2) {
        const b = side === 'matvec' ? tensor(new Float32Array(f.M), [f.M]) : tensor(new Float32Array(f.N), [f.N]);
        return async_(`G.${side}(a float32 b) (G is float64)`, () => f.G()[side](b), ['float32']);
      }
      const { options, names } = reductionOptionsBad(rng, f);
      return async_(`G.${side}(b, ${show(options)})`, () => f.G()[side](side === 'matvec' ? f.B64 : f.b4, options), names);
    },
  },
  {
    kind: 'LazyTensor.solve: bad arguments',
    gen(rng, f) {
      const r = rng.int(0, 4);
      if (r === 0) {
        const alpha = rng.pick([-1, NaN, Infinity, '1', true, {}, [1]]);
        return async_(`K.solve(b4, { alpha: ${show(alpha)} })`, () => f.K().solve(f.b4, { alpha }), ['alpha']);
      }
      if (r === 1) {
        const b = rng.pick(['b', null, undefined, 3, [1, 'a', 3, 4], tensor(new Float64Array(5), [5]), tensor(new Float64Array(8), [2, 4]), Vi(f.X64).exp(), Vj(f.Y64), new Float64Array(3)]);
        return async_(`K.solve(${show(b)})`, () => f.K().solve(b), ['b']);
      }
      if (r === 2) {
        const key = unknownKey(rng, ['alpha', 'tol', 'atol', 'maxiter', 'x0', 'M', 'backend', 'ranges', 'signal', 'onProgress']);
        const options = ownKeyObject(key, anyValue(rng));
        return async_(`K.solve(b4, ${show(options)})`, () => f.K().solve(f.b4, options), [key]);
      }
      if (r === 3) return async_('G.solve(b4) (G is [4, 7], not square)', () => f.G().solve(f.b4), ['square']);
      const [name, value] = rng.pick([['tol', -1], ['tol', NaN], ['atol', '0'], ['maxiter', 0], ['maxiter', 2.5], ['backend', 'cuda'], ['signal', badSignal(rng)], ['onProgress', 'log'], ['x0', [1, 2]], ['M', 'jacobi']]);
      return async_(`K.solve(b4, { ${name}: ${show(value)} })`, () => f.K().solve(f.b4, { [name]: value }), [name]);
    },
  },

  // ---------------------------------------------------------------- linear operators
  {
    kind: 'aslinearoperator: bad argument',
    gen(rng, f) {
      const x = rng.pick([
        null, undefined, 5, 'K', [1, 2], new Float64Array(4), {}, Symbol('A'), f.I32, f.T3, f.V4,
        labelled('{ shape: [4, 4] } (no matvec)', { shape: [4, 4] }),
        labelled('Vi(X64).sub(Vj(Y64)) (vector formula)', f.Gv()),
        labelled('Vi(X64).sqnorm2() (no Vj)', Vi(f.X64).sqnorm2()),
        labelled('duck Tensor [4, 4]', { shape: [4, 4], data: new Float64Array(16), dtype: 'float64' }),
      ]);
      return sync(`aslinearoperator(${show(x)})`, () => lk.aslinearoperator(x), ['aslinearoperator']);
    },
  },
  {
    kind: 'aslinearoperator: bad callback object',
    gen(rng) {
      const mv = () => new Float64Array(4);
      const [obj, name] = rng.pick([
        [{ shape: [4], matvec: mv }, 'shape'], [{ shape: [4, 0], matvec: mv }, 'shape'], [{ shape: [4, 1.5], matvec: mv }, 'shape'], [{ shape: [NaN, 4], matvec: mv }, 'shape'],
        [{ shape: '4x4', matvec: mv }, 'shape'], [{ shape: [-4, 4], matvec: mv }, 'shape'], [{ shape: [4, 4, 1], matvec: mv }, 'shape'], [{ shape: ['4', 4], matvec: mv }, 'shape'],
        [{ shape: [4, 4], matvec: 5 }, 'matvec'], [{ shape: [4, 4], matvec: 'mv' }, 'matvec'], [{ shape: [4, 4], matvec: null }, 'matvec'],
        [{ shape: [4, 4], matvec: mv, rmatvec: 'x' }, 'rmatvec'], [{ shape: [4, 4], matvec: mv, matmat: 1 }, 'matmat'],
        [{ shape: [4, 4], matvec: mv, dtype: 'int32' }, 'dtype'], [{ shape: [4, 4], matvec: mv, dtype: 'float16' }, 'dtype'], [{ shape: [4, 4], matvec: mv, dtype: 64 }, 'dtype'],
      ]);
      return sync(`aslinearoperator(${show(obj)})`, () => lk.aslinearoperator(obj), [name]);
    },
  },
  {
    kind: 'aslinearoperator: bad options',
    gen(rng, f) {
      const r = rng.int(0, 3);
      if (r === 0) {
        const key = unknownKey(rng, ['backend', 'ranges']);
        const options = ownKeyObject(key, anyValue(rng));
        return sync(`aslinearoperator(K, ${show(options)})`, () => lk.aslinearoperator(f.K(), options), [key]);
      }
      if (r === 1) {
        const options = rng.pick(['wasm', 5, true, [], Symbol('o')]);
        return sync(`aslinearoperator(K, ${show(options)})`, () => lk.aslinearoperator(f.K(), options), ['options']);
      }
      if (r === 2) {
        const backend = rng.pick(['cuda', 'WASM', '', 5, true, {}]);
        return sync(`aslinearoperator(K, { backend: ${show(backend)} })`, () => lk.aslinearoperator(f.K(), { backend }), ['backend']);
      }
      return sync("aslinearoperator(Tensor [4, 4], { backend: 'wasm' })", () => lk.aslinearoperator(tensor(new Float64Array(16), [4, 4]), { backend: 'wasm' }), ['backend']);
    },
  },
  {
    kind: 'LinearOperator apply: bad vector',
    gen(rng, f) {
      const method = rng.pick(['matvec', 'rmatvec', 'matmat', 'rmatmat']);
      const op = rng.pick([f.Kop, f.Dop]);
      const name = method === 'matmat' ? 'V' : method === 'rmatmat' ? 'U' : 'v';
      const v = rng.pick([[1, 2, 3], [1, 2, 3, 4, 5], new Float64Array(5), tensor(new Float64Array(5), [5]), 'v', null, undefined, 3, {}, [1, 'a', 3, 4], [[1], [2], [3], [4]],
        labelled('duck Tensor [4]', { shape: [4], data: new Float64Array(4), dtype: 'float64' }), tensor(new Float64Array(8), [2, 4]), Symbol('v'),
        ...(method === 'matvec' || method === 'rmatvec' ? [tensor(new Float64Array(8), [4, 2])] : [tensor(new Float64Array(0), [4, 0])])]);
      return async_(`${show(op)}.${method}(${show(v)})`, () => op[method](v), [name]);
    },
  },
  {
    kind: 'LinearOperator apply: bad options',
    gen(rng, f) {
      const method = rng.pick(['matvec', 'rmatvec', 'matmat', 'toDense']);
      const op = rng.pick([f.Kop, f.Dop]);
      const r = rng.int(0, 2);
      let options;
      let names;
      if (r === 0) {
        const key = unknownKey(rng, ['signal']);
        options = ownKeyObject(key, anyValue(rng));
        names = [key];
      } else if (r === 1) {
        options = { signal: badSignal(rng) };
        names = ['signal'];
      } else {
        options = rng.pick(['signal', 1, true, Symbol('o')]);
        names = ['options'];
      }
      const call = method === 'toDense' ? () => op.toDense(options) : () => op[method](method === 'matmat' ? tensor(new Float64Array(8), [4, 2]) : f.b4, options);
      return async_(`${show(op)}.${method}(..., ${show(options)})`, call, names);
    },
  },
  {
    kind: 'LinearOperator composition: bad operand',
    gen(rng, f) {
      const r = rng.int(0, 4);
      if (r === 0) {
        const method = rng.pick(['add', 'sub', 'matmul']);
        const B = rng.pick([f.K(), tensor(new Float64Array(16), [4, 4]), 2, 'B', null, undefined, {}, labelled('duck operator', { shape: [4, 4], apply: async (x) => x })]);
        return sync(`Kop.${method}(${show(B)})`, () => f.Kop[method](B), ['B']);
      }
      if (r === 1) {
        const method = rng.pick(['add', 'sub']);
        return sync(`Kop.${method}(Rop [4, 7])`, () => f.Kop[method](f.Rop), [method]);
      }
      if (r === 2) return sync('Rop [4, 7].matmul(Kop [4, 4])', () => f.Rop.matmul(f.Kop), ['matmul']);
      if (r === 3) {
        // (an operator is a valid operand now: Kop.mul(Kop) is the lazy product)
        const alpha = rng.pick([NaN, Infinity, '2', null, undefined, {}, [2], 2n]);
        return sync(`Kop.mul(${show(alpha)})`, () => f.Kop.mul(alpha), ['alpha']);
      }
      if (r === 4 && rng.next() < 0.5) return sync('Rop [4, 7].mul(Kop [4, 4]) (shapes do not chain)', () => f.Rop.mul(f.Kop), ['mul']);
      return sync('Rop.transpose() (no rmatvec)', () => f.Rop.transpose(), ['transpose']);
    },
  },
  {
    kind: 'LinearOperator: adjoint missing',
    gen(rng, f) {
      return async_('Rop.rmatvec(b4) (no rmatvec)', () => f.Rop.rmatvec(f.b4), ['rmatvec']);
    },
  },
  {
    kind: 'diags / identity: bad arguments',
    gen(rng) {
      const r = rng.int(0, 3);
      if (r === 0) {
        const d = rng.pick([[], 'd', null, undefined, 3, {}, [1, 'a'], [1, null], tensor(new Float64Array(0), [0]), labelled('duck Tensor [3]', { shape: [3], data: new Float64Array(3) }), Symbol('d'), [[1, 2]]]);
        return sync(`diags(${show(d)})`, () => lk.diags(d), ['d']);
      }
      if (r === 1) {
        const n = badPositiveInt(rng);
        return sync(`identity(${show(n)})`, () => lk.identity(n), ['n']);
      }
      const fn = rng.pick(['diags', 'identity']);
      const arg = fn === 'diags' ? [1, 2, 3] : 3;
      if (rng.bool()) {
        const key = unknownKey(rng, ['dtype']);
        const options = ownKeyObject(key, anyValue(rng));
        return sync(`${fn}(${show(arg)}, ${show(options)})`, () => lk[fn](arg, options), [key]);
      }
      const dtype = rng.pick(['int32', 'float16', 'Float64', 64, true, {}]);
      return sync(`${fn}(${show(arg)}, { dtype: ${show(dtype)} })`, () => lk[fn](arg, { dtype }), ['dtype']);
    },
  },
  {
    kind: 'eigsh: bad operator',
    gen(rng, f) {
      const op = rng.pick([f.K(), tensor(new Float64Array(16), [4, 4]), null, undefined, 'A', 4, {}, f.Rop, labelled('duck operator', { shape: [4, 4], dtype: 'float64', apply: async (x) => x })]);
      const names = op === f.Rop ? ['square'] : ['operator'];
      return async_(`eigsh(${show(op)}, { k: 2 })`, () => lk.eigsh(op, { k: 2 }), names);
    },
  },
  {
    kind: 'eigsh: bad options',
    gen(rng, f) {
      const r = rng.int(0, 14);
      const base = { k: 2 };
      let name;
      let value;
      switch (r) {
        case 0: {
          const key = unknownKey(rng, ['k', 'which', 'ncv', 'tol', 'maxiter', 'v0', 'seed', 'returnEigenvectors', 'sigma', 'solver', 'blockSize', 'checkSymmetric', 'M', 'Minv', 'signal', 'onProgress']);
          const options = ownKeyObject(key, anyValue(rng), base);
          return async_(`eigsh(Dop, ${show(options)})`, () => lk.eigsh(f.Dop, options), [key]);
        }
        case 1: {
          const options = rng.pick(['LM', 2, true, [], Symbol('o'), null]);
          return async_(`eigsh(Dop, ${show(options)})`, () => lk.eigsh(f.Dop, options), ['options']);
        }
        case 2: name = 'k'; value = rng.bool() ? badPositiveInt(rng, { withNull: true }) : rng.pick([4, 5, 100, 2 ** 40]); break;
        case 3: name = 'which'; value = rng.pick(['lm', 'LR', 'be', 'SI', '', 1, true, {}, ['LM']]); break;
        case 4: name = 'ncv'; value = rng.bool() ? badPositiveInt(rng, { withNull: true }) : rng.pick([1, 2]); break;
        case 5: name = 'tol'; value = badNonNegNumber(rng); break;
        case 6: name = 'maxiter'; value = badPositiveInt(rng); break;
        case 7: name = 'v0'; value = rng.pick([[1, 2, 3], 'v0', {}, [1, NaN, 3, 4], [1, Infinity, 0, 0], tensor(new Float64Array(5), [5]), [1, '2', 3, 4], tensor(new Float64Array(12), [4, 3])]); break;
        case 8: name = 'seed'; value = rng.pick([1.5, NaN, '0', Infinity, true, {}, Symbol('s')]); break;
        case 9: name = 'returnEigenvectors'; value = badBoolean(rng); break;
        case 10: name = 'sigma'; value = rng.pick([NaN, Infinity, -Infinity, '1', true, {}, [1]]); break;
        case 11: name = 'blockSize'; value = badPositiveInt(rng); break;
        case 12: name = 'signal'; value = badSignal(rng); break;
        case 13: name = 'onProgress'; value = badFunction(rng); break;
        default: {
          // shift-invert solver options, with and without sigma
          const solver = rng.pick([5, 'minres', [], { method: 'gmres' }, { method: 5 }, { tol: -1 }, { tol: 'x' }, { maxiter: 0 }, { maxiter: 1.5 }, { M: 'jacobi' }, { bogus: 1 }, ownKeyObject('__proto__', 1)]);
          const options = rng.bool() ? { k: 1, sigma: 0.5, solver } : { k: 1, solver };
          return async_(`eigsh(Dop, ${show(options)})`, () => lk.eigsh(f.Dop, options), ['solver']);
        }
      }
      const options = { ...base, [name]: value };
      return async_(`eigsh(Dop, ${show(options)})`, () => lk.eigsh(f.Dop, options), [name]);
    },
  },
  {
    kind: 'cg / minres: bad arguments',
    gen(rng, f) {
      const fn = rng.pick(['cg', 'minres']);
      const keys = fn === 'cg' ? ['tol', 'atol', 'maxiter', 'x0', 'M', 'signal', 'onProgress'] : ['shift', 'tol', 'maxiter', 'x0', 'M', 'signal', 'onProgress'];
      const r = rng.int(0, 5);
      if (r === 0) {
        const op = rng.pick([f.K(), tensor(new Float64Array(16), [4, 4]), null, 'A', {}, f.Rop]);
        return async_(`${fn}(${show(op)}, b4)`, () => lk[fn](op, f.b4), op === f.Rop ? ['square'] : ['operator']);
      }
      if (r === 1) {
        const b = rng.pick([null, undefined, 'b', 3, [1, 2, 3], new Float64Array(5), tensor(new Float64Array(5), [5]), [1, NaN, 3, 4], [1, 2, Infinity, 4], new Float64Array([1, 2, NaN, 4]), [1, '2', 3, 4], tensor(new Float64Array(0), [4, 0]), {}, Symbol('b'),
          labelled('duck Tensor [4]', { shape: [4], data: new Float64Array(4) }), tensor(new Float64Array(8), [4, 1, 2])]);
        return async_(`${fn}(Dop, ${show(b)})`, () => lk[fn](f.Dop, b), ['b']);
      }
      if (r === 2) {
        const key = unknownKey(rng, keys);
        const options = ownKeyObject(key, anyValue(rng));
        return async_(`${fn}(Dop, b4, ${show(options)})`, () => lk[fn](f.Dop, f.b4, options), [key]);
      }
      if (r === 3) {
        const options = rng.pick(['tol', 1, true, [], Symbol('o')]);
        return async_(`${fn}(Dop, b4, ${show(options)})`, () => lk[fn](f.Dop, f.b4, options), ['options']);
      }
      const name = rng.pick(keys);
      let value;
      if (name === 'tol' || name === 'atol') value = badNonNegNumber(rng);
      else if (name === 'maxiter') value = badPositiveInt(rng);
      else if (name === 'shift') value = rng.pick([NaN, Infinity, '1', true, {}, [1]]);
      else if (name === 'x0') value = rng.pick([[1, 2], 'x0', [1, NaN, 0, 0], tensor(new Float64Array(8), [4, 2]), {}, [1, '1', 1, 1]]);
      else if (name === 'M') value = rng.pick(['jacobi', 1, {}, [1, 2, 3, 4], f.Rop, lk.identity(5), tensor(new Float64Array(16), [4, 4])]);
      else if (name === 'signal') value = badSignal(rng);
      else value = badFunction(rng);
      return async_(`${fn}(Dop, b4, { ${name}: ${show(value)} })`, () => lk[fn](f.Dop, f.b4, { [name]: value }), [name]);
    },
  },
  {
    kind: 'kernelSolve: bad arguments',
    gen(rng, f) {
      const K = rng.pick([null, 'K', f.Kop, tensor(new Float64Array(16), [4, 4]), {}]);
      return async_(`kernelSolve(${show(K)}, b4)`, () => lk.kernelSolve(K, f.b4), ['K']);
    },
  },

  // ---------------------------------------------------------------- samplesLoss
  {
    kind: 'samplesLoss: bad name',
    gen(rng) {
      const name = rng.pick(['Sinkhorn', 'wasserstein', 'mmd', 'energy ', '', 5, null, undefined, {}, ['sinkhorn'], Symbol('n'), '__proto__', 'constructor', 'toString']);
      return sync(`samplesLoss(${show(name)})`, () => lk.samplesLoss(name), [['name', 'loss']]);
    },
  },
  {
    kind: 'samplesLoss: bad options',
    gen(rng) {
      const loss = rng.pick(['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian']);
      const r = rng.int(0, 17);
      let name;
      let value;
      switch (r) {
        case 0: {
          const key = unknownKey(rng, ['p', 'blur', 'reach', 'diameter', 'scaling', 'truncate', 'cost', 'kernel', 'clusterScale', 'debias', 'potentials', 'verbose', 'backend', 'signal', 'onProgress']);
          const options = ownKeyObject(key, anyValue(rng));
          return sync(`samplesLoss('${loss}', ${show(options)})`, () => lk.samplesLoss(loss, options), [key]);
        }
        case 1: {
          const options = rng.pick(['sinkhorn', 0.05, true, [], Symbol('o')]);
          return sync(`samplesLoss('${loss}', ${show(options)})`, () => lk.samplesLoss(loss, options), ['options']);
        }
        case 2: name = 'p'; value = rng.pick([0, -1, 0.5, 0.99, NaN, Infinity, '2', true, {}, [2], Symbol('p')]); break;
        case 3: name = 'blur'; value = badPositiveNumber(rng, { withNull: false }); break; // null: the default, like undefined
        case 4: name = 'reach'; value = badPositiveNumber(rng, { withNull: false }); break;
        case 5: name = 'diameter'; value = badPositiveNumber(rng, { withNull: false }); break;
        case 6: name = 'scaling'; value = rng.pick([0, 1, 1.5, -0.5, NaN, Infinity, '0.5', true, {}]); break;
        case 7: name = 'truncate'; value = badPositiveNumber(rng, { withNull: false }); break;
        case 8: name = 'clusterScale'; value = badPositiveNumber(rng, { withNull: false }); break;
        case 9: name = 'cost'; value = rng.pick([5, {}, [], true, Symbol('c')]); break;
        case 10: name = 'kernel'; value = rng.pick([5, {}, [], true, Symbol('k')]); break;
        case 11: name = rng.pick(['debias', 'potentials', 'verbose']); value = badBoolean(rng); break;
        case 12: name = 'backend'; value = rng.pick(['gpu', 'TENSORIZED', 'wasm', 'oracle', '', 5, {}, true]); break;
        case 13: name = 'signal'; value = badSignal(rng); break;
        case 14: name = 'onProgress'; value = badFunction(rng); break;
        case 15:
          // options that do not apply to this loss
          if (loss === 'hausdorff') return sync("samplesLoss('hausdorff', { reach: 0.5 })", () => lk.samplesLoss('hausdorff', { reach: 0.5 }), ['reach']);
          if (loss === 'sinkhorn') return sync("samplesLoss('sinkhorn', { kernel: 'Exp(-SqDist(X,Y))' })", () => lk.samplesLoss('sinkhorn', { kernel: 'Exp(-SqDist(X,Y))' }), ['kernel']);
          return sync(`samplesLoss('${loss}', { cost: 'SqDist(X,Y)' })`, () => lk.samplesLoss(loss, { cost: 'SqDist(X,Y)' }), ['cost']);
        default: name = 'blur'; value = rng.pick([-1e300, -Number.MIN_VALUE, Number.NEGATIVE_INFINITY]); break;
      }
      const options = { [name]: value };
      return sync(`samplesLoss('${loss}', ${show(options)})`, () => lk.samplesLoss(loss, options), [name]);
    },
  },
  {
    kind: 'samplesLoss: bad inputs',
    gen(rng, f) {
      const loss = lk.samplesLoss(rng.pick(['sinkhorn', 'energy', 'gaussian', 'hausdorff']), { blur: 0.5, scaling: 0.5 });
      const X = f.X64;
      const Y = f.Y64;
      const a = tensor(new Float64Array(4).fill(0.25), [4]);
      const b = tensor(new Float64Array(7).fill(1 / 7), [7]);
      const r = rng.int(0, 7);
      let args;
      let names;
      if (r === 0) {
        args = rng.pick([[], [X], [a, X, b], [a, X, b, Y, X], [a, X, b, Y, a, X, b]]);
        names = ['arguments'];
      } else if (r === 1) {
        args = rng.pick([[notATensor(rng, [4, 2]), Y], [X, notATensor(rng, [7, 2])]]);
        names = [['points', 'x', 'y']];
      } else if (r === 2) {
        args = rng.pick([[f.I32, Y], [X, f.I32]]);
        names = ['int32'];
      } else if (r === 3) {
        args = rng.pick([[f.V4, Y], [X, f.Y3], [f.T3, Y], [X, f.T0], [tensor(new Float64Array(0), [0, 2]), Y], [f.S, Y]]);
        names = [['points', 'x', 'y']];
      } else if (r === 4) {
        args = rng.pick([
          [tensor(new Float64Array(5).fill(0.2), [5]), X, b, Y], [a, X, tensor(new Float64Array(4).fill(0.25), [4]), Y], [notATensor(rng, [4]), X, b, Y],
          [tensor(Float64Array.of(0.5, -0.5, 0.5, 0.5), [4]), X, b, Y], [tensor(Float64Array.of(NaN, 0.25, 0.25, 0.25), [4]), X, b, Y],
          [tensor(new Float64Array(4), [4]), X, b, Y], [a, X, tensor(new Float64Array(7).fill(Infinity), [7]), Y], [tensor(new Float64Array(8), [4, 2]), X, b, Y],
        ]);
        names = ['weights'];
      } else if (r === 5) {
        const bad = tensor(Float64Array.of(0, 0, NaN, 0, 0, 0, 0, 0), [4, 2]);
        args = rng.bool() ? [bad, Y] : [tensor(Float64Array.of(Infinity, 0, 0, 0, 0, 0, 0, 0), [4, 2]), Y];
        names = ['points'];
      } else if (r === 6) {
        args = [tensor(new Float64Array(4).fill(1), [4]), X, b, Y];
        names = [['mass', 'weights']];
        if (loss.lossName !== 'sinkhorn') args = [tensor(new Float64Array(4).fill(-1), [4]), X, b, Y], names = ['weights'];
      } else {
        args = [tensor(new Float64Array(16), [2, 4, 2]), tensor(new Float64Array(42), [3, 7, 2])];
        names = ['batch'];
      }
      return async_(`samplesLoss('${loss.lossName}', { blur: 0.5 })(${args.map((v) => show(v)).join(', ')})`, () => loss(...args), names);
    },
  },

  // ---------------------------------------------------------------- optimisers
  {
    kind: 'Adam / SGD: bad params',
    gen(rng, f) {
      const Opt = rng.pick(['Adam', 'SGD']);
      const W = param(3);
      const params = rng.pick([
        null, undefined, 'W', 3, {}, [], W, labelled('[X64] (no requiresGrad)', [f.X64]), labelled('[W, W] (twice)', [W, W]), labelled('[W.mul(2)] (not a leaf)', [W.mul(2)]),
        ['W'], [null], [W, 5], [labelled('duck Tensor', { shape: [3], data: new Float64Array(3), requiresGrad: true })], labelled('new Set([W])', new Set([W])),
      ]);
      return sync(`new ${Opt}(${show(params)})`, () => new lk[Opt](params), ['params']);
    },
  },
  {
    kind: 'Adam / SGD: bad options',
    gen(rng) {
      const Opt = rng.pick(['Adam', 'SGD']);
      const keys = Opt === 'Adam' ? ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize'] : ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize'];
      const W = param(3);
      const r = rng.int(0, 3);
      if (r === 0) {
        const key = unknownKey(rng, keys);
        const options = ownKeyObject(key, anyValue(rng));
        return sync(`new ${Opt}([W], ${show(options)})`, () => new lk[Opt]([W], options), [key]);
      }
      if (r === 1) {
        const options = rng.pick(['lr', 0.1, true, [0.1], Symbol('o'), null]);
        return sync(`new ${Opt}([W], ${show(options)})`, () => new lk[Opt]([W], options), ['options']);
      }
      if (r === 2 && Opt === 'SGD') return sync("new SGD([W], { nesterov: true }) (momentum 0)", () => new lk.SGD([W], { nesterov: true }), ['nesterov']);
      const name = rng.pick(keys);
      let value;
      if (name === 'amsgrad' || name === 'maximize' || name === 'nesterov') value = badBoolean(rng);
      else if (name === 'betas') value = rng.pick([[0.9], [1, 0.999], [0.9, 1], [-0.1, 0.9], [0.9, NaN], '0.9', 0.9, [0.9, '0.99'], [0.9, 0.99, 0.999], {}]);
      else if (name === 'dampening') value = rng.pick([NaN, '0', {}, true, Symbol('d')]);
      else value = rng.pick([-1, -1e-9, NaN, -Infinity, '0.1', true, {}, [0.1], Symbol('v')]);
      const options = { [name]: value };
      return sync(`new ${Opt}([W], ${show(options)})`, () => new lk[Opt]([W], options), [name]);
    },
  },
  {
    kind: 'lbfgs: bad arguments',
    gen(rng, f) {
      const W = param(3);
      const closure = labelled('async () => W.square().sum()', async () => W.square().sum());
      const r = rng.int(0, 4);
      if (r === 0) {
        const c = rng.pick([null, undefined, 'closure', 5, {}, W]);
        return async_(`lbfgs(${show(c)}, [W])`, () => lk.lbfgs(c, [W]), ['closure']);
      }
      if (r === 1) {
        const params = rng.pick([null, undefined, W, [], [f.X64], ['W'], [W, W]]);
        return async_(`lbfgs(closure, ${show(params)})`, () => lk.lbfgs(closure, params), ['params']);
      }
      if (r === 2) {
        const key = unknownKey(rng, ['maxIter', 'maxEval', 'tol', 'gtol', 'ftol', 'historySize', 'maxLineSearch', 'signal', 'onProgress']);
        const options = ownKeyObject(key, anyValue(rng));
        return async_(`lbfgs(closure, [W], ${show(options)})`, () => lk.lbfgs(closure, [W], options), [key]);
      }
      if (r === 3) {
        const options = rng.pick(['maxIter', 10, true, [], Symbol('o'), null]);
        return async_(`lbfgs(closure, [W], ${show(options)})`, () => lk.lbfgs(closure, [W], options), ['options']);
      }
      const name = rng.pick(['maxIter', 'maxEval', 'tol', 'gtol', 'ftol', 'historySize', 'maxLineSearch', 'signal', 'onProgress']);
      let value;
      if (name === 'maxIter') value = badNonNegInt(rng, { withNull: false });
      else if (name === 'maxEval' || name === 'historySize' || name === 'maxLineSearch') value = badPositiveInt(rng, { withNull: false });
      else if (name === 'signal') value = badSignal(rng);
      else if (name === 'onProgress') value = badFunction(rng);
      else value = rng.pick([-1, NaN, -Infinity, '1e-5', true, {}, Symbol('t')]);
      const options = { [name]: value };
      return async_(`lbfgs(closure, [W], ${show(options)})`, () => lk.lbfgs(closure, [W], options), [name]);
    },
  },

  // ---------------------------------------------------------------- clustering
  {
    kind: 'kmeans: bad arguments',
    gen(rng, f) {
      const r = rng.int(0, 5);
      if (r === 0) {
        const X = rng.bool(0.6) ? notATensor(rng, [4, 2]) : rng.pick([f.I32, f.T3, f.T0, f.S]);
        return async_(`kmeans(${show(X)}, 2)`, () => lk.kmeans(X, 2), ['X']);
      }
      if (r === 1) {
        const K = rng.bool() ? badPositiveInt(rng) : rng.pick([undefined, 5, 100, 2 ** 31, 2 ** 53, 1e300]);
        return async_(`kmeans(X64, ${show(K)})`, () => lk.kmeans(f.X64, K), ['K']);
      }
      if (r === 2) {
        const key = unknownKey(rng, ['iterations', 'init', 'signal']);
        const options = ownKeyObject(key, anyValue(rng));
        return async_(`kmeans(X64, 2, ${show(options)})`, () => lk.kmeans(f.X64, 2, options), [key]);
      }
      if (r === 3) {
        const iterations = badPositiveInt(rng, { withNull: false });
        return async_(`kmeans(X64, 2, { iterations: ${show(iterations)} })`, () => lk.kmeans(f.X64, 2, { iterations }), ['iterations']);
      }
      if (r === 4) {
        const init = rng.pick([tensor(new Float64Array(6), [3, 2]), tensor(new Float64Array(4), [2, 2, 1]), tensor(new Float64Array(4), [4]), [[0, 0], [1, 1]], 'first', 2, {}, f.X64]);
        return async_(`kmeans(X64, 2, { init: ${show(init)} })`, () => lk.kmeans(f.X64, 2, { init }), ['init']);
      }
      const signal = badSignal(rng);
      return async_(`kmeans(X64, 2, { signal: ${show(signal)} })`, () => lk.kmeans(f.X64, 2, { signal }), ['signal']);
    },
  },
  {
    kind: 'gridCluster: bad arguments',
    gen(rng, f) {
      if (rng.bool(0.4)) {
        const X = rng.bool(0.6) ? notATensor(rng, [4, 2]) : rng.pick([f.I32, f.T3, f.T0, tensor(Float64Array.of(0, NaN, 1, 1), [2, 2]), tensor(Float64Array.of(0, Infinity), [1, 2])]);
        return sync(`gridCluster(${show(X)}, 0.5)`, () => lk.gridCluster(X, 0.5), ['X']);
      }
      const eps = rng.pick([0, -1, NaN, Infinity, -0, '0.5', null, undefined, {}, true, [0.5], [0.5, 0.5, 0.5], [0.5, -1], [0.5, NaN], [0.5, '1'], tensor(new Float64Array(3).fill(1), [3]), Symbol('e')]);
      return sync(`gridCluster(X64, ${show(eps)})`, () => lk.gridCluster(f.X64, eps), ['eps']);
    },
  },
  {
    kind: 'clusterRanges / sortClusters: bad labels',
    gen(rng, f) {
      const fn = rng.pick(['clusterRanges', 'sortClusters', 'clusterRangesCentroids']);
      const labels = rng.pick([
        [0, 1, 0, 1], new Float64Array(4), tensor(new Float64Array(4), [4]), tensor(new Int32Array(4), [2, 2]), Int32Array.of(0, -1, 0, 1), Int32Array.of(0, 1, 0),
        Int32Array.of(0, 1, 0, 1, 0), null, undefined, 'labels', {}, tensor(Int32Array.of(0, 1, 0, -5), [4]), Symbol('l'),
      ]);
      if (fn === 'clusterRanges') {
        // clusterRanges takes only labels: the length checks do not apply
        if (labels instanceof Int32Array && labels.every((l) => l >= 0)) return null;
        return sync(`clusterRanges(${show(labels)})`, () => lk.clusterRanges(labels), ['labels']);
      }
      return sync(`${fn}(X64, ${show(labels)})`, () => lk[fn](f.X64, labels), ['labels']);
    },
  },
  {
    kind: 'sortClusters / clusterRangesCentroids: bad points or options',
    gen(rng, f) {
      const labels = Int32Array.of(0, 1, 0, 1);
      const r = rng.int(0, 4);
      if (r === 0) {
        const X = rng.pick([[], null, 'X', [f.X64, f.Y64], [f.X64, 'Y'], f.S, labelled('duck Tensor', { shape: [4, 2], data: new Float64Array(8) })]);
        return sync(`sortClusters(${show(X)}, labels)`, () => lk.sortClusters(X, labels), ['X']);
      }
      if (r === 1) {
        const X = rng.bool(0.6) ? notATensor(rng, [4, 2]) : rng.pick([f.I32, f.T3, f.T0]);
        return sync(`clusterRangesCentroids(${show(X)}, labels)`, () => lk.clusterRangesCentroids(X, labels), ['X']);
      }
      if (r === 2) {
        const key = unknownKey(rng, ['weights', 'minWeight']);
        const options = ownKeyObject(key, anyValue(rng));
        return sync(`clusterRangesCentroids(X64, labels, ${show(options)})`, () => lk.clusterRangesCentroids(f.X64, labels, options), [key]);
      }
      if (r === 3) {
        const weights = rng.pick([[1, 2], [1, 2, 3, 'a'], 'w', 3, {}, [1, NaN, 1, 1], tensor(new Float64Array(8), [4, 2]), tensor(new Float64Array(5), [5]), Symbol('w')]);
        return sync(`clusterRangesCentroids(X64, labels, { weights: ${show(weights)} })`, () => lk.clusterRangesCentroids(f.X64, labels, { weights }), ['weights']);
      }
      const minWeight = rng.pick([-1, NaN, '1e-9', {}, true, -Infinity]);
      return sync(`clusterRangesCentroids(X64, labels, { minWeight: ${show(minWeight)} })`, () => lk.clusterRangesCentroids(f.X64, labels, { minWeight }), ['minWeight']);
    },
  },
  {
    kind: 'fromMatrix / swapAxes / validateRanges: bad arguments',
    gen(rng) {
      const ri = tensor(Int32Array.of(0, 2, 2, 4), [2, 2]);
      const rj = tensor(Int32Array.of(0, 3, 3, 7), [2, 2]);
      const keep = tensor(Int32Array.of(1, 0, 0, 1), [2, 2]);
      const r = rng.int(0, 4);
      if (r === 0) {
        const which = rng.pick(['rangesI', 'rangesJ']);
        const bad = rng.pick([tensor(Float64Array.of(0, 2, 2, 4), [2, 2]), Int32Array.of(0, 2, 2), Int32Array.of(2, 0), Int32Array.of(-1, 2), tensor(Int32Array.of(0, 2, 2, 4), [4]), [0, 2, 2, 4], 'r', null, undefined, {}]);
        return sync(`fromMatrix(${which === 'rangesI' ? show(bad) : 'ri'}, ${which === 'rangesJ' ? show(bad) : 'rj'}, keep)`, () => lk.fromMatrix(which === 'rangesI' ? bad : ri, which === 'rangesJ' ? bad : rj, keep), [which]);
      }
      if (r === 1) {
        const k = rng.pick([tensor(new Int32Array(6), [2, 3]), new Uint8Array(3), [[true, false]], [[true], [false]], 'keep', null, undefined, 1, {}, [1, 0, 0, 1], new Float64Array(4)]);
        return sync(`fromMatrix(ri, rj, ${show(k)})`, () => lk.fromMatrix(ri, rj, k), ['keep']);
      }
      if (r === 2) {
        const ranges = rng.pick(['ranges', 5, {}, [1, 2, 3], labelled('[ri, ri] (2-tuple)', [ri, ri]), true]);
        return sync(`swapAxes(${show(ranges)})`, () => lk.swapAxes(ranges), ['swapAxes']);
      }
      if (r === 3) {
        const [nI, nJ, name] = rng.pick([[-1, 7, 'nI'], [4, -1, 'nJ'], [1.5, 7, 'nI'], [NaN, 7, 'nI'], [4, '7', 'nJ'], [4, Infinity, 'nJ'], [null, 7, 'nI'], [undefined, 7, 'nI']]);
        return sync(`validateRanges(fromMatrix(ri, rj, keep), ${show(nI)}, ${show(nJ)})`, () => lk.validateRanges(lk.fromMatrix(ri, rj, keep), nI, nJ), [name]);
      }
      const ranges = rng.pick(['ranges', [], labelled('fromMatrix(...) with rows up to 9', lk.fromMatrix(tensor(Int32Array.of(0, 2, 2, 9), [2, 2]), rj, keep))]);
      return sync(`validateRanges(${show(ranges)}, 4, 7)`, () => lk.validateRanges(ranges, 4, 7), ['ranges']);
    },
  },

  // ---------------------------------------------------------------- configuration
  {
    kind: 'configure: bad options',
    configure: true,
    gen(rng) {
      const r = rng.int(0, 9);
      let name;
      let value;
      switch (r) {
        case 0: {
          const key = unknownKey(rng, ['wasmModule', 'threads', 'poolThreshold', 'cacheBytes', 'warmUp', 'rowLanes']);
          const options = ownKeyObject(key, anyValue(rng), rng.bool() ? { rowLanes: 'auto' } : {});
          return sync(`configure(${show(options)})`, () => lk.configure(options), [key]);
        }
        case 1: {
          const options = rng.pick(['threads', 2, true, [], [{ threads: 1 }], Symbol('o'), null]);
          return sync(`configure(${show(options)})`, () => lk.configure(options), ['options']);
        }
        case 2: return sync('configure() (no options)', () => lk.configure(), ['options']);
        case 3: name = 'threads'; value = badPositiveInt(rng, { withNull: false }); break;
        case 4: name = 'poolThreshold'; value = badNonNegNumber(rng, { withNull: false }); if (value === Infinity) value = -Infinity; break;
        case 5: name = 'cacheBytes'; value = badNonNegNumber(rng, { withNull: false }); if (value === Infinity) value = NaN; break;
        case 6: name = 'warmUp'; value = badBoolean(rng); break;
        case 7: name = 'rowLanes'; value = rng.pick(['sometimes', 'AUTO', '', true, 1, {}, null]); break;
        case 8: name = 'wasmModule'; value = rng.pick([5, true, {}, [], Symbol('w'), labelled('new Float64Array(8)', new Float64Array(8))]); break;
        default: name = 'threads'; value = rng.pick([2 ** 31, 1e9, 2 ** 53]); break;
      }
      const options = { [name]: value };
      return sync(`configure(${show(options)})`, () => lk.configure(options), [name]);
    },
  },
  {
    kind: 'configureGpu: bad options',
    gen(rng) {
      const r = rng.int(0, 5);
      if (r === 0) {
        const key = unknownKey(rng, ['gpu', 'autoThreshold', 'allowSoftwareAdapter', 'cacheBytes', 'maxBindingBytes', 'workPerDispatch', 'powerPreference']);
        const options = ownKeyObject(key, anyValue(rng));
        return sync(`configureGpu(${show(options)})`, () => lk.configureGpu(options), [key]);
      }
      if (r === 1) {
        const options = rng.pick(['gpu', 2, true, [], Symbol('o'), null]);
        return sync(`configureGpu(${show(options)})`, () => lk.configureGpu(options), ['options']);
      }
      if (r === 2) {
        const gpu = rng.pick([{}, 'gpu', 5, true, labelled('{ requestAdapter: 1 }', { requestAdapter: 1 }), []]);
        return sync(`configureGpu({ gpu: ${show(gpu)} })`, () => lk.configureGpu({ gpu }), ['gpu']);
      }
      if (r === 3) {
        const name = rng.pick(['autoThreshold', 'cacheBytes', 'maxBindingBytes', 'workPerDispatch']);
        const value = badNonNegNumber(rng, { withNull: false });
        if (value === Infinity) return null;
        return sync(`configureGpu({ ${name}: ${show(value)} })`, () => lk.configureGpu({ [name]: value }), [name]);
      }
      if (r === 4) {
        const value = badBoolean(rng);
        return sync(`configureGpu({ allowSoftwareAdapter: ${show(value)} })`, () => lk.configureGpu({ allowSoftwareAdapter: value }), ['allowSoftwareAdapter']);
      }
      const value = rng.pick(['fast', 'low', '', 1, true, {}]);
      return sync(`configureGpu({ powerPreference: ${show(value)} })`, () => lk.configureGpu({ powerPreference: value }), ['powerPreference']);
    },
  },
];

/**
 * One invalid call drawn with `rng` (a Rng from helpers/random.mjs): { kind, desc, call, names,
 * async, configure }. Kinds that decline a draw (return null) are drawn again.
 */
export function generateCase(rng, fixtures) {
  for (;;) {
    const k = rng.pick(KINDS);
    const c = k.gen(rng, fixtures);
    if (c) return { kind: k.kind, configure: k.configure ?? false, ...c };
  }
}
