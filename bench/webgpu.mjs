// WebGPU against wasm on the two software WebGPU adapters of a GPU-less machine: Deno's
// navigator.gpu on Mesa's llvmpipe, and headless Chromium on SwiftShader (the browser bundle,
// on a cross-origin isolated page so that wasm runs on its worker pool). Gaussian matvec and
// logsumexp, float32, D = 3, N = M in --sizes (default 1000,3000,10000); see
// bench/webgpu-cases.mjs. Also the fixed cost of one WebGPU reduction, from which the 'auto'
// threshold (src/dispatch/cost-model.ts) is derived, and whether 'auto' ever picked the GPU.
//
//   node tools/build.mjs && node bench/webgpu.mjs [--sizes 1000,3000,10000] [--wait-idle] [--write]
//   node bench/webgpu.mjs --rewrite    (the section again from bench/results/webgpu.json)
//
// --write replaces the "WebGPU" section of bench/RESULTS.md (between its markers) with the
// tables of this run; the raw numbers go to bench/results/webgpu.json. Under Deno this file runs the cases itself and prints one JSON line.
const isDeno = typeof globalThis.Deno !== 'undefined';
/** Tape instructions + 2 per pair (the work unit of the 'auto' threshold): 6 + 2 and 5 + 2. */
const PAIR_INSTRUCTIONS = { 'Gaussian matvec': 8, logsumexp: 7 };

if (isDeno) {
  const lib = await import('../build/src/index.js');
  const { runWebGpuBench } = await import('./webgpu-cases.mjs');
  const sizes = (Deno.env.get('BENCH_SIZES') ?? '1000,3000,10000').split(',').map(Number);
  const result = await runWebGpuBench(lib, { sizes, log: (m) => console.error(`[deno] ${m}`) });
  await lib.shutdownGpu();
  await lib.shutdown();
  console.log(JSON.stringify(result));
} else {
  await main();
}

