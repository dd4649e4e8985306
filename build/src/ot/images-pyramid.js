/**
 * The image pyramid of GeomLoss's multiscale image solvers (utils.py's `pyramid` and
 * `upsample`): sum-pooling by 2 along every axis, and bilinear / trilinear upsampling by 2 with
 * PyTorch's `align_corners=False` convention, on stacks of images stored row-major.
 */
import { allocateData } from '../tensor/tensor.js';
const sizeOf = (shape) => shape.reduce((a, b) => a * b, 1);
/** Sums 2 x 2 (x 2) blocks: every axis halved (each must be even). The total mass is kept. */
export function sumPool(s) {
    let data = s.data;
    let shape = s.shape.slice();
    for (let axis = 0; axis < shape.length; axis++) {
        const full = [s.count, ...shape];
        const ax = axis + 1;
        const n = full[ax];
        const inner = sizeOf(full.slice(ax + 1));
        const outer = sizeOf(full.slice(0, ax));
        const out = allocateData(data instanceof Float32Array ? 'float32' : 'float64', data.length / 2);
        for (let o = 0; o < outer; o++) {
            for (let k = 0; k < n / 2; k++) {
                const src0 = (o * n + 2 * k) * inner, src1 = src0 + inner, dst = (o * (n / 2) + k) * inner;
                for (let e = 0; e < inner; e++)
                    out[dst + e] = data[src0 + e] + data[src1 + e];
            }
        }
        data = out;
        shape = shape.map((m, k) => (k === axis ? m / 2 : m));
    }
    return { data, shape, count: s.count };
}
/** Linear upsampling by 2 along every axis, `align_corners=False` (source coordinate (o + 1/2) / 2 - 1/2, clamped). */
export function upsample(s) {
    let data = s.data;
    let shape = s.shape.slice();
    for (let axis = 0; axis < shape.length; axis++) {
        const full = [s.count, ...shape];
        const ax = axis + 1;
        const n = full[ax];
        const inner = sizeOf(full.slice(ax + 1));
        const outer = sizeOf(full.slice(0, ax));
        const out = allocateData(data instanceof Float32Array ? 'float32' : 'float64', data.length * 2);
        for (let o = 0; o < outer; o++) {
            for (let k = 0; k < 2 * n; k++) {
                const src = Math.max(0, (k + 0.5) / 2 - 0.5);
                const i0 = Math.min(Math.floor(src), n - 1);
                const i1 = Math.min(i0 + 1, n - 1);
                const t = src - i0;
                const a = (o * n + i0) * inner, b = (o * n + i1) * inner, dst = (o * 2 * n + k) * inner;
                for (let e = 0; e < inner; e++)
                    out[dst + e] = (1 - t) * data[a + e] + t * data[b + e];
            }
        }
        data = out;
        shape = shape.map((m, k) => (k === axis ? 2 * m : m));
    }
    return { data, shape, count: s.count };
}
/**
 * The levels of the pyramid, coarsest first, finest (the stack itself) last: halved while every
 * axis is even, the single-pixel level left out as GeomLoss does (a stack that is one pixel
 * already is its own only level).
 */
export function pyramid(s) {
    const levels = [s];
    let cur = s;
    while (cur.shape.every((n) => n % 2 === 0)) {
        cur = sumPool(cur);
        if (sizeOf(cur.shape) === 1)
            break;
        levels.push(cur);
    }
    return levels.reverse();
}
