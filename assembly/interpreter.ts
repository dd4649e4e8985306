// The tape interpreter. One call runs a reduction for a range of output rows:
//   parameter instructions once; then for each block of I_BLOCK rows and each j-tile of TILE
//   lanes, the j-only instructions once, and for each row the i-only and i-j instructions
//   followed by the reduction's tile update. Every instruction is a SIMD loop over a tile.
import {
  OP_LOADI, OP_LOADJ, OP_LOADP, OP_CONST, OP_NEG, OP_MOD,
  OP_SUMV, OP_DOT, OP_SQDIST, OP_EXTRACT, OP_CONCAT, OP_MATVEC, OP_VECMAT, OP_QUADFORM, OP_ONEHOT,
  FLAG_OUT_UNIFORM, FLAG_A_UNIFORM, FLAG_B_UNIFORM, FLAG_C_UNIFORM, FLAG_A_BROADCAST, FLAG_B_BROADCAST, FLAG_C_BROADCAST,
  FLAG_OUT_PER_ROW, FLAG_A_PER_ROW, FLAG_B_PER_ROW, FLAG_C_PER_ROW, FLAG_IN_PLACE, PLAN_ROW_BYTES, PLAN_ROW_BATCH,
  INSTR_WIDTH, TILE, I_BLOCK,
  PLAN_DTYPE, PLAN_TAPE_PTR, PLAN_N_INSTR, PLAN_P_END, PLAN_J_END, PLAN_N_ROWS, PLAN_N_COLS, PLAN_REDUCTION,
  PLAN_RESULT_REG, PLAN_RESULT_FLAGS, PLAN_RESULT_DIM, PLAN_AUX_REG, PLAN_AUX_FLAGS, PLAN_AUX_DIM, PLAN_K,
  PLAN_OUT_PTR, PLAN_OUT_IDX_PTR, PLAN_VAR_TABLE_PTR, PLAN_CONST_PTR, PLAN_ACC_OFFSET,
  PLAN_FACTOR_REG, PLAN_FACTOR_FLAGS, PLAN_RESULT_BROADCAST, PLAN_ABORT, PLAN_RANGES_PTR, PLAN_INTERVALS_PTR,
  PLAN_LANE_STATE, PLAN_LANE_COLUMNS, PLAN_COMPILED_SLOT, PLAN_COMPILED_REDUCES, RED_SUM, RED_SUMSOFTMAXWEIGHT, PLAN_FUSED_KERNEL, FUSED_EXP_AFFINE_SQ_DIST,
} from './generated/opcodes';
import { vsplat, lanes, tileBytes, loadT } from './simd';
import { componentStride, vectorStride } from './kernels/operand';
import { execElementwise } from './generated/elementwise';
import { execSumV, execDot, execSqDist, execCopy, execMatVec, execVecMat, execTensorProd, execQuadForm, execOneHot } from './kernels/vector';
import { accWords, accWordsF64, initAcc, reduceTile, finishRow, mergeAcc } from './reductions/index';
import { sumProductTile } from './reductions/sum';
import { loadAffineSqDist, affineSqDistTile } from './kernels/affine-sqdist';
import { laneInit, laneGather, laneSumUpdate, laneSoftmaxUpdate, laneMinMaxUpdate, laneBuffer, laneBufferColumn, laneBufferFinish } from './reductions/row-lanes';
import { gramRun } from './dense/gram';

@inline function field(plan: usize, k: i32): i32 {
  return load<i32>(plan + (<usize>k << 2));
}

/** The host's stop request; an atomic read where other threads share the memory. */
@inline function abortRequested(plan: usize): bool {
  const at = plan + (<usize>PLAN_ABORT << 2);
  if (ASC_FEATURE_THREADS) return atomic.load<i32>(at) != 0;
  return load<i32>(at) != 0;
}

/**
 * Runs instructions [start, end) of the tape for the tile starting at column j0, of which the
 * first `count` lanes are used (a short tile computes only the vectors that hold them), for
 * `rows` rows starting at row i: each instruction is decoded once and run over the row banks.
 */
