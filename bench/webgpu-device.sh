#!/bin/bash
# lazykernel's WebGPU path on a real GPU, under Deno's navigator.gpu (Vulkan), on a GPU machine
# that has neither Deno nor the Vulkan loader installed. Results for an NVIDIA H200 are in
# bench/RESULTS.md, "WebGPU on an NVIDIA H200 (device run)".
#
# Carried next to the repo (both ignored through .git/info/exclude, made on the developer machine):
#   .gl/*.deb              Debian amd64 libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2
#                          (apt-get download; unpacked into / here, as the device README says)
#   .gpu-carry/deno.xz     xz -6 of node_modules/deno/deno
#   .gpu-carry/lk/         `git archive HEAD build bench/webgpu-cases.mjs`: the committed build,
#                          so that uncommitted edits in the working tree do not reach the benchmark
#
#   bash bench/webgpu-device.sh            (OUT=<folder> for the log and the JSON; default /tmp/lk-out)
#   ONLY=probe bash bench/webgpu-device.sh (only configureGpu({ workPerDispatch }) at PROBE_WORK values,
#                                           PROBE_SIZES; default 2^31,2^34,2^37,2^40 at 10^5 and 10^6)
#
# Steps (each one may fail without stopping the next): the GPU as nvidia-smi and Deno's
# navigator.gpu see it; bench/webgpu-cases.mjs (wasm vs WebGPU vs auto, every size timed on all
# three, one Deno process per size group: SMALL_SIZES, MID_SIZES); then BIG_SIZES on WebGPU and
# auto only (the wasm engine would take minutes per call there), their results checked against
# wasm on the first CHECK_ROWS rows. LAZYKERNEL_THREADS defaults to the number of cores.
set -x
OUT=${OUT:-/tmp/lk-out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/log") 2>&1
T0=$(date +%s)
el() { echo "=== elapsed $(( $(date +%s) - T0 )) s: $*"; }
ROOT=$(pwd)
LK=${LK:-$ROOT/.gpu-carry/lk}
SMALL_SIZES=${SMALL_SIZES:-1000,3000,10000}
MID_SIZES=${MID_SIZES:-30000,100000}
BIG_SIZES=${BIG_SIZES:-1000000,3000000,10000000}
BIG_DEADLINE_S=${BIG_DEADLINE_S:-330}   # no new big size starts after this many seconds of the script
CHECK_ROWS=${CHECK_ROWS:-1000}
export LAZYKERNEL_THREADS=${LAZYKERNEL_THREADS:-$(nproc)}

# Vulkan loader and NVIDIA's ICD.
if [ -d .gl ] && [ -z "$SKIP_GL" ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/xdg}
mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
ldconfig -p | grep -i libvulkan

# Deno.
DENO=${DENO:-}
if [ -z "$DENO" ]; then
  if command -v deno >/dev/null; then DENO=$(command -v deno)
  elif [ -x "$ROOT/node_modules/.bin/deno" ]; then DENO=$ROOT/node_modules/.bin/deno
  else
    DENO=/tmp/lk-deno/deno; mkdir -p /tmp/lk-deno
    xz -dc .gpu-carry/deno.xz > $DENO 2>/dev/null || python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' .gpu-carry/deno.xz $DENO
    chmod +x $DENO
  fi
fi
$DENO --version
el "unpacked"

nvidia-smi -L
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm,power.limit --format=csv
uname -a; nproc; grep -m1 'model name' /proc/cpuinfo

cat > /tmp/lk-adapter.mjs <<'EOF'
// What Deno's navigator.gpu finds: adapter info, features, limits.
const out = { navigatorGpu: typeof navigator.gpu };
try {
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) out.adapter = null;
  else {
    const i = adapter.info ?? {};
    out.info = { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description };
    out.isFallbackAdapter = adapter.isFallbackAdapter ?? i.isFallbackAdapter;
    out.features = [...adapter.features].sort();
    out.limits = {};
    const names = new Set(Object.getOwnPropertyNames(Object.getPrototypeOf(adapter.limits)));
    for (const k in adapter.limits) names.add(k);
    for (const k of [...names].sort()) if (k !== 'constructor' && typeof adapter.limits[k] === 'number') out.limits[k] = adapter.limits[k];
  }
} catch (e) { out.error = String(e?.stack ?? e); }
console.log(JSON.stringify(out));
EOF

