// How an instruction addresses a register: component stride and vector stride in bytes.
// Uniform registers hold one splatted vector per component (vector stride 0); tile registers
// hold TILE lanes per component; a broadcast operand (dimension 1) has component stride 0.
import { tileBytes } from '../simd';

@inline export function componentStride<T>(uniform: bool, broadcast: bool): i32 {
  return broadcast ? 0 : uniform ? 16 : tileBytes<T>();
}
@inline export function vectorStride(uniform: bool): i32 {
  return uniform ? 0 : 16;
}
