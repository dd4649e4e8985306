// Runs the demos one after the other (`npm run demo`): the quickstart and the three tutorials
// first, then any other example in this folder, each as its own process in the current folder
// (npm runs scripts from the repository root), so that their figures land in out/. Then writes
// out/index.html, a page showing every figure with its caption, grouped by demo.
//   node build/examples/run-demos.js [name ...] [-- arg ...]
// runs only the demos whose file name contains one of the names, passing them the args.
// It runs the compiled demos beside it (build/examples/*.js, from examples/*.ts by tools/build.mjs).
import { readdirSync, existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const here = dirname(fileURLToPath(import.meta.url));
const cwd = process.cwd();
const out = join(cwd, 'out');
/** The TypeScript source a compiled demo comes from, as the page names it. */
const sourceOf = (file) => `examples/${file.replace(/\.js$/, '.ts')}`;
/** The known demos, in order, with what the page says about them. Others follow by name. */
const KNOWN = [
    { file: 'quickstart.js', title: 'Quickstart', about: 'A Gaussian kernel matrix-vector product and a 5-nearest-neighbour search on 20,000 points; it prints its results to the terminal.' },
    { file: 'gaussian-mixture.js', title: 'Fitting a Gaussian mixture model', about: 'pykeops tutorial: 30 Gaussians with a sparsity prior fitted to a spiral of 10,000 points by Adam through a weighted logsumexp reduction and its gradient.' },
    { file: 'spectral-coordinates.js', title: 'Spectral coordinates', about: 'pykeops + scipy tutorial: eigenvectors of graph Laplacians built from a Gaussian kernel, computed by eigsh on lazy linear operators, on a spiral and then on a Swiss roll with a block-sparse kernel.' },
    { file: 'wasserstein-barycenters-1d.js', title: 'Wasserstein barycenters in 1D', about: 'GeomLoss tutorial: the Sinkhorn barycenter of two 1-D measures, fitted by L-BFGS on the weights of fixed samples (Eulerian) or on the positions of uniformly weighted ones (Lagrangian).' },
    { file: 'images-barycenter-2d.js', title: 'Wasserstein barycenters in 2D', about: 'GeomLoss tutorial: four shapes drawn as 64 x 64 densities and their Sinkhorn barycenters for a 5 x 5 grid of bilinear weights, by imagesBarycenter (separable log-domain convolutions on the grid, coarse to fine on the image pyramid).' },
    { file: 'registration.js', title: 'Registration by optimal transport', about: 'A 2-D shape matched to a stretched, bent and shuffled copy of itself by the barycentric map of the Sinkhorn transport plan (transportPlan), computed by lazy reductions; before / after figure.' },
    { file: 'kernel-ridge.js', title: 'Kernel ridge regression', about: 'Gaussian-process regression of a 3-D function from 20,000 noisy samples: conjugate gradients on the full kernel system, preconditioned by a Nystrom approximation on 1000 centres as in Falkon; the test error, a slice with the posterior band.' },
];
const present = readdirSync(here).filter((f) => f.endsWith('.js') && f !== 'run-demos.js');
const demos = [
    ...KNOWN.filter((d) => present.includes(d.file)),
    ...present.filter((f) => !KNOWN.some((d) => d.file === f)).sort().map((file) => ({ file, title: file.replace(/\.js$/, ''), about: '' })),
];
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const only = dash < 0 ? argv : argv.slice(0, dash);
const forwarded = dash < 0 ? [] : argv.slice(dash + 1);
const selected = only.length ? demos.filter((d) => only.some((name) => d.file.includes(name))) : demos;
if (!only.length)
    for (const d of KNOWN)
        if (!present.includes(d.file))
            console.log(`(skipping ${d.file}: not in ${here} yet)`);
mkdirSync(out, { recursive: true });
rmSync(join(out, 'figures.jsonl'), { force: true });
const ran = [];
for (const demo of selected) {
    console.log(`\n=== ${demo.file}`);
    const start = performance.now();
    const r = spawnSync(process.execPath, [join(here, demo.file), ...forwarded], { stdio: 'inherit', cwd });
    const seconds = (performance.now() - start) / 1000;
    ran.push({ ...demo, ok: r.status === 0, seconds });
    if (r.status !== 0) {
        console.error(`${demo.file} failed (exit ${r.status ?? r.signal})`);
        break;
    }
}
writeFileSync(join(out, 'index.html'), page(ran, figures()));
console.log(`\nFigures: ${join(out, 'index.html')}`);
process.exit(ran.every((d) => d.ok) ? 0 : 1);
/** The figures written by this run (savePlot lists them in figures.jsonl), by script. */
function figures() {
    const list = existsSync(join(out, 'figures.jsonl'))
        ? readFileSync(join(out, 'figures.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
        : [];
    const byScript = new Map();
    for (const f of list) {
        if (!existsSync(join(out, f.file)))
            continue;
        const entries = byScript.get(f.script) ?? [];
        // A figure drawn twice keeps its latest caption, in its first place.
        const k = entries.findIndex((e) => e.file === f.file);
        if (k >= 0)
            entries[k] = f;
        else
            entries.push(f);
        byScript.set(f.script, entries);
    }
    return byScript;
}
/** Whether a PNG is wider than 1600 pixels (rows of panels): it then spans the page's width. */
function isWide(file) {
    try {
        const head = readFileSync(join(out, file)).subarray(16, 24);
        const view = new DataView(head.buffer, head.byteOffset, 8);
        return view.getUint32(0) > 1600;
    }
    catch {
        return false;
    }
}
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escape(text) {
    return String(text).replace(/[&<>"]/g, (c) => ENTITIES[c]);
}
function page(ran, byScript) {
    const sections = ran.map((d) => {
        const figs = byScript.get(d.file) ?? [];
        const status = d.ok ? `ran in ${d.seconds.toFixed(1)} s` : 'failed';
        const body = figs.length
            ? `<div class="grid">${figs.map((f) => `<figure${isWide(f.file) ? ' class="wide"' : ''}><a href="${escape(f.file)}"><img src="${escape(f.file)}" alt="${escape(f.caption || f.file)}" loading="lazy"></a><figcaption>${escape(f.caption || f.file)}</figcaption></figure>`).join('\n')}</div>`
            : '<p class="none">No figures: this demo prints its results to the terminal.</p>';
        return `<section>
<h2>${escape(d.title)} <small><code>${escape(sourceOf(d.file))}</code>, ${status}</small></h2>
${d.about ? `<p>${escape(d.about)}</p>` : ''}
${body}
</section>`;
    });
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lazykernel demos</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
h2 small { font-weight: normal; font-size: 0.6em; color: #666; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
figure { margin: 0; }
figure.wide { grid-column: 1 / -1; }
img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #444; text-align: center; }
.none { color: #666; font-style: italic; }
</style>
</head>
<body>
<h1>lazykernel demos</h1>
<p>Written by <code>npm run demo</code> on ${escape(new Date().toISOString().slice(0, 16).replace('T', ' '))} UTC.</p>
${sections.join('\n')}
</body>
</html>
`;
}