function exec<T>(plan: usize, scratch: usize, start: i32, end: i32, i: i32, j0: i32, count: i32, rows: i32): void {
  const code = <usize>field(plan, PLAN_TAPE_PTR);
  const rowBytes = field(plan, PLAN_ROW_BYTES);
  for (let t = start; t < end; t++) {
    const ins = code + (<usize>(t * INSTR_WIDTH) << 2);
    const flags = load<i32>(ins, 32);
    // A CONCAT computed in place: its parts already sit in its slices.
    if ((flags & FLAG_IN_PLACE) != 0) continue;
    // Row strides of the output and operands: per-row registers live in one bank per row.
    const rsOut = (flags & FLAG_OUT_PER_ROW) != 0 ? rowBytes : 0;
    const rsA = (flags & FLAG_A_PER_ROW) != 0 ? rowBytes : 0;
    const rsB = (flags & FLAG_B_PER_ROW) != 0 ? rowBytes : 0;
    const rsC = (flags & FLAG_C_PER_ROW) != 0 ? rowBytes : 0;
    const n = rsOut != 0 ? rows : 1;
    const op = load<i32>(ins);
    if (op >= OP_NEG && op <= OP_MOD) {
      // The hottest instructions loop over the rows themselves.
      execElementwiseRows<T>(ins, flags, scratch, count, n, rsOut, rsA, rsB, rsC);
      continue;
    }
    execOne<T>(plan, ins, flags, scratch, n, rsOut, rsA, rsB, rsC, i, j0, count);
  }
}

/** An element-wise instruction over `rows` rows of the batch. */
@inline function execElementwiseRows<T>(ins: usize, flags: i32, scratch: usize, count: i32, rows: i32, rsOut: i32, rsA: i32, rsB: i32, rsC: i32): void {
  const outU = (flags & FLAG_OUT_UNIFORM) != 0;
  const aU = (flags & FLAG_A_UNIFORM) != 0;
  const bU = (flags & FLAG_B_UNIFORM) != 0;
  const cU = (flags & FLAG_C_UNIFORM) != 0;
  execElementwise<T>(
    load<i32>(ins), scratch + <usize>load<i32>(ins, 4), outU ? 16 : tileBytes<T>(),
    scratch + <usize>load<i32>(ins, 8), componentStride<T>(aU, (flags & FLAG_A_BROADCAST) != 0), vectorStride(aU),
    scratch + <usize>load<i32>(ins, 12), componentStride<T>(bU, (flags & FLAG_B_BROADCAST) != 0), vectorStride(bU),
    scratch + <usize>load<i32>(ins, 16), componentStride<T>(cU, (flags & FLAG_C_BROADCAST) != 0), vectorStride(cU),
    load<i32>(ins, 20), outU ? 1 : (count + lanes<T>() - 1) / lanes<T>(), load<i32>(ins, 24), rows, rsOut, rsA, rsB, rsC,
  );
}

/**
 * Runs one instruction, decoded once, for `rows` rows starting at row i; row r's registers are
 * r * rs{Out,A,B,C} bytes into the scratch (0 for registers shared by the rows).
 */
