// The controls of a page that runs something, and the conventions the browser tests read
// (docs/api-contract.md, "The site"):
// - the page's number fields, a backend switch (wasm threads; WebGPU only where
//   engineInfo().webgpu.available; the float64 oracle where a page asks for it), Run and Stop, a progress bar, the time taken beside the
//   time the original Python tutorial reports;
// - Stop aborts an AbortController whose signal the page passes to the library's long calls;
// - ?autorun=1 starts a run once the engine is ready, ?n=small uses each field's small value;
// - document.body.dataset.state: 'loading' (engine starting), 'ready', then for each run
//   'running' and 'done', 'error' or 'aborted' (Stop); dataset.elapsedMs is the run's time and,
//   after a Stop, dataset.stopMs the time from the click (its event's time stamp) to the run's end;
// - window.siteRun holds the same, with the run's summary (read by bench/site-gmm.mjs).
import { engineInfo, webgpuInfo, type EngineInfo } from 'lazykernel';
import { pageParams, type PageParams } from './params.js';
import { renderEngineBanner, renderEngineFailed, renderEngineStarting } from './engine-banner.js';
import { BrowserTurns, FrameScheduler } from './frame.js';

export type PageBackend = 'wasm' | 'webgpu' | 'oracle';
export type RunState = 'loading' | 'ready' | 'running' | 'done' | 'error' | 'aborted';

/** A number the user sets before a run: its default, and its value under ?n=small. */
export interface NumberField {
  name: string;
  label: string;
  value: number;
  small: number;
  min: number;
  max: number;
  step?: number;
  /** A short explanation shown under the label (units, what it changes). */
  hint?: string;
}

/** What a run is given. */
export interface RunContext {
  /** The fields' values, by name. */
  values: Record<string, number>;
  backend: PageBackend;
  /** Aborted by Stop: pass it to the library's long calls (reductions, solvers, optimisers). */
  signal: AbortSignal;
  /** Whether the page was opened with ?n=small. */
  small: boolean;
  info: EngineInfo;
  /** Reports progress (drawn on the next frame: call it as often as needed). */
  progress(done: number, total: number, note?: string): void;
  /**
   * Await it between steps: it gives the browser a turn (Stop clicks, frames) once the run has
   * held the page's thread for ~25 ms, and resolves at once otherwise.
   */
  breathe(): Promise<void>;
}

/** What a run may say when it ends: the time to show (default: the whole run's) and a summary. */
export interface RunOutcome {
  /** The timed part's milliseconds (for instance the training loop alone). */
  ms?: number;
  /** What `ms` covers, e.g. '501 Adam steps'. */
  timed?: string;
  /** A line for the status, e.g. the final cost. */
  summary?: string;
  /** Anything else a benchmark or test may read from window.siteRun.outcome. */
  details?: Record<string, unknown>;
}

export interface RunPageOptions {
  /** The form to fill (it gets the fields, the backend switch, the buttons and the progress). */
  form: HTMLFormElement;
  /** Where the engine banner goes. */
  banner: HTMLElement;
  fields: NumberField[];
  /** The time the original tutorial reports, shown beside this run's. */
  reference?: { seconds: number; text: string };
  /** Also offer the float64 oracle in the backend switch (to check results: slow, on the page's thread). */
  oracle?: boolean;
  run(ctx: RunContext): Promise<RunOutcome | void>;
}

/** What window.siteRun holds. */
export interface SiteRun {
  state: RunState;
  runs: number;
  elapsedMs: number | null;
  stopMs: number | null;
  error: string | null;
  outcome: RunOutcome | null;
  info: EngineInfo | null;
  /**
   * Reductions the last run sent to WebGPU (0 on wasm, or where WebGPU declined them all):
   * updated with the progress while it runs, and when it ends or is stopped.
   */
  gpuReductions: number;
}

declare global {
  interface Window { siteRun: SiteRun }
}

/** The reductions WebGPU has run in this page so far (its device's counter; 0 before it exists). */
async function gpuReductionsSoFar(): Promise<number> {
  return (await webgpuInfo()).stats?.reductions ?? 0;
}

/** The progress bar, its note and the elapsed time are redrawn at most this often during a run. */
const PROGRESS_INTERVAL_MS = 100;

const fmtSeconds = (ms: number) => (ms < 100 ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);

