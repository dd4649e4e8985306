let lookup = null;
export function registerOpTable(find) {
    lookup = find;
}
/** The spec of an op (ValueError from the table for an unknown name). */
export function registeredOpSpec(name) {
    if (!lookup)
        throw new Error('lazykernel: the formula op table is not loaded (import formula/op-table.js before building formulas)');
    return lookup(name);
}