@inline function execOne<T>(plan: usize, ins: usize, flags: i32, scratch: usize, rows: i32, rsOut: i32, rsA: i32, rsB: i32, rsC: i32, i0: i32, j0: i32, count: i32): void {
  const varTable = <usize>field(plan, PLAN_VAR_TABLE_PTR);
  const tb = tileBytes<T>();
  const tileVecs = (count + lanes<T>() - 1) / lanes<T>();
  const outOff = scratch + <usize>load<i32>(ins, 4);
  const aOff = scratch + <usize>load<i32>(ins, 8);
  const bOff = scratch + <usize>load<i32>(ins, 12);
  const cOff = scratch + <usize>load<i32>(ins, 16);
  const op = load<i32>(ins);
  const dim = load<i32>(ins, 20);
  const arg0 = load<i32>(ins, 24);
  const arg1 = load<i32>(ins, 28);
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
  for (let r = 0; r < rows; r++) {
    const i = i0 + r;
    const out = outOff + <usize>(r * rsOut);
    const a = aOff + <usize>(r * rsA);
    const b = bOff + <usize>(r * rsB);
    const c = cOff + <usize>(r * rsC);

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
    } else if (op == OP_QUADFORM) {
      execQuadForm<T>(out, a, b, arg0, arg1 != 0, csA, vsA, csB, vsB, nvec);
    } else if (op == OP_ONEHOT) {
      execOneHot<T>(out, a, dim, csOut, vsA, nvec);
    } else {
      execTensorProd<T>(out, a, b, arg0, arg1, csOut, csA, vsA, csB, vsB, nvec);
    }
  }
}

/**
 * The row part of the tape ([jEnd, nInstr): i-only and pair instructions) for `rows` rows from
 * row i: through the compiled row kernel in the plan's function table slot when the host put
 * one there (src/compile/row-kernel.ts: same results, values in locals), else interpreted.
 * acc: the first row's accumulators, for a kernel that adds its SUM terms itself
 * (PLAN.compiledReduces), else unused.
 */
@inline function rowInstructions<T>(plan: usize, scratch: usize, jEnd: i32, nInstr: i32, i: i32, j0: i32, count: i32, rows: i32, acc: usize): void {
  const slot = field(plan, PLAN_COMPILED_SLOT);
  if (slot != 0) call_indirect<void>(<u32>slot, plan, scratch, i, j0, count, rows, acc);
  else exec<T>(plan, scratch, jEnd, nInstr, i, j0, count, rows);
}

// The reduction being run by this thread (each worker has its own instance, so its own globals).
let gPlan: usize = 0;
let gScratch: usize = 0;
let gKind: i32 = 0;
let gDim: i32 = 0;
let gAuxDim: i32 = 0;
let gK: i32 = 0;
let gAccBase: usize = 0;
let gAccBytes: usize = 0;
// The registers the reduction reads, for the first row of a batch (rs*: the next row's copy is
// that many bytes further; cs*, vs*: component and vector strides, see kernels/operand.ts).
let gRes: usize = 0;
let gRsRes: i32 = 0;
let gCs: i32 = 0;
let gVs: i32 = 0;
let gAux: usize = 0;
let gRsAux: i32 = 0;
let gAuxCs: i32 = 0;
let gAuxVs: i32 = 0;
// SUM of a product: the reduction multiplies result by factor itself.
let gHasFactor = false;
let gFac: usize = 0;
let gRsF: i32 = 0;
let gCsF: i32 = 0;
let gVsF: i32 = 0;
// How SUM adds a tile's terms (reductions/sum.ts): bits 2-3 of the plan's result flags.
let gSumScheme: i32 = 0;
// A reduction of scale * |x_i - y_j|^2 + h_j or of its exp (times b_j for a SUM): run by the
// fused kernels of kernels/affine-sqdist.ts.
let gFused = false;

/** componentStride, for the plan's dtype. */
@inline function strideOf(plan: usize, uniform: bool, broadcast: bool): i32 {
  return field(plan, PLAN_DTYPE) == 0 ? componentStride<f32>(uniform, broadcast) : componentStride<f64>(uniform, broadcast);
}

