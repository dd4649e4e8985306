// A script that uses the worker pool and never calls shutdown(): the runtime must still exit.
import { tensor, Vi, Vj, configure } from '../../build/src/index.js';

configure({ poolThreshold: 0 });
const X = tensor(Float32Array.from({ length: 3000 }, (_, k) => Math.sin(k)), [1000, 3]);
const s = await Vi(X).sqdist(Vj(X)).sum(1);
console.log(JSON.stringify({ ok: Number.isFinite(s.data[0]) }));
