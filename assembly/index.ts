// The lazykernel wasm module: the tape interpreter and what the host needs to lay out memory.
export { run, fillEmpty, scratchTailBytes } from './interpreter';
import { TILE, I_BLOCK } from './generated/opcodes';

/** Lanes per tile the module was compiled with; the host checks it matches its own. */
export function tileLanes(): i32 {
  return TILE;
}
/** Rows per i-block the module was compiled with. */
export function rowBlock(): i32 {
  return I_BLOCK;
}