function setup(plan: usize, scratch: usize): void {
  gPlan = plan;
  gScratch = scratch;
  gKind = field(plan, PLAN_REDUCTION);
  gDim = field(plan, PLAN_RESULT_DIM);
  gAuxDim = field(plan, PLAN_AUX_DIM);
  gK = field(plan, PLAN_K);
  gAccBase = scratch + <usize>field(plan, PLAN_ACC_OFFSET);
  gAccBytes = <usize>accWords(gKind, gDim, gAuxDim, gK) << 3;
  const rowBytes = field(plan, PLAN_ROW_BYTES);
  const resFlags = field(plan, PLAN_RESULT_FLAGS);
  gRes = scratch + <usize>field(plan, PLAN_RESULT_REG);
  gRsRes = (resFlags & 2) != 0 ? rowBytes : 0;
  gSumScheme = (resFlags >> 2) & 3;
  gCs = strideOf(plan, (resFlags & 1) != 0, field(plan, PLAN_RESULT_BROADCAST) != 0);
  gVs = vectorStride((resFlags & 1) != 0);
  const auxFlags = field(plan, PLAN_AUX_FLAGS);
  gAux = scratch + <usize>field(plan, PLAN_AUX_REG);
  gRsAux = (auxFlags & 2) != 0 ? rowBytes : 0;
  gAuxCs = strideOf(plan, (auxFlags & 1) != 0, false);
  gAuxVs = vectorStride((auxFlags & 1) != 0);
  const factorFlags = field(plan, PLAN_FACTOR_FLAGS);
  gHasFactor = (factorFlags & 4) != 0;
  gFac = scratch + <usize>field(plan, PLAN_FACTOR_REG);
  gRsF = (factorFlags & 8) != 0 ? rowBytes : 0;
  gCsF = strideOf(plan, (factorFlags & 1) != 0, (factorFlags & 2) != 0);
  gVsF = vectorStride((factorFlags & 1) != 0);
  const fused = field(plan, PLAN_FUSED_KERNEL);
  // A factor (b) comes with a SUM of exp(e) only; otherwise the reduced value is the scalar e or exp(e).
  gFused = fused != 0 && (gHasFactor ? fused == FUSED_EXP_AFFINE_SQ_DIST && gKind == RED_SUM : gDim == 1);
  if (gFused) loadAffineSqDist(plan, fused == FUSED_EXP_AFFINE_SQ_DIST);
}

@inline function accOf(r: i32): usize {
  return gAccBase + gAccBytes * <usize>r;
}

/**
 * Adds the columns [c0, c1) to the accumulators of rows [ib, ib + rows), tile by tile.
 * Returns false when the host asked to stop.
 */
function reduceColumns<T>(ib: i32, rows: i32, c0: i32, c1: i32): bool {
  const plan = gPlan;
  const scratch = gScratch;
  const nInstr = field(plan, PLAN_N_INSTR);
  const pEnd = field(plan, PLAN_P_END);
  const jEnd = field(plan, PLAN_J_END);
  const batch = field(plan, PLAN_ROW_BATCH);
  const tmp = gAccBase + gAccBytes * <usize>I_BLOCK;
  const kernelReduces = field(plan, PLAN_COMPILED_REDUCES) != 0 && field(plan, PLAN_COMPILED_SLOT) != 0;
  for (let j0 = c0; j0 < c1; j0 += TILE) {
    if (abortRequested(plan)) return false;
    const count = min(TILE, c1 - j0);
    if (gFused) {
      affineSqDistTile<T>(gKind, ib, rows, j0, count, gAccBase, gAccBytes, tmp, tmp + <usize>(TILE * 8), gDim, gK, gSumScheme);
      continue;
    }
    exec<T>(plan, scratch, pEnd, jEnd, 0, j0, count, 1);
    for (let rb = 0; rb < rows; rb += batch) {
      const nb = min(batch, rows - rb);
      rowInstructions<T>(plan, scratch, jEnd, nInstr, ib + rb, j0, count, nb, accOf(rb));
      if (kernelReduces) continue;
      for (let r = 0; r < nb; r++) {
        const res = gRes + <usize>(r * gRsRes);
        if (gHasFactor) sumProductTile<T>(accOf(rb + r), res, gCs, gVs, gFac + <usize>(r * gRsF), gCsF, gVsF, gDim, count, gSumScheme);
        else reduceTile<T>(gKind, accOf(rb + r), tmp, res, gDim, gCs, gVs, gAux + <usize>(r * gRsAux), gAuxDim, gAuxCs, gAuxVs, gK, count, j0, gSumScheme);
      }
    }
  }
  return true;
}

