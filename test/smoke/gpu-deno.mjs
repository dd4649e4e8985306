// Runs the WebGPU checks (gpu-checks.mjs) under Deno, whose navigator.gpu finds Mesa's llvmpipe
// (apt-get install mesa-vulkan-drivers; XDG_RUNTIME_DIR set). Prints progress on stderr and
// the result as one JSON line on stdout. Arguments: section names to run (default: all).
import { runGpuChecks, parseOpShare } from './gpu-checks.mjs';
import { shutdown, shutdownGpu } from '../../build/src/index.js';

const only = Deno.args.length ? Deno.args : undefined;
const randomTarget = Number(Deno.env.get('GPU_RANDOM_TARGET') ?? 300);
// GPU_OP_SHARE=P,Q/N: the op table's variants of index P or Q modulo N (test/gpu.test.mjs splits them with Chromium).
const opTableShare = parseOpShare(Deno.env.get('GPU_OP_SHARE') ?? '0/1');
const result = await runGpuChecks({ log: (m) => console.error(m), only, randomTarget, opTableShare });
await shutdownGpu();
await shutdown();
console.log(JSON.stringify(result));
