// Smoke entry for an edge runtime (Cloudflare's workerd): no Worker, no compiling of wasm
// bytes. The runtime hands the engine a compiled module, as edge users must.
import * as lib from './lazykernel.js';
import { runSmoke } from './checks.mjs';
import wasmModule from './lazykernel.wasm';

export default {
  async fetch() {
    try {
      // workerd has SharedArrayBuffer but no Worker; take it away too, for the strictest case.
      delete globalThis.SharedArrayBuffer;
      lib.configure({ wasmModule });
      const result = await runSmoke(lib);
      result.compiledTier = await compiledTier(lib);
      result.hasWorker = typeof Worker !== 'undefined';
      result.hasSharedArrayBuffer = typeof SharedArrayBuffer !== 'undefined';
      return new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
    } catch (e) {
      return new Response(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }), { status: 500 });
    }
  },
};

/**
 * workerd refuses WebAssembly compiled from bytes at run time: with compile 'always' the
 * engine must run the interpreter, say why, and give the interpreter's values.
 */
async function compiledTier(lib) {
  const { Vi, Vj, tensor, configure, engineInfo } = lib;
  const x = tensor(Float32Array.from({ length: 600 }, (_, k) => Math.sin(k)), [200, 3]);
  const y = tensor(Float32Array.from({ length: 900 }, (_, k) => Math.cos(k)), [300, 3]);
  const run = async (compile) => {
    configure({ compile });
    const out = await Vi(x).sqdist(Vj(y)).neg().exp().sqrt().sum(1);
    return Array.from(out.data);
  };
  const interpreted = await run('never');
  const always = await run('always');
  const { compile, compiler } = await engineInfo();
  configure({ compile: 'auto' });
  return { compile, available: compiler.available, reason: compiler.reason, lastTier: compiler.last?.tier ?? null, same: interpreted.every((v, k) => Object.is(v, always[k])) };
}
