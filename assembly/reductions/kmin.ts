// K smallest values per row and component, kept sorted in acc = [vals[K], idx[K]].
// Unfilled slots hold (+Inf, -1). A vector is only inspected lane by lane when one of its
// lanes beats the current K-th value, so most tiles cost one compare per vector.
import { vsplat, vlt, veq, laneMask, lanes, loadT } from '../simd';

@inline function insert(vals: usize, idxs: usize, K: i32, x: f64, j: i32): void {
  // Position after every kept value <= x (stable: earlier indices stay first on ties).
  let pos = K - 1;
  while (pos > 0) {
    const prevIdx = load<f64>(idxs + (<usize>(pos - 1) << 3));
    const prevVal = load<f64>(vals + (<usize>(pos - 1) << 3));
    if (prevIdx >= 0 && prevVal <= x) break;
    store<f64>(vals + (<usize>pos << 3), prevVal);
    store<f64>(idxs + (<usize>pos << 3), prevIdx);
    pos--;
  }
  store<f64>(vals + (<usize>pos << 3), x);
  store<f64>(idxs + (<usize>pos << 3), <f64>j);
}

/** Inspects vector v's `n` lanes (values at q) in order, inserting each that belongs in the K smallest. */
@inline function scanLanes<T>(vals: usize, idxs: usize, K: i32, q: usize, n: i32, j: i32): void {
  for (let l = 0; l < n; l++) {
    const xl = loadT<T>(q + <usize>(l * sizeof<T>()));
    if (xl != xl) continue;
    const isFull = load<f64>(idxs + (<usize>(K - 1) << 3)) >= 0;
    if (isFull && !(xl < load<f64>(vals + (<usize>(K - 1) << 3)))) continue;
    insert(vals, idxs, K, xl, j + l);
  }
}

export function kminTile<T>(acc: usize, res: usize, dim: i32, K: i32, cs: i32, vs: i32, count: i32, j0: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  const nfull = count / L;
  const rem = count % L;
  for (let k = 0; k < dim; k++) {
    const vals = acc + (<usize>(k * 2 * K) << 3);
    const idxs = vals + (<usize>K << 3);
    const p = res + <usize>(k * cs);
    let v = 0;
    // Once the K slots are full, full vectors four at a time against the K-th value, splatted
    // once and again only after an insertion: the test is all that most vectors cost, so it is
    // kept to four compares, three ors and one any_true per four vectors. The lanes of a group
    // that has a candidate are inspected in order, as one at a time would (same results).
    if (load<f64>(idxs + (<usize>(K - 1) << 3)) >= 0) {
      let thr = vsplat<T>(load<f64>(vals + (<usize>(K - 1) << 3)));
      for (; v + 4 <= nfull; v += 4) {
        const q = p + <usize>(v * vs);
        const m01 = v128.or(vlt<T>(v128.load(q), thr), vlt<T>(v128.load(q + <usize>vs), thr));
        const m23 = v128.or(vlt<T>(v128.load(q + <usize>(2 * vs)), thr), vlt<T>(v128.load(q + <usize>(3 * vs)), thr));
        if (!v128.any_true(v128.or(m01, m23))) continue;
        for (let u = 0; u < 4; u++) scanLanes<T>(vals, idxs, K, q + <usize>(u * vs), L, j0 + (v + u) * L);
        thr = vsplat<T>(load<f64>(vals + (<usize>(K - 1) << 3)));
      }
    }
    for (; v < nvec; v++) {
      const lastVal = load<f64>(vals + (<usize>(K - 1) << 3));
      const full = load<f64>(idxs + (<usize>(K - 1) << 3)) >= 0;
      const x = v128.load(p + <usize>(v * vs));
      let mask = full ? vlt<T>(x, vsplat<T>(lastVal)) : veq<T>(x, x);
      if (rem && v == nvec - 1) mask = v128.and(mask, laneMask<T>(rem));
      if (!v128.any_true(mask)) continue;
      scanLanes<T>(vals, idxs, K, p + <usize>(v * vs), rem && v == nvec - 1 ? rem : L, j0 + v * L);
    }
  }
}
