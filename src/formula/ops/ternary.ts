import type { OpSpec } from '../op-spec.js';
import type { Opcode } from '../../tape/opcodes.js';
import { at, broadcastDim } from './dims.js';
import type { FormulaNode } from '../node.js';
import { mul, sub, div, neg, unary, step, unbroadcast } from '../algebra.js';

type F = FormulaNode;
type TernaryVjp = (a: F, b: F, c: F, out: F, g: F) => [F | null, F | null, F | null];

function ternary(name: string, opcode: Opcode, f: (a: number, b: number, c: number) => number, vjp: TernaryVjp, test: Partial<OpSpec['test']>): OpSpec {
  return {
    name,
    arity: 3,
    nattrs: 0,
    dim: (dims) => broadcastDim(name, dims),
    ref(out, [a, b, c]) {
      for (let k = 0; k < out.length; k++) out[k] = f(at(a!, k), at(b!, k), at(c!, k));
    },
    lower: (e, [a, b, c], _attrs, dim) => e.emit(opcode, dim, [a!, b!, c!]),
    vjp([a, b, c], out, g) {
      return vjp(a!, b!, c!, out, g).map((x, k) => x && unbroadcast(x, [a!, b!, c!][k]!.dim));
    },
    test: { argDims: (d) => [d, d, d], discontinuous: true, ...test },
  };
}

/** Element-wise ops of three operands, each of dimension 1 or D. */
export const ternaryOps: OpSpec[] = [
  ternary('Clamp', 'CLAMP', (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x), (x, lo, hi, _o, g) => {
    const above = step(sub(x, lo)); // x >= lo
    const below = step(sub(hi, x)); // x <= hi
    return [mul(g, mul(above, below)), mul(g, sub(1, above)), mul(g, mul(above, sub(1, below)))];
  }, {}),
  ternary('IfElse', 'IFELSE', (c, a, b) => (c >= 0 ? a : b), (c, _a, _b, _o, g) => [null, mul(g, step(c)), mul(g, sub(1, step(c)))], {}),
  ternary('Mod', 'MOD', (x, n, d) => x - n * Math.floor((x - d) / n),
    (x, n, d, _o, g) => [g, neg(mul(g, unary('Floor', div(sub(x, d), n)))), null],
    { domain: ['any', 'nonzero', 'any'] }),
];
