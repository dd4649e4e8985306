// The Wasserstein-barycenters tutorial, live: the models and the three L-BFGS runs of the Node
// example (examples/lib/barycenters-model.ts, shared with examples/wasserstein-barycenters-1d.ts)
// and its figures (examples/lib/barycenters-figures.ts): the barycenter's density curve at each
// closure evaluation, the cost curves, and the tutorial's panels filled in as the runs go.
//
// Drawing stays out of the descent's way: a closure evaluation computes the barycenter's curve
// (one kernel sum of 300 x N) only when the live panel is due (every 100 ms) or the tutorial
// draws a panel for it, and the charts are redrawn on the next animation frame, one small
// Vega view per panel (an 8-panel view took 50-100 ms to remake, too long a task for Stop).
import type { TopLevelSpec } from 'vega-lite';
import { configureGpu, webgpuInfo, type OTBackend, type ReduceOptions } from 'lazykernel';
import { barycenterData, createBarycenter, isPanel, runName, PYTHON_SECONDS, TUTORIAL, TUTORIAL_RUNS, type RunSettings, type Snapshot } from '../../examples/lib/barycenters-model.js';
import { barycenterCurve, endpointCurves, panelRows, panelSpec, panelTitle, shownSnapshots, standaloneSpec, type CurveRow, type Panel } from '../../examples/lib/barycenters-figures.js';
import { setupRunPage, type PageBackend } from '../lib/run-page.js';
import { Chart } from '../lib/charts.js';
import { FrameScheduler, RedrawThrottle } from '../lib/frame.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const liveCaption = byId<HTMLElement>('live-caption');
const [eulerian, lagrangian, cheap] = TUTORIAL_RUNS;

/** The live panel: the endpoints and the current barycenter, a data source the run replaces. */
const liveChart = Chart.create(byId('live'), standaloneSpec(panelSpec('The barycenter, live', 'curves', { width: 460, height: 250 })));

/** The cost at each closure evaluation, one line per run. */
const costSpec: TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'Cost per closure evaluation',
  width: 'container',
  height: 250,
  autosize: { type: 'fit-x', contains: 'padding' },
  data: { name: 'costs' },
  mark: { type: 'line', strokeWidth: 1.5, point: { size: 12 } },
  encoding: {
    x: { field: 'nit', type: 'quantitative', title: 'closure evaluation (nit)' },
    y: { field: 'cost', type: 'quantitative', title: 'cost', scale: { zero: false } },
    color: { field: 'run', type: 'nominal', title: null, sort: null, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } },
  },
};
const costChart = Chart.create(byId('costs'), costSpec);

/**
 * The tutorial's panels of one run, four a row: one small chart per panel, made when its panel
 * comes (the last one remade when a later evaluation takes its place), so that no redraw costs
 * the page more than one panel's drawing.
 */
class Waffle {
  #slots: { nit: number; chart: Chart; element: HTMLElement }[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  readonly panels = new Map<number, Panel>();
  readonly snapshots: Snapshot[] = [];

  constructor(readonly container: HTMLElement, readonly caption: HTMLElement) {}

  /** Forgets the panels of a previous run (its charts go once the drawing under way is done). */
  reset(caption: string): Promise<unknown> {
    this.panels.clear();
    this.snapshots.length = 0;
    this.caption.textContent = caption;
    return this.draw();
  }

  /** Adds a panel (the tutorial's nit 0 to 4, then every 4th). */
  add(s: Snapshot, rows: CurveRow[]): void {
    this.snapshots.push(s);
    this.panels.set(s.nit, { title: panelTitle(s), rows });
  }

  /** Brings the charts up to the panels shown now (shownSnapshots: the first seven and the last). */
  draw(): Promise<unknown> {
    this.#chain = this.#chain.then(async () => {
      const shown = shownSnapshots(this.snapshots);
      while (this.#slots.length > shown.length) {
        const slot = this.#slots.pop()!;
        slot.chart.finalize();
        slot.element.remove();
      }
      for (const [k, s] of shown.entries()) {
        const slot = this.#slots[k];
        if (slot?.nit === s.nit) continue;
        const panel = this.panels.get(s.nit)!;
        const element = slot?.element ?? this.container.appendChild(Object.assign(document.createElement('div'), { id: `${this.container.id}-${k}` }));
        slot?.chart.finalize();
        element.replaceChildren();
        this.#slots[k] = { nit: s.nit, element, chart: await Chart.create(element, standaloneSpec(panelSpec(panel.title, panel.rows))) };
      }
    });
    return this.#chain;
  }
}
const waffles = [0, 1, 2].map((k) => new Waffle(byId(`panels-${k}`), byId(`panels-${k}-caption`)));

/**
 * Where the Sinkhorn loss runs. wasm: as 'auto' picks it (the least estimated time from timings
 * measured in the page: dense matrices for a few thousand pairs at most). WebGPU: samplesLoss has no reduction backend option, so its
 * lazy soft-min reductions ('online') are sent to the GPU by letting 'auto' take it from any
 * size, for this run only.
 */
async function sinkhornOn(backend: PageBackend): Promise<{ ot: OTBackend; restore: () => void }> {
  if (backend !== 'webgpu') return { ot: 'auto', restore: () => {} };
  const before = await webgpuInfo();
  configureGpu({ autoThreshold: 0, allowSoftwareAdapter: true });
  return { ot: 'online', restore: () => configureGpu({ autoThreshold: before.autoThreshold, allowSoftwareAdapter: before.software ? before.autoSelects : false }) };
}

