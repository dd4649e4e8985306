// The tape interpreter. One call runs a reduction for a range of output rows:
//   parameter instructions once; then for each block of I_BLOCK rows and each j-tile of TILE
//   lanes, the j-only instructions once, and for each row the i-only and i-j instructions
//   followed by the reduction's tile update. Every instruction is a SIMD loop over a tile.
import {
  OP_LOADI, OP_LOADJ, OP_LOADP, OP_CONST, OP_NEG, OP_MOD,
  OP_SUMV, OP_DOT, OP_SQDIST, OP_EXTRACT, OP_CONCAT, OP_MATVEC, OP_VECMAT,
  FLAG_OUT_UNIFORM, FLAG_A_UNIFORM, FLAG_B_UNIFORM, FLAG_C_UNIFORM, FLAG_A_BROADCAST, FLAG_B_BROADCAST, FLAG_C_BROADCAST,
  INSTR_WIDTH, TILE, I_BLOCK,
  PLAN_DTYPE, PLAN_TAPE_PTR, PLAN_N_INSTR, PLAN_P_END, PLAN_J_END, PLAN_N_ROWS, PLAN_N_COLS, PLAN_REDUCTION,
  PLAN_RESULT_REG, PLAN_RESULT_FLAGS, PLAN_RESULT_DIM, PLAN_AUX_REG, PLAN_AUX_FLAGS, PLAN_AUX_DIM, PLAN_K,
  PLAN_OUT_PTR, PLAN_OUT_IDX_PTR, PLAN_VAR_TABLE_PTR, PLAN_CONST_PTR, PLAN_ACC_OFFSET,
  PLAN_FACTOR_REG, PLAN_FACTOR_FLAGS, PLAN_RESULT_BROADCAST, PLAN_ABORT,
} from './generated/opcodes';
import { vsplat, lanes, tileBytes, loadT } from './simd';
import { componentStride, vectorStride } from './kernels/operand';
import { execElementwise } from './generated/elementwise';
import { execSumV, execDot, execSqDist, execCopy, execMatVec, execVecMat, execTensorProd } from './kernels/vector';
import { accWords, initAcc, reduceTile, finishRow } from './reductions/index';
import { sumProductTile } from './reductions/sum';

@inline function field(plan: usize, k: i32): i32 {
  return load<i32>(plan + (<usize>k << 2));
}

/** The host's stop request; an atomic read where other threads share the memory. */
@inline function abortRequested(plan: usize): bool {
  const at = plan + (<usize>PLAN_ABORT << 2);
  if (ASC_FEATURE_THREADS) return atomic.load<i32>(at) != 0;
  return load<i32>(at) != 0;
}

/** Runs instructions [start, end) of the tape for row i and the tile starting at column j0. */
function exec<T>(plan: usize, scratch: usize, start: i32, end: i32, i: i32, j0: i32): void {
  const code = <usize>field(plan, PLAN_TAPE_PTR);
  const varTable = <usize>field(plan, PLAN_VAR_TABLE_PTR);
  const tb = tileBytes<T>();
  const tileVecs = TILE / lanes<T>();
  for (let t = start; t < end; t++) {
    const ins = code + (<usize>(t * INSTR_WIDTH) << 2);
    const op = load<i32>(ins);
    const out = scratch + <usize>load<i32>(ins, 4);
    const a = scratch + <usize>load<i32>(ins, 8);
    const b = scratch + <usize>load<i32>(ins, 12);
    const c = scratch + <usize>load<i32>(ins, 16);
    const dim = load<i32>(ins, 20);
    const arg0 = load<i32>(ins, 24);
    const arg1 = load<i32>(ins, 28);
    const flags = load<i32>(ins, 32);
    const outU = (flags & FLAG_OUT_UNIFORM) != 0;
    const nvec = outU ? 1 : tileVecs;
    const csOut = outU ? 16 : tb;
    const aU = (flags & FLAG_A_UNIFORM) != 0;
    const bU = (flags & FLAG_B_UNIFORM) != 0;
    const cU = (flags & FLAG_C_UNIFORM) != 0;
    const csA = componentStride<T>(aU, (flags & FLAG_A_BROADCAST) != 0);
    const csB = componentStride<T>(bU, (flags & FLAG_B_BROADCAST) != 0);
    const csC = componentStride<T>(cU, (flags & FLAG_C_BROADCAST) != 0);
    const vsA = vectorStride(aU);
    const vsB = vectorStride(bU);
    const vsC = vectorStride(cU);

    if (op == OP_LOADJ) {
      const v = varTable + <usize>(arg0 * 12);
      const ptr = <usize>load<i32>(v);
      const stride = load<i32>(v, 8);
      for (let k = 0; k < dim; k++) {
        const src = ptr + <usize>((k * stride + j0) * sizeof<T>());
        const dst = out + <usize>(k * tb);
        for (let q = 0; q < tileVecs; q++) v128.store(dst + (<usize>q << 4), v128.load(src + (<usize>q << 4)));
      }
    } else if (op == OP_LOADI || op == OP_LOADP) {
      const v = varTable + <usize>(arg0 * 12);
      const rowOffset: i32 = op == OP_LOADI ? i * dim * <i32>sizeof<T>() : 0;
      const ptr = <usize>load<i32>(v) + <usize>rowOffset;
      for (let k = 0; k < dim; k++) v128.store(out + (<usize>k << 4), vsplat<T>(loadT<T>(ptr + <usize>(k * sizeof<T>()))));
    } else if (op == OP_CONST) {
      v128.store(out, vsplat<T>(load<f64>(<usize>field(plan, PLAN_CONST_PTR) + (<usize>arg0 << 3))));
    } else if (op >= OP_NEG && op <= OP_MOD) {
      execElementwise<T>(op, out, csOut, a, csA, vsA, b, csB, vsB, c, csC, vsC, dim, nvec, arg0);
    } else if (op == OP_SUMV) {
      execSumV<T>(out, a, arg0, csA, vsA, nvec);
    } else if (op == OP_DOT) {
      execDot<T>(out, a, b, arg0, csA, vsA, csB, vsB, nvec);
    } else if (op == OP_SQDIST) {
      execSqDist<T>(out, a, b, arg0, csA, vsA, csB, vsB, nvec);
    } else if (op == OP_EXTRACT) {
      execCopy(out, 0, a, arg0, dim, csOut, csA, vsA, nvec);
    } else if (op == OP_CONCAT) {
      execCopy(out, 0, a, 0, arg0, csOut, csA, vsA, nvec);
      execCopy(out, arg0, b, 0, arg1, csOut, csB, vsB, nvec);
    } else if (op == OP_MATVEC) {
      execMatVec<T>(out, a, b, dim, arg1, csOut, csA, vsA, csB, vsB, nvec);
    } else if (op == OP_VECMAT) {
      execVecMat<T>(out, a, b, dim, arg0, csOut, csA, vsA, csB, vsB, nvec);
    } else {
      execTensorProd<T>(out, a, b, arg0, arg1, csOut, csA, vsA, csB, vsB, nvec);
    }
  }
}

