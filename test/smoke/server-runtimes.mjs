// Smoke entry for Node, Deno and Bun: imports the built package by path, runs the checks with
// the engine's default mode (the pool where the runtime has workers), prints one JSON line.
import * as lib from '../../build/src/index.js';
import { runSmoke } from './checks.mjs';

const result = await runSmoke(lib);
await lib.shutdown();
console.log(JSON.stringify(result));
