#!/usr/bin/env node
// The package's `lazykernel-worker` command: serves shards of lazykernel reductions from a Redis
// queue until SIGINT or SIGTERM.
//   npx lazykernel-worker --redis redis://127.0.0.1:6379 --threads 2 [--lock-ms 30000] [--quiet]
import { serveShards } from './worker.js';
const USAGE = 'usage: lazykernel-worker --redis redis://HOST:PORT [--threads N] [--lock-ms MS] [--quiet]';
function fail(message) {
    process.stderr.write(`lazykernel-worker: ${message}\n${USAGE}\n`);
    process.exit(2);
}
function parse(argv) {
    const out = { quiet: false };
    for (let k = 0; k < argv.length; k++) {
        const flag = argv[k];
        if (flag === '--quiet') {
            out.quiet = true;
            continue;
        }
        if (flag === '--help' || flag === '-h') {
            process.stdout.write(`${USAGE}\n`);
            process.exit(0);
        }
        const value = argv[++k];
        if (value === undefined)
            fail(`${flag} needs a value`);
        if (flag === '--redis')
            out.redis = value;
        else if (flag === '--threads' || flag === '--lock-ms') {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1)
                fail(`${flag} must be a positive integer, received '${value}'`);
            if (flag === '--threads')
                out.threads = n;
            else
                out.lockMs = n;
        }
        else
            fail(`unknown option '${flag}'`);
    }
    if (!out.redis)
        fail('--redis is required');
    return out;
}
const args = parse(process.argv.slice(2));
const log = args.quiet ? undefined : (line) => process.stdout.write(`lazykernel-worker ${process.pid}: ${line}\n`);
try {
    const worker = await serveShards({ redis: args.redis, ...(args.threads && { threads: args.threads }), ...(args.lockMs && { lockMs: args.lockMs }), ...(log && { log }) });
    // The line test helpers and scripts wait for.
    process.stdout.write(`lazykernel-worker ready (pid ${process.pid}, ${args.redis})\n`);
    const stop = () => { worker.close().then(() => process.exit(0), () => process.exit(1)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}
catch (e) {
    process.stderr.write(`lazykernel-worker: ${e.name}: ${e.message}\n`);
    process.exit(1);
}
