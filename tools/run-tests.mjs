// Runs the uvu suite (test/*.test.mjs) in the engine's two modes and ends with one plain
// summary line, "N passed, N failed", that CI logs can be read by:
//   1. calling thread (LAZYKERNEL_THREADS=1): every test file;
//   2. worker pool (LAZYKERNEL_THREADS=2, every reduction on the pool): the oracle suites and
//      the fuzzers (bad input, soak) and the streamed (blocked) reductions;
//   3. row lanes (LAZYKERNEL_ROW_LANES=always: output rows across the SIMD lanes wherever the
//      reduction allows it, not only for few columns): the oracle suites again (not the
//      fuzzers: the soak switches row lanes itself, and CI time is short);
//   4. separate worker memories (LAZYKERNEL_WORKER_MEMORY=separate, as in a page that is not
//      cross-origin isolated; every reduction on those workers): a few oracle suites;
//   5. compiled tier (LAZYKERNEL_COMPILE=always: every formula's row instructions compiled to
//      WebAssembly, src/compile/): a few oracle suites.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORACLE_SUITES = '(ops|reductions|random-formulas|errors|ranges|reduction-grad|hessian|batch)\\.test\\.mjs$';
const POOL_SUITES = '(ops|reductions|random-formulas|errors|ranges|reduction-grad|hessian|batch|pykeops-port|fuzz-bad-input|fuzz-soak|blocked-reduce|blocked-concurrent|plan-shards)\\.test\\.mjs$';
const SEPARATE_SUITES = '(ops|reductions|errors|ranges|batch)\\.test\\.mjs$';
const COMPILED_SUITES = '(ops|reductions|random-formulas)\\.test\\.mjs$';
const passes = [
  { name: 'calling thread', pattern: '\\.test\\.mjs$', env: { LAZYKERNEL_THREADS: '1' } },
  { name: 'worker pool', pattern: POOL_SUITES, env: { LAZYKERNEL_THREADS: '2', LAZYKERNEL_POOL_THRESHOLD: '0' } },
  { name: 'row lanes', pattern: ORACLE_SUITES, env: { LAZYKERNEL_THREADS: '1', LAZYKERNEL_ROW_LANES: 'always' } },
  { name: 'separate worker memories', pattern: SEPARATE_SUITES, env: { LAZYKERNEL_WORKER_MEMORY: 'separate', LAZYKERNEL_THREADS: '2', LAZYKERNEL_POOL_THRESHOLD: '0' } },
  { name: 'compiled tier', pattern: COMPILED_SUITES, env: { LAZYKERNEL_THREADS: '1', LAZYKERNEL_COMPILE: 'always' } },
];
let passed = 0;
let failed = 0;
const failureReports = [];
for (const pass of passes) {
  console.log(`\n##### ${pass.name}`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'uvu', 'bin.js'), 'test', pass.pattern, ...process.argv.slice(2)], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...pass.env },
  });
  process.stdout.write(run.stdout ?? '');
  const total = Number(/Total:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
  passed += ok;
  const failedHere = run.status === 0 && total > 0 ? total - ok : Math.max(1, total - ok);
  failed += failedHere;
  if (failedHere > 0) failureReports.push({ pass: pass.name, text: failureText(run.stdout ?? '') });
}
// CI logs are often read from their tail only: repeat each failure's report (uvu prints it in
// the middle of a pass) just above the summary line.
for (const report of failureReports) console.log(`\n##### failures in the ${report.pass} pass\n${report.text}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);


/** The lines of a uvu run that are not progress dots (file names, FAIL blocks, stack traces), at most 200. */
function failureText(stdout) {
  const plain = stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((line) => !/^[\s•✘]*(\(\d+ \/ \d+\))?\s*$/.test(line));
  return lines.slice(0, 200).join('\n');
}
