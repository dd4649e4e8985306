// Test-only entry (compiled by tools/build.mjs to build/testing/math.wasm): array kernels over raw
// pointers into the imported memory, so test/math.test.mjs can measure the SIMD exp/log accuracy.
// Arrays must live at byte offset >= 65536 (the first page holds this module's static data).
import { expF32x4, expF64x2, expNonPositiveF32x4, expNonPositiveF64x2 } from '../math/exp';
import { logF32x4, logF64x2 } from '../math/log';

// 16-byte scratch for a partial last vector, so n need not be a multiple of the lane count.
const scratch: usize = memory.data(16, 16);

// @ts-ignore: decorator
@inline
function tailIn(src: usize, count: usize, laneBytes: usize): v128 {
  v128.store(scratch, v128.splat<i32>(0));
  memory.copy(scratch, src, count * laneBytes);
  return v128.load(scratch);
}

// @ts-ignore: decorator
@inline
function tailOut(dst: usize, v: v128, count: usize, laneBytes: usize): void {
  v128.store(scratch, v);
  memory.copy(dst, scratch, count * laneBytes);
}

export function expArrayF32(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~3) << 2;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, expF32x4(v128.load(src + off)));
  }
  const rest = <usize>(n & 3);
  if (rest) tailOut(dst + full, expF32x4(tailIn(src + full, rest, 4)), rest, 4);
}

export function logArrayF32(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~3) << 2;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, logF32x4(v128.load(src + off)));
  }
  const rest = <usize>(n & 3);
  if (rest) tailOut(dst + full, logF32x4(tailIn(src + full, rest, 4)), rest, 4);
}

export function expArrayF64(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~1) << 3;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, expF64x2(v128.load(src + off)));
  }
  if (n & 1) tailOut(dst + full, expF64x2(tailIn(src + full, 1, 8)), 1, 8);
}

export function logArrayF64(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~1) << 3;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, logF64x2(v128.load(src + off)));
  }
  if (n & 1) tailOut(dst + full, logF64x2(tailIn(src + full, 1, 8)), 1, 8);
}

export function expNonPositiveArrayF32(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~3) << 2;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, expNonPositiveF32x4(v128.load(src + off)));
  }
  const rest = <usize>(n & 3);
  if (rest) tailOut(dst + full, expNonPositiveF32x4(tailIn(src + full, rest, 4)), rest, 4);
}

export function expNonPositiveArrayF64(src: usize, dst: usize, n: i32): void {
  const full = <usize>(n & ~1) << 3;
  for (let off: usize = 0; off < full; off += 16) {
    v128.store(dst + off, expNonPositiveF64x2(v128.load(src + off)));
  }
  if (n & 1) tailOut(dst + full, expNonPositiveF64x2(tailIn(src + full, 1, 8)), 1, 8);
}
