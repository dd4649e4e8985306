// Runs every demo in this folder, one after the other.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const demos = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run-demos.mjs').sort();
for (const demo of demos) {
  console.log(`\n=== ${demo}`);
  const r = spawnSync(process.execPath, [join(here, demo)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