async function main() {
  const { spawnSync } = await import('node:child_process');
  const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const { loadavg } = await import('node:os');
  const { option, flag, machine, waitIdle } = await import('./common.mjs');
  const { serve } = await import('../test/smoke/static-server.mjs');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const sizes = option('sizes', '1000,3000,10000');

  const m = machine();
  console.log(`WebGPU benchmark: ${m.date}, commit ${m.commit}, ${m.cpus} x ${m.model}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (flag('rewrite')) {
    // Re-renders the section from the last run's raw numbers.
    const saved = JSON.parse(readFileSync(`${root}/bench/results/webgpu.json`, 'utf8'));
    writeSection(root, markdown([saved.deno, saved.chromium], saved.machine), readFileSync, writeFileSync);
    return;
  }
  await waitIdle();

  // Deno on llvmpipe.
  const runtimeDir = process.env.XDG_RUNTIME_DIR ?? `${root}/build/.xdg-runtime`;
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const load0 = loadavg()[0];
  const deno = spawnSync(`${root}/node_modules/.bin/deno`, ['run', '--allow-read', '--allow-env', fileURLToPath(import.meta.url)], {
    cwd: root, encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir, BENCH_SIZES: sizes }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
  });
  const denoResult = JSON.parse(deno.stdout.trim().split('\n').pop());
  denoResult.runtime = `Deno ${spawnSync(`${root}/node_modules/.bin/deno`, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace('deno ', '')}`;
  denoResult.load = [load0, loadavg()[0]];

  // Chromium on SwiftShader.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'],
  });
  const server = await serve(root, { isolated: true });
  let chromiumResult;
  const load1 = loadavg()[0];
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => console.error(`[chromium] ${msg.text()}`));
    await page.goto(`${server.url}/bench/webgpu.html?sizes=${sizes}`);
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 1800000, polling: 1000 });
    chromiumResult = await page.evaluate(() => window.benchResult);
    chromiumResult.runtime = `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
    await server.close();
  }
  chromiumResult.load = [load1, loadavg()[0]];
  if (chromiumResult.error) throw new Error(chromiumResult.error);

  mkdirSync(`${root}/bench/results`, { recursive: true });
  writeFileSync(`${root}/bench/results/webgpu.json`, JSON.stringify({ machine: m, sizes, deno: denoResult, chromium: chromiumResult }, null, 1));
  const text = markdown([denoResult, chromiumResult], m);
  console.log(`\n${text}`);
  if (flag('write')) writeSection(root, text, readFileSync, writeFileSync);
}

/** Replaces the WebGPU section of bench/RESULTS.md (between its markers), or appends it. */
function writeSection(root, text, readFileSync, writeFileSync) {
  const path = `${root}/bench/RESULTS.md`;
  const current = readFileSync(path, 'utf8'); // re-read: other sections change meanwhile
  const start = '<!-- webgpu:start -->';
  const end = '<!-- webgpu:end -->';
  const block = `${start}\n${text}\n${end}`;
  const next = current.includes(start) ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
  console.log(`wrote the WebGPU section of ${path}`);
}

function markdown(results, m) {
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const lines = [
    '## WebGPU on the software adapters (no GPU in this machine)',
    '',
    `${m.date}, commit ${m.commit}, ${m.cpus} x ${m.model}. Command: \`node tools/build.mjs && node bench/webgpu.mjs --write\``,
    '(bench/webgpu.mjs, cases in bench/webgpu-cases.mjs). Float32, D = 3, N = M, points uniform in the unit',
    'cube, sigma = 0.5; median ms of repeated calls with unchanged inputs (after a warm-up call that',
    "compiles the pipeline and uploads the inputs); 'wasm' and 'auto' timed alternately, so that",
    "load from other processes touches both alike. 'wasm' is each runtime's default wasm engine",
    "(workers on both: Deno has them, the Chromium page is cross-origin isolated); 'auto' is the",
    'default backend. No NVIDIA GPU was available, so the KeOps RTX 2080 Ti comparison (0.7 ms,',
    '15 ms and 1.39 s at N = M = 10^4, 10^5, 10^6) could not be run.',
    '',
  ];
  lines.push(
    'Reading: on these CPU adapters WebGPU is 2.5-19x slower than the wasm engine on the same',
    "2 cores, so 'auto', which picks only hardware adapters, ran every case on wasm (last two",
    'columns: auto / wasm is 1 within noise; the machine was shared, see the load averages). The',
    "fixed cost of one WebGPU reduction and the wasm rate set 'auto''s threshold",
    "(src/api/gpu-choice.ts, defaultAutoThreshold): 4 x fixed cost x wasm rate per core x cores.",
    '',
  );
  for (const r of results) {
    lines.push(`### ${r.runtime}: ${r.adapter} (software: ${r.software}; 'auto' selects it: ${r.autoSelects})`, '');
    lines.push(`wasm engine: ${r.wasm.mode}, ${r.wasm.threads} threads. Load average (1 min) before / after: ${r.load.map((x) => x.toFixed(2)).join(' / ')}.`);
    lines.push(`First WebGPU call (adapter, device, pipeline, upload; 64 x 64): ${ms(r.firstCallMs)} ms. One 64 x 64 reduction: WebGPU ${ms(r.latency.webgpu.median)} ms, wasm ${ms(r.latency.wasm.median)} ms.`, '');
    lines.push('| formula | N = M | wasm ms | WebGPU ms | auto ms | WebGPU / wasm | auto / wasm | auto used the GPU | wasm pair-instructions / s |', '|---|---:|---:|---:|---:|---:|---:|---|---:|');
    for (const c of r.cases) {
      const rate = (c.n * c.n * PAIR_INSTRUCTIONS[c.name]) / (c.wasm.median / 1e3);
      lines.push(`| ${c.name} | ${c.n} | ${ms(c.wasm.median)} | ${ms(c.webgpu.median)} | ${ms(c.auto.median)} | ${(c.webgpu.median / c.wasm.median).toFixed(2)}x | ${(c.auto.median / c.wasm.median).toFixed(2)}x | ${c.autoUsedGpu ? 'yes' : 'no'} | ${rate.toExponential(1)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
