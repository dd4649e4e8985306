// The WebGPU backend's parts that need no GPU: the WGSL snippet table against the opcode table,
// kernel generation for every op and every reduction, the block-sparse task table, adapter
// classification and the backend policy ('auto' / 'webgpu', float64, missing or software
// adapters) with stand-in WebGPU objects. The kernels themselves run in test/gpu.test.mjs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, LazyTensor, configureGpu, webgpuInfo, BackendError, ValueError } from '../build/src/index.js';
import { ELEMENTWISE_OPCODES, OPCODES, REDUCTIONS } from '../build/src/tape/opcodes.js';
import { OP_TABLE } from '../build/src/formula/op-table.js';
import { apply } from '../build/src/formula/build.js';
import { lowerFormula } from '../build/src/formula/lower.js';
import { WGSL_ELEMENTWISE } from '../build/gpu/wgsl-ops.js';
import { generateKernel, kernelKey } from '../build/gpu/wgsl.js';
import { describeAdapter, sparseTasks } from '../build/gpu/webgpu-engine.js';
import { gpuEngineFor, defaultAutoThreshold } from '../build/src/api/gpu-choice.js';

test('every element-wise opcode has a WGSL snippet with the same arity, and no snippet lacks an opcode', () => {
  assert.equal(Object.keys(WGSL_ELEMENTWISE).sort(), Object.keys(ELEMENTWISE_OPCODES).sort());
  for (const [name, { arity }] of Object.entries(ELEMENTWISE_OPCODES)) {
    assert.is(WGSL_ELEMENTWISE[name].arity, arity, `${name}: arity`);
    const used = ['a', 'b', 'c'].filter((x) => new RegExp(`\\b${x}\\b`).test(WGSL_ELEMENTWISE[name].wgsl));
    assert.equal(used, ['a', 'b', 'c'].slice(0, arity), `${name}: the snippet '${WGSL_ELEMENTWISE[name].wgsl}' should read exactly its ${arity} operands`);
  }
});

/** A float32 formula exercising `spec` with i- and j-operands, and its variables. */
function opFormula(spec, d) {
  const argDims = spec.test.argDims(d);
  if (!argDims) return null;
  const attrs = spec.test.attrs?.[0] ?? [];
  const args = argDims.map((ad, k) => (k % 2 === 0 ? Vi(tensor(new Float32Array(4 * ad).fill(0.5), [4, ad])) : Vj(tensor(new Float32Array(6 * ad).fill(0.5), [6, ad]))));
  let F = new LazyTensor(apply(spec.name, args.map((a) => a.node), attrs));
  if (args.length === 1) F = F.mul(Vj(tensor(new Float32Array(6).fill(1), [6, 1])));
  return F;
}

function specOf(F, kind, { k = 0, aux = null, swap = false, sparse = false } = {}) {
  const { tape, vars } = lowerFormula(F.node, aux?.node ?? null, 4, swap, kind === 'SUM');
  const cat = (c) => (swap && c !== 'p' ? (c === 'i' ? 'j' : 'i') : c);
  return {
    tape, reduction: kind, k, sparse,
    vars: vars.map((v) => ({ dim: v.dim, category: cat(v.category) })),
    wantValues: !['ARGMIN', 'ARGMAX', 'ARGKMIN'].includes(kind),
    wantIndices: kind.includes('ARG'),
  };
}

