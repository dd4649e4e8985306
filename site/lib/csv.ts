// A CSV file as a table of numbers, read in the page (the playground's point clouds): one point
// per row, one coordinate per column. Commas, semicolons, tabs or spaces separate the cells;
// a first row with a cell that is not a number is the header; blank lines and lines starting
// with '#' are skipped. Every other problem (a cell that is not a number, an empty cell, a row
// with more or fewer cells than the first) is a CsvError naming its line and column.

/** A CSV file read as numbers: `rows` x `cols` values, row after row. */
export interface CsvTable {
  /** The file's name, for messages. */
  name: string;
  rows: number;
  cols: number;
  /** The values, row-major (float64: the page converts to the dtype it runs in). */
  data: Float64Array;
  /** The column names when the first row is a header, else null. */
  header: string[] | null;
}

/** A CSV file that is not a table of numbers; the message names the line and the column. */
export class CsvError extends Error {
  override name = 'CsvError';
}

/** At most this many values are read (rows x columns). */
export const MAX_CSV_VALUES = 20_000_000;

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SPECIAL: ReadonlyMap<string, number> = new Map([
  ['nan', NaN], ['inf', Infinity], ['+inf', Infinity], ['-inf', -Infinity],
  ['infinity', Infinity], ['+infinity', Infinity], ['-infinity', -Infinity],
]);

/** The number a cell holds, or null when it holds none. */
export function cellNumber(cell: string): number | null {
  if (NUMBER.test(cell)) return Number(cell);
  return SPECIAL.get(cell.toLowerCase()) ?? null;
}

/** The separator of a line: a comma, a semicolon or a tab when it has one, else runs of spaces. */
function separatorOf(line: string): string | RegExp {
  for (const s of [',', ';', '\t']) if (line.includes(s)) return s;
  return /\s+/;
}

/** A cell as written, trimmed and without surrounding double quotes. */
function clean(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

const shown = (cell: string) => `'${cell.length > 30 ? `${cell.slice(0, 30)}…` : cell}'`;

/** Reads `text` (the contents of the file `name`) as a table of numbers; CsvError when it is not one. */
export function parseCsv(text: string, name: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let separator: string | RegExp | null = null;
  let header: string[] | null = null;
  let cols = 0;
  let firstLine = 0;
  const values: number[] = [];
  let rows = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineNo = k + 1;
    separator ??= separatorOf(trimmed);
    const cells = trimmed.split(separator).map(clean);
    if (cols === 0) {
      cols = cells.length;
      firstLine = lineNo;
      if (header === null && rows === 0 && cells.some((c) => cellNumber(c) === null)) {
        header = cells;
        continue;
      }
    }
    if (cells.length !== cols) {
      throw new CsvError(`${name}, line ${lineNo}: ${cells.length} cell${cells.length === 1 ? '' : 's'}, but line ${firstLine} has ${cols} (every row needs the same number of columns)`);
    }
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (cell === '') throw new CsvError(`${name}, line ${lineNo}, column ${c + 1}: the cell is empty`);
      const v = cellNumber(cell);
      if (v === null) throw new CsvError(`${name}, line ${lineNo}, column ${c + 1}: ${shown(cell)} is not a number`);
      values.push(v);
    }
    rows++;
    if (values.length > MAX_CSV_VALUES) throw new CsvError(`${name}: more than ${MAX_CSV_VALUES.toLocaleString('en-US')} values; the playground reads at most that many`);
  }
  if (rows === 0) throw new CsvError(`${name}: no rows of numbers${header ? ' (only a header)' : ''}`);
  return { name, rows, cols, data: Float64Array.from(values), header };
}
