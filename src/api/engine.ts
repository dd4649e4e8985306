import { WasmEngine } from '../engine/wasm-engine.js';
import { TILE } from '../tape/opcodes.js';
import { ValueError, checkOptions, describe } from '../errors.js';

let enginePromise: Promise<WasmEngine> | null = null;
let wasmSource: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string | undefined;

/** The shared wasm engine, instantiated on first use. */
export function getWasmEngine(): Promise<WasmEngine> {
  if (!enginePromise) {
    enginePromise = WasmEngine.create(wasmSource);
    // A failed start must not poison later calls (the user may fix the source and retry).
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

export interface ConfigureOptions {
  /** A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or compile bytes. */
  wasmModule?: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;
  /** Worker threads for the wasm engine; this build runs on the calling thread only. */
  threads?: number;
}

/** Sets engine options; applies to engines started afterwards. */
export function configure(options: ConfigureOptions): void {
  checkOptions('configure', options, ['wasmModule', 'threads']);
  if (options.threads !== undefined) {
    if (options.threads !== 1) {
      throw new ValueError(`configure: threads must be 1 in this build (the engine runs on the calling thread), received ${describe(options.threads)}`);
    }
  }
  if (options.wasmModule !== undefined) {
    wasmSource = options.wasmModule;
    enginePromise = null;
  }
}

/** What the engine runs on and why. */
export interface EngineInfo {
  backend: 'wasm';
  mode: 'calling-thread';
  threads: number;
  simd: boolean;
  tileLanes: number;
  reasons: string[];
}

export function engineInfo(): EngineInfo {
  return {
    backend: 'wasm',
    mode: 'calling-thread',
    threads: 1,
    simd: true,
    tileLanes: TILE,
    reasons: ['the worker pool is not part of this build yet; reductions run on the calling thread'],
  };
}
