// Relaxed SIMD (WebAssembly's relaxed_madd / relaxed_nmadd: a fused multiply-add where the
// hardware has one) in the compiled tier's generated code: exp's polynomial and range reduction,
// squared distances and dot products take one instruction instead of two. Results differ from
// the interpreter's by the rounding of the products that are no longer rounded apart (exp stays
// within 1 ulp; test/compiled-tier.test.mjs measures it), so it is a mode: 'auto' (the default)
// uses it where the runtime validates it (Chromium, Deno, Bun, Node >= 22; Node 20 behind
// --experimental-wasm-relaxed-simd): Gaussian kernels 1.2-1.3x faster (bench/RESULTS.md,
// "Relaxed SIMD"); 'never' keeps the compiled tier bit for bit the interpreter's everywhere.
import { FunctionBody, SIMD, encodeModule } from './wasm-encoder.js';
export const RELAXED_SIMD_MODES = ['auto', 'never'];
/** A module whose one function runs f32x4.relaxed_madd on three constants. */
function probeModule() {
    const body = new FunctionBody(0);
    const zero = new Uint8Array(16);
    body.v128Const(zero).v128Const(zero).v128Const(zero).simd(SIMD.f32x4RelaxedMadd).op(0x1a); // drop
    return encodeModule({
        types: [{ params: [], results: [] }],
        memory: { module: 'env', name: 'memory', shared: false },
        funcImports: [],
        funcs: [{ type: 0, body, export: 'probe' }],
    });
}
let support;
/** Null when this runtime compiles relaxed SIMD instructions, else why not (checked once). */
export function relaxedSimdUnsupported() {
    if (support !== undefined)
        return support;
    try {
        support = WebAssembly.validate(probeModule()) ? null
            : 'this runtime does not validate relaxed SIMD instructions (Node 20 needs --experimental-wasm-relaxed-simd)';
    }
    catch (e) {
        support = `relaxed SIMD could not be probed (${e?.message ?? String(e)})`;
    }
    return support;
}