cat > /tmp/lk-cases.mjs <<'EOF'
// bench/webgpu-cases.mjs (the committed copy in $LK) at the sizes in argv; one JSON line.
const LK = Deno.env.get('LK');
const lib = await import(`file://${LK}/build/src/index.js`);
const { runWebGpuBench } = await import(`file://${LK}/bench/webgpu-cases.mjs`);
const sizes = Deno.args[0].split(',').map(Number);
const t0 = performance.now();
const result = await runWebGpuBench(lib, { sizes, log: (m) => console.error(`[cases ${((performance.now() - t0) / 1e3).toFixed(1)} s] ${m}`) });
result.info = await lib.webgpuInfo();
await lib.shutdownGpu();
await lib.shutdown();
console.log(JSON.stringify(result));
EOF

cat > /tmp/lk-big.mjs <<'EOF'
// Large sizes on WebGPU and 'auto' only, same data and formulas as bench/webgpu-cases.mjs;
// each result checked against wasm on its first CHECK_ROWS rows. Prints one JSON line per size
// as soon as it is done (so a later size that fails or is cut off loses nothing).
const LK = Deno.env.get('LK');
const lib = await import(`file://${LK}/build/src/index.js`);
const { tensor, Vi, Vj, webgpuInfo } = lib;
const sizes = Deno.args[0].split(',').map(Number);
const deadline = Number(Deno.env.get('DEADLINE_MS') ?? Infinity);
const checkRows = Number(Deno.env.get('CHECK_ROWS') ?? 1000);
const t0 = performance.now();
const log = (m) => console.error(`[big ${((performance.now() - t0) / 1e3).toFixed(1)} s] ${m}`);
function lcg(seed) { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; }; }
const g = 1 / (2 * 0.5 ** 2);
async function timeIt(fn, { minRuns, maxRuns, budgetMs }) {
  const w = performance.now(); await fn(); const warm = performance.now() - w;
  const times = []; const s = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - s < budgetMs)) {
    const t = performance.now(); await fn(); times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], runs: sorted.length, warmup: warm, times };
}
let lastPerCall = null; // ms of one webgpu call at the previous size, and that size
for (const n of sizes) {
  const elapsed = performance.now() - t0;
  if (lastPerCall) {
    const predicted = lastPerCall.ms * (n / lastPerCall.n) ** 2 * 2 * 8; // 2 formulas x ~8 calls
    if (Date.now() + predicted > deadline) { log(`skip n=${n}: predicted ${(predicted / 1e3).toFixed(0)} s passes the deadline`); console.log(JSON.stringify({ n, skipped: `predicted ${predicted.toFixed(0)} ms` })); continue; }
  }
  if (Date.now() > deadline) { log(`skip n=${n}: deadline`); continue; }
  const rand = lcg(20240601);
  const cloud = (m, d) => tensor(Float32Array.from({ length: m * d }, rand), [m, d]);
  const X = cloud(n, 3), Y = cloud(n, 3), B = cloud(n, 1);
  const Xc = tensor(X.data.slice(0, checkRows * 3), [checkRows, 3]);
  const formulas = {
    'Gaussian matvec': (x, o) => Vi(x).sqdist(Vj(Y)).mul(-g).exp().mul(Vj(B)).sum(1, o),
    logsumexp: (x, o) => Vi(x).sqdist(Vj(Y)).mul(-g).logsumexp(1, o),
  };
  for (const [name, run] of Object.entries(formulas)) {
    const row = { name, n };
    try {
      const s0 = (await webgpuInfo()).stats ?? { reductions: 0, uploads: 0, dispatches: 0 };
      let t = performance.now();
      const a = (await run(X, { backend: 'webgpu' })).data;
      row.firstWebgpuMs = performance.now() - t;
      t = performance.now();
      const b = (await run(Xc, { backend: 'wasm' })).data;
      row.checkWasmMs = performance.now() - t;
      let worst = 0, bad = 0;
      for (let k = 0; k < b.length; k++) {
        const r = Math.abs(a[k] - b[k]) / Math.max(1e-6, Math.abs(b[k]));
        if (!(r <= worst)) worst = r;
        if (!(r < 1e-4)) bad++;
      }
      let nonFinite = 0; for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) nonFinite++;
      Object.assign(row, { checkRows: b.length, worstRelDiff: worst, rowsOver1e4: bad, nonFiniteGpu: nonFinite, sample: { gpu: Array.from(a.slice(0, 3)), wasm: Array.from(b.slice(0, 3)), gpuLast: a[a.length - 1] } });
      log(`${name} n=${n}: first webgpu call ${row.firstWebgpuMs.toFixed(1)} ms, worst rel diff on ${b.length} rows ${worst.toExponential(2)} (${bad} over 1e-4), non-finite ${nonFinite}`);
      const s1 = (await webgpuInfo()).stats;
      row.webgpu = await timeIt(() => run(X, { backend: 'webgpu' }), { minRuns: 3, maxRuns: 10, budgetMs: 8000 });
      const s2 = (await webgpuInfo()).stats;
      // 'auto' only where it would pick the GPU (on wasm one call here takes minutes).
      if ((await webgpuInfo()).autoSelects) {
        row.auto = await timeIt(() => run(X, {}), { minRuns: 2, maxRuns: 5, budgetMs: 3000 });
        const s3 = (await webgpuInfo()).stats;
        row.autoUsedGpu = s3.reductions - s2.reductions >= row.auto.runs + 1;
      } else row.auto = null;
      row.stats = { first: { uploads: s1.uploads - s0.uploads, dispatches: s1.dispatches - s0.dispatches }, webgpu: { calls: row.webgpu.runs + 1, reductions: s2.reductions - s1.reductions, uploads: s2.uploads - s1.uploads, dispatches: s2.dispatches - s1.dispatches } };
      row.pairsPerSecond = (n * n) / (row.webgpu.median / 1e3);
      lastPerCall = { ms: lastPerCall?.n === n ? Math.max(lastPerCall.ms, row.webgpu.median) : row.webgpu.median, n };
      log(`${name} n=${n}: webgpu ${row.webgpu.median.toFixed(2)} ms (min ${row.webgpu.min.toFixed(2)}, ${row.webgpu.runs} runs), auto ${row.auto?.median.toFixed(2)} ms (GPU: ${row.autoUsedGpu}), ${row.pairsPerSecond.toExponential(2)} pairs/s; stats ${JSON.stringify(row.stats)}`);
    } catch (e) {
      row.error = String(e?.stack ?? e);
      log(`${name} n=${n}: ERROR ${row.error}`);
    }
    console.log(JSON.stringify(row));
  }
}
const info = await webgpuInfo();
console.log(JSON.stringify({ info }));
await lib.shutdownGpu();
await lib.shutdown();
EOF

