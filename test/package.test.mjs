// The package as users get it: what `npm pack` ships, the committed build, and the
// contract's calls run from another folder after `npm install <path-to-checkout>`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack ships the compiled JS, the types and the wasm, and no tests or benchmarks', () => {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  for (const needed of ['build/src/index.js', 'build/src/index.d.ts', 'build/src/engine/worker.js', 'build/lazykernel.wasm', 'build/lazykernel-threads.wasm', 'build/browser/lazykernel.js', 'build/lazykernel-worker.js', 'LICENSE', 'package.json', 'README.md']) {
    assert.ok(files.includes(needed), `npm pack is missing ${needed}`);
  }
  const unwanted = files.filter((f) => /^(test|bench|assembly|tools|examples|docs|out|gpu)\//.test(f) || f.startsWith('build/bench') || f.startsWith('build/testing') || f.startsWith('build/examples'));
  assert.equal(unwanted, [], `npm pack ships files users do not need: ${unwanted.join(', ')}`);
  // No file twice (the browser bundle inlines the wasm builds and the worker; it does not copy them).
  const byContent = new Map();
  for (const f of files) {
    const data = readFileSync(join(root, f));
    if (data.length < 1024) continue; // empty modules (`export {};`) are alike and tiny
    const hash = createHash('sha256').update(data).digest('hex');
    assert.not.ok(byContent.has(hash), `npm pack ships the same file twice: ${byContent.get(hash)} and ${f}`);
    byContent.set(hash, f);
  }
});

test('the committed build matches the sources (CI rebuilds it before the tests)', () => {
  if (!process.env.CI || !existsSync(join(root, '.git'))) return;
  const status = execFileSync('git', ['status', '--porcelain', '--', 'build/src', 'build/examples', 'build/browser', 'build/lazykernel.wasm', 'build/lazykernel-threads.wasm', 'build/lazykernel-worker.js'], { cwd: root, encoding: 'utf8' });
  assert.is(status.trim(), '', `build/ differs from the committed one; run npm run build and commit it:\n${status}`);
});

test('the contract calls work from another folder after npm install <path-to-checkout>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-consumer-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', root], { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'main.mjs'), `
      import { tensor, Tensor, Vi, Vj, Pm } from 'lazykernel';
      const N = 50, M = 70, sigma = 0.5;
      const X = tensor(new Float32Array(N * 3).map((_, k) => Math.sin(k)), [N, 3]);
      const Y = tensor(new Float32Array(M * 3).map((_, k) => Math.cos(k)), [M, 3]);
      const B = tensor(new Float32Array(M * 2).map((_, k) => k % 5), [M, 2]);
      const Wt = tensor(new Float32Array(M).fill(0.5), [M, 1]);
      const W = tensor([1, 2, 3], [3], { dtype: 'float64', requiresGrad: true });
      const s = Pm(0.5);
      const x = Vi(X), y = Vj(Y);
      const K = x.sqdist(y).mul(-1 / (2 * sigma ** 2)).exp();
      const D = x.sqdist(y).mul(s).neg();
      const out = {
        shapes: [X.shape, X.dtype, X.data.constructor.name, W.dtype, W.requiresGrad, W instanceof Tensor],
        print: String(K),
        sum1: (await K.mul(Vj(B)).sum(1)).shape,
        sum0: (await K.sum(0)).shape,
        lse: (await D.logsumexp(1)).shape,
        lsew: (await D.logsumexp(1, { weight: Vj(Wt) })).shape,
        ssw: (await D.sumsoftmaxweight(Vj(B), 1)).shape,
        min: (await D.min(1)).shape, max: (await D.max(1)).shape,
        argmin: (await D.argmin(1)).dtype, argmax: (await D.argmax(1)).shape,
        kmin: (await D.Kmin(5, 1)).shape, argkmin: (await D.argKmin(5, 1)).shape,
      };
      console.log(JSON.stringify(out));
    `);
    const result = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' }));
    assert.equal(result.shapes, [[50, 3], 'float32', 'Float32Array', 'float64', true, true]);
    assert.match(result.print, /Exp/);
    assert.match(result.print, /50, 70/);
    assert.equal(result.sum1, [50, 2]);
    assert.equal(result.sum0, [70, 1]);
    assert.equal(result.lse, [50, 1]);
    assert.equal(result.lsew, [50, 1]);
    assert.equal(result.ssw, [50, 2]);
    assert.equal([result.min, result.max, result.argmin, result.argmax], [[50, 1], [50, 1], 'int32', [50, 1]]);
    assert.equal([result.kmin, result.argkmin], [[50, 5], [50, 5]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
