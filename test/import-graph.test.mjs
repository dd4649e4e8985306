// Imports point one way (issue 25): the layer rules below hold for every runtime import in src/
// and gpu/ (tools/import-graph.mjs: `import type` skipped), and no file joins an import cycle.
// The cycles still there are listed (KNOWN_CYCLES): the list may only shrink, to none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importGraph, cycles } from '../tools/import-graph.mjs';

/** A file's layer: its folder under src/ (gpu/ is a backend), or 'index' / 'errors' / 'abort'. */
function layerOf(file) {
  if (file.startsWith('gpu/')) return 'gpu';
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.ts$/, '');
}

/** Layers that must not import from the listed ones (a backend never reaches up into the API). */
const FORBIDDEN = {
  engine: ['api', 'formula', 'tensor', 'autograd', 'ot', 'linalg', 'optim', 'cluster'],
  gpu: ['api', 'formula', 'tensor', 'autograd', 'ot', 'linalg', 'optim', 'cluster'],
  tape: ['api', 'formula', 'tensor', 'autograd', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu'],
  formula: ['api', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu'],
  oracle: ['api', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu'],
  tensor: ['api', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu'],
  autograd: ['api', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu'],
  errors: ['*'],
  abort: ['api', 'formula', 'tensor', 'autograd', 'ot', 'linalg', 'optim', 'cluster', 'engine', 'gpu', 'tape'],
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

// Groups of files still in import cycles (strongly connected components), to be untied.
const KNOWN_CYCLES = [
  ['src/api/engine.ts', 'src/api/gpu-choice.ts', 'src/api/lazy-tensor.ts', 'src/api/reduce.ts', 'src/api/reduction-grad.ts', 'src/api/run-reduction.ts', 'src/api/variables.ts', 'src/api/warm-up.ts', 'src/linalg/cg.ts', 'src/linalg/columns.ts', 'src/linalg/linear-operator.ts', 'src/linalg/solve.ts'],
];

const graph = importGraph();

test('the import graph is read: every module of src/ and gpu/, with its runtime imports', () => {
  assert.ok(graph.size > 100, `${graph.size} files`);
  assert.ok(graph.get('src/index.ts').has('src/api/lazy-tensor.ts'));
  // A type-only import is no edge: reduce.ts imports Tape only as a type.
  assert.not.ok([...graph.get('src/engine/wasm-engine.ts')].some((d) => d === 'src/tape/tape.ts'));
});

test('layer rules: no backend, tape, formula, tensor or autograd file imports a layer above it', () => {
  assert.equal(violations(graph), []);
  // The rule can fail: an engine file importing the API is caught.
  const broken = new Map(graph);
  broken.set('src/engine/pool.ts', new Set([...graph.get('src/engine/pool.ts'), 'src/api/engine.ts']));
  assert.equal(violations(broken), ['src/engine/pool.ts -> src/api/engine.ts']);
});

test('no file joins an import cycle (the known ones may only shrink)', () => {
  const known = new Set(KNOWN_CYCLES.flat());
  const found = cycles(graph);
  const joined = found.flat().filter((f) => !known.has(f));
  assert.equal(joined, [], `files newly in an import cycle: ${joined.join(', ')}`);
  const untied = [...known].filter((f) => !found.flat().includes(f));
  assert.equal(untied, [], `no longer in a cycle (remove them from KNOWN_CYCLES): ${untied.join(', ')}`);
  // The check can fail: a cycle made on purpose is found.
  const looped = new Map(graph);
  looped.set('src/errors.ts', new Set(['src/abort.ts']));
  looped.set('src/abort.ts', new Set(['src/errors.ts']));
  assert.ok(cycles(looped).some((c) => c.includes('src/errors.ts') && c.includes('src/abort.ts')));
});

test.run();
