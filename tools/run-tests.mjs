// Runs the uvu suite (every test/*.test.mjs) and ends with one plain summary line,
// "N passed, N failed", that CI logs can be read by.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = [join(root, 'node_modules', 'uvu', 'bin.js'), 'test', '\\.test\\.mjs$', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
process.stdout.write(run.stdout ?? '');
const total = Number(/Total:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(run.stdout ?? '')?.[1] ?? 0);
const failed = run.status === 0 ? total - passed : Math.max(1, total - passed);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && total > 0 ? 0 : 1);
