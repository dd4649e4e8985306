// The query string every page that runs something understands (docs/api-contract.md, "The
// site"): ?autorun=1 starts a run when the page loads, &n=small picks the small size (what the
// browser tests run); &backend=webgpu asks for the WebGPU backend where the browser has one.

export interface PageParams {
  /** ?autorun=1: start a run as soon as the engine is ready. */
  autorun: boolean;
  /** ?n=small: the page's small size instead of its default. */
  small: boolean;
  /** ?backend=wasm|webgpu, or null when not given. */
  backend: 'wasm' | 'webgpu' | null;
}

/** Reads the page's parameters from `search` (default: the page's own query string). */
export function pageParams(search: string = location.search): PageParams {
  const q = new URLSearchParams(search);
  const flag = (name: string) => ['1', 'true', 'yes', ''].includes(q.get(name) ?? 'no');
  const backend = q.get('backend');
  return {
    autorun: flag('autorun'),
    small: q.get('n') === 'small',
    backend: backend === 'wasm' || backend === 'webgpu' ? backend : null,
  };
}