function initRows(rows: i32): void {
  for (let r = 0; r < rows; r++) initAcc(gKind, accOf(r), gDim, gAuxDim, gK);
}

function finishRows<T>(ib: i32, rows: i32): void {
  const out = <usize>field(gPlan, PLAN_OUT_PTR);
  const outIdx = <usize>field(gPlan, PLAN_OUT_IDX_PTR);
  for (let r = 0; r < rows; r++) finishRow<T>(gKind, accOf(r), ib + r, gDim, gAuxDim, gK, out, outIdx);
}

/** Dense: rows [rowStart, rowEnd) against every column. */
function runDense<T>(rowStart: i32, rowEnd: i32): void {
  const nCols = field(gPlan, PLAN_N_COLS);
  for (let ib = rowStart; ib < rowEnd; ib += I_BLOCK) {
    const rows = min(I_BLOCK, rowEnd - ib);
    initRows(rows);
    if (!reduceColumns<T>(ib, rows, 0, nCols)) return;
    finishRows<T>(ib, rows);
  }
}

/**
 * Block-sparse: clusters [cStart, cEnd) of the cluster table, each a range of rows
 * [r0, r1) reduced over its column intervals [s0, s1) of the interval table.
 */
function runRanges<T>(cStart: i32, cEnd: i32): void {
  const clusters = <usize>field(gPlan, PLAN_RANGES_PTR);
  const intervals = <usize>field(gPlan, PLAN_INTERVALS_PTR);
  for (let c = cStart; c < cEnd; c++) {
    const entry = clusters + (<usize>(c * 4) << 2);
    const r0 = load<i32>(entry);
    const r1 = load<i32>(entry, 4);
    const s0 = load<i32>(entry, 8);
    const s1 = load<i32>(entry, 12);
    for (let ib = r0; ib < r1; ib += I_BLOCK) {
      const rows = min(I_BLOCK, r1 - ib);
      initRows(rows);
      for (let s = s0; s < s1; s++) {
        const iv = intervals + (<usize>(s * 2) << 2);
        if (!reduceColumns<T>(ib, rows, load<i32>(iv), load<i32>(iv, 4))) return;
      }
      finishRows<T>(ib, rows);
    }
  }
}

/**
 * Row lanes (reductions/row-lanes.ts): output rows [rowStart, rowEnd) a tile of lanes at a time.
 * The tape was compiled with the roles swapped: its j-variables are the output rows (loaded
 * as tiles), its i-variables the reduced columns, one interpreter row per column.
 */
