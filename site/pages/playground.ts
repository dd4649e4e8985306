// The formula playground: a lazykernel expression typed by the user, read by the library's own
// parser (parseExpression: a whitelist of methods called through a table, never evaluated as
// JavaScript), reduced over generated point clouds or the user's CSV files on the backend
// picked. Shown: the result's shape and dtype, its first rows, a plot (x coloured by the result
// for D = 2, the result against x for D = 1, a histogram otherwise), the formula printed the
// pykeops way, and a table of the time each run took on each backend.
//
// Besides the run conventions of site/lib/run-page.ts (?autorun=1, ?n=small, dataset.state),
// ?formula= fills the editor (docs/api-contract.md, "The site").
import { parseExpression, Genred, type DType, type LazyExpression, type LazyTensor, type ReduceOptions, type Tensor } from 'lazykernel';
import { setupRunPage, type NumberField, type PageBackend, type RunContext, type RunOutcome } from '../lib/run-page.js';
import { Chart } from '../lib/charts.js';
import { parseCsv, type CsvTable } from '../lib/csv.js';
import { csvClouds, generatedClouds, shapeText, type Distribution, type PointClouds } from './playground/clouds.js';
import { compare, fillResultTable, fmtCount, fmtMs, resultPlot, shorten } from './playground/result-views.js';

/** The examples to pick from; the first is the default formula. */
const EXAMPLES: readonly { name: string; formula: string }[] = [
  { name: 'Gaussian kernel sum', formula: 'Vi(x).sqdist(Vj(y)).neg().exp().mul(Vj(b)).sum(1)' },
  { name: 'logsumexp (a soft minimum of the distances)', formula: '(-Vi(x).sqdist(Vj(y)) / 0.1).logsumexp(1)' },
  { name: 'k nearest neighbours (argKmin)', formula: 'Vi(x).sqdist(Vj(y)).argKmin(5, 1)' },
  { name: 'Softmax-weighted sum (attention)', formula: 'Vi(x).dot(Vj(y)).sumsoftmaxweight(Vj(y), 1)' },
  { name: 'Weighted logsumexp', formula: 'Vi(x).sqdist(Vj(y)).neg().logsumexp(1, { weight: Vj(b) })' },
  { name: 'Distance to the nearest y (min)', formula: 'Vi(x).sqdist(Vj(y)).sqrt().min(1)' },
  { name: 'Cauchy kernel, infix arithmetic', formula: '(Vj(b) / (1 + Vi(x).sqdist(Vj(y)))).sum(1)' },
  { name: 'Laplace kernel (reduction picked below)', formula: 'Vi(x).sqdist(Vj(y)).sqrt().neg().exp()' },
  { name: 'KeOps formula string (Genred\'s grammar)', formula: 'Exp(-SqDist(x,y)) * b' },
];

/** The oracle runs on the page's thread, pair by pair, where Stop cannot reach it: this many pairs at most. */
const ORACLE_MAX_PAIRS = 1_000_000;

const FIELDS: NumberField[] = [
  { name: 'N', label: 'Points N', value: 50000, small: 1000, min: 1, max: 1_000_000, hint: 'rows of x (i)' },
  { name: 'M', label: 'Points M', value: 50000, small: 1000, min: 1, max: 1_000_000, hint: 'rows of y and b (j)' },
  { name: 'D', label: 'Dimension D', value: 2, small: 2, min: 1, max: 16, hint: 'columns of x and y' },
  { name: 'seed', label: 'Seed', value: 1, small: 1, min: 0, max: 2 ** 31 - 1, hint: 'of the generated clouds and b' },
];