cat > /tmp/lk-probe.mjs <<'EOF'
// The big cases again with configureGpu({ workPerDispatch }) at each value of PROBE_WORK
// (pair-instructions per dispatch; the engine's default is 2^31, which at N = 10^6 makes
// windows of 256 columns, 3907 dispatches per reduction). WebGPU only, checked on CHECK_ROWS rows.
const LK = Deno.env.get('LK');
const lib = await import(`file://${LK}/build/src/index.js`);
const { tensor, Vi, Vj, webgpuInfo, configureGpu } = lib;
const sizes = Deno.args[0].split(',').map(Number);
const works = (Deno.env.get('PROBE_WORK') ?? '').split(',').filter(Boolean).map(Number);
const checkRows = Number(Deno.env.get('CHECK_ROWS') ?? 1000);
const t0 = performance.now();
const log = (m) => console.error(`[probe ${((performance.now() - t0) / 1e3).toFixed(1)} s] ${m}`);
function lcg(seed) { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; }; }
const g = 1 / (2 * 0.5 ** 2);
for (const n of sizes) {
  const rand = lcg(20240601);
  const cloud = (m, d) => tensor(Float32Array.from({ length: m * d }, rand), [m, d]);
  const X = cloud(n, 3), Y = cloud(n, 3), B = cloud(n, 1);
  const Xc = tensor(X.data.slice(0, checkRows * 3), [checkRows, 3]);
  const formulas = {
    'Gaussian matvec': (x, o) => Vi(x).sqdist(Vj(Y)).mul(-g).exp().mul(Vj(B)).sum(1, o),
    logsumexp: (x, o) => Vi(x).sqdist(Vj(Y)).mul(-g).logsumexp(1, o),
  };
  const ref = {};
  for (const [name, run] of Object.entries(formulas)) ref[name] = (await run(Xc, { backend: 'wasm' })).data;
  for (const work of works) {
    configureGpu({ workPerDispatch: work });
    for (const [name, run] of Object.entries(formulas)) {
      const row = { name, n, workPerDispatch: work };
      try {
        let t = performance.now();
        const a = (await run(X, { backend: 'webgpu' })).data;
        row.firstMs = performance.now() - t;
        const b = ref[name];
        let worst = 0; for (let k = 0; k < b.length; k++) { const r = Math.abs(a[k] - b[k]) / Math.max(1e-6, Math.abs(b[k])); if (!(r <= worst)) worst = r; }
        row.worstRelDiff = worst;
        const s1 = (await webgpuInfo()).stats;
        const times = [];
        for (let k = 0; k < 3; k++) { t = performance.now(); await run(X, { backend: 'webgpu' }); times.push(performance.now() - t); }
        const s2 = (await webgpuInfo()).stats;
        times.sort((p, q) => p - q);
        Object.assign(row, { median: times[1], min: times[0], times, dispatchesPerCall: (s2.dispatches - s1.dispatches) / 3, pairsPerSecond: (n * n) / (times[1] / 1e3) });
        log(`${name} n=${n} workPerDispatch=${work}: ${row.median.toFixed(2)} ms, ${row.dispatchesPerCall} dispatches, ${row.pairsPerSecond.toExponential(2)} pairs/s, worst rel diff ${worst.toExponential(2)}`);
      } catch (e) { row.error = String(e?.stack ?? e); log(`${name} n=${n} workPerDispatch=${work}: ERROR ${row.error}`); }
      console.log(JSON.stringify(row));
    }
  }
}
await lib.shutdownGpu();
await lib.shutdown();
EOF

