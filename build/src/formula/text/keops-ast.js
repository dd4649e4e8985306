/**
 * The syntax tree of a KeOps formula string, as the parser reads it and before any name is
 * resolved: numbers, names (aliases), calls `Name(args)`, infix operators and signs. Every
 * node keeps the index of its source text, so later errors (an unknown op, a dimension that
 * does not fit) point at the column where it was written.
 */
export {};