/** The reductions the picker offers to an expression without one (sumsoftmaxweight needs its V: written in the text). */
const PICKABLE = ['sum', 'logsumexp', 'min', 'max', 'argmin', 'argmax', 'minArgmin', 'maxArgmax', 'Kmin', 'argKmin', 'KminArgKmin'] as const;
type Pickable = (typeof PICKABLE)[number];
const WITH_K = new Set<string>(['Kmin', 'argKmin', 'KminArgKmin']);
/** The names of each output of a reduction that gives two (values, indices). */
const PAIR_NAMES: Record<string, [string, string]> = { minArgmin: ['min', 'argmin'], maxArgmax: ['max', 'argmax'], KminArgKmin: ['Kmin', 'argKmin'] };

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const editor = byId<HTMLTextAreaElement>('formula');
const examples = byId<HTMLSelectElement>('examples');
const parseBox = byId<HTMLElement>('parse');
const reductionSelect = byId<HTMLSelectElement>('reduction');
const kInput = byId<HTMLInputElement>('k');
const axisSelect = byId<HTMLSelectElement>('axis');
const reductionNote = byId<HTMLElement>('reduction-note');
const distribution = byId<HTMLSelectElement>('distribution');
const dtypeSelect = byId<HTMLSelectElement>('dtype');
const drop = byId<HTMLElement>('drop');
const csvX = byId<HTMLInputElement>('csv-x');
const csvY = byId<HTMLInputElement>('csv-y');
const csvClear = byId<HTMLButtonElement>('csv-clear');
const dataStatus = byId<HTMLElement>('data-status');
const form = byId<HTMLFormElement>('controls');
const summary = byId<HTMLElement>('result-summary');
const resultTable = byId<HTMLTableElement>('result-table');
const plot = byId<HTMLElement>('plot');
const plotCaption = byId<HTMLElement>('plot-caption');
const lazyPrint = byId<HTMLElement>('lazy-print');
const timings = byId<HTMLTableElement>('timings').tBodies[0]!;
const share = byId<HTMLAnchorElement>('share');

// ?formula= fills the editor (an ?autorun=1 run reads it once the engine is ready).
editor.value = new URLSearchParams(location.search).get('formula') ?? EXAMPLES[0]!.formula;

// ------------------------------------------------------------------------------------------------
// The data: generated clouds x [N, D], y [M, D], weights b [M, 1]; or CSV files as x (and y)
// ------------------------------------------------------------------------------------------------

interface Clouds extends PointClouds {
  /** Equal for equal data (a run on another backend compares its result with the oracle's on the same key). */
  key: string;
}

const csv: { x: CsvTable | null; y: CsvTable | null; version: number } = { x: null, y: null, version: 0 };
let cached: Clouds | null = null;

/** The clouds for these field values (the same objects while nothing changes). */
function clouds(values: Record<string, number>): Clouds {
  const dtype = dtypeSelect.value as DType;
  const { N, M, D, seed } = values as { N: number; M: number; D: number; seed: number };
  const kind = distribution.value as Distribution;
  const key = csv.x ? `csv:${csv.version}:${seed}:${dtype}` : `gen:${N}:${M}:${D}:${seed}:${kind}:${dtype}`;
  if (cached?.key !== key) {
    cached = { ...(csv.x ? csvClouds(csv.x, csv.y, seed, dtype) : generatedClouds({ N, M, D, seed, kind, dtype })), key };
  }
  return cached;
}

/** The fields' values as typed (clamped like the run's), for parsing while the user types. */
function typedValues(): Record<string, number> {
  const values: Record<string, number> = {};
  for (const f of FIELDS) {
    const input = form.elements.namedItem(f.name) as HTMLInputElement | null;
    const v = Number(input?.value);
    values[f.name] = Number.isFinite(v) ? Math.min(f.max, Math.max(f.min, Math.round(v))) : f.value;
  }
  return values;
}

function showData(values: Record<string, number> = typedValues()): void {
  dataStatus.classList.remove('error');
  dataStatus.textContent = clouds(values).label;
  csvClear.hidden = !csv.x;
}

function dataError(message: string): void {
  dataStatus.classList.add('error');
  dataStatus.textContent = message;
}

/** Reads the files given: the first becomes x, a second y (one file for y keeps x). */
async function loadFiles(files: File[], which: 'x' | 'y' | 'both'): Promise<void> {
  if (!files.length) return;
  try {
    const tables = await Promise.all(files.slice(0, 2).map(async (f) => parseCsv(await f.text(), f.name)));
    if (which === 'y') {
      if (!csv.x) throw new Error('Choose the file for x first: y is read with it (alone, it would be y = x).');
      csv.y = tables[0]!;
    } else {
      csv.x = tables[0]!;
      csv.y = tables[1] ?? (which === 'both' ? null : csv.y);
    }
    csv.version++;
    if (csv.y && csv.y.cols !== csv.x.cols) {
      showData();
      dataStatus.append(` Note: x has ${csv.x.cols} columns and y ${csv.y.cols}; a formula that pairs them (sqdist, dot) needs the same number.`);
    } else {
      showData();
    }
  } catch (e) {
    dataError(`${(e as Error).message} (the data is unchanged)`);
  }
  reparse();
}