export LK
ONLY=${ONLY:-}   # 'probe': only the workPerDispatch probe (PROBE_SIZES, PROBE_WORK), after the unpacking
if [ "$ONLY" = probe ]; then
  el "probe"
  PROBE_WORK=${PROBE_WORK:-2147483648,17179869184,137438953472,1099511627776} CHECK_ROWS=$CHECK_ROWS timeout 300 $DENO run -A /tmp/lk-probe.mjs "${PROBE_SIZES:-100000,1000000}" > "$OUT/probe.jsonl"; echo "rc=$?"; cat "$OUT/probe.jsonl"
  nvidia-smi --query-gpu=clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv
  el "done"; exit 0
fi
el "adapter"
timeout 60 $DENO run -A /tmp/lk-adapter.mjs > "$OUT/adapter.json"; echo "rc=$?"; cat "$OUT/adapter.json"

el "cases $SMALL_SIZES"
timeout 120 $DENO run -A /tmp/lk-cases.mjs "$SMALL_SIZES" > "$OUT/cases-small.json"; echo "rc=$?"; cat "$OUT/cases-small.json"

el "cases $MID_SIZES"
timeout 200 $DENO run -A /tmp/lk-cases.mjs "$MID_SIZES" > "$OUT/cases-mid.json"; echo "rc=$?"; cat "$OUT/cases-mid.json"

el "big $BIG_SIZES"
left=$(( BIG_DEADLINE_S - ($(date +%s) - T0) ))
if [ $left -gt 20 ]; then
  DEADLINE_MS=$(( ($(date +%s) + left) * 1000 )) CHECK_ROWS=$CHECK_ROWS timeout $(( left + 60 )) $DENO run -A /tmp/lk-big.mjs "$BIG_SIZES" > "$OUT/big.jsonl"; echo "rc=$?"; cat "$OUT/big.jsonl"
else
  echo "no time left for the big sizes"
fi
nvidia-smi --query-gpu=clocks.sm,clocks.mem,temperature.gpu,power.draw,memory.used --format=csv
el "done"
