/**
 * What the two text grammars share (the KeOps formula strings of Genred and samplesLoss, and the
 * method chains of parseExpression): splitting a source into tokens, naming a character that
 * starts none, and "did you mean" among known names. Each grammar gives its own punctuation and
 * the characters of its names; numbers are written the same way in both.
 */
/** One token: a number, a name, a punctuation mark, or the end of the source. */
export interface Token {
    readonly kind: 'num' | 'name' | 'punct' | 'end';
    readonly text: string;
    /** Index of its first character in the source. */
    readonly at: number;
}
/** The lexical part of a grammar, as regular-expression sources. */
export interface TokenGrammar {
    /** A whole name, such as `[A-Za-z_][A-Za-z0-9_]*`. */
    readonly name: string;
    /** One punctuation mark, longer ones first, such as `\*\*|[-+*\/(),]`. */
    readonly punct: string;
}
/**
 * The tokens of `source`, blanks dropped, in one linear pass. `unexpected(at)` is called (and
 * must throw) at the first character that starts no token.
 */
export declare function tokenize(source: string, grammar: TokenGrammar, unexpected: (at: number) => never): Token[];
/** The character at `at` for a message: quoted when printable ASCII, U+XXXX otherwise. */
export declare function characterAt(source: string, at: number): string;
/** The known name closest to `name`, or null when none is close. */
export declare function closestName(name: string, known: Iterable<string>): string | null;
/** A name for a message, cut when very long. */
export declare function shortName(name: string): string;