setupRunPage({
  form: byId<HTMLFormElement>('controls'),
  banner: byId('engine'),
  fields: [
    { name: 'N', label: 'Points N = M', value: TUTORIAL.N, small: 20, min: 5, max: 2000, hint: 'samples of the barycenter and of each endpoint' },
    { name: 'eulerianBlur', label: 'Eulerian blur', value: eulerian.blur, small: eulerian.blur, min: 0.0001, max: 1, step: 0.0001, hint: 'the finest scale of its Sinkhorn loss' },
    { name: 'eulerianScaling', label: 'Eulerian scaling', value: eulerian.scaling, small: 0.9, min: 0.1, max: 0.999, step: 0.001, hint: 'ε-scaling ratio: nearer 1, more Sinkhorn steps' },
    { name: 'lagrangianBlur', label: 'Lagrangian blur', value: lagrangian.blur, small: lagrangian.blur, min: 0.0001, max: 1, step: 0.0001, hint: 'both Lagrangian runs' },
    { name: 'lagrangianScaling', label: 'Lagrangian scaling', value: lagrangian.scaling, small: lagrangian.scaling, min: 0.1, max: 0.999, step: 0.001, hint: `the second run; the third keeps ${cheap.scaling}, tol ${cheap.tol.toExponential()}` },
    { name: 'maxIter', label: 'Max iterations', value: TUTORIAL.maxIter, small: 100, min: 1, max: 5000, hint: 'L-BFGS iterations per run' },
  ],
  reference: { seconds: PYTHON_SECONDS, text: 'The GeomLoss tutorial reports (whole script, 500 points on a GPU)' },
  async run({ values, backend, signal, progress }) {
    const { N, eulerianBlur, eulerianScaling, lagrangianBlur, lagrangianScaling, maxIter } = values;
    const [live, costs] = await Promise.all([liveChart, costChart]);
    const runs: RunSettings[] = [
      { ...eulerian, blur: eulerianBlur, scaling: eulerianScaling },
      { ...lagrangian, blur: lagrangianBlur, scaling: lagrangianScaling },
      { ...cheap, blur: lagrangianBlur },
    ].map((r) => ({ ...r, name: runName(r) }));
    const reduce: ReduceOptions = { backend, signal };
    const data = barycenterData(N, N);
    const endpoints = await endpointCurves(data.X_i, data.Y_j, reduce);

    // Charts of a previous run are cleared; the drawing chain keeps their updates in order.
    let rendering: Promise<unknown> = Promise.all([live.replace('curves', []), costs.replace('costs', [])]);
    await Promise.all(runs.map((r, k) => waffles[k].reset(`${r.name}: waiting for its turn.`)));

    let current: { rows: CurveRow[]; caption: string } | null = null;
    const costRows: { nit: number; cost: number; run: string }[] = [];
    const draw = new FrameScheduler(() => {
      if (current) {
        const { rows, caption } = current;
        liveCaption.textContent = caption;
        rendering = rendering.then(() => live.replace('curves', rows));
        current = null;
      }
      if (costRows.length) {
        const batch = costRows.splice(0);
        rendering = rendering.then(() => costs.append('costs', batch));
      }
      for (const w of waffles) rendering = rendering.then(() => w.draw());
    });

    const { ot, restore } = await sinkhornOn(backend);
    const summaries: string[] = [];
    const details: Record<string, unknown>[] = [];
    let finished = false;
    try {
      for (const [k, settings] of runs.entries()) {
        const waffle = waffles[k];
        waffle.caption.textContent = `${settings.name}: running…`;
        const throttle = new RedrawThrottle(1, 100);
        const model = createBarycenter(settings, data, { backend: ot, signal });
        await model.fit({
          tol: settings.tol,
          maxIter,
          signal,
          async onEvaluation(s) {
            progress(k, runs.length, `${settings.name}: nit ${s.nit}, cost ${s.cost.toFixed(4)}`);
            costRows.push({ nit: s.nit, cost: s.cost, run: settings.name });
            const panel = isPanel(s.nit);
            if (panel || throttle.due(s.nit)) {
              const rows = panelRows(endpoints, await barycenterCurve(s, reduce));
              if (panel) waffle.add(s, rows);
              current = { rows, caption: `${settings.name}: ${panelTitle(s)}` };
            }
            draw.schedule();
          },
        });
        const { costs: c, result } = model;
        waffle.caption.textContent = `${settings.name}: cost ${c[0].toFixed(4)} → ${c[c.length - 1].toFixed(4)}, ${result.iterations} L-BFGS iterations, ${result.evaluations} evaluations, ${model.seconds.toFixed(2)} s (${result.message}).`;
        summaries.push(`${settings.model === 'eulerian' ? 'Eulerian' : 'Lagrangian'} ${c[0].toFixed(4)} → ${c[c.length - 1].toFixed(4)} in ${result.evaluations} evaluations`);
        details.push({ name: settings.name, costs: c, iterations: result.iterations, evaluations: result.evaluations, seconds: model.seconds, message: result.message });
        progress(k + 1, runs.length, `${settings.name}: done`);
      }
      finished = true;
    } finally {
      restore();
      draw.flush();
      for (const w of waffles) rendering = rendering.then(() => w.draw());
      // Stopped or failed: the charts keep what was drawn, and a failed redraw does not hide the run's own error.
      if (!finished) rendering.catch(() => {});
    }
    await rendering;
    return {
      timed: 'the three L-BFGS runs, drawn live',
      summary: `Done: ${summaries.join('; ')}.`,
      details: { N, backend, runs: details },
    };
  },
});