test('a kernel is generated for every op of the op table (every opcode) and every reduction, on both axes, dense and block-sparse', () => {
  const opcodes = new Set();
  for (const [name, spec] of OP_TABLE) {
    for (const d of [1, 3]) {
      const F = opFormula(spec, d);
      if (!F) continue;
      for (const swap of [false, true]) {
        const s = specOf(F, 'SUM', { swap });
        for (let t = 0; t < s.tape.nInstr; t++) opcodes.add(OPCODES[s.tape.code[t * 9]]);
        const kernel = generateKernel(s);
        assert.ok(kernel.code.includes('@compute'), `${name} d=${d}`);
      }
    }
  }
  // EXP(MUL) is fused into EXPMUL, EXP(SUB) into EXPSUB; a parameter.
  const a = Vi(tensor(new Float32Array(4).fill(1), [4, 1]));
  const b = Vj(tensor(new Float32Array(6).fill(1), [6, 1]));
  for (const F of [a.mul(b).exp().add(Pm([2])), a.sub(b).exp()]) {
    const fused = specOf(F, 'SUM');
    for (let t = 0; t < fused.tape.nInstr; t++) opcodes.add(OPCODES[fused.tape.code[t * 9]]);
    generateKernel(fused);
  }
  assert.equal(OPCODES.filter((op) => !opcodes.has(op)), [], 'opcodes no op-table formula lowered to');
  const X = tensor(new Float32Array(12).fill(1), [4, 3]);
  const Y = tensor(new Float32Array(18).fill(1), [6, 3]);
  const W = tensor(new Float32Array(12).fill(1), [6, 2]);
  const scalar = Vi(X).sqdist(Vj(Y)).neg();
  const vector = Vi(X).sub(Vj(Y));
  for (const kind of REDUCTIONS) {
    const weighted = kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT';
    for (const F of weighted ? [scalar] : [scalar, vector]) {
      for (const k of kind.includes('KMIN') ? [1, 5, 40] : [0]) {
        for (const sparse of [false, true]) {
          const kernel = generateKernel(specOf(F, kind, { k, aux: weighted ? Vj(W) : null, sparse }));
          const width = weighted ? 2 : kind.includes('KMIN') ? k * F.dim : F.dim;
          assert.is(kernel.outWidth, width, `${kind} k=${k}`);
          assert.ok(kernel.stateWords > 0, `${kind}: accumulators to carry between dispatches`);
          if (kind.includes('KMIN')) assert.is(kernel.loopItersPerColumn > 0, k > 32, `${kind} k=${k}: looped insertion only for large K`);
        }
      }
    }
  }
});

test('registers reused by the tape builder become distinct WGSL values; j-only values read per pair are staged in workgroup memory', () => {
  // A formula long enough for the builder to reuse scratch offsets.
  const x = Vi(tensor(new Float32Array(12).fill(1), [4, 3]));
  const y = Vj(tensor(new Float32Array(18).fill(1), [6, 3]));
  const F = x.sub(y).square().sum(-1).add(y.exp().sum(-1)).add(x.sin().sum(-1)).mul(y.sqnorm2().exp()).exp();
  const s = specOf(F, 'LOGSUMEXP');
  const kernel = generateKernel(s);
  const lets = [...kernel.code.matchAll(/let (v\d+_\d+) =/g)].map((m) => m[1]);
  assert.ok(lets.length >= s.tape.nInstr, 'one value per component');
  assert.ok(kernel.sharedWords > 0 && kernel.code.includes('workgroupBarrier()'), 'staged j-values');
  // Pipelines are keyed by structure, not by constant values.
  const G = x.sqdist(y).mul(-0.5).exp();
  const H = x.sqdist(y).mul(-2).exp();
  assert.is(kernelKey(specOf(G, 'SUM')), kernelKey(specOf(H, 'SUM')));
  assert.is.not(kernelKey(specOf(G, 'SUM')), kernelKey(specOf(G, 'SUM', { swap: true })));
});

test('j-values beyond 16 KiB of workgroup memory are computed per pair instead of staged', () => {
  const x = Vi(tensor(new Float32Array(4 * 80), [4, 80]));
  const y = Vj(tensor(new Float32Array(6 * 80), [6, 80]));
  const wide = generateKernel(specOf(x.sqdist(y), 'SUM'));
  assert.is(wide.sharedWords, 0);
  assert.ok(wide.code.includes('let jl = j - P.colBase;') && !wide.code.includes('workgroupBarrier'));
  const narrow = generateKernel(specOf(Vi(tensor(new Float32Array(12), [4, 3])).sqdist(Vj(tensor(new Float32Array(18), [6, 3]))), 'SUM'));
  assert.is(narrow.sharedWords, 3 * 64);
});

