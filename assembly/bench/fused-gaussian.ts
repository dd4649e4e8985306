// Hand-fused Gaussian kernel matvec, the ceiling the tape interpreter is benchmarked against
// (bench/gaussian-matvec.mjs, checked by test/bench-fused.test.mjs):
//
//   out_i = sum_j exp(-g * |x_i - y_j|^2) * b_j          D = 3, float32
//
// Layout: x row-major [n, 3]; y as structure-of-arrays y0[m], y1[m], y2[m]; b[m]; out[n]. All
// pointers into the imported memory at byte offsets >= 65536 (the first 64 KiB hold this
// module's static data, including the chunk buffer below); 16-byte aligned y0, y1, y2, b give the
// fastest loads (any alignment is correct). Nothing is read past column m - 1: a partial last
// vector of columns is copied into a zero-padded scratch vector and its padding lanes are masked
// out of the sum, so callers may but need not pad y and b to a multiple of 4.
//
// Scheme: f32x4 over j; rows in blocks of four, so every loaded y vector is reused by four rows.
// For a block of rows and a chunk of CHUNK columns:
//   1. one pass over the chunk loads y0, y1, y2 once per 4 columns and writes the exponent
//      -g |x_r - y_j|^2 of all four rows into a small buffer (4 x CHUNK floats, in L1);
//   2. per row, a tight loop takes exp of the buffer, multiplies by b and accumulates into an
//      f32x4 accumulator, which is flushed into the row's float64 sum at the end of the chunk.
// Splitting the work this way is what makes it fast under V8: doing all four rows' exp in one
// loop body needs 12 splatted x coordinates + 4 accumulators + the exp's 13 constants live at
// once, far beyond x64's 16 vector registers (measured ~15-20% slower than this version). In the
// separate exp loop the constants stay in registers; its first vector is peeled out of the loop
// so that TurboFan defines the constants ahead of the loop instead of rebuilding each v128
// constant (3 instructions) inside the loop body, which it does when their only use is in it.
// Rows left over (n % 4) go through the same two passes one row at a time.
//
// The exp is the library's own expF32x4 (assembly/math/exp.ts), so this kernel and the
// interpreter compute the same function; the difference measured is the interpretation overhead.
import { expF32x4 } from '../math/exp';

/** Columns per chunk (a multiple of 4): also the float32 accumulation length before a flush. */
// @ts-ignore: decorator
@inline const CHUNK: i32 = 256;
// @ts-ignore: decorator
@inline const CHUNK_BYTES: usize = <usize>CHUNK << 2;

/** Exponents of the current chunk, one CHUNK-float row per x row of the block. */
const args: usize = memory.data(4 * CHUNK * 4, 16);
/** The partial last vector of columns: y0, y1, y2, b, then the lane mask (5 x 16 bytes). */
const tail: usize = memory.data(80, 16);

/** -g |x - y|^2 for one row (x splatted per coordinate) against 4 columns. */
// @ts-ignore: decorator
@inline
function exponent(a0: v128, a1: v128, a2: v128, v0: v128, v1: v128, v2: v128, ng: v128): v128 {
  const d0 = f32x4.sub(a0, v0);
  const d1 = f32x4.sub(a1, v1);
  const d2 = f32x4.sub(a2, v2);
  return f32x4.mul(f32x4.add(f32x4.add(f32x4.mul(d0, d0), f32x4.mul(d1, d1)), f32x4.mul(d2, d2)), ng);
}

/** Lanes of a float32 vector, summed in float64. */
// @ts-ignore: decorator
@inline
function hsum(v: v128): f64 {
  return (<f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1))
       + (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3));
}

/**
 * sum over the chunk of exp(e) * b, e at `e`, b at `w`, `bytes` > 0 a multiple of 16; f32x4
 * accumulation, returned in f64. Deliberately not inlined (see the header).
 */
function expDot(e: usize, w: usize, bytes: usize): f64 {
  let acc = f32x4.mul(expF32x4(v128.load(e)), v128.load(w));
  for (let o: usize = 16; o < bytes; o += 16) {
    acc = f32x4.add(acc, f32x4.mul(expF32x4(v128.load(e + o)), v128.load(w + o)));
  }
  return hsum(acc);
}

/** The masked contribution of the partial last column vector for one row. */
// @ts-ignore: decorator
@inline
function tailTerm(a0: v128, a1: v128, a2: v128, ng: v128): f64 {
  const e = exponent(a0, a1, a2, v128.load(tail), v128.load(tail, 16), v128.load(tail, 32), ng);
  // masked, not just multiplied by the zero b of the padding: exp(...) * 0 is NaN if exp is inf
  return hsum(v128.and(f32x4.mul(expF32x4(e), v128.load(tail, 48)), v128.load(tail, 64)));
}