function runRowLanes<T>(rowStart: i32, rowEnd: i32): void {
  const plan = gPlan;
  const scratch = gScratch;
  const state = scratch + <usize>field(plan, PLAN_LANE_STATE);
  const nCols = field(plan, PLAN_N_COLS);
  const nInstr = field(plan, PLAN_N_INSTR);
  const pEnd = field(plan, PLAN_P_END);
  const jEnd = field(plan, PLAN_J_END);
  const batch = field(plan, PLAN_ROW_BATCH);
  const kind = gKind;
  const acc = accOf(0);
  const out = <usize>field(plan, PLAN_OUT_PTR);
  const outIdx = <usize>field(plan, PLAN_OUT_IDX_PTR);
  // The log-sum-exp family's two-pass form when the host gave it a buffer for every column.
  const buffered = kind != RED_SUM && kind <= RED_SUMSOFTMAXWEIGHT && field(plan, PLAN_LANE_COLUMNS) >= nCols;
  const buffer = laneBuffer(kind, state, gDim, gAuxDim);
  for (let t0 = rowStart; t0 < rowEnd; t0 += TILE) {
    if (abortRequested(plan)) return;
    const count = min(TILE, rowEnd - t0);
    exec<T>(plan, scratch, pEnd, jEnd, 0, t0, count, 1);
    laneInit<T>(kind, state, gDim, gAuxDim, count);
    for (let c = 0; c < nCols; c += batch) {
      const nb = min(batch, nCols - c);
      rowInstructions<T>(plan, scratch, jEnd, nInstr, c, t0, count, nb, 0);
      for (let r = 0; r < nb; r++) {
        const res = gRes + <usize>(r * gRsRes);
        const aux = gAux + <usize>(r * gRsAux);
        if (kind == RED_SUM) laneSumUpdate<T>(state, res, gCs, gVs, gFac + <usize>(r * gRsF), gCsF, gVsF, gHasFactor, gDim, count);
        else if (buffered) laneBufferColumn<T>(kind, state, buffer, c + r, res, gCs, gVs, aux, gAuxCs, gAuxVs, gDim, gAuxDim, count);
        else if (kind <= RED_SUMSOFTMAXWEIGHT) laneSoftmaxUpdate<T>(kind, state, res, gCs, gVs, aux, gAuxCs, gAuxVs, gDim, gAuxDim, count);
        else laneMinMaxUpdate<T>(kind, state, res, gCs, gVs, gDim, count, c + r);
      }
    }
    if (buffered) laneBufferFinish<T>(kind, state, buffer, nCols, gDim, gAuxDim, count);
    for (let l = 0; l < count; l++) {
      laneGather<T>(kind, state, l, acc, gDim, gAuxDim);
      finishRow<T>(kind, acc, t0 + l, gDim, gAuxDim, gK, out, outIdx);
    }
  }
}

function runTyped<T>(plan: usize, start: i32, end: i32, scratch: usize): void {
  setup(plan, scratch);
  exec<T>(plan, scratch, 0, field(plan, PLAN_P_END), 0, 0, TILE, 1);
  if (field(plan, PLAN_LANE_STATE) != 0) runRowLanes<T>(start, end);
  else if (field(plan, PLAN_RANGES_PTR) != 0) runRanges<T>(start, end);
  else runDense<T>(start, end);
}

/** Writes the "nothing to reduce" result (sum 0, min +Inf, ...) for rows [rowStart, rowEnd). */
export function fillEmpty(plan: usize, rowStart: i32, rowEnd: i32, scratch: usize): void {
  setup(plan, scratch);
  for (let ib = rowStart; ib < rowEnd; ib += I_BLOCK) {
    const rows = min(I_BLOCK, rowEnd - ib);
    initRows(rows);
    if (field(plan, PLAN_DTYPE) == 0) finishRows<f32>(ib, rows);
    else finishRows<f64>(ib, rows);
  }
}

/**
 * Runs the plan at `plan` for output rows [start, end) — or, for a block-sparse plan, for the
 * clusters [start, end) of its cluster table — using the thread's scratch area at `scratch`
 * (registers, then I_BLOCK row accumulators, then one tile of temporaries).
 */
export function run(plan: usize, start: i32, end: i32, scratch: usize): void {
  const dtype = field(plan, PLAN_DTYPE);
  if (dtype == 0) runTyped<f32>(plan, start, end, scratch);
  else if (dtype == 1) runTyped<f64>(plan, start, end, scratch);
  // The Nystrom preconditioner's Gram job: [start, end) are tile rows of H.
  else gramRun(plan, start, end, scratch);
}

/**
 * The reduced axis split across threads: rows [rowStart, rowEnd) over the columns
 * [colStart, colEnd) only, leaving each row's raw accumulator (accBytes, see below) at
 * `partial` + (row - rowStart) * accBytes instead of finishing it. `mergeFinish` combines them.
 */
export function runPartial(plan: usize, rowStart: i32, rowEnd: i32, colStart: i32, colEnd: i32, scratch: usize, partial: usize): void {
  if (field(plan, PLAN_DTYPE) == 0) runPartialTyped<f32>(plan, rowStart, rowEnd, colStart, colEnd, scratch, partial);
  else runPartialTyped<f64>(plan, rowStart, rowEnd, colStart, colEnd, scratch, partial);
}