test('the block-sparse task table splits clusters into workgroups of at most 64 rows, sorts their intervals and covers rows of no cluster', () => {
  const clusters = Int32Array.from([0, 100, 0, 2, 100, 100, 2, 2, 130, 140, 2, 3]);
  const intervals = Int32Array.from([50, 60, 0, 10, 5, 7]);
  const t = sparseTasks({ clusters, intervals, emptyRows: [[100, 130]] }, 140);
  const tasks = Array.from({ length: t.nTasks }, (_, k) => Array.from(t.words.slice(4 * k, 4 * k + 4)));
  assert.equal(tasks, [[0, 64, 0, 2], [64, 100, 0, 2], [130, 140, 2, 3], [100, 130, 0, 0]]);
  assert.equal(Array.from(t.words.slice(t.intervalsOff, t.intervalsOff + 6)), [0, 10, 50, 60, 5, 7]);
  assert.is(t.pairs, 100 * 20 + 10 * 2);
});

test('adapters are classified as software (llvmpipe, lavapipe, SwiftShader, WARP, fallback) or hardware', async () => {
  const kind = async (info, extra = {}) => (await describeAdapter({ info, limits: {}, ...extra })).software;
  assert.is(await kind({ vendor: '65541', device: '0', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }), true);
  assert.is(await kind({ vendor: 'google', architecture: 'swiftshader' }), true);
  assert.is(await kind({ vendor: 'mesa', description: 'lavapipe' }), true);
  assert.is(await kind({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }), true);
  assert.is(await kind({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: true }), true);
  assert.is(await kind({ vendor: 'nvidia', architecture: 'ampere' }), false);
  assert.is(await kind({ vendor: 'apple', architecture: 'metal-3' }), false);
  assert.is(await kind({ vendor: 'amd', architecture: 'rdna-3' }), false);
  assert.is(await kind({ vendor: 'intel', architecture: 'gen-12lp' }), false);
  assert.is(await kind({}, { isFallbackAdapter: true }), true);
  // Older implementations: requestAdapterInfo() instead of adapter.info.
  assert.is((await describeAdapter({ limits: {}, requestAdapterInfo: async () => ({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 4090' }) })).software, false);
});

/** A stand-in WebGPU implementation: an adapter with `info` and a device that is never used. */
function fakeGpu(info, { isFallbackAdapter = false } = {}) {
  const limits = {
    maxStorageBufferBindingSize: 2 ** 30, maxBufferSize: 2 ** 31, maxStorageBuffersPerShaderStage: 10, maxComputeWorkgroupStorageSize: 32768,
    maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 1024, maxComputeWorkgroupSizeX: 1024,
    minStorageBufferOffsetAlignment: 256, minUniformBufferOffsetAlignment: 256,
  };
  const device = { limits, queue: {}, lost: new Promise(() => {}), destroy() {} };
  return { requestAdapter: async () => ({ info, isFallbackAdapter, limits, requestDevice: async () => device }) };
}

function gaussianRequest(n, m, dtype = 'float32') {
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const X = tensor(new Arr(n * 3), [n, 3]);
  const Y = tensor(new Arr(m * 3), [m, 3]);
  const F = Vi(X).sqdist(Vj(Y)).neg().exp();
  const { tape, vars } = lowerFormula(F.node, null, dtype === 'float32' ? 4 : 8, false, true);
  return {
    tape, dtype, nRows: n, nCols: m, reduction: 'SUM', k: 0, outWidth: 1, wantValues: true, wantIndices: false,
    vars: vars.map((v) => ({ data: v.tensor.data, dim: v.dim, category: v.category, id: v.tensor.id, version: v.tensor.version })),
  };
}

test("the policy: 'webgpu' raises a BackendError without WebGPU or for float64; 'auto' picks only hardware adapters, float32 and large problems", async () => {
  const X = tensor([1, 2, 3], [3, 1], { dtype: 'float32' });
  const F = Vi(X).sub(Vj(X)).square();
  const errorOf = async (fn) => {
    try {
      await fn();
    } catch (e) {
      return e;
    }
    return null;
  };
  try {
    // This Node has no navigator.gpu.
    let e = await errorOf(() => F.sum(1, { backend: 'webgpu' }));
    assert.instance(e, BackendError);
    assert.match(e.message, /navigator\.gpu/);
    assert.equal(Array.from((await F.sum(1)).data), [5, 2, 5], "'auto' runs on wasm");
    const info = await webgpuInfo();
    assert.is(info.available, false);
    assert.ok(info.reasons.some((r) => /navigator\.gpu/.test(r)), info.reasons.join('; '));

    // float64 is refused before any device is looked for.
    e = await errorOf(() => Vi(tensor([1, 2], [2, 1], { dtype: 'float64' })).sub(Vj(tensor([1], [1, 1], { dtype: 'float64' }))).sum(1, { backend: 'webgpu' }));
    assert.instance(e, BackendError);
    assert.match(e.message, /float64/);

    configureGpu({ gpu: { requestAdapter: async () => null } });
    e = await errorOf(() => F.sum(1, { backend: 'webgpu' }));
    assert.instance(e, BackendError);
    assert.match(e.message, /no WebGPU adapter/);

    configureGpu({ gpu: null });
    e = await errorOf(() => F.sum(1, { backend: 'webgpu' }));
    assert.instance(e, BackendError);
    assert.match(e.message, /turned off/);

    // A hardware adapter: 'auto' takes float32 problems above the threshold only.
    configureGpu({ gpu: fakeGpu({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3080' }) });
    assert.ok(await gpuEngineFor('auto', gaussianRequest(3000, 3000)), 'large float32 on a hardware GPU');
    assert.is(await gpuEngineFor('auto', gaussianRequest(100, 100)), null, 'small problems stay on wasm');
    assert.is(await gpuEngineFor('auto', gaussianRequest(3000, 3000, 'float64')), null, 'float64 stays on wasm');
    assert.is(await gpuEngineFor('wasm', gaussianRequest(3000, 3000)), null, "'wasm' is wasm");
    assert.ok(await gpuEngineFor('webgpu', gaussianRequest(10, 10)), "'webgpu' takes any float32 size");
    let gi = await webgpuInfo();
    assert.equal([gi.available, gi.software, gi.autoSelects], [true, false, true]);
    configureGpu({ autoThreshold: 1e12 });
    assert.is(await gpuEngineFor('auto', gaussianRequest(3000, 3000)), null, 'the threshold is configurable');
    configureGpu({ autoThreshold: defaultAutoThreshold() });

    // A software adapter: never picked by 'auto', however large; 'webgpu' still uses it.
    for (const info of [{ vendor: '65541', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, { vendor: 'google', architecture: 'swiftshader' }]) {
      configureGpu({ gpu: fakeGpu(info, { isFallbackAdapter: true }) });
      assert.is(await gpuEngineFor('auto', gaussianRequest(5000, 5000)), null, `${info.vendor}: 'auto' must not pick a software adapter`);
      assert.ok(await gpuEngineFor('webgpu', gaussianRequest(50, 50)));
      gi = await webgpuInfo();
      assert.equal([gi.available, gi.software, gi.autoSelects], [true, true, false]);
      assert.ok(gi.reasons.some((r) => /runs on the CPU/.test(r)), gi.reasons.join('; '));
    }
    configureGpu({ allowSoftwareAdapter: true });
    assert.ok(await gpuEngineFor('auto', gaussianRequest(5000, 5000)), 'allowSoftwareAdapter lets auto pick it');
    configureGpu({ allowSoftwareAdapter: false });
  } finally {
    configureGpu({ gpu: null });
  }
});

test('configureGpu validates its options', () => {
  const throwsValue = (options, word) => {
    try {
      configureGpu(options);
    } catch (e) {
      assert.instance(e, ValueError);
      assert.match(e.message, word);
      return;
    }
    assert.unreachable(`configureGpu(${JSON.stringify(options)}) should throw`);
  };
  throwsValue({ gpu: {} }, /requestAdapter/);
  throwsValue({ autoThreshold: -1 }, /autoThreshold/);
  throwsValue({ allowSoftwareAdapter: 'yes' }, /allowSoftwareAdapter/);
  throwsValue({ powerPreference: 'fast' }, /powerPreference/);
  throwsValue({ gpus: null }, /unknown option 'gpus'/);
});

test.run();
