// Builds the browser bundle in build/browser/: the library as one ES module, the pool's worker
// as another, and both wasm files beside them (the bundle finds them by URL relative to itself).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'browser');
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  // Node-only branches import these lazily; a browser never reaches them.
  external: ['node:*'],
  define: { LAZYKERNEL_BUNDLED: 'true' },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: [join(root, 'src/index.ts')], outfile: join(out, 'lazykernel.js') });
await build({ ...common, entryPoints: [join(root, 'src/engine/worker.ts')], outfile: join(out, 'lazykernel-worker.js') });
for (const f of ['lazykernel.wasm', 'lazykernel-threads.wasm']) copyFileSync(join(root, 'build', f), join(out, f));

const sizes = Object.fromEntries(['lazykernel.js', 'lazykernel-worker.js', 'lazykernel.wasm', 'lazykernel-threads.wasm'].map((f) => [f, statSync(join(out, f)).size]));
writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
