// Inputs in Redis by content: each buffer of a plan is stored once under the SHA-256 of its
// type and bytes, in chunks (no Redis value grows past CHUNK_BYTES), and expires after a day
// unused. A client uploads only what Redis lacks (the data of an operator's matrix goes up
// once for a whole eigsh or cg); a worker fetches each input once and keeps it in a cache.
import { createHash } from 'node:crypto';
import { ClusterError } from './errors.js';
/** Bytes per stored chunk: well under Redis's 512 MB value limit, and a short transfer each. */
export const CHUNK_BYTES = 8 * 2 ** 20;
/** Seconds an input stays in Redis after its last use. */
const TTL_SECONDS = 24 * 3600;
const PREFIX = 'lazykernel:input:';
const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array };
function typeOf(a) {
    return a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : 'int32';
}
/** The array's bytes, without a copy (little-endian on every platform Node runs on in practice). */
function bytesOf(a) {
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
/** The reference of an array: SHA-256 of its type and bytes, its length and number of chunks. */
export function inputRef(a) {
    const type = typeOf(a);
    const hash = createHash('sha256').update(type).update(':').update(bytesOf(a)).digest('hex');
    return { hash, type, length: a.length, chunks: Math.max(1, Math.ceil(a.byteLength / CHUNK_BYTES)) };
}
const chunkKey = (ref, k) => `${PREFIX}${ref.hash}:${k}`;
/**
 * Stores the arrays Redis does not hold yet (one EXISTS round trip for all of them), refreshes
 * the expiry of those it does, and returns their references in order. Counts the bytes sent.
 */
export async function uploadInputs(redis, arrays, stats) {
    const refs = arrays.map(inputRef);
    const unique = new Map(refs.map((r, k) => [r.hash, { ref: r, data: arrays[k] }]));
    const probe = redis.pipeline();
    // The last chunk is written last: when it exists, all of them do.
    for (const { ref } of unique.values())
        probe.exists(chunkKey(ref, ref.chunks - 1));
    const found = (await probe.exec()) ?? [];
    const write = redis.multi();
    let k = 0;
    for (const { ref, data } of unique.values()) {
        const present = found[k++]?.[1] === 1;
        const bytes = bytesOf(data);
        for (let c = 0; c < ref.chunks; c++) {
            if (present)
                write.expire(chunkKey(ref, c), TTL_SECONDS);
            else
                write.set(chunkKey(ref, c), bytes.subarray(c * CHUNK_BYTES, (c + 1) * CHUNK_BYTES), 'EX', TTL_SECONDS);
        }
        if (!present)
            stats.uploadedBytes += bytes.byteLength;
    }
    await write.exec();
    return refs;
}
/**
 * A worker's inputs, fetched from Redis once each and kept (least recently used dropped first)
 * up to a budget of bytes.
 */
export class InputCache {
    redis;
    budgetBytes;
    arrays = new Map();
    bytes = 0;
    /** Fetches and hits, for the worker's log and the tests. */
    stats = { fetched: 0, hits: 0, fetchedBytes: 0 };
    constructor(redis, budgetBytes = 1024 * 2 ** 20) {
        this.redis = redis;
        this.budgetBytes = budgetBytes;
    }
    /** The array of `ref`, from the cache or Redis; a ClusterError when Redis no longer has it. */
    get(ref) {
        return this.getRange(ref, 0, ref.length);
    }
    /**
     * Elements [start, end) of the array of `ref` (a shard's rows of an output-axis variable),
     * fetched alone: only the byte ranges of the chunks they overlap cross the network.
     */
    async getRange(ref, start, end) {
        const key = start === 0 && end === ref.length ? ref.hash : `${ref.hash}:${start}:${end}`;
        const cached = this.arrays.get(key);
        if (cached) {
            this.arrays.delete(key);
            this.arrays.set(key, cached);
            this.stats.hits++;
            return cached;
        }
        const Ctor = CTORS[ref.type];
        if (!Ctor)
            throw new ClusterError(`lazykernel-worker: an input of unknown type '${String(ref.type)}'`);
        if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end <= ref.length)) {
            throw new ClusterError(`lazykernel-worker: elements [${start}, ${end}) are not within input ${ref.hash.slice(0, 12)} of ${ref.length}`);
        }
        const array = new Ctor(end - start);
        const target = new Uint8Array(array.buffer);
        const first = start * Ctor.BYTES_PER_ELEMENT;
        const last = end * Ctor.BYTES_PER_ELEMENT; // exclusive
        const read = this.redis.pipeline();
        for (let c = Math.floor(first / CHUNK_BYTES); c * CHUNK_BYTES < last; c++) {
            const from = Math.max(first, c * CHUNK_BYTES) - c * CHUNK_BYTES;
            const to = Math.min(last, (c + 1) * CHUNK_BYTES) - c * CHUNK_BYTES; // exclusive
            read.getrangeBuffer(chunkKey(ref, c), from, to - 1);
        }
        const chunks = array.byteLength === 0 ? [] : (await read.exec()) ?? [];
        let offset = 0;
        for (const [err, chunk] of chunks) {
            if (err || !(chunk instanceof Buffer) || chunk.byteLength === 0)
                throw new ClusterError(`lazykernel-worker: input ${ref.hash.slice(0, 12)} is no longer in Redis (expired or flushed); run the reduction again to upload it`);
            target.set(chunk.subarray(0, target.byteLength - offset), offset);
            offset += chunk.byteLength;
        }
        if (offset !== target.byteLength)
            throw new ClusterError(`lazykernel-worker: input ${ref.hash.slice(0, 12)} gave ${offset} bytes from Redis, expected ${target.byteLength}`);
        this.stats.fetched++;
        this.stats.fetchedBytes += offset;
        this.arrays.set(key, array);
        this.bytes += array.byteLength;
        for (const [k, old] of this.arrays) {
            if (this.bytes <= this.budgetBytes || k === key)
                break;
            this.arrays.delete(k);
            this.bytes -= old.byteLength;
        }
        return array;
    }
}
