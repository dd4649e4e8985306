// Charts in the browser: the same Vega-Lite specs the examples render in Node
// (examples/lib/plot.ts), compiled here and drawn by a Vega view on a canvas. A chart whose
// data grows during a run (a loss curve) names its data source and gets rows appended.
import * as vega from 'vega';
import { compile, type TopLevelSpec, type Config } from 'vega-lite';

/** The examples' look (examples/lib/plot.ts), with the page's own font. */
export const THEME: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  background: 'white',
  padding: 8,
  title: { fontSize: 14, fontWeight: 'normal' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
};

/**
 * Vega's loader, letting the page's own blob: URLs through (site/lib/point-raster.ts hands the
 * scatters' points over as PNG blobs); Vega's sanitizer allows http(s), file and data URLs only.
 */
const loader = vega.loader();
const sanitize = loader.sanitize.bind(loader);
loader.sanitize = (uri, options) => (typeof uri === 'string' && uri.startsWith('blob:') ? Promise.resolve({ href: uri }) : sanitize(uri, options));

/** A Vega-Lite chart drawn into `container` on a canvas. */
export class Chart {
  readonly view: vega.View;

  private constructor(view: vega.View) {
    this.view = view;
  }

  /** Compiles `spec` (Vega-Lite), draws it into `container` and resolves once it is drawn. */
  static async create(container: HTMLElement, spec: TopLevelSpec): Promise<Chart> {
    const view = new vega.View(vega.parse(compile(spec, { config: THEME }).spec), { renderer: 'canvas', container, hover: false, loader });
    await view.runAsync();
    return new Chart(view);
  }

  /** Appends rows to the named data source `name` and redraws. */
  append(name: string, rows: object[]): Promise<vega.View> {
    return this.view.change(name, vega.changeset().insert(rows)).runAsync();
  }

  /** Replaces every row of `name` and redraws. */
  replace(name: string, rows: object[]): Promise<vega.View> {
    return this.view.change(name, vega.changeset().remove(() => true).insert(rows)).runAsync();
  }

  /** Stops the view (its listeners and timers). */
  finalize(): void {
    this.view.finalize();
  }
}
