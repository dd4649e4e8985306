// The Gram matrix K_mn K_nm of a kernel block, for the Nystrom preconditioner: the kernel
// between a block of rows of X and the m centres, packed in panels of 4 centres, then its
// lower-triangular 4 x 4 tiles of K_b^T K_b added into H, all in float64. Hot loops take raw
// pointers and never allocate. Threads split H's tile rows P (gramRun, run through the task
// table like a reduction's chunks), so each H entry gets its blocks' terms in the same order
// whatever the threads: the result does not depend on them. Layouts (f64, row-major unless said):
//   x        [rows][d]                  the block's points
//   centres  [d][mp]                    the centres by coordinate (mp = m rounded up to 4)
//   panels   [mp / 4][rows][4]          K(x_i, c) for the 4 centres of each panel
//   h        [mp][mp]                   H; tile (P, Q), Q <= P, covers rows 4P.. and columns 4Q..
import { expNonPositiveF64x2 } from '../math/exp';

/** Kernel codes: r = |x - c|, t = scale r (scale r^2 for the Gaussian). */
export const GRAM_GAUSSIAN: i32 = 0; // exp(scale r^2), scale = -1 / (2 sigma^2)
export const GRAM_LAPLACIAN: i32 = 1; // exp(-t), scale = 1 / sigma
export const GRAM_MATERN32: i32 = 2; // (1 + t) exp(-t), scale = sqrt(3) / sigma
export const GRAM_MATERN52: i32 = 3; // (1 + t + t^2 / 3) exp(-t), scale = sqrt(5) / sigma

/**
 * Bytes of a Gram job's parameters, which sit just before its record (a plan record whose
 * dtype word is 2; the job shares its abort word), so that their place does not depend on the
 * plan record's length. i32 words: kind, d, m, mp, x, rows, centres, h; then the f64 scale.
 */
const GRAM_PARAMS: usize = 48;

/** GRAM_PARAMS, for the host's check that it writes the parameters where they are read. */
export function gramParamsBytes(): i32 {
  return <i32>GRAM_PARAMS;
}

/**
 * One chunk of a Gram job (the interpreter's `run` for a record of dtype 2): the panels
 * [0, pTo) of the record's block of rows in this thread's scratch, then H's tile rows
 * [pFrom, pTo) from them.
 */
export function gramRun(record: usize, pFrom: i32, pTo: i32, scratch: usize): void {
  const g = record - GRAM_PARAMS;
  const kind = load<i32>(g);
  const d = load<i32>(g, 4);
  const m = load<i32>(g, 8);
  const mp = load<i32>(g, 12);
  const x = <usize>load<u32>(g, 16);
  const rows = load<i32>(g, 20);
  const centres = <usize>load<u32>(g, 24);
  const h = <usize>load<u32>(g, 28);
  gramKernelPanels(kind, load<f64>(g, 32), x, rows, d, centres, m, mp, scratch, pTo);
  gramAccumulate(scratch, rows, h, mp, pFrom, pTo);
}

/**
 * Writes the first `tiles` panels of K(x, centres) for `rows` points: kernel `kind` (a GRAM_*
 * code) with `scale`; columns m..mp-1 (padding of the last panel) are written as 0.
 */
export function gramKernelPanels(kind: i32, scale: f64, x: usize, rows: i32, d: i32, centres: usize, m: i32, mp: i32, panels: usize, tiles: i32): void {
  const cEnd = min(mp, tiles << 2);
  const s = f64x2.splat(scale);
  const one = f64x2.splat(1.0);
  const third = f64x2.splat(1.0 / 3.0);
  const panelBytes = <usize>rows << 5;
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3);
    const rowAt = panels + (<usize>i << 5);
    for (let c = 0; c < cEnd; c += 2) {
      let r2 = f64x2.splat(0.0);
      for (let k = 0; k < d; k++) {
        const diff = f64x2.sub(v128.load64_splat(xi + (<usize>k << 3)), v128.load(centres + (<usize>(k * mp + c) << 3)));
        r2 = f64x2.add(r2, f64x2.mul(diff, diff));
      }
      let v: v128;
      if (kind == GRAM_GAUSSIAN) {
        v = expNonPositiveF64x2(f64x2.mul(r2, s));
      } else {
        const t = f64x2.mul(f64x2.sqrt(r2), s);
        const e = expNonPositiveF64x2(f64x2.neg(t));
        if (kind == GRAM_LAPLACIAN) v = e;
        else if (kind == GRAM_MATERN32) v = f64x2.mul(f64x2.add(one, t), e);
        else v = f64x2.mul(f64x2.add(f64x2.add(one, t), f64x2.mul(f64x2.mul(t, t), third)), e);
      }
      v128.store(rowAt + <usize>(c >> 2) * panelBytes + (<usize>(c & 3) << 3), v);
    }
    // Padding centres contribute nothing to H.
    for (let c = m; c < cEnd; c++) store<f64>(rowAt + <usize>(c >> 2) * panelBytes + (<usize>(c & 3) << 3), 0.0);
  }
}

/**
 * H[4P.., 4Q..] += A_P^T A_Q for the tiles P in [pFrom, pTo), Q <= P, of `rows` rows of the
 * panels: the lower triangle of K_b^T K_b (the diagonal tiles whole). Each tile keeps its
 * 4 x 4 sums in eight f64x2 registers while both 4-column panels stream from cache.
 */
export function gramAccumulate(panels: usize, rows: i32, h: usize, mp: i32, pFrom: i32, pTo: i32): void {
  const panelBytes = <usize>rows << 5;
  const hRow = <usize>mp << 3;
  for (let P = pFrom; P < pTo; P++) {
    const a = panels + <usize>P * panelBytes;
    for (let Q = 0; Q <= P; Q++) {
      const b = panels + <usize>Q * panelBytes;
      let c00 = f64x2.splat(0.0), c01 = f64x2.splat(0.0);
      let c10 = f64x2.splat(0.0), c11 = f64x2.splat(0.0);
      let c20 = f64x2.splat(0.0), c21 = f64x2.splat(0.0);
      let c30 = f64x2.splat(0.0), c31 = f64x2.splat(0.0);
      for (let off: usize = 0; off < panelBytes; off += 32) {
        const pa = a + off;
        const b0 = v128.load(b + off);
        const b1 = v128.load(b + off, 16);
        let s = v128.load64_splat(pa);
        c00 = f64x2.add(c00, f64x2.mul(s, b0));
        c01 = f64x2.add(c01, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 8);
        c10 = f64x2.add(c10, f64x2.mul(s, b0));
        c11 = f64x2.add(c11, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 16);
        c20 = f64x2.add(c20, f64x2.mul(s, b0));
        c21 = f64x2.add(c21, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 24);
        c30 = f64x2.add(c30, f64x2.mul(s, b0));
        c31 = f64x2.add(c31, f64x2.mul(s, b1));
      }
      const t = h + (<usize>(P << 2)) * hRow + (<usize>(Q << 2) << 3);
      addTo(t, c00, c01);
      addTo(t + hRow, c10, c11);
      addTo(t + 2 * hRow, c20, c21);
      addTo(t + 3 * hRow, c30, c31);
    }
  }
}

// @ts-ignore: decorator
@inline
function addTo(at: usize, lo: v128, hi: v128): void {
  v128.store(at, f64x2.add(v128.load(at), lo));
  v128.store(at, f64x2.add(v128.load(at, 16), hi), 16);
}
