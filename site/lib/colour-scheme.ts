// Vega's colour schemes as lookup tables, for the charts drawn as rasters (density maps, point
// images): the same colours the Vega marks and the Node figures use.
import * as vega from 'vega';

/** A Vega colour scheme (viridis, spectral...) as 256 RGB triples, from the scheme's own interpolator. */
export function schemeTable(name: string): Uint8ClampedArray {
  const interpolate = vega.scheme(name) as (t: number) => string;
  const table = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) {
    const rgb = /(\d+)\D+(\d+)\D+(\d+)/.exec(interpolate(k / 255));
    if (rgb) table.set([Number(rgb[1]), Number(rgb[2]), Number(rgb[3])], 3 * k);
  }
  return table;
}