export function gaussianMatvecF32(
  x: usize, y0: usize, y1: usize, y2: usize, b: usize, out: usize, n: i32, m: i32, g: f32,
): void {
  if (n <= 0) return;
  if (m < 0) m = 0;
  const ng = f32x4.splat(-g);
  const fullBytes = <usize>(m & ~3) << 2; // columns in whole vectors, in bytes
  const rest = <usize>(m & 3);

  if (rest) {
    memory.fill(tail, 0, 80);
    const restBytes = rest << 2;
    memory.copy(tail, y0 + fullBytes, restBytes);
    memory.copy(tail + 16, y1 + fullBytes, restBytes);
    memory.copy(tail + 32, y2 + fullBytes, restBytes);
    memory.copy(tail + 48, b + fullBytes, restBytes);
    memory.fill(tail + 64, 0xff, restBytes);
  }

  // Blocks of four rows.
  const n4 = <usize>(n & ~3);
  let i: usize = 0;
  for (; i < n4; i += 4) {
    const xp = x + i * 12;
    const a00 = f32x4.splat(load<f32>(xp, 0));
    const a01 = f32x4.splat(load<f32>(xp, 4));
    const a02 = f32x4.splat(load<f32>(xp, 8));
    const a10 = f32x4.splat(load<f32>(xp, 12));
    const a11 = f32x4.splat(load<f32>(xp, 16));
    const a12 = f32x4.splat(load<f32>(xp, 20));
    const a20 = f32x4.splat(load<f32>(xp, 24));
    const a21 = f32x4.splat(load<f32>(xp, 28));
    const a22 = f32x4.splat(load<f32>(xp, 32));
    const a30 = f32x4.splat(load<f32>(xp, 36));
    const a31 = f32x4.splat(load<f32>(xp, 40));
    const a32 = f32x4.splat(load<f32>(xp, 44));
    let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;

    for (let j: usize = 0; j < fullBytes; j += CHUNK_BYTES) {
      const len = min(CHUNK_BYTES, fullBytes - j);
      const p0 = y0 + j, p1 = y1 + j, p2 = y2 + j;
      for (let o: usize = 0; o < len; o += 16) {
        const v0 = v128.load(p0 + o);
        const v1 = v128.load(p1 + o);
        const v2 = v128.load(p2 + o);
        const q = args + o;
        v128.store(q, exponent(a00, a01, a02, v0, v1, v2, ng));
        v128.store(q, exponent(a10, a11, a12, v0, v1, v2, ng), CHUNK_BYTES);
        v128.store(q, exponent(a20, a21, a22, v0, v1, v2, ng), 2 * CHUNK_BYTES);
        v128.store(q, exponent(a30, a31, a32, v0, v1, v2, ng), 3 * CHUNK_BYTES);
      }
      const w = b + j;
      s0 += expDot(args, w, len);
      s1 += expDot(args + CHUNK_BYTES, w, len);
      s2 += expDot(args + 2 * CHUNK_BYTES, w, len);
      s3 += expDot(args + 3 * CHUNK_BYTES, w, len);
    }
    if (rest) {
      s0 += tailTerm(a00, a01, a02, ng);
      s1 += tailTerm(a10, a11, a12, ng);
      s2 += tailTerm(a20, a21, a22, ng);
      s3 += tailTerm(a30, a31, a32, ng);
    }
    const op = out + (i << 2);
    store<f32>(op, <f32>s0, 0);
    store<f32>(op, <f32>s1, 4);
    store<f32>(op, <f32>s2, 8);
    store<f32>(op, <f32>s3, 12);
  }

  // The n % 4 rows left, one at a time.
  const nu = <usize>n;
  for (; i < nu; i++) {
    const xp = x + i * 12;
    const a0 = f32x4.splat(load<f32>(xp, 0));
    const a1 = f32x4.splat(load<f32>(xp, 4));
    const a2 = f32x4.splat(load<f32>(xp, 8));
    let s: f64 = 0;
    for (let j: usize = 0; j < fullBytes; j += CHUNK_BYTES) {
      const len = min(CHUNK_BYTES, fullBytes - j);
      const p0 = y0 + j, p1 = y1 + j, p2 = y2 + j;
      for (let o: usize = 0; o < len; o += 16) {
        v128.store(args + o, exponent(a0, a1, a2, v128.load(p0 + o), v128.load(p1 + o), v128.load(p2 + o), ng));
      }
      s += expDot(args, b + j, len);
    }
    if (rest) s += tailTerm(a0, a1, a2, ng);
    store<f32>(out + (i << 2), <f32>s);
  }
}
