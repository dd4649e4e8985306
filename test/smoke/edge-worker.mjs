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
      result.hasWorker = typeof Worker !== 'undefined';
      result.hasSharedArrayBuffer = typeof SharedArrayBuffer !== 'undefined';
      return new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
    } catch (e) {
      return new Response(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }), { status: 500 });
    }
  },
};
