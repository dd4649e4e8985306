/**
 * Genred's aliases: `'x = Vi(3)'` (a name, a category and a dimension, the index being the
 * alias's position in the list), `'x = Vi(0, 3)'` (index, dimension), `Vj`, `Pm`, the old
 * `Vx` / `Vy`, and `'x = Var(0, 3, 0)'` (index, dimension, category code), each optionally
 * without its name, as pykeops's parse_type.get_type reads them. Read with the formulas'
 * tokenizer, so an error points at its column too.
 */
import { ValueError, describe } from '../../errors.js';
import { KEOPS_TOKENS, tokenText } from './keops-parser.js';
import { failAt } from './source-error.js';
import { tokenize, characterAt } from './tokens.js';
const CATEGORIES = new Map([['Vi', 'i'], ['Vj', 'j'], ['Pm', 'p'], ['Vx', 'i'], ['Vy', 'j']]);
const CODES = ['i', 'j', 'p'];
const FORMS = "'x = Vi(3)', 'x = Vi(0, 3)' (index, dimension), Vj, Pm, or 'x = Var(0, 3, 0)' (index, dimension, category)";
/** Parses alias number `position` of a list; `where` names the caller (`Genred`). */
export function parseAlias(source, position, where) {
    const label = `aliases[${position}]`;
    if (typeof source !== 'string')
        throw new ValueError(`${where}: ${label} must be a string such as 'x = Vi(3)', received ${describe(source)}`);
    const origin = { where, label, source };
    const fail = (at, what) => failAt(origin, at, what);
    const tokens = tokenize(source, KEOPS_TOKENS, (at) => fail(at, `cannot parse the character ${characterAt(source, at)}; expected an alias such as ${FORMS}`));
    const end = { kind: 'end', text: '', at: source.length };
    let k = 0;
    const peek = (offset = 0) => tokens[k + offset] ?? end;
    const next = () => tokens[k++] ?? end;
    const found = (t) => tokenText(t, `the end of ${label}`);
    const expect = (text, why) => {
        const t = peek();
        if (t.kind !== 'punct' || t.text !== text)
            fail(t.at, `expected '${text}' ${why}, found ${found(t)}`);
        return next();
    };
    const integer = (what, min) => {
        const t = next();
        if (t.kind !== 'num' || !/^\d+$/.test(t.text))
            fail(t.at, `${what} must be an integer, found ${found(t)}`);
        const v = Number(t.text);
        if (v < min || v >= 2 ** 31)
            fail(t.at, `${what} must be at least ${min} and below 2^31, found ${t.text}`);
        return v;
    };
    if (tokens.length === 0)
        fail(0, `${label} is empty; expected ${FORMS}`);
    let name = null;
    if (peek().kind === 'name' && peek(1).kind === 'punct' && peek(1).text === '=') {
        name = next().text;
        next();
    }
    const kind = next();
    if (kind.kind !== 'name' || !(CATEGORIES.has(kind.text) || kind.text === 'Var')) {
        fail(kind.at, `expected Vi, Vj, Pm or Var${name === null ? ' (or a name and \'=\')' : ` after '${name} ='`}, found ${found(kind)}; an alias is ${FORMS}`);
    }
    expect('(', `after ${kind.text}`);
    let index;
    let dim;
    let category;
    if (kind.text === 'Var') {
        index = integer('the index of Var', 0);
        expect(',', 'after the index of Var(index, dimension, category)');
        dim = integer('the dimension of Var', 1);
        expect(',', 'after the dimension of Var(index, dimension, category)');
        const codeToken = peek();
        const code = integer('the category of Var', 0);
        if (code > 2)
            fail(codeToken.at, `the category of Var must be 0 (i), 1 (j) or 2 (parameter), found ${code}`);
        category = CODES[code];
    }
    else {
        category = CATEGORIES.get(kind.text);
        const first = integer(`the dimension of ${kind.text}`, 0);
        if (peek().kind === 'punct' && peek().text === ',') {
            next();
            index = first;
            dim = integer(`the dimension of ${kind.text}(index, dimension)`, 1);
        }
        else {
            index = position;
            dim = first;
            if (dim < 1)
                fail(tokens[k - 1].at, `the dimension of ${kind.text} must be at least 1, found ${dim}`);
        }
    }
    expect(')', `to close ${kind.text}(`);
    const rest = peek();
    if (rest.kind !== 'end')
        fail(rest.at, `expected the end of ${label}, found ${found(rest)}; an alias declares one variable`);
    return { name, category, dim, index, source, position };
}