function runPartialTyped<T>(plan: usize, rowStart: i32, rowEnd: i32, colStart: i32, colEnd: i32, scratch: usize, partial: usize): void {
  setup(plan, scratch);
  exec<T>(plan, scratch, 0, field(plan, PLAN_P_END), 0, 0, TILE, 1);
  for (let ib = rowStart; ib < rowEnd; ib += I_BLOCK) {
    const rows = min(I_BLOCK, rowEnd - ib);
    initRows(rows);
    if (!reduceColumns<T>(ib, rows, colStart, colEnd)) return;
    memory.copy(partial + gAccBytes * <usize>(ib - rowStart), accOf(0), gAccBytes * <usize>rows);
  }
}

/**
 * Finishes rows [rowStart, rowEnd) from `nParts` partial accumulator blocks `partStride` bytes
 * apart, in column order (the first block holds the first columns), merging into the first.
 */
export function mergeFinish(plan: usize, rowStart: i32, rowEnd: i32, parts: usize, nParts: i32, partStride: i32, scratch: usize): void {
  setup(plan, scratch);
  const out = <usize>field(plan, PLAN_OUT_PTR);
  const outIdx = <usize>field(plan, PLAN_OUT_IDX_PTR);
  const tmp = accOf(0);
  const f32 = field(plan, PLAN_DTYPE) == 0;
  for (let r = rowStart; r < rowEnd; r++) {
    const dst = parts + gAccBytes * <usize>(r - rowStart);
    for (let p = 1; p < nParts; p++) mergeAcc(gKind, dst, dst + <usize>partStride * <usize>p, tmp, gDim, gAuxDim, gK);
    if (f32) finishRow<f32>(gKind, dst, r, gDim, gAuxDim, gK, out, outIdx);
    else finishRow<f64>(gKind, dst, r, gDim, gAuxDim, gK, out, outIdx);
  }
}

/** Bytes of one row's accumulator (f64: exact for any K and dimension; the host checks it fits). */
export function accBytes(kind: i32, dim: i32, auxDim: i32, K: i32): f64 {
  return accWordsF64(kind, dim, auxDim, K) * 8.0;
}

/** Bytes of scratch one thread needs beyond its registers, for a reduction (f64, as accBytes). */
export function scratchTailBytes(kind: i32, dim: i32, auxDim: i32, K: i32): f64 {
  // One tile of temporaries, then the fused kernels' four-row buffer (kernels/affine-sqdist.ts).
  return accWordsF64(kind, dim, auxDim, K) * 8.0 * <f64>I_BLOCK + <f64>TILE * 8.0 * 5.0;
}

/** Sets the raw accumulators of rows [rowStart, rowEnd) at `dst` (one accBytes apart) to "nothing reduced yet". */
export function initPartial(plan: usize, rowStart: i32, rowEnd: i32, dst: usize, scratch: usize): void {
  setup(plan, scratch);
  for (let r = rowStart; r < rowEnd; r++) initAcc(gKind, dst + gAccBytes * <usize>(r - rowStart), gDim, gAuxDim, gK);
}

/**
 * Merges `nParts` blocks of raw accumulators for rows [rowStart, rowEnd), `partStride` bytes
 * apart and in column order, into those at `dst` (earlier columns): a reduction whose columns
 * stream through the heap in blocks merges each block into the running accumulators.
 */
export function mergeInto(plan: usize, rowStart: i32, rowEnd: i32, dst: usize, parts: usize, nParts: i32, partStride: usize, scratch: usize): void {
  setup(plan, scratch);
  const tmp = accOf(0);
  for (let r = rowStart; r < rowEnd; r++) {
    const offset = gAccBytes * <usize>(r - rowStart);
    for (let p = 0; p < nParts; p++) mergeAcc(gKind, dst + offset, parts + partStride * <usize>p + offset, tmp, gDim, gAuxDim, gK);
  }
}
