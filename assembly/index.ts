// The lazykernel wasm module: the tape interpreter and what the host needs to lay out memory.
export { run, fillEmpty, scratchTailBytes, runPartial, mergeFinish, accBytes, initPartial, mergeInto } from './interpreter';
// Bytes of lane state one thread needs for a row-lanes run (0: the reduction has no such form).
export { laneStateBytes } from './reductions/row-lanes';
// The Nystrom preconditioner's Gram matrix K_mn K_nm (dense float64): K_mm's panels and the
// record layout; the job's chunks go through `run` (a record of dtype 2).
export { gramKernelPanels, gramParamsBytes } from './dense/gram';
// The dense soft C-transform's row maxima and sums (the host's softminTensorized), called synchronously.
export { softminRowsF32, softminRowsF64 } from './dense/softmin';
// One vector of each lane-by-lane element-wise op, for the compiled tier's modules (src/compile/).
export * from './generated/vops';
import { TILE, I_BLOCK, LAYOUT_HASH } from './generated/opcodes';

/** Lanes per tile the module was compiled with; the host checks it matches its own. */
export function tileLanes(): i32 {
  return TILE;
}
/** Rows per i-block the module was compiled with. */
export function rowBlock(): i32 {
  return I_BLOCK;
}
/** Hash of the opcode and plan layout the module was compiled with; the host checks it. */
export function layoutHash(): i32 {
  return LAYOUT_HASH;
}
