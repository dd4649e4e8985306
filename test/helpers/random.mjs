// Seeded random numbers and tensors for the tests, so that every failure reproduces from the
// seed printed in its assertion message.
import { tensor } from '../../build/src/index.js';

/** mulberry32: a tiny 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded generator with the helpers the tests need. */
export class Rng {
  constructor(seed) {
    this.seed = seed >>> 0;
    this.next = mulberry32(this.seed);
  }
  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1) {
    return lo + (hi - lo) * this.next();
  }
  /** Uniform integer in [lo, hi] (both included). */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** True with probability p. */
  bool(p = 0.5) {
    return this.next() < p;
  }
  pick(array) {
    return array[Math.floor(this.next() * array.length)];
  }
  /** Standard normal (Box-Muller). */
  normal() {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** A new generator whose seed derives from this one (for independent streams). */
  fork() {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}

/** Ranges used for the op-table domains ('any' | 'positive' | 'unit' | 'nonzero'). */
export function sampleDomain(rng, domain = 'any') {
  switch (domain) {
    case 'positive':
      return rng.uniform(0.25, 2);
    case 'unit':
      return rng.uniform(-1, 1);
    case 'nonzero':
      return (rng.bool() ? 1 : -1) * rng.uniform(0.25, 2);
    case 'any':
      return rng.uniform(-2, 2);
    default:
      throw new Error(`unknown domain '${domain}'`);
  }
}

/** The special values that can be injected, by name. */
export const SPECIALS = {
  nan: () => NaN,
  posInf: () => Infinity,
  negInf: () => -Infinity,
  huge: (rng) => (rng.bool() ? 1e30 : -1e30),
  tiny: (rng) => (rng.bool() ? 1e-30 : -1e-30),
};

/**
 * `length` random numbers as a Float32Array or Float64Array.
 * Options:
 *   dtype: 'float32' | 'float64' (default 'float64')
 *   domain: 'any' | 'positive' | 'unit' | 'nonzero' (ignored when lo/hi are given)
 *   lo, hi: uniform range
 *   integers: [lo, hi] to draw small integers instead (exact in both dtypes, makes ties)
 *   specials: { nan, posInf, negInf, huge, tiny }: probability of each per element
 */
export function randomData(rng, length, options = {}) {
  const { dtype = 'float64', domain = 'any', lo, hi, integers, specials } = options;
  const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  for (let k = 0; k < length; k++) {
    let x;
    if (integers) x = rng.int(integers[0], integers[1]);
    else if (lo !== undefined && hi !== undefined) x = rng.uniform(lo, hi);
    else x = sampleDomain(rng, domain);
    if (specials) {
      for (const [name, p] of Object.entries(specials)) {
        if (!p) continue;
        if (!(name in SPECIALS)) throw new Error(`unknown special value '${name}'`);
        if (rng.bool(p)) {
          x = SPECIALS[name](rng);
          break;
        }
      }
    }
    out[k] = x;
  }
  return out;
}

/** A random Tensor of `shape` (see randomData for the options). */
export function randomTensor(rng, shape, options = {}) {
  const length = shape.reduce((a, b) => a * b, 1);
  return tensor(randomData(rng, length, options), shape);
}
