// MIN / MAX and their arguments: per row and component, acc = [best, index]. NaN never wins
// a comparison; ties go to the lowest index because j grows along the row and within a tile
// the first matching lane is taken. A row without any non-NaN value keeps (+-Inf, -1).
import { vsplat, vpmin, vpmax, vselect, laneMask, lanes, lane, loadT } from '../simd';

@inline function better(isMax: bool, a: f64, b: f64): bool {
  return isMax ? a > b : a < b;
}

export function minMaxTile<T>(isMax: bool, acc: usize, res: usize, dim: i32, cs: i32, vs: i32, count: i32, j0: i32): void {
  const L = lanes<T>();
  const nfull = count / L;
  const rem = count % L;
  const worst = vsplat<T>(isMax ? -Infinity : Infinity);
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * cs);
    let b = worst;
    for (let v = 0; v < nfull; v++) {
      const x = v128.load(p + <usize>(v * vs));
      b = isMax ? vpmax<T>(b, x) : vpmin<T>(b, x);
    }
    if (rem) {
      const x = vselect(laneMask<T>(rem), v128.load(p + <usize>(nfull * vs)), worst);
      b = isMax ? vpmax<T>(b, x) : vpmin<T>(b, x);
    }
    let mt = lane<T>(b, 0);
    for (let l = 1; l < L; l++) {
      const x = lane<T>(b, l);
      if (better(isMax, x, mt)) mt = x;
    }
    const a = acc + (<usize>k << 4);
    const best = load<f64>(a);
    const idx = load<f64>(a + 8);
    if (better(isMax, mt, best) || (idx < 0 && mt == best)) {
      // Find the first lane holding the tile's best value.
      for (let l = 0; l < count; l++) {
        const x = loadT<T>(p + <usize>((l / L) * vs + (l % L) * sizeof<T>()));
        if (x == mt) {
          store<f64>(a, mt);
          store<f64>(a + 8, <f64>(j0 + l));
          break;
        }
      }
    }
  }
}