csvX.addEventListener('change', () => void loadFiles([...(csvX.files ?? [])], 'x').finally(() => { csvX.value = ''; }));
csvY.addEventListener('change', () => void loadFiles([...(csvY.files ?? [])], 'y').finally(() => { csvY.value = ''; }));
csvClear.addEventListener('click', () => {
  csv.x = null;
  csv.y = null;
  showData();
  reparse();
});
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void loadFiles([...(e.dataTransfer?.files ?? [])], 'both');
});

// ------------------------------------------------------------------------------------------------
// The editor: parsed as the user types; errors shown at their column
// ------------------------------------------------------------------------------------------------

/** Control characters as spaces, as the parser's messages quote the source. */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
/** The token that starts at a position: a name, a number, '**' or one character. */
const TOKEN = /[A-Za-z_$][\w$]*|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\*\*|[\s\S]/y;

/** The column an error names ("at column 8 of ..."), or null. */
function errorColumn(e: unknown): number | null {
  const m = /\bat column (\d+)\b/.exec(String((e as Error)?.message ?? ''));
  return m ? Number(m[1]) : null;
}

/** The parse error under the editor: the message, and the source with the offending token marked. */
function showParseError(source: string, e: unknown, select = false): void {
  const error = e as Error;
  const column = errorColumn(e);
  let message = String(error?.message ?? e);
  if (column !== null && source.length <= 120) {
    const prefix = `parseExpression: at column ${column} of '${printable(source)}': `;
    if (message.startsWith(prefix)) message = message.slice(prefix.length);
  }
  // Genred's messages quote the formula with a caret on the lines after: the editor marks it below.
  const genred = /^Genred: at column \d+ of the formula: (.*)/.exec(message);
  if (genred) message = genred[1]!;
  const p = document.createElement('p');
  p.className = 'error';
  const strong = document.createElement('strong');
  strong.textContent = `${error?.name ?? 'Error'}${column !== null ? ` at column ${column}` : ''}: `;
  p.append(strong, message);
  parseBox.replaceChildren(p);
  editor.setAttribute('aria-invalid', 'true');
  parseBox.dataset.column = column === null ? '' : String(column);
  if (column === null) return;
  const at = Math.min(column - 1, source.length);
  TOKEN.lastIndex = at;
  const token = at < source.length ? (TOKEN.exec(source)?.[0] ?? source[at]!) : '';
  const pre = document.createElement('pre');
  const mark = document.createElement('mark');
  mark.textContent = token || ' ';
  mark.title = token ? `column ${column}` : `column ${column}: the end of the expression`;
  pre.append(source.slice(0, at), mark, source.slice(at + token.length));
  parseBox.prepend(pre);
  if (select) editor.setSelectionRange(at, at + Math.max(1, token.length));
}

