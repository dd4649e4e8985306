// The API reference shows an example for everything the package exports (issue 17):
//   (a) every exported function and class, and every public method and getter of an exported
//       class, has an @example block in its TSDoc (tools/doc-examples.mjs says what counts);
//   (b) every example runs: each ```ts block is an ES module importing from 'lazykernel' (the
//       build), and it must not throw or reject, and its `console.log(x); // => value` lines
//       must print that value. All run in one child process (tools/doc-examples-run.mjs);
//   (c) every example compiles as strict TypeScript against the built declarations.
// Examples marked `// doc-example: skip <reason>` are counted and reported, and need a reason.
// The checks are also run on broken examples, to show that they can fail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectExamples, runExamples, skipReason, typecheckExamples, examplesOfComment } from '../tools/doc-examples.mjs';

const records = collectExamples();

test('every exported function, class, method and getter has an @example in its TSDoc', () => {
  const missing = records.filter((r) => r.examples.length === 0);
  if (missing.length > 0) {
    const list = missing.map((r) => `  ${r.name} (${r.kind}, ${r.file}:${r.line})`).join('\n');
    assert.unreachable(
      `${missing.length} exported symbol(s) have no @example in their TSDoc:\n${list}\n` +
        "Add to each one's doc comment an `@example` tag followed by a ```ts fenced block that imports from 'lazykernel' " +
        'and runs in well under a second (see any documented method in src/tensor/tensor.ts; `node tools/doc-examples.mjs --missing` lists them, ' +
        '`node tools/doc-examples.mjs --run NAME` runs one symbol\'s examples).',
    );
  }
});

test('the coverage reaches the package: classes, their methods and getters, and functions are all counted', () => {
  const names = new Set(records.map((r) => r.name));
  for (const name of ['tensor', 'Vi', 'LazyTensor', 'LazyTensor.sum', 'Tensor.size', 'samplesLoss', 'eigsh', 'SGD.zeroGrad', 'LinearOperator.T']) {
    assert.ok(names.has(name), `${name} is not among the symbols checked`);
  }
  for (const name of ['MAX_EXPRESSION_LENGTH', 'LazyTensor.node', 'Tensor.versionCounter']) {
    assert.not.ok(names.has(name), `${name} (a constant, an internal or a private member) should not be checked`);
  }
});

test('an example is a ts/js fenced block after @example, up to the next tag', () => {
  const body = [
    'Summary with a block that is no example:',
    '```ts', 'notAnExample();', '```',
    '@example',
    'Some words.',
    '```ts', 'first();', '```',
    '```text', 'output, not code', '```',
    '```js', 'second();', '', '// @ts-ignore inside a block is code', 'third();', '```',
    '@returns something',
    '```ts', 'afterAnotherTag();', '```',
  ].join('\n');
  assert.equal(examplesOfComment(body), ['first();', 'second();\n\n// @ts-ignore inside a block is code\nthird();']);
});

test('every example runs without throwing, and prints what its // => comments say', () => {
  const start = performance.now();
  const { results, skipped } = runExamples(records);
  const seconds = (performance.now() - start) / 1000;
  const failed = results.filter((r) => !r.ok);
  const noReason = skipped.filter((s) => !s.reason);
  const reasons = skipped.map((s) => `${s.id} (${s.reason || 'NO REASON'})`).join('; ');
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3).map((r) => `${r.id} ${r.ms.toFixed(0)} ms`).join(', ');
  console.log(`doc examples: ${results.length} run, ${failed.length} failed, ${skipped.length} skipped${skipped.length ? `: ${reasons}` : ''}; ${seconds.toFixed(1)} s (slowest: ${slowest})`);
  assert.ok(results.length > 0, 'no example ran');
  if (failed.length > 0) {
    assert.unreachable(`${failed.length} example(s) failed:\n${failed.map((r) => `  ${r.id}: ${r.error}`).join('\n')}`);
  }
  if (noReason.length > 0) {
    assert.unreachable(`skipped example(s) without a reason (write \`// doc-example: skip <why it cannot run in Node>\`): ${noReason.map((s) => s.id).join(', ')}`);
  }
});

test('every example compiles as strict TypeScript against the package\'s declarations', () => {
  const errors = typecheckExamples(records);
  if (errors.length > 0) {
    assert.unreachable(`${errors.length} type error(s) in the examples:\n${errors.map((d) => `  ${d.id} line ${d.line}: ${d.message}`).join('\n')}`);
  }
});

test('a broken example fails with its name: a throw, a rejection, a wrong // => value', () => {
  const bad = [
    { name: 'throws', examples: ["import { tensor } from 'lazykernel';\ntensor([1, 2], [3]);"] },
    { name: 'rejects', examples: ["import { tensor, Vi } from 'lazykernel';\nawait Vi(tensor([1, 2], [2, 1])).sum(7);"] },
    { name: 'wrongValue', examples: ["import { tensor } from 'lazykernel';\nconsole.log(tensor([1, 2]).sum()); // => 4"] },
    { name: 'roundedValue', examples: ["import { tensor } from 'lazykernel';\nconsole.log(tensor([1]).exp().item()); // => 2.718"] },
    { name: 'typed', examples: ["import { tensor, type Tensor } from 'lazykernel';\nconst t: Tensor = tensor([1, 2]);\nconsole.log(t.shape as number[]); // => [2]"] },
    { name: 'skipped', examples: ["// doc-example: skip needs a WebGPU adapter\nawait navigator.gpu.requestAdapter();"] },
  ];
  const { results, skipped } = runExamples(bad);
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  assert.match(byName.throws.error, /ShapeError/);
  assert.match(byName.rejects.error, /axis|ValueError/i);
  assert.match(byName.wrongValue.error, /line 2: the comment says => 4, the value is 3/);
  assert.ok(byName.roundedValue.ok, byName.roundedValue.error);
  assert.ok(byName.typed.ok, `TypeScript syntax is stripped: ${byName.typed.error}`);
  assert.equal(skipped, [{ id: 'skipped#1', name: 'skipped', reason: 'needs a WebGPU adapter' }]);
  assert.is(skipReason('// doc-example: skip\nfoo();'), '', 'a marker without a reason reads as an empty reason');
  const typeErrors = typecheckExamples([...bad, { name: 'badType', examples: ["import { tensor } from 'lazykernel';\ntensor('1, 2');"] }]);
  assert.equal([...new Set(typeErrors.map((d) => d.name))].sort(), ['badType', 'rejects'], JSON.stringify(typeErrors));
});

test.run();
