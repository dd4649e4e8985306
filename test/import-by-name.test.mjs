// `import ... from 'lazykernel'` by name, as an app does after npm install, in Node, Deno and
// Bun: each resolves through the package's conditional exports to the package's own modules
// (node / deno / bun conditions: workers and the wasm file beside them), runs a reduction and
// starts its worker pool.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const MAIN = `
import { tensor, Vi, Vj, engineInfo, configure, ShapeError } from 'lazykernel';
configure({ threads: 2 });
const X = tensor(new Float32Array([0, 0, 1, 0, 0, 2]), [3, 2]);
const s = await Vi(X).sqdist(Vj(X)).neg().exp().sum(1);
const info = await engineInfo();
let name = null;
try { Vi(X).sqdist(Vj(tensor(new Float32Array(3), [1, 3]))); } catch (e) { name = e instanceof ShapeError ? e.name : 'other'; }
console.log(JSON.stringify({ resolved: import.meta.resolve('lazykernel'), first: s.data[0], mode: info.mode, threads: info.threads, name }));
`;

const dir = mkdtempSync(join(tmpdir(), 'lazykernel-by-name-'));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(root, join(dir, 'node_modules', 'lazykernel'), 'dir');
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
writeFileSync(join(dir, 'main.mjs'), MAIN);
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const [runtime, command, args] of [['Node', process.execPath, []], ['Deno', bin('deno'), ['run', '--allow-read', '--allow-env']], ['Bun', bin('bun'), []]]) {
  test(`${runtime} imports 'lazykernel' by name: the package's modules, workers running`, () => {
    const out = execFileSync(command, [...args, 'main.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60000, env: { ...process.env, LAZYKERNEL_THREADS: '', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });
    const r = JSON.parse(out.trim().split('\n').pop());
    assert.match(r.resolved, /build\/src\/index\.js$/, r.resolved);
    assert.ok(Math.abs(r.first - (1 + Math.exp(-1) + Math.exp(-4))) < 1e-5, String(r.first));
    assert.is(r.mode, 'workers');
    assert.is(r.threads, 2);
    assert.is(r.name, 'ShapeError');
  });
}

test.run();