/** Method chains name their variables Vi(x), Vj(y), Pm(...); a KeOps formula names them bare. */
function isMethodChain(source: string): boolean {
  return /\b(Vi|Vj|Pm)\s*\(/.test(source);
}

/**
 * A KeOps formula string (Genred's grammar: 'Exp(-SqDist(x,y)) * b') over x = Vi, y = Vj and
 * b = Vj(1), as an expression without a reduction (the one picked below is applied).
 */
function keopsExpression(source: string, data: Clouds): LazyExpression {
  const dim = (t: Tensor): number => t.shape[1] ?? 1;
  const lazy = Genred(source, [`x = Vi(${dim(data.x)})`, `y = Vj(${dim(data.y)})`, 'b = Vj(1)']).lazy(data.x, data.y, data.b);
  return {
    source,
    lazy,
    reduction: null,
    run: () => Promise.reject(new Error('a KeOps formula has no reduction of its own: reduce expression.lazy')),
    toString: () => `(${source})`,
  };
}

/** The expression in the editor, parsed over the current data; the error shown (and rethrown) when it does not parse. */
function parseNow(values: Record<string, number>, select = false): LazyExpression {
  const source = editor.value;
  const data = clouds(values);
  let expression: LazyExpression;
  try {
    expression = isMethodChain(source) ? parseExpression(source, { x: data.x, y: data.y, b: data.b }) : keopsExpression(source, data);
  } catch (e) {
    showParseError(source, e, select);
    throw e;
  }
  editor.removeAttribute('aria-invalid');
  parseBox.dataset.column = '';
  const ok = document.createElement('span');
  ok.className = 'ok';
  const r = expression.reduction;
  ok.textContent = `✓ Parsed: a formula of dimension ${expression.lazy.dim} over ${shapeText(expression.lazy.shape.slice(0, 2))} pairs; ${
    r ? `it ends with its reduction, ${r.method}.` : 'no reduction: the one picked below is applied.'}`;
  parseBox.replaceChildren(ok);
  showReduction(expression);
  return expression;
}

let reparseTimer = 0;
function reparse(): void {
  clearTimeout(reparseTimer);
  reparseTimer = window.setTimeout(() => {
    try {
      parseNow(typedValues());
    } catch {
      // shown under the editor
    }
    examples.value = EXAMPLES.some((x) => x.formula === editor.value.trim()) ? editor.value.trim() : '';
    share.href = `?formula=${encodeURIComponent(editor.value.trim())}`;
  }, 120);
}

// The examples, the reduction picker.
examples.append(new Option('your own formula…', ''), ...EXAMPLES.map((x) => new Option(x.name, x.formula)));
examples.addEventListener('change', () => {
  if (!examples.value) return;
  editor.value = examples.value;
  reparse();
});
for (const m of PICKABLE) reductionSelect.append(new Option(m, m));
const softmaxOption = new Option('sumsoftmaxweight (in the text)', 'sumsoftmaxweight');
softmaxOption.disabled = true;
reductionSelect.append(softmaxOption);

/** The picker shows the expression's own reduction (and is locked), or is free to pick one. */
function showReduction(expression: LazyExpression): void {
  const r = expression.reduction;
  const locked = r !== null;
  reductionSelect.disabled = locked;
  axisSelect.disabled = locked;
  if (r) {
    reductionSelect.value = r.method;
    const a = r.args;
    const axis = WITH_K.has(r.method) || r.method === 'sumsoftmaxweight' ? a[1] : a[0];
    axisSelect.value = String(axis);
    if (WITH_K.has(r.method)) kInput.value = String(a[0]);
    reductionNote.textContent = `from the expression: ${reductionCall(String(expression))}`;
  } else {
    reductionNote.textContent = `the expression has no reduction: .${pickedCall()} is applied`;
  }
  kInput.disabled = locked || !WITH_K.has(reductionSelect.value);
}

/** The reduction call that ends a chain of method calls ('.sum(1)'), found by matching its parentheses from the end. */
function reductionCall(chain: string): string {
  let depth = 0;
  for (let k = chain.length - 1; k >= 0; k--) {
    const c = chain[k];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) {
      const dot = chain.lastIndexOf('.', k);
      return chain.slice(dot);
    }
  }
  return chain;
}

function pickedK(): number {
  const k = Math.round(Number(kInput.value));
  return Number.isFinite(k) && k >= 1 ? Math.min(k, 1000) : 5;
}

function pickedCall(): string {
  const m = reductionSelect.value;
  return `${m}(${WITH_K.has(m) ? `${pickedK()}, ` : ''}${axisSelect.value})`;
}

for (const el of [reductionSelect, kInput, axisSelect]) el.addEventListener('change', reparse);
// The data's controls (the run's number fields included) redraw the clouds and parse again.
for (const el of [distribution, dtypeSelect, form]) el.addEventListener('change', () => { showData(); reparse(); });
editor.addEventListener('input', reparse);

// ------------------------------------------------------------------------------------------------
// Running
// ------------------------------------------------------------------------------------------------

/** What a run reduces: the expression with its reduction (its own, or the one picked). */
interface Job {
  /** The whole chain, reduction included. */
  text: string;
  method: string;
  axis: 0 | 1;
  run(options: ReduceOptions): Promise<Tensor | Tensor[]>;
}

/** The picked reduction on `lazy`: one explicit call per method (nothing is looked up by name). */
function reduceBy(lazy: LazyTensor, method: Pickable, axis: 0 | 1, K: number, options: ReduceOptions): Promise<Tensor | Tensor[]> {
  switch (method) {
    case 'sum': return lazy.sum(axis, options);
    case 'logsumexp': return lazy.logsumexp(axis, options);
    case 'min': return lazy.min(axis, options);
    case 'max': return lazy.max(axis, options);
    case 'argmin': return lazy.argmin(axis, options);
    case 'argmax': return lazy.argmax(axis, options);
    case 'minArgmin': return lazy.minArgmin(axis, options);
    case 'maxArgmax': return lazy.maxArgmax(axis, options);
    case 'Kmin': return lazy.Kmin(K, axis, options);
    case 'argKmin': return lazy.argKmin(K, axis, options);
    case 'KminArgKmin': return lazy.KminArgKmin(K, axis, options);
  }
}