/** Builds the controls into `options.form`, starts the engine and wires Run / Stop. */
export function setupRunPage(options: RunPageOptions): void {
  const params = pageParams();
  const { form } = options;
  const site: SiteRun = { state: 'loading', runs: 0, elapsedMs: null, stopMs: null, error: null, outcome: null, info: null, gpuReductions: 0 };
  window.siteRun = site;
  const setState = (state: RunState) => {
    site.state = state;
    document.body.dataset.state = state;
  };
  setState('loading');

  const ui = buildForm(form, options, params);
  renderEngineStarting(options.banner);

  let controller: AbortController | null = null;
  let stopRequestedAt = 0;
  let runStart = 0;
  let shown = { done: 0, total: 1, note: '' };
  let progressShownAt = -Infinity;
  const frame = new FrameScheduler(() => {
    ui.progress.max = Math.max(1, shown.total);
    ui.progress.value = shown.done;
    ui.status.textContent = `${shown.done} / ${shown.total}${shown.note ? ` · ${shown.note}` : ''}`;
    ui.elapsed.textContent = fmtSeconds(performance.now() - runStart);
  });

  const start = async () => {
    if (!site.info || site.state === 'running') return;
    controller = new AbortController();
    const signal = controller.signal;
    const values = readValues(form, options.fields);
    const backend = (new FormData(form).get('backend') as PageBackend | null) ?? 'wasm';
    site.runs++;
    site.error = null;
    site.stopMs = null;
    site.outcome = null;
    site.gpuReductions = 0;
    delete document.body.dataset.stopMs;
    setRunning(ui, true);
    shown = { done: 0, total: 1, note: '' };
    progressShownAt = -Infinity;
    ui.status.textContent = 'Running…';
    setState('running');
    const gpuBefore = backend === 'webgpu' ? await gpuReductionsSoFar() : 0;
    runStart = performance.now();
    const turns = new BrowserTurns();
    try {
      const outcome = (await options.run({
        values, backend, signal, small: params.small, info: site.info,
        progress(done, total, note = '') {
          shown = { done, total, note };
          // At most ten updates a second: each one costs the page a style, layout and paint.
          const now = performance.now();
          if (now - progressShownAt < PROGRESS_INTERVAL_MS) return;
          progressShownAt = now;
          frame.schedule();
          if (backend === 'webgpu') {
            void gpuReductionsSoFar().then((n) => {
              if (site.state === 'running') site.gpuReductions = n - gpuBefore;
            });
          }
        },
        breathe: () => turns.due(),
      })) ?? {};
      const ms = outcome.ms ?? performance.now() - runStart;
      frame.flush();
      site.outcome = outcome;
      let summary = outcome.summary ?? 'Done.';
      if (backend === 'webgpu') {
        const gpu = await webgpuInfo();
        site.gpuReductions = (gpu.stats?.reductions ?? 0) - gpuBefore;
        summary += site.gpuReductions > 0
          ? ` ${site.gpuReductions} reductions ran on WebGPU (${gpu.adapter ?? 'adapter'}).`
          : ` No reduction ran on WebGPU: ${gpu.reasons.at(-1) ?? 'the engine declined them'}.`;
      }
      finish(ms, `${outcome.timed ? `${outcome.timed} in ` : ''}${fmtSeconds(ms)}`, summary);
      setState('done');
    } catch (e) {
      frame.flush();
      const ms = performance.now() - runStart;
      if (signal.aborted) {
        site.stopMs = performance.now() - stopRequestedAt;
        document.body.dataset.stopMs = site.stopMs.toFixed(1);
        let note = '';
        if (backend === 'webgpu') {
          site.gpuReductions = (await gpuReductionsSoFar()) - gpuBefore;
          note = ` ${site.gpuReductions} reductions had run on WebGPU.`;
        }
        finish(ms, `stopped after ${fmtSeconds(ms)}`, `Stopped at ${shown.done} / ${shown.total} (the run ended ${site.stopMs.toFixed(0)} ms after Stop).${note}`);
        setState('aborted');
      } else {
        console.error(e);
        site.error = `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
        finish(ms, `failed after ${fmtSeconds(ms)}`, site.error);
        setState('error');
      }
    } finally {
      turns.close();
      controller = null;
      setRunning(ui, false);
    }
  };

  const finish = (ms: number, elapsedText: string, statusText: string) => {
    site.elapsedMs = ms;
    document.body.dataset.elapsedMs = ms.toFixed(1);
    ui.elapsed.textContent = elapsedText;
    ui.status.textContent = statusText;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void start();
  });
  ui.stop.addEventListener('click', (event) => {
    if (!controller) return;
    // From the click itself (the event's time stamp), so that time the click waited for the
    // page's thread counts too.
    stopRequestedAt = event.timeStamp > 0 ? Math.min(event.timeStamp, performance.now()) : performance.now();
    ui.status.textContent = 'Stopping…';
    controller.abort();
  });

  engineInfo().then((info) => {
    site.info = info;
    renderEngineBanner(options.banner, info);
    if (info.webgpu.available) {
      ui.webgpu.disabled = false;
      ui.webgpu.textContent = 'WebGPU';
      if (params.backend === 'webgpu') ui.backend.value = 'webgpu';
    }
    ui.start.disabled = false;
    ui.status.textContent = 'Ready.';
    setState('ready');
    if (params.autorun) void start();
  }, (e: unknown) => {
    console.error(e);
    site.error = String((e as Error)?.message ?? e);
    renderEngineFailed(options.banner, e);
    ui.status.textContent = 'The engine could not start.';
    setState('error');
  });
}

interface FormParts {
  start: HTMLButtonElement;
  stop: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLOutputElement;
  elapsed: HTMLOutputElement;
  backend: HTMLSelectElement;
  webgpu: HTMLOptionElement;
  inputs: HTMLInputElement[];
}

/** The form's markup: one labelled input per field, the backend switch, the buttons, progress and timing. */
function buildForm(form: HTMLFormElement, options: RunPageOptions, params: PageParams): FormParts {
  form.classList.add('run-controls');
  const fields = document.createElement('div');
  fields.className = 'fields';
  const inputs = options.fields.map((f) => {
    const label = document.createElement('label');
    label.className = 'field';
    const input = document.createElement('input');
    Object.assign(input, { type: 'number', name: f.name, min: String(f.min), max: String(f.max), step: String(f.step ?? 1), required: true });
    input.value = String(params.small ? f.small : f.value);
    input.dataset.small = String(f.small); // the browser tests set the small size with it
    input.id = `field-${f.name}`;
    label.htmlFor = input.id;
    label.append(spanOf('name', f.label), input);
    if (f.hint) label.append(spanOf('hint', f.hint));
    fields.append(label);
    return input;
  });

  const backendLabel = document.createElement('label');
  backendLabel.className = 'field';
  const backend = document.createElement('select');
  backend.name = 'backend';
  backend.id = 'field-backend';
  backendLabel.htmlFor = backend.id;
  const wasm = new Option('wasm (threads)', 'wasm', true, true);
  const webgpu = new Option('WebGPU (not here)', 'webgpu');
  webgpu.disabled = true;
  backend.append(wasm, webgpu);
  if (options.oracle) backend.append(new Option('oracle (float64, to check)', 'oracle'));
  backendLabel.append(spanOf('name', 'Backend'), backend, spanOf('hint', 'where the reductions run; WebGPU where the browser has an adapter'));
  fields.append(backendLabel);

  const actions = document.createElement('div');
  actions.className = 'actions';
  const start = button('Run', 'submit', 'start');
  start.disabled = true;
  const stop = button('Stop', 'button', 'stop');
  stop.disabled = true;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-label', 'progress of the run');
  const status = document.createElement('output');
  status.className = 'status';
  status.setAttribute('aria-live', 'polite');
  status.textContent = 'Starting the engine…';
  actions.append(start, stop, progress, status);

  const timing = document.createElement('p');
  timing.className = 'timing';
  const elapsed = document.createElement('output');
  elapsed.className = 'elapsed';
  elapsed.textContent = '–';
  const mine = document.createElement('span');
  mine.append('This run: ', elapsed);
  timing.append(mine);
  if (options.reference) {
    const ref = document.createElement('span');
    ref.className = 'reference';
    ref.textContent = `${options.reference.text}: ${options.reference.seconds.toFixed(3)} s`;
    timing.append(ref);
  }
  form.replaceChildren(fields, actions, timing);
  return { start, stop, progress, status, elapsed, backend, webgpu, inputs };
}

function spanOf(className: string, text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function button(text: string, type: 'submit' | 'button', className: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = type;
  b.className = className;
  b.textContent = text;
  return b;
}

function setRunning(ui: FormParts, running: boolean): void {
  ui.start.disabled = running;
  ui.stop.disabled = !running;
  ui.backend.disabled = running;
  for (const input of ui.inputs) input.disabled = running;
}

/** The fields' values, clamped to their ranges (a value typed out of range runs at the nearest bound). */
function readValues(form: HTMLFormElement, fields: NumberField[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const f of fields) {
    const input = form.elements.namedItem(f.name) as HTMLInputElement;
    const v = Number(input.value);
    values[f.name] = Number.isFinite(v) ? Math.min(f.max, Math.max(f.min, f.step && f.step < 1 ? v : Math.round(v))) : f.value;
    input.value = String(values[f.name]);
  }
  return values;
}
