// engineInfo() reports the WebGPU backend next to the wasm engine (webgpuInfo()), without
// becoming slow where there is no WebGPU (Node), and shutdown() releases the GPU side too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { engineInfo, shutdown, configureGpu, webgpuInfo } from '../build/src/index.js';

test.after.each(() => shutdown());

test('under Node (no navigator.gpu), engineInfo().webgpu says WebGPU is not available, at once', async () => {
  assert.is(globalThis.navigator?.gpu, undefined, 'this test assumes a runtime without navigator.gpu');
  await engineInfo(); // the wasm engine is started: what follows times the WebGPU part only
  const t0 = performance.now();
  const info = await engineInfo();
  const ms = performance.now() - t0;
  assert.ok(ms < 500, `engineInfo took ${ms.toFixed(0)} ms`);
  assert.is(info.backend, 'wasm');
  const { webgpu } = info;
  assert.type(webgpu, 'object');
  assert.is(webgpu.available, false);
  assert.is(webgpu.adapter, null);
  assert.is(webgpu.software, null);
  assert.is(webgpu.autoSelects, false);
  assert.type(webgpu.autoThreshold, 'number');
  assert.is(webgpu.stats, null);
  assert.ok(webgpu.reasons.some((r) => /WebGPU is not available: .*navigator\.gpu/.test(r)), webgpu.reasons.join('; '));
  assert.equal(webgpu, await webgpuInfo(), 'the same report as webgpuInfo()');
  JSON.parse(JSON.stringify(info)); // serialisable, for logs
});

// Back to the runtime's own navigator.gpu, so that later test files (one process) see the default.
test.after(() => configureGpu({ gpu: undefined }));

test('engineInfo().webgpu names configureGpu({ gpu: null }) and an implementation without adapter', async () => {
  configureGpu({ gpu: null });
  let info = await engineInfo();
  assert.is(info.webgpu.available, false);
  assert.ok(info.webgpu.reasons.some((r) => r.includes('configureGpu({ gpu: null })')), info.webgpu.reasons.join('; '));
  configureGpu({ gpu: { requestAdapter: async () => null } });
  info = await engineInfo();
  assert.is(info.webgpu.available, false);
  assert.ok(info.webgpu.reasons.some((r) => r.includes('found no WebGPU adapter')), info.webgpu.reasons.join('; '));
});

test('engineInfo() does not hang on an implementation whose requestAdapter() never answers', async () => {
  configureGpu({ gpu: { requestAdapter: () => new Promise(() => {}) } });
  const t0 = performance.now();
  const info = await engineInfo();
  const ms = performance.now() - t0;
  assert.ok(ms < 5000, `engineInfo took ${ms.toFixed(0)} ms`);
  assert.is(info.webgpu.available, false);
  assert.ok(info.webgpu.reasons.some((r) => /did not answer within \d+ ms/.test(r)), info.webgpu.reasons.join('; '));
});

test('engineInfo().webgpu describes an adapter; shutdown() releases it, so that it is asked for again', async () => {
  let requests = 0;
  const adapter = { limits: {}, info: { vendor: 'test-vendor', architecture: 'test-arch' }, requestDevice: async () => { throw new Error('no device in this test'); } };
  configureGpu({ gpu: { requestAdapter: async () => { requests++; return adapter; } } });
  const info = await engineInfo();
  assert.is(info.webgpu.available, true);
  assert.ok(info.webgpu.adapter.includes('test-vendor'), info.webgpu.adapter);
  assert.is(info.webgpu.software, false);
  assert.is(info.webgpu.autoSelects, true);
  await engineInfo();
  assert.is(requests, 1, 'the adapter is asked for once');
  await shutdown();
  await engineInfo();
  assert.is(requests, 2, 'shutdown() released the WebGPU side (shutdownGpu), so the adapter is asked for again');
});

test('configureGpu({ gpu: undefined }) goes back to the default (no navigator.gpu in Node)', async () => {
  configureGpu({ gpu: null });
  assert.ok((await webgpuInfo()).reasons.some((r) => r.includes('configureGpu({ gpu: null })')));
  configureGpu({ gpu: undefined });
  const info = await webgpuInfo();
  assert.ok(info.reasons.some((r) => /navigator\.gpu/.test(r)), info.reasons.join('; '));
});

test.run();
