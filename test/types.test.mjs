// The package's types as an app's TypeScript sees them: `tsc --strict` in a separate project
// (the package linked into its node_modules, as npm installs it), for every export path that
// has code, with moduleResolution 'bundler' and 'nodenext', and without @types/node (a browser
// app has none). A file with a deliberate type error must fail, so the check can fail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const APP = `
import { tensor, Tensor, Vi, Vj, configure, engineInfo, ShapeError, parseExpression, Genred, type EngineInfo, type ConfigureOptions, type LazyExpression, type ExpressionReductionMethod } from 'lazykernel';
import * as browser from 'lazykernel/browser';
import engineModule from 'lazykernel/lazykernel.wasm';
import threadsModule from 'lazykernel/lazykernel-threads.wasm';
import 'lazykernel/lazykernel-worker.js';
const modules: WebAssembly.Module[] = [engineModule, threadsModule];
configure({ wasmModule: modules[0]! });
const X: Tensor = tensor(new Float32Array(6), [3, 2]);
const options: ConfigureOptions = { assetBase: '/static/lazykernel/', threads: 2 };
configure(options);
export async function run(): Promise<number> {
  const s: Tensor = await Vi(X).sqdist(Vj(X)).neg().exp().sum(1);
  const info: EngineInfo = await engineInfo();
  const fromBrowser: Tensor = await browser.Vi(X).sqdist(browser.Vj(X)).sum(1);
  const e: Error = new ShapeError('x');
  const expr: LazyExpression = parseExpression('Vi(x).sqdist(Vj(y)).neg().exp().sum(1)', { x: X, y: X, s: 0.5, p: [1, 2] });
  const method: ExpressionReductionMethod | undefined = expr.reduction?.method;
  const parsed: Tensor | Tensor[] = await expr.run({ backend: 'wasm' });
  // Genred: the contract call resolves to a Tensor, the *_Arg* reductions to [values, indices].
  const summed: Tensor = await Genred('Exp(-SqDist(x,y)) * b', ['x = Vi(3)', 'y = Vj(3)', 'b = Vj(1)'], { reductionOp: 'Sum', axis: 1 })(X, X, X, { backend: 'wasm' });
  const [values, indices]: [Tensor, Tensor] = await Genred('SqDist(x,y)', ['x = Vi(2)', 'y = Vj(2)'], { reductionOp: 'KMin_ArgKMin', k: 2, axis: 1 })(X, X);
  const byDefault: Tensor = await Genred('x', ['x = Vi(2)'])(X);
  return s.data[0]! + info.threads + fromBrowser.shape[0]! + e.name.length + String(method).length + (Array.isArray(parsed) ? 2 : 1) + summed.size + values.size + indices.size + byDefault.size;
}
`;
// assetBase must be a string, URL or null: the types must say so.
const BAD = `
import { configure } from 'lazykernel';
configure({ assetBase: 42 });
`;

function project(resolution) {
  const dir = mkdtempSync(join(tmpdir(), `lazykernel-types-${resolution}-`));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'lazykernel'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module, moduleResolution: resolution, lib: ['es2022', 'dom'], types: [], skipLibCheck: false },
    files: ['app.ts'],
  }));
  return dir;
}

function typecheck(dir, source) {
  writeFileSync(join(dir, 'app.ts'), source);
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}` || String(e);
  }
}

for (const resolution of ['bundler', 'nodenext']) {
  test(`tsc --strict (moduleResolution ${resolution}, no @types/node) types every export path ('lazykernel', 'lazykernel/browser', the wasm and worker files)`, () => {
    const dir = project(resolution);
    try {
      const errors = typecheck(dir, APP);
      assert.is(errors, '', errors);
      const bad = typecheck(dir, BAD);
      assert.match(bad, /TS2322/, `a wrong option type was not caught: ${bad}`);
      assert.not.match(bad, /TS7016/, bad);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
