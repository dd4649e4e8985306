// The compiled tier's WebAssembly encoder (src/compile/wasm-encoder.ts): LEB128 numbers against
// known encodings, and modules that the runtime validates and runs (SIMD included).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ByteWriter, FunctionBody, encodeModule, I32, V128, OPS, SIMD } from '../build/src/compile/wasm-encoder.js';

const bytes = (write) => Array.from(write(new ByteWriter()).view());

test('LEB128: unsigned and signed 32-bit numbers at their byte boundaries', () => {
  assert.equal(bytes((w) => w.u32(0)), [0]);
  assert.equal(bytes((w) => w.u32(127)), [0x7f]);
  assert.equal(bytes((w) => w.u32(128)), [0x80, 0x01]);
  assert.equal(bytes((w) => w.u32(624485)), [0xe5, 0x8e, 0x26]);
  assert.equal(bytes((w) => w.u32(2 ** 32 - 1)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(bytes((w) => w.s32(0)), [0]);
  assert.equal(bytes((w) => w.s32(63)), [0x3f]);
  assert.equal(bytes((w) => w.s32(64)), [0xc0, 0x00]);
  assert.equal(bytes((w) => w.s32(-1)), [0x7f]);
  assert.equal(bytes((w) => w.s32(-64)), [0x40]);
  assert.equal(bytes((w) => w.s32(-65)), [0xbf, 0x7f]);
  assert.equal(bytes((w) => w.s32(-123456)), [0xc0, 0xbb, 0x78]);
  assert.equal(bytes((w) => w.s32(2 ** 31 - 1)), [0xff, 0xff, 0xff, 0xff, 0x07]);
  assert.equal(bytes((w) => w.s32(-(2 ** 31))), [0x80, 0x80, 0x80, 0x80, 0x78]);
});

test('a module with an imported memory, locals, a loop and SIMD validates and computes', () => {
  // f(p, n): for k < n, v128 at p + 16k := f32x4 (v * v + c) with c = 0.5 in every lane.
  const body = new FunctionBody(2);
  const k = body.local(I32);
  const v = body.local(V128);
  const c = body.local(V128);
  const half = new Uint8Array(16);
  for (let l = 0; l < 4; l++) new DataView(half.buffer).setFloat32(4 * l, 0.5, true);
  body.inPrologue(() => body.v128Const(half).set(c));
  body.i32(0).set(k);
  body.blockStart('block').blockStart('loop');
  body.get(k).get(1).op(OPS.i32GeS).brIf(1);
  body.get(0).get(k).i32(4).op(OPS.i32Shl).op(OPS.i32Add).simdMem(SIMD.load, 4, 0).set(v);
  body.get(0).get(k).i32(4).op(OPS.i32Shl).op(OPS.i32Add);
  body.get(v).get(v).simd(SIMD.f32x4Mul).get(c).simd(SIMD.f32x4Add).simdMem(SIMD.store, 4, 0);
  body.get(k).i32(1).op(OPS.i32Add).set(k);
  body.br(0).end().end();
  for (const shared of [false, true]) {
    const wasm = encodeModule({
      types: [{ params: [I32, I32], results: [] }],
      memory: { module: 'env', name: 'memory', shared, maximum: shared ? 16 : undefined },
      funcImports: [],
      funcs: [{ type: 0, body, export: 'f' }],
    });
    assert.ok(WebAssembly.validate(wasm), `shared ${shared}: the module validates`);
    const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 16, shared: true } : { initial: 1 });
    const { f } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { memory } }).exports;
    const data = new Float32Array(memory.buffer, 64, 12);
    data.set([1, 2, 3, -4, 0.5, 6, 7, 8, 9, 10, 11, -12]);
    f(64, 3);
    assert.equal(Array.from(data), [1, 2, 3, -4, 0.5, 6, 7, 8, 9, 10, 11, -12].map((x) => Math.fround(x * x + 0.5)));
  }
});

test.run();
