/**
 * Where the engine's files live, relative to the running module. In the package layout the
 * code is in build/src/engine/ and the wasm files in build/; the browser bundle (built by
 * tools/bundle.mjs with LAZYKERNEL_BUNDLED defined) keeps every file beside itself.
 */
declare const LAZYKERNEL_BUNDLED: boolean | undefined;

const bundled = typeof LAZYKERNEL_BUNDLED !== 'undefined' && LAZYKERNEL_BUNDLED;

export type EngineFile = 'lazykernel.wasm' | 'lazykernel-threads.wasm' | 'worker';

/** The URL of one of the engine's files. */
export function assetUrl(file: EngineFile): URL {
  if (file === 'worker') return bundled ? new URL('./lazykernel-worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);
  return bundled ? new URL(`./${file}`, import.meta.url) : new URL(`../../${file}`, import.meta.url);
}
