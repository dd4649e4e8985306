import type { KeopsFormulaText } from './keops-ast.js';
import { type Token, type TokenGrammar } from './tokens.js';
/**
 * How deep a formula may nest: parentheses, calls, signs and chained operators each add a
 * level. Parsing and building recurse once per level, so a hostile string nested 20,000 deep
 * would overflow the stack; real formulas stay under a few dozen.
 */
export declare const MAX_FORMULA_DEPTH = 256;
/** Python's names, and the punctuation of KeOps formulas and aliases. */
export declare const KEOPS_TOKENS: TokenGrammar;
/** Describes a token for a message. */
export declare function tokenText(t: Token, end?: string): string;
/**
 * Parses a KeOps formula string. `where` names the caller in messages (`Genred`,
 * `samplesLoss: options.cost`); `label` what the text is (default `the formula`).
 */
export declare function parseKeopsFormula(source: string, where: string, label?: string): KeopsFormulaText;
