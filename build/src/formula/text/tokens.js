/**
 * What the two text grammars share (the KeOps formula strings of Genred and samplesLoss, and the
 * method chains of parseExpression): splitting a source into tokens, naming a character that
 * starts none, and "did you mean" among known names. Each grammar gives its own punctuation and
 * the characters of its names; numbers are written the same way in both.
 */
/** A decimal number: 12, 1.5, 1., .5, with an optional exponent (1e-3). Signs are operators. */
const NUMBER = String.raw `(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const compiled = new WeakMap();
function tokenPattern(grammar) {
    let re = compiled.get(grammar);
    if (!re) {
        re = new RegExp(String.raw `(\s+)|(${NUMBER})|(${grammar.name})|(${grammar.punct})`, 'y');
        compiled.set(grammar, re);
    }
    return re;
}
/**
 * The tokens of `source`, blanks dropped, in one linear pass. `unexpected(at)` is called (and
 * must throw) at the first character that starts no token.
 */
export function tokenize(source, grammar, unexpected) {
    const re = tokenPattern(grammar);
    const tokens = [];
    for (let pos = 0; pos < source.length;) {
        re.lastIndex = pos;
        const m = re.exec(source);
        if (!m)
            unexpected(pos);
        if (m[1] === undefined)
            tokens.push({ kind: m[2] !== undefined ? 'num' : m[3] !== undefined ? 'name' : 'punct', text: m[0], at: pos });
        pos = re.lastIndex;
    }
    return tokens;
}
/** The character at `at` for a message: quoted when printable ASCII, U+XXXX otherwise. */
export function characterAt(source, at) {
    const c = String.fromCodePoint(source.codePointAt(at));
    if (c === '\'')
        return '"\'"';
    return /^[\u0020-\u007e]$/.test(c) ? `'${c}'` : `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
/**
 * Edit distance between two short names (case-insensitive; a swap of neighbours counts one),
 * for "did you mean".
 */
function distance(a, b) {
    a = a.toLowerCase();
    b = b.toLowerCase();
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                v = Math.min(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
        }
    }
    return d[a.length][b.length];
}
/** The known name closest to `name`, or null when none is close. */
export function closestName(name, known) {
    if (name.length > 40)
        return null;
    let best = null;
    // Names of one or two letters only match up to case ('z' is no typo of 'x').
    let bestD = name.length < 3 ? 0 : Math.max(1, Math.floor(name.length / 3));
    for (const k of known) {
        const d = distance(name, k);
        if (d < bestD || (d === bestD && best === null)) {
            best = k;
            bestD = d;
        }
    }
    return best;
}
/** A name for a message, cut when very long. */
export function shortName(name) {
    return name.length > 40 ? `${name.slice(0, 40)}...` : name;
}
