// Sum reduction: each tile is summed in the working precision over at most TILE / lanes
// terms per lane, then added to an f64 accumulator per row and component.
import { vsplat, vadd, vmul, vselect, laneMask, lanes, hsum } from '../simd';

export function sumTile<T>(acc: usize, res: usize, dim: i32, cs: i32, vs: i32, count: i32): void {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * cs);
    let s = vsplat<T>(0.0);
    for (let v = 0; v < nfull; v++) s = vadd<T>(s, v128.load(p + <usize>(v * vs)));
    if (rem) s = vadd<T>(s, vselect(laneMask<T>(rem), v128.load(p + <usize>(nfull * vs)), vsplat<T>(0.0)));
    const a = acc + (<usize>k << 3);
    store<f64>(a, load<f64>(a) + hsum<T>(s));
  }
}

/** SUM of result * factor, either of which may broadcast (component stride 0). */
export function sumProductTile<T>(acc: usize, res: usize, csR: i32, vsR: i32, fac: usize, csF: i32, vsF: i32, dim: i32, count: i32): void {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * csR);
    const q = fac + <usize>(k * csF);
    let s = vsplat<T>(0.0);
    for (let v = 0; v < nfull; v++) s = vadd<T>(s, vmul<T>(v128.load(p + <usize>(v * vsR)), v128.load(q + <usize>(v * vsF))));
    if (rem) {
      const x = vmul<T>(v128.load(p + <usize>(nfull * vsR)), v128.load(q + <usize>(nfull * vsF)));
      s = vadd<T>(s, vselect(laneMask<T>(rem), x, vsplat<T>(0.0)));
    }
    const a = acc + (<usize>k << 3);
    store<f64>(a, load<f64>(a) + hsum<T>(s));
  }
}