function runTyped<T>(plan: usize, rowStart: i32, rowEnd: i32, scratch: usize): void {
  const nInstr = field(plan, PLAN_N_INSTR);
  const pEnd = field(plan, PLAN_P_END);
  const jEnd = field(plan, PLAN_J_END);
  const nCols = field(plan, PLAN_N_COLS);
  const kind = field(plan, PLAN_REDUCTION);
  const res = scratch + <usize>field(plan, PLAN_RESULT_REG);
  const resU = (field(plan, PLAN_RESULT_FLAGS) & 1) != 0;
  const dim = field(plan, PLAN_RESULT_DIM);
  const aux = scratch + <usize>field(plan, PLAN_AUX_REG);
  const auxU = (field(plan, PLAN_AUX_FLAGS) & 1) != 0;
  const auxDim = field(plan, PLAN_AUX_DIM);
  const K = field(plan, PLAN_K);
  const out = <usize>field(plan, PLAN_OUT_PTR);
  const outIdx = <usize>field(plan, PLAN_OUT_IDX_PTR);
  const accBase = scratch + <usize>field(plan, PLAN_ACC_OFFSET);
  const accBytes = <usize>accWords(kind, dim, auxDim, K) << 3;
  const tmp = accBase + accBytes * <usize>I_BLOCK;
  const cs = componentStride<T>(resU, field(plan, PLAN_RESULT_BROADCAST) != 0);
  const vs = vectorStride(resU);
  // SUM of a product: the reduction multiplies result by factor itself.
  const factorFlags = field(plan, PLAN_FACTOR_FLAGS);
  const fac = scratch + <usize>field(plan, PLAN_FACTOR_REG);
  const csF = componentStride<T>((factorFlags & 1) != 0, (factorFlags & 2) != 0);
  const vsF = vectorStride((factorFlags & 1) != 0);
  const hasFactor = (factorFlags & 4) != 0;
  const auxCs = componentStride<T>(auxU, false);
  const auxVs = vectorStride(auxU);

  exec<T>(plan, scratch, 0, pEnd, 0, 0);
  for (let ib = rowStart; ib < rowEnd; ib += I_BLOCK) {
    const rows = min(I_BLOCK, rowEnd - ib);
    for (let r = 0; r < rows; r++) initAcc(kind, accBase + accBytes * <usize>r, dim, auxDim, K);
    for (let j0 = 0; j0 < nCols; j0 += TILE) {
      if (abortRequested(plan)) return;
      const count = min(TILE, nCols - j0);
      exec<T>(plan, scratch, pEnd, jEnd, 0, j0);
      for (let r = 0; r < rows; r++) {
        exec<T>(plan, scratch, jEnd, nInstr, ib + r, j0);
        const acc = accBase + accBytes * <usize>r;
        if (hasFactor) sumProductTile<T>(acc, res, cs, vs, fac, csF, vsF, dim, count);
        else reduceTile<T>(kind, acc, tmp, res, dim, cs, vs, aux, auxDim, auxCs, auxVs, K, count, j0);
      }
    }
    for (let r = 0; r < rows; r++) finishRow<T>(kind, accBase + accBytes * <usize>r, ib + r, dim, auxDim, K, out, outIdx);
  }
}

/**
 * Runs the plan at `plan` for output rows [rowStart, rowEnd), using the thread's scratch
 * area at `scratch` (registers, then I_BLOCK row accumulators, then one tile of temporaries).
 */
export function run(plan: usize, rowStart: i32, rowEnd: i32, scratch: usize): void {
  if (field(plan, PLAN_DTYPE) == 0) runTyped<f32>(plan, rowStart, rowEnd, scratch);
  else runTyped<f64>(plan, rowStart, rowEnd, scratch);
}

/** Bytes of scratch one thread needs beyond its registers, for a reduction. */
export function scratchTailBytes(kind: i32, dim: i32, auxDim: i32, K: i32): i32 {
  return (accWords(kind, dim, auxDim, K) << 3) * I_BLOCK + TILE * 8;
}

