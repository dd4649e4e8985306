// Imports point one way (issue 25): the layer rules below hold for every runtime import in src/
// and gpu/ (tools/import-graph.mjs: `import type` skipped), and no file joins an import cycle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGraph, cycles } from '../tools/import-graph.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A file's layer: its folder under src/ (gpu/ is a backend), or 'index' / 'errors' / 'abort'. */
function layerOf(file) {
  if (file.startsWith('gpu/')) return 'gpu';
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.ts$/, '');
}

/** Layers that must not import from the listed ones (a backend never reaches up into the API). */
const ABOVE_DISPATCH = ['api', 'ot', 'linalg', 'optim', 'cluster', 'models', 'distributed'];
const FORBIDDEN = {
  // index -> models -> ot, linalg, optim, cluster -> api -> dispatch -> plan -> formula -> tape -> backends
  // (engine -> compile -> tape).
  // distributed (its own entry, lazykernel/distributed) sits beside index: nothing imports it.
  index: ['distributed'],
  models: ['distributed'],
  ot: ['distributed'],
  optim: ['distributed'],
  cluster: ['distributed'],
  api: ['ot', 'linalg', 'optim', 'cluster', 'models', 'distributed'],
  linalg: ['models', 'distributed'],
  dispatch: [...ABOVE_DISPATCH],
  plan: [...ABOVE_DISPATCH, 'dispatch', 'engine', 'gpu'],
  engine: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'formula', 'tensor', 'autograd'],
  gpu: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'formula', 'tensor', 'autograd'],
  tape: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'formula', 'tensor', 'autograd', 'engine', 'gpu', 'compile'],
  // The compiled tier's code generator sits below the engine, beside the tape it reads.
  compile: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'formula', 'tensor', 'autograd', 'engine', 'gpu', 'oracle'],
  formula: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'engine', 'gpu'],
  oracle: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'engine', 'gpu'],
  tensor: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'engine', 'gpu'],
  autograd: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'engine', 'gpu'],
  errors: ['*'],
  abort: [...ABOVE_DISPATCH, 'dispatch', 'plan', 'formula', 'tensor', 'autograd', 'engine', 'gpu', 'tape'],
};

function violations(graph) {
  const found = [];
  for (const [file, deps] of graph) {
    const forbidden = FORBIDDEN[layerOf(file)] ?? [];
    for (const dep of deps) {
      const to = layerOf(dep);
      if (to !== layerOf(file) && (forbidden.includes(to) || (forbidden.includes('*') && to !== 'errors'))) found.push(`${file} -> ${dep}`);
    }
  }
  return found;
}

const graph = importGraph();

test('the import graph is read: every module of src/ and gpu/, with its runtime imports', () => {
  assert.ok(graph.size > 100, `${graph.size} files`);
  assert.ok(graph.get('src/index.ts').has('src/api/lazy-tensor.ts'));
  // A type-only import is no edge: reduce.ts imports Tape only as a type.
  assert.not.ok([...graph.get('src/engine/wasm-engine.ts')].some((d) => d === 'src/tape/tape.ts'));
});

test('layer rules: no file imports a layer above its own (api, dispatch, plan, formula, tape, backends)', () => {
  assert.equal(violations(graph), []);
  // The rule can fail: an engine file importing the API is caught.
  const broken = new Map(graph);
  broken.set('src/engine/pool.ts', new Set([...graph.get('src/engine/pool.ts'), 'src/api/engine.ts']));
  assert.equal(violations(broken), ['src/engine/pool.ts -> src/api/engine.ts']);
});

test('no runtime import cycle in src/ and gpu/', () => {
  assert.equal(cycles(graph), []);
  // The check can fail: a cycle made on purpose is found.
  const looped = new Map(graph);
  looped.set('src/errors.ts', new Set(['src/abort.ts']));
  looped.set('src/abort.ts', new Set(['src/errors.ts']));
  assert.ok(cycles(looped).some((c) => c.includes('src/errors.ts') && c.includes('src/abort.ts')));
});

/** Runtime imports from a layer above the dispatcher straight into a backend (engine, gpu, oracle). */
function backendShortcuts(graph) {
  return [...graph].flatMap(([file, deps]) => (ABOVE_DISPATCH.includes(layerOf(file)) && layerOf(file) !== 'distributed'
    ? [...deps].filter((d) => ['engine', 'gpu', 'oracle'].includes(layerOf(d))).map((d) => `${file} -> ${d}`) : []));
}

test('the API and the libraries on it reach backends only through the dispatcher: none of their files imports an engine, GPU or oracle module', () => {
  assert.equal(backendShortcuts(graph), []);
  // The rule can fail: an API file importing the engine's runtime module is caught.
  const broken = new Map(graph);
  broken.set('src/api/engine.ts', new Set([...graph.get('src/api/engine.ts'), 'src/engine/runtime.ts']));
  assert.equal(backendShortcuts(broken), ['src/api/engine.ts -> src/engine/runtime.ts']);
});

test('bullmq and ioredis are imported by src/distributed/ only: the core package stays dependency-free', () => {
  const importsQueue = (text) => /(?:from\s+|import\s*\(\s*)['"](?:bullmq|ioredis)['"]/.test(text.replace(/^import type .*$/gm, ''));
  const offenders = [...graph.keys()].filter((file) => !file.startsWith('src/distributed/') && importsQueue(readFileSync(join(root, file), 'utf8')));
  assert.equal(offenders, []);
  // The check can fail: a runtime import is seen, a type-only one is not.
  assert.ok(importsQueue("import { Queue } from 'bullmq';"));
  assert.not.ok(importsQueue("import type { Queue } from 'bullmq';"));
  // And the distributed entry does reach them (dynamically, in peers.ts).
  assert.ok(/import\(name\)/.test(readFileSync(join(root, 'src/distributed/peers.ts'), 'utf8')));
});

test.run();
