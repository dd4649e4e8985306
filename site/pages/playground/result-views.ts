// The playground's views of a result: its first rows, a plot (Vega-Lite), how far it is from
// the oracle's, and the numbers' formats.
import type { Tensor } from 'lazykernel';
import type { TopLevelSpec } from 'vega-lite';

/** Rows of the result shown in its table, and columns of each output. */
const ROWS_SHOWN = 10;
const COLUMNS_SHOWN = 3;
/** Points drawn in a scatter plot (every k-th row beyond). */
const PLOT_POINTS = 4000;
const HISTOGRAM_BINS = 40;

export const fmtMs = (ms: number) => (ms < 1000 ? `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
export const fmtNumber = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v));
export const fmtCount = (v: number) => (v < 1e5 ? v.toLocaleString('en-US') : v.toExponential(2).replace('e+', 'e'));
export const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** How far `outputs` are from the oracle's: the largest difference of values, the count of differing indices. */
export function compare(outputs: Tensor[], reference: Tensor[]): string {
  const parts: string[] = [];
  outputs.forEach((t, k) => {
    const ref = reference[k];
    if (!ref || ref.data.length !== t.data.length) return;
    if (t.dtype === 'int32') {
      let differ = 0;
      for (let n = 0; n < t.data.length; n++) if (t.data[n] !== ref.data[n]) differ++;
      parts.push(differ ? `${differ} of ${t.data.length} indices differ (ties?)` : 'indices equal');
      return;
    }
    let maxDiff = 0;
    let scale = 0;
    let nanMismatch = 0;
    for (let n = 0; n < t.data.length; n++) {
      const a = t.data[n]!;
      const b = ref.data[n]!;
      if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(b)) {
        if (!Object.is(a, b)) nanMismatch++;
        continue;
      }
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      scale = Math.max(scale, Math.abs(b));
    }
    parts.push(`max |Δ| ${maxDiff.toExponential(1)}${scale > 0 ? ` (relative ${(maxDiff / scale).toExponential(1)})` : ''}${nanMismatch ? `, ${nanMismatch} non-finite differ` : ''}`);
  });
  return parts.join('; ') || '–';
}

/** `table` filled with the result's first rows: the row index, then each output's first columns (indices as integers). */
export function fillResultTable(table: HTMLTableElement, outputs: Tensor[], names: string[], axis: 0 | 1): void {
  const rows = outputs[0]!.shape[0]!;
  const head = table.createTHead();
  head.replaceChildren();
  const hr = head.insertRow();
  const th = (text: string, className = 'num') => {
    const el = document.createElement('th');
    el.textContent = text;
    el.className = className;
    hr.append(el);
  };
  th(axis === 1 ? 'i' : 'j');
  outputs.forEach((t, k) => {
    const width = t.shape[1] ?? 1;
    for (let c = 0; c < Math.min(width, COLUMNS_SHOWN); c++) th(width === 1 ? names[k]! : `${names[k]}[${c}]`);
    if (width > COLUMNS_SHOWN) th(`… ${width - COLUMNS_SHOWN} more`, '');
  });
  for (const body of [...table.tBodies]) body.remove();
  const body = table.createTBody();
  for (let r = 0; r < Math.min(rows, ROWS_SHOWN); r++) {
    const tr = body.insertRow();
    const td = (text: string) => {
      const el = tr.insertCell();
      el.textContent = text;
      el.className = 'num';
    };
    td(String(r));
    for (const t of outputs) {
      const width = t.shape[1] ?? 1;
      for (let c = 0; c < Math.min(width, COLUMNS_SHOWN); c++) {
        const v = t.data[r * width + c]!;
        td(t.dtype === 'int32' ? String(v) : fmtNumber(v));
      }
      if (width > COLUMNS_SHOWN) td('…');
    }
  }
  if (rows > ROWS_SHOWN) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = hr.cells.length;
    td.className = 'skip';
    td.textContent = `… ${(rows - ROWS_SHOWN).toLocaleString('en-US')} more rows`;
  }
}

/**
 * A plot of the first column of `output`, whose rows belong to the points `points` of the cloud
 * named `cloud`: those points coloured by it when they are 2-D, it against them when 1-D, else
 * its histogram; and the plot's caption. No spec when it has no finite value.
 */
export function resultPlot(output: Tensor, name: string, points: Tensor, cloud: 'x' | 'y'): { spec: TopLevelSpec | null; caption: string } {
  const rows = output.shape[0]!;
  const width = output.shape[1] ?? 1;
  const column = width === 1 ? name : `${name}[0]`;
  const value = (r: number) => output.data[r * width]!;
  const D = points.shape[1] ?? 1;
  let finite = 0;
  for (let r = 0; r < rows; r++) if (Number.isFinite(value(r))) finite++;
  if (finite === 0) return { spec: null, caption: `Nothing to plot: ${column} has no finite value.` };
  const skipped = rows - finite;
  const skippedText = skipped ? ` (${skipped.toLocaleString('en-US')} non-finite values left out)` : '';
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json' as const,
    width: 'container' as const,
    height: 340,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
  };
  if (points.shape[0] === rows && (D === 1 || D === 2)) {
    const stride = Math.max(1, Math.ceil(rows / PLOT_POINTS));
    const data: { px: number; py: number; v: number }[] = [];
    for (let r = 0; r < rows; r += stride) {
      const v = value(r);
      if (!Number.isFinite(v)) continue;
      data.push(D === 2 ? { px: points.data[2 * r]!, py: points.data[2 * r + 1]!, v } : { px: points.data[r]!, py: v, v });
    }
    const spec: TopLevelSpec = {
      ...base,
      title: D === 2 ? `${column} at each point of ${cloud}` : `${column} against ${cloud}`,
      data: { values: data },
      mark: { type: 'circle', size: 14, opacity: 0.85 },
      encoding: {
        x: { field: 'px', type: 'quantitative', title: `${cloud}[:, 0]`, scale: { zero: false } },
        y: { field: 'py', type: 'quantitative', title: D === 2 ? `${cloud}[:, 1]` : column, scale: { zero: false } },
        color: { field: 'v', type: 'quantitative', title: column, scale: { scheme: 'viridis' } },
      },
    };
    const caption = `${D === 2 ? `The points of ${cloud}, coloured by ${column}` : `${column} against the points of ${cloud}`}: `
      + `${data.length.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows${stride > 1 ? ` (every ${stride}th)` : ''}${skippedText}.`;
    return { spec, caption };
  }
  // A histogram of the values.
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = value(r);
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const bins = lo === hi ? 1 : HISTOGRAM_BINS;
  const step = lo === hi ? 1 : (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let r = 0; r < rows; r++) {
    const v = value(r);
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - lo) / step))]!++;
  }
  const start = lo === hi ? lo - 0.5 : lo;
  const spec: TopLevelSpec = {
    ...base,
    title: `Histogram of ${column} (${rows.toLocaleString('en-US')} rows)`,
    data: { values: counts.map((count, k) => ({ from: start + k * step, to: start + (k + 1) * step, count })) },
    mark: { type: 'bar', color: '#2456c7', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'from', type: 'quantitative', bin: { binned: true, step }, title: column, scale: { zero: false } },
      x2: { field: 'to' },
      y: { field: 'count', type: 'quantitative', title: 'rows' },
    },
  };
  const caption = `The values of ${column} in ${bins} bin${bins === 1 ? '' : 's'}${skippedText}.`
    + `${D === 1 || D === 2 ? '' : ` (A plot over the points of ${cloud} needs D = 1 or 2; here D = ${D}.)`}`;
  return { spec, caption };
}
