// Builds lazykernel: generates the AssemblyScript opcode enum from the op table,
// compiles the wasm targets and the TypeScript (src/, gpu/ and examples/, into build/).
// `--if-stale` skips the work when every output is newer than every source, so `npm test`
// stays fast on a warm tree.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * wasm targets: entry file -> target of asconfig.json (which holds the compiler flags and the
 * output file). The first ships; the threads build serves the worker pool (shared memory and
 * atomics, up to 4 GiB); the others serve benchmarks and tests.
 */
const asconfig = JSON.parse(readFileSync(join(root, 'asconfig.json'), 'utf8'));
export const wasmTargets = [
  { entry: 'assembly/index.ts', target: 'release' },
  { entry: 'assembly/index.ts', target: 'threads' },
  { entry: 'assembly/bench/fused-gaussian.ts', target: 'fused-gaussian' },
  { entry: 'assembly/testing/math-exports.ts', target: 'math' },
].map((t) => ({ ...t, out: asconfig.targets[t.target].outFile }));

function newestMtime(dir, filter = () => true) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (filter(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isStale() {
  const sources = Math.max(
    newestMtime(join(root, 'assembly')),
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'gpu')),
    newestMtime(join(root, 'examples')),
    statSync(join(root, 'tools', 'build.mjs')).mtimeMs,
    statSync(join(root, 'tsconfig.json')).mtimeMs,
    statSync(join(root, 'asconfig.json')).mtimeMs,
  );
  // build/examples/run-demos.js stands for the compiled examples (`npm run demo` runs it).
  const outputs = [...wasmTargets.map((t) => t.out), 'build/src/index.js', 'build/examples/run-demos.js'].map((p) => join(root, p));
  if (outputs.some((p) => !existsSync(p))) return true;
  return Math.min(...outputs.map((p) => statSync(p).mtimeMs)) < sources;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && !isStale()) process.exit(0);

execFileSync('node', [join(root, 'tools', 'gen-opcodes.mjs')], { stdio: 'inherit', cwd: root });
for (const t of wasmTargets) {
  if (!existsSync(join(root, t.entry))) continue;
  mkdirSync(dirname(join(root, t.out)), { recursive: true });
  execFileSync(bin('asc'), [t.entry, '--config', 'asconfig.json', '--target', t.target], { stdio: 'inherit', cwd: root });
}
execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { stdio: 'inherit', cwd: root });
execFileSync('node', [join(root, 'tools', 'bundle.mjs')], { stdio: 'inherit', cwd: root });