function jobOf(expression: LazyExpression): Job {
  const r = expression.reduction;
  if (r) {
    const axis = (WITH_K.has(r.method) || r.method === 'sumsoftmaxweight' ? r.args[1] : r.args[0]) as 0 | 1;
    return { text: String(expression), method: r.method, axis, run: (o) => expression.run(o) };
  }
  const method = reductionSelect.value as Pickable;
  const axis = (axisSelect.value === '0' ? 0 : 1) as 0 | 1;
  const K = pickedK();
  return { text: `${expression}.${pickedCall()}`, method, axis, run: (o) => reduceBy(expression.lazy, method, axis, K, o) };
}

/** The oracle's last result, to compare other backends' with (same expression, same data). */
let oracleResult: { key: string; outputs: Tensor[] } | null = null;
let runCount = 0;

/** Appends a row to the timing table; returns its "vs oracle" cell. */
function timingRow(backend: string, job: Job, data: Clouds, ms: number | null, note = ''): HTMLTableCellElement {
  const tr = timings.insertRow();
  const cell = (text: string, className = '') => {
    const td = tr.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  };
  cell(String(runCount), 'num');
  cell(backend);
  const expr = tr.insertCell();
  const code = document.createElement('code');
  code.textContent = shorten(job.text, 70);
  code.title = job.text;
  expr.append(code);
  cell(`${shapeText(data.x.shape)} × ${shapeText(data.y.shape)}, ${data.x.dtype}`);
  const pairs = data.x.shape[0]! * data.y.shape[0]!;
  if (ms === null) {
    cell(note, 'skip').colSpan = 2;
  } else {
    cell(fmtMs(ms), 'num');
    cell(fmtCount(pairs / (ms / 1000)), 'num');
  }
  return cell('–');
}

let chart: Chart | null = null;

/** Empties the result's views (a run starts, or failed), with a line saying why. */
function clearResult(why: string): void {
  summary.textContent = why;
  resultTable.replaceChildren();
  chart?.finalize();
  chart = null;
  plot.replaceChildren();
  plotCaption.textContent = '';
  lazyPrint.textContent = '–';
}

/** The plot of the first output's first column (a scatter over its points, or a histogram), with its caption. */
async function renderPlot(output: Tensor, name: string, points: Tensor, cloud: 'x' | 'y'): Promise<void> {
  chart?.finalize();
  chart = null;
  plot.replaceChildren();
  const { spec, caption } = resultPlot(output, name, points, cloud);
  plotCaption.textContent = caption;
  if (spec) chart = await Chart.create(plot, spec);
}

/** Shows a run's result: shape and dtype, the first rows, the plot, the pykeops print. */
async function renderResult(outputs: Tensor[], job: Job, expression: LazyExpression, data: Clouds, backend: string, ms: number): Promise<string> {
  const names = PAIR_NAMES[job.method] ?? [job.method];
  const shapes = outputs.map((t, k) => `${outputs.length > 1 ? `${names[k]} ` : ''}${shapeText(t.shape)} ${t.dtype}`).join(', ');
  summary.replaceChildren();
  const code = document.createElement('code');
  code.textContent = job.text;
  summary.append('Result: ');
  const strong = document.createElement('strong');
  strong.id = 'result-shape';
  strong.textContent = shapes;
  summary.append(strong, ` on ${backend} in ${fmtMs(ms)}, from `, code, '.');
  fillResultTable(resultTable, outputs, names, job.axis);
  lazyPrint.textContent = `${String(expression.lazy)}\n    reduction: ${reductionCall(job.text)} → ${shapes}`;
  await renderPlot(outputs[0]!, names[0]!, job.axis === 1 ? data.x : data.y, job.axis === 1 ? 'x' : 'y');
  return shapes;
}

let runEvery = false;

setupRunPage({
  form,
  banner: byId('engine'),
  fields: FIELDS,
  oracle: true,
  async run(ctx) {
    const { values, signal } = ctx;
    const every = runEvery;
    runEvery = false;
    runCount++;
    clearResult('Running…');
    let expression: LazyExpression;
    try {
      showData(values);
      expression = parseNow(values, true);
    } catch (e) {
      if (!editor.hasAttribute('aria-invalid')) dataError((e as Error).message);
      clearResult(`No result: ${editor.hasAttribute('aria-invalid') ? 'the expression does not parse (see under it)' : 'the data could not be made'}.`);
      throw e;
    }
    try {
      return await runParsed(expression, every, ctx);
    } catch (e) {
      clearResult(signal.aborted ? 'Stopped: no result.' : `The run failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? e}`);
      throw e;
    }
  },
});

