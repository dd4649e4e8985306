/**
 * What the names and operators of a KeOps formula string stand for, read off the op table and
 * its printer rather than listed by hand: a call `Name(...)` is the op of that name (its formula
 * arguments, then its integer attributes, KeOps's order), and an infix operator is the op whose
 * printer writes it (`(a + b)` is Add, `(a|b)` Scalprod). An op added to the table, printed by
 * the printer, parses with no change here. The few names that are not ops (constants, `Var`,
 * `Grad`, KeOps's spellings of ops lazykernel names otherwise) are the grammar's own, in
 * keops-build.ts.
 */
import { OP_TABLE } from '../op-table.js';
/** The op a unary minus stands for (KeOps's `__neg__`). */
export const NEGATION_OP = 'Minus';
let infix = null;
/**
 * Infix symbol -> op name, from the printer: every two-argument op whose print function writes
 * `(a SYMBOL b)`.
 */
export function infixOps() {
    if (infix)
        return infix;
    const found = new Map();
    const [a, b] = ['\u0001', '\u0002'];
    for (const spec of OP_TABLE.values()) {
        if (spec.arity !== 2 || spec.nattrs !== 0 || !spec.print)
            continue;
        const m = /^\(\u0001 ?([^\s\u0001\u0002]{1,2}) ?\u0002\)$/.exec(spec.print([a, b], []));
        if (m)
            found.set(m[1], spec.name);
    }
    infix = found;
    return found;
}
/** The op a call `name(...)` stands for, or undefined. */
export function opNamed(name) {
    return OP_TABLE.get(name);
}
/** Every op name a formula may call. */
export function opNames() {
    return [...OP_TABLE.keys()];
}
/** How an op is called, for messages: `Pow(formula, integer)`. */
export function opUsage(spec) {
    if (spec.nattrs === 'variable')
        return `${spec.name}(${Array.from({ length: spec.arity }, () => 'formula').join(', ')}, [integers], ...)`;
    const parts = [...Array.from({ length: spec.arity }, () => 'formula'), ...Array.from({ length: spec.nattrs }, () => 'integer')];
    return `${spec.name}(${parts.join(', ')})`;
}
