// The WebGPU benchmark cases, for any runtime with navigator.gpu (run by bench/webgpu.mjs under
// Deno on Mesa's llvmpipe and in headless Chromium on SwiftShader). `lib` is the lazykernel
// module. Float32, D = 3, points uniform in the unit cube:
//   Gaussian matvec  out_i = sum_j exp(-|x_i - y_j|^2 / (2 sigma^2)) b_j   (sigma = 0.5)
//   logsumexp        out_i = log sum_j exp(-|x_i - y_j|^2 / (2 sigma^2))
// for backends 'wasm' (the runtime's default engine: workers where it has them), 'webgpu'
// (inputs already on the GPU: repeated calls with unchanged tensors) and 'auto' ('wasm' and
// 'auto' timed alternately, so that load from other processes affects both alike). Also the
// fixed cost of one WebGPU reduction (a 64 x 64 problem) and of the first call (device and
// pipeline). Returns one JSON-able object.

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function timeIt(fn, { minRuns = 3, maxRuns = 15, budgetMs = 3000 } = {}) {
  await fn(); // warm-up: compiles, uploads
  const times = [];
  const t0 = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - t0 < budgetMs)) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], runs: times.length };
}

/**
 * Times several functions round-robin (one call of each per round, after a warm-up call of
 * each), so that a change in the machine's load touches them alike; median and min per name.
 */
async function timeInterleaved(fns, { minRuns = 3, maxRuns = 15, budgetMs = 4000 } = {}) {
  const names = Object.keys(fns);
  for (const n of names) await fns[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const t0 = performance.now();
  while (times[names[0]].length < minRuns || (times[names[0]].length < maxRuns && performance.now() - t0 < budgetMs)) {
    for (const n of names) {
      const t = performance.now();
      await fns[n]();
      times[n].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => {
    const sorted = times[n].sort((a, b) => a - b);
    return [n, { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], runs: sorted.length }];
  }));
}

export async function runWebGpuBench(lib, { sizes = [1000, 3000, 10000], log = () => {} } = {}) {
  const { tensor, Vi, Vj, webgpuInfo, engineInfo } = lib;
  const rand = lcg(20240601);
  const cloud = (n, d) => tensor(Float32Array.from({ length: n * d }, rand), [n, d]);
  const g = 1 / (2 * 0.5 ** 2);
  const result = { cases: [] };

  // First call: device, pipeline compilation, upload.
  {
    const X = cloud(64, 3);
    const Y = cloud(64, 3);
    const t = performance.now();
    await Vi(X).sqdist(Vj(Y)).mul(-g).exp().sum(1, { backend: 'webgpu' });
    result.firstCallMs = performance.now() - t;
    const F = Vi(X).sqdist(Vj(Y)).mul(-g).exp();
    result.latency = {
      webgpu: await timeIt(() => F.sum(1, { backend: 'webgpu' }), { minRuns: 10, maxRuns: 40, budgetMs: 1500 }),
      wasm: await timeIt(() => F.sum(1, { backend: 'wasm' }), { minRuns: 10, maxRuns: 200, budgetMs: 500 }),
    };
    log(`latency of a 64 x 64 reduction: webgpu ${result.latency.webgpu.median.toFixed(2)} ms, wasm ${result.latency.wasm.median.toFixed(3)} ms`);
  }

  for (const n of sizes) {
    const X = cloud(n, 3);
    const Y = cloud(n, 3);
    const B = cloud(n, 1);
    const formulas = {
      'Gaussian matvec': (o) => Vi(X).sqdist(Vj(Y)).mul(-g).exp().mul(Vj(B)).sum(1, o),
      logsumexp: (o) => Vi(X).sqdist(Vj(Y)).mul(-g).logsumexp(1, o),
    };
    for (const [name, run] of Object.entries(formulas)) {
      // The results agree before anything is timed.
      const a = (await run({ backend: 'webgpu' })).data;
      const b = (await run({ backend: 'wasm' })).data;
      let worst = 0;
      for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1e-6, Math.abs(b[k])));
      if (!(worst < 1e-4)) throw new Error(`${name} n=${n}: webgpu and wasm differ by ${worst}`);
      const budgetMs = n >= 10000 ? 12000 : 4000;
      const row = { name, n, worstRelDiff: worst };
      const s0 = (await webgpuInfo()).stats?.reductions ?? 0;
      const gpuRuns = { count: 0 };
      // wasm and auto alternate; WebGPU is timed on its own afterwards (the software adapters'
      // threads keep the cores busy for a while after each call, which would slow the next).
      Object.assign(row, await timeInterleaved({
        wasm: () => run({ backend: 'wasm' }),
        auto: () => run({}),
      }, { budgetMs }));
      await new Promise((r) => setTimeout(r, 100));
      row.webgpu = await timeIt(() => (gpuRuns.count++, run({ backend: 'webgpu' })), { budgetMs });
      // 'auto' used the GPU if the GPU ran more reductions than the 'webgpu' calls.
      row.autoUsedGpu = ((await webgpuInfo()).stats?.reductions ?? 0) - s0 > gpuRuns.count;
      result.cases.push(row);
      log(`${name} n=${n}: wasm ${row.wasm.median.toFixed(1)} ms, webgpu ${row.webgpu.median.toFixed(1)} ms, auto ${row.auto.median.toFixed(1)} ms (auto on the GPU: ${row.autoUsedGpu})`);
    }
  }
  const info = await webgpuInfo();
  const engine = await engineInfo();
  result.adapter = info.adapter;
  result.software = info.software;
  result.autoSelects = info.autoSelects;
  result.autoThreshold = info.autoThreshold;
  result.wasm = { mode: engine.mode, threads: engine.threads };
  return result;
}