/** Reduces the parsed expression on the backend picked (or each in turn), and shows the result. */
async function runParsed(expression: LazyExpression, every: boolean, { values, backend, signal, info, progress, breathe }: RunContext): Promise<RunOutcome> {
  const data = clouds(values);
  const job = jobOf(expression);
  const key = `${job.text}|${data.key}`;
  const pairs = data.x.shape[0]! * data.y.shape[0]!;
  const oracleTooBig = pairs > ORACLE_MAX_PAIRS;
  const backends: PageBackend[] = every
    ? ['wasm', ...(info.webgpu.available ? ['webgpu' as const] : []), 'oracle']
    : [backend];
  if (!every && backend === 'oracle' && oracleTooBig) {
    throw new Error(`The oracle evaluates the formula pair by pair in float64 on the page's thread, where Stop cannot reach it: it runs at most ${ORACLE_MAX_PAIRS.toLocaleString('en-US')} pairs (N × M), and this is ${pairs.toLocaleString('en-US')}. Lower N or M, or run on wasm.`);
  }
  const done: { backend: string; ms: number; cell: HTMLTableCellElement; outputs: Tensor[] }[] = [];
  let shown: { backend: string; ms: number; shapes: string } | null = null;
  for (let k = 0; k < backends.length; k++) {
    const b = backends[k]!;
    if (b === 'oracle' && oracleTooBig) {
      timingRow(b, job, data, null, `skipped: N × M = ${fmtCount(pairs)} pairs, above the oracle's ${fmtCount(ORACLE_MAX_PAIRS)}`);
      continue;
    }
    if (b === 'webgpu' && data.x.dtype === 'float64') {
      timingRow(b, job, data, null, 'skipped: float64 runs on wasm (WGSL has no float64)');
      continue;
    }
    progress(k, backends.length, `reducing on ${b}`);
    await breathe();
    // The oracle holds the page's thread: let the status paint first.
    if (b === 'oracle') await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    const result = await job.run({ backend: b, signal });
    const ms = performance.now() - t0;
    const outputs = Array.isArray(result) ? result : [result];
    const cell = timingRow(b, job, data, ms);
    if (b === 'oracle') {
      oracleResult = { key, outputs };
      for (const d of done) d.cell.textContent = compare(d.outputs, outputs);
      cell.textContent = 'the reference';
    } else if (oracleResult?.key === key) {
      cell.textContent = compare(outputs, oracleResult.outputs);
    }
    done.push({ backend: b, ms, cell, outputs });
    if (!shown) shown = { backend: b, ms, shapes: await renderResult(outputs, job, expression, data, b, ms) };
  }
  progress(backends.length, backends.length, 'done');
  if (!shown) throw new Error('no backend ran');
  const first = done[0]!;
  return {
    ms: shown.ms,
    timed: `the reduction on ${shown.backend}`,
    summary: `Done: ${shown.shapes}${done.length > 1 ? `; ${done.map((d) => `${d.backend} ${fmtMs(d.ms)}`).join(', ')}` : ''}.`,
    details: {
      expression: job.text,
      shape: first.outputs[0]!.shape,
      dtype: first.outputs[0]!.dtype,
      shapes: first.outputs.map((t) => t.shape),
      backends: done.map((d) => ({ backend: d.backend, ms: d.ms })),
      N: data.x.shape[0],
      M: data.y.shape[0],
      D: data.x.shape[1],
    },
  };
}

// "Run on every backend": the same run, on wasm, WebGPU where there is one, and the oracle.
const every = document.createElement('button');
every.type = 'button';
every.className = 'every';
every.textContent = 'Run on every backend';
every.title = 'wasm, WebGPU where available, and the float64 oracle (small sizes only), compared with it';
every.disabled = true;
form.querySelector('.actions')?.insertBefore(every, form.querySelector('.actions progress'));
every.addEventListener('click', () => {
  runEvery = true;
  form.requestSubmit();
});
const idle = new Set(['ready', 'done', 'error', 'aborted']);
new MutationObserver(() => { every.disabled = !idle.has(document.body.dataset.state ?? ''); })
  .observe(document.body, { attributes: true, attributeFilter: ['data-state'] });

showData();
reparse();
