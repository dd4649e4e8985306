// Benchmark: our Sinkhorn (bench/ot-sinkhorn.mjs, backend 'online') and GeomLoss's
// (bench/geomloss-reference.py, 'online' = pykeops on CPU, and 'tensorized' = dense torch), run
// interleaved in the same sitting on the same machine, each in its own process, 2 threads each.
// A benchmark only: it needs the Python set-up described at the top of bench/geomloss-reference.py
// (Debian's python3-torch and python3-pybind11, GeomLoss and KeOps sources on PYTHONPATH).
//
//   node bench/geomloss-compare.mjs [--n 5000,20000] [--rounds 2] [--sides ours,online,tensorized]
//                                   [--python /usr/bin/python3]
//
// The machine is shared, so every run is wrapped in /usr/bin/time (whole-process wall and CPU
// time, peak memory) and each side reports the cores other processes took during its run. The
// order of the sides rotates from round to round. Prints a markdown table and writes
// bench/results/geomloss-compare.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { option, machine, RESULTS_DIR, ROOT } from './common.mjs';

const sizes = option('n', '5000,20000').split(',').map(Number);
const rounds = Number(option('rounds', '2'));
const sides = option('sides', 'ours,online,tensorized').split(',');
const python = option('python', '/usr/bin/python3');
const root = fileURLToPath(ROOT);

for (const n of sizes) if (!(Number.isInteger(n) && n > 0)) throw new Error(`--n: positive integers expected, got ${option('n')}`);
for (const s of sides) if (!['ours', 'online', 'tensorized'].includes(s)) throw new Error(`--sides: ours, online or tensorized, got ${s}`);

mkdirSync(RESULTS_DIR, { recursive: true });
const m = machine();
console.log(`geomloss-compare: N = ${sizes.join(', ')}, ${rounds} rounds, sides ${sides.join(', ')}`);
console.log(`  ${m.date}, commit ${m.commit}, node ${m.node}, ${m.cpus} x ${m.model}; engine ${m.wasm}`);

const TIME_FORMAT = 'TIME %e %U %S %M';

/** Runs one command under /usr/bin/time; returns its stdout and the whole-process figures. */
function timed(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('TIME '));
  if (r.status !== 0 || !line) return { ok: false, status: r.status, stdout: r.stdout, stderr: r.stderr.slice(-2000) };
  const [wall, user, sys, kb] = line.split(' ').slice(1).map(Number);
  return { ok: true, stdout: r.stdout, process: { wall, cpu: user + sys, peakMiB: kb / 1024 } };
}

function runOurs(n) {
  const r = timed(['node', 'bench/ot-sinkhorn.mjs', '--n', String(n), '--backend', 'online']);
  if (!r.ok) return r;
  const j = JSON.parse(readFileSync(join(RESULTS_DIR, `ot-sinkhorn-online-n${n}.json`), 'utf8'));
  return {
    ...r, value: j.value, forward: j.forwardSeconds, total: j.totalSeconds,
    cpu: j.ownCores * j.totalSeconds, foreignCores: j.foreignCores,
  };
}

function runGeomLoss(n, backend) {
  const file = join(RESULTS_DIR, `geomloss-${backend}-n${n}.jsonl`);
  rmSync(file, { force: true });
  const r = timed([python, 'bench/geomloss-reference.py', '--n', String(n), '--backend', backend, '--json', file]);
  if (!r.ok || !existsSync(file)) return { ...r, ok: false };
  const j = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop());
  return {
    ...r, value: j.value, forward: j.forward.wall, total: j.total.wall,
    cpu: j.total.cpu, foreignCores: j.total.foreignCores, firstCall: j.firstCall.wall,
  };
}

const rows = [];
for (const n of sizes) {
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, k) => sides[(k + round) % sides.length]);
    for (const side of order) {
      const load = loadavg()[0];
      const started = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      console.log(`  N = ${n}, round ${round + 1}, ${side} (load average ${load.toFixed(2)}) ...`);
      const r = side === 'ours' ? runOurs(n) : runGeomLoss(n, side);
      if (!r.ok) {
        console.log(`    failed (exit ${r.status}):\n${r.stdout?.slice(-1500) ?? ''}\n${r.stderr ?? ''}`);
        rows.push({ n, round: round + 1, side, started, load, failed: true, output: (r.stdout ?? '').slice(-1500) });
        continue;
      }
      const row = {
        n, round: round + 1, side, started, load, value: r.value, forward: r.forward, total: r.total,
        cpu: r.cpu, foreignCores: r.foreignCores, firstCall: r.firstCall ?? null, process: r.process,
      };
      rows.push(row);
      console.log(`    value ${r.value}, forward ${r.forward.toFixed(2)} s, forward + gradient ${r.total.toFixed(2)} s wall, ` +
        `${r.cpu.toFixed(2)} s CPU; other processes ${r.foreignCores.toFixed(2)} cores; ` +
        `whole process ${r.process.wall.toFixed(1)} s wall, ${r.process.cpu.toFixed(1)} s CPU, ${r.process.peakMiB.toFixed(0)} MiB`);
    }
  }
}

const label = { ours: 'lazykernel online (wasm, 2 workers)', online: "GeomLoss 'online' (pykeops CPU, 2 OpenMP threads)", tensorized: "GeomLoss 'tensorized' (torch CPU, 2 threads)" };
console.log('\n| N = M | round | side | value | forward | forward + gradient | CPU (fwd + grad) | other processes | first call (warm-up) | whole process: wall / CPU / peak memory |');
console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (r.failed) { console.log(`| ${r.n} | ${r.round} | ${label[r.side]} | failed | | | | | | |`); continue; }
  console.log(`| ${r.n} | ${r.round} | ${label[r.side]} | ${r.value.toPrecision(7)} | ${r.forward.toFixed(2)} s | ${r.total.toFixed(2)} s | ` +
    `${r.cpu.toFixed(2)} s | ${r.foreignCores.toFixed(2)} cores | ${r.firstCall === null ? '-' : `${r.firstCall.toFixed(2)} s`} | ` +
    `${r.process.wall.toFixed(1)} s / ${r.process.cpu.toFixed(1)} s / ${r.process.peakMiB.toFixed(0)} MiB |`);
}
const out = join(RESULTS_DIR, 'geomloss-compare.json');
writeFileSync(out, JSON.stringify({ machine: m, rows }, null, 1));
console.log(`wrote ${out}`);
