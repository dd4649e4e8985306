// Runs the uvu suite (test/*.test.mjs) in the engine's two modes and ends with one plain
// summary line, "N passed, N failed", that CI logs can be read by:
//   1. calling thread (LAZYKERNEL_THREADS=1): every test file;
//   2. worker pool (LAZYKERNEL_THREADS=2, every reduction on the pool): the oracle suites and
//      the fuzzers (bad input, soak) and the streamed (blocked) reductions;
//   3. row lanes (LAZYKERNEL_ROW_LANES=always: output rows across the SIMD lanes wherever the
//      reduction allows it, not only for few columns): the oracle suites again (not the
//      fuzzers: the soak switches row lanes itself, and CI time is short);
//   4. separate worker memories (LAZYKERNEL_WORKER_MEMORY=separate, as in a page that is not
//      cross-origin isolated; every reduction on those workers): a few oracle suites.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORACLE_SUITES = '(ops|reductions|random-formulas|errors|ranges|reduction-grad|hessian|batch)\\.test\\.mjs$';
const POOL_SUITES = '(ops|reductions|random-formulas|errors|ranges|reduction-grad|hessian|batch|fuzz-bad-input|fuzz-soak|blocked-reduce|blocked-concurrent)\\.test\\.mjs$';
const SEPARATE_SUITES = '(ops|reductions|errors|ranges|batch)\\.test\\.mjs$';
const passes = [
  { name: 'calling thread', pattern: '\\.test\\.mjs$', env: { LAZYKERNEL_THREADS: '1' } },
  { name: 'worker pool', pattern: POOL_SUITES, env: { LAZYKERNEL_THREADS: '2', LAZYKERNEL_POOL_THRESHOLD: '0' } },
  { name: 'row lanes', pattern: ORACLE_SUITES, env: { LAZYKERNEL_THREADS: '1', LAZYKERNEL_ROW_LANES: 'always' } },
  { name: 'separate worker memories', pattern: SEPARATE_SUITES, env: { LAZYKERNEL_WORKER_MEMORY: 'separate', LAZYKERNEL_THREADS: '2', LAZYKERNEL_POOL_THRESHOLD: '0' } },
];
let passed = 0;
let failed = 0;
for (const pass of passes) {
  console.log(`\n##### ${pass.name}`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'uvu', 'bin.js'), 'test', pass.pattern, ...process.argv.slice(2)], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...pass.env },
  });
  process.stdout.write(run.stdout ?? '');
  const total = Number(/Total:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
  passed += ok;
  failed += run.status === 0 && total > 0 ? total - ok : Math.max(1, total - ok);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
