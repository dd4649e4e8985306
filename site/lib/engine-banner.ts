// The engine banner: how the engine runs in this browser (worker threads, shared or separate
// worker memory, WebGPU) and, from engineInfo().reasons, why a faster mode is not in use, such
// as a page served without the cross-origin isolation headers.
import type { EngineInfo } from 'lazykernel';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** One line saying how the wasm engine runs: threads and their memory. */
export function describeEngine(info: EngineInfo): string {
  if (info.mode === 'calling-thread') return 'wasm SIMD on the page\'s own thread (no workers)';
  const memory = info.memory === 'shared'
    ? 'sharing one memory'
    : 'each with a memory of its own (inputs copied to them)';
  return `wasm SIMD on ${info.threads} worker threads, ${memory}`;
}

/** What WebGPU offers here, in a few words. */
export function describeWebGpu(info: EngineInfo): string {
  const gpu = info.webgpu;
  if (!gpu.available) return 'WebGPU: not available in this browser';
  return `WebGPU: available${gpu.adapter ? ` (${gpu.adapter}${gpu.software ? ', a software adapter: slower than wasm' : ''})` : ''}`;
}

const isolated = () => globalThis.crossOriginIsolated === true;

/** The warning a page without cross-origin isolation shows (known before the engine starts). */
function isolationWarning(): string {
  return isolated() ? '' : '<p class="warning">Not cross-origin isolated: slower. The page is served without the COOP/COEP headers, so the workers cannot share one memory and each is copied its inputs.</p>';
}

/** Fills `element` with the engine's report; the reasons go in a details element. */
export function renderEngineBanner(element: HTMLElement, info: EngineInfo): void {
  const reasons = [...info.reasons, ...(info.webgpu.available ? [] : info.webgpu.reasons)];
  element.classList.toggle('warn', !isolated() || info.mode === 'calling-thread');
  element.innerHTML = `
    <p><strong>Engine:</strong> ${escapeHtml(describeEngine(info))}. ${escapeHtml(describeWebGpu(info))}.
    ${isolated() ? '<span class="ok">Cross-origin isolated.</span>' : ''}</p>
    ${isolationWarning()}
    <details><summary>Why (engineInfo().reasons)</summary><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('') || '<li>Nothing: the engine runs in its fastest mode here.</li>'}</ul></details>`;
}

/** The banner while the engine starts: the same lines as the report, so that nothing moves when it comes. */
export function renderEngineStarting(element: HTMLElement): void {
  element.classList.toggle('warn', !isolated());
  element.innerHTML = `<p><strong>Engine:</strong> starting (compiling the wasm engine, starting its workers)…</p>
    ${isolationWarning()}
    <details><summary>Why (engineInfo().reasons)</summary><ul><li>The engine is starting.</li></ul></details>`;
}

/** The banner when the engine failed to start. */
export function renderEngineFailed(element: HTMLElement, error: unknown): void {
  element.classList.add('warn');
  element.innerHTML = `<p class="warning"><strong>Engine:</strong> could not start: ${escapeHtml(String((error as Error)?.message ?? error))}</p>`;
}
