// Builds the static site into site/dist/ (`npm run site`; `--out <dir>` elsewhere):
// - each page of site/pages.mjs whose files exist: site/pages/<name>.ts bundled by esbuild (code
//   split, so that the pages share vega and the library), site/pages/<name>.html copied;
//   `lazykernel` (and the examples' `../src/index.js`) resolve to build/browser/lazykernel.js,
//   the browser bundle users get, never to the sources;
// - site/index.html, style.css and nav.css;
// - docs/guide.md, docs/architecture.md and docs/migration/*.md rendered to HTML by markdown-it;
// - docs/api/ (typedoc's output) copied to api/;
// - a nav bar written at the top of every page (the API reference's included).
// The pages' TypeScript is type-checked first (site/tsconfig.json); `--no-check` skips it.
import { build } from 'esbuild';
import MarkdownIt from 'markdown-it';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGES, DOCS } from '../site/pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(root, 'build', 'browser', 'lazykernel.js');

/**
 * Builds the site into `out`; resolves to { out, pages, docs, bytes } (the pages built, the
 * documents rendered, the size of each script and chunk).
 */
export async function buildSite({ out = join(root, 'site', 'dist'), check = true, log = console.log } = {}) {
  if (!existsSync(BUNDLE)) throw new Error(`${relative(root, BUNDLE)} is missing: run \`node tools/build.mjs\` first`);
  const started = performance.now();
  if (check) typeCheck();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'pages'), { recursive: true });

  const pages = PAGES.filter((p) => existsSync(join(root, 'site', 'pages', `${p.name}.html`)));
  const scripts = pages.filter((p) => existsSync(join(root, 'site', 'pages', `${p.name}.ts`)));
  const bundled = await build({
    entryPoints: Object.fromEntries(scripts.map((p) => [p.name, join(root, 'site', 'pages', `${p.name}.ts`)])),
    outdir: join(out, 'pages'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [browserBundle()],
  });
  const fromSources = Object.keys(bundled.metafile.inputs).filter((p) => /^(src|gpu)\//.test(p));
  if (fromSources.length) throw new Error(`the site bundled library sources instead of the browser bundle: ${fromSources.join(', ')}`);

  const migration = migrationDocs();
  const docs = [...DOCS, ...migration];
  const nav = (file, current) => navBar(file, { pages, docs, current });

  // Pages and the home page.
  for (const file of ['index.html', ...pages.map((p) => `pages/${p.name}.html`)]) {
    let html = readFileSync(join(root, 'site', file), 'utf8');
    html = html.replace(/<!-- pages: (\w+) -->/g, (_, group) => pageCards(group, pages));
    const landing = migrationLanding(migration);
    html = html.replace('<!-- docs: migration -->', landing
      ? `<li><a href="${upTo(file)}${landing.out}">Migration guides</a>: ${migration.filter((d) => !d.index && d !== landing).map((d) => escapeHtml(d.title)).join(', ')}.</li>`
      : '');
    writeFileSync(join(out, file), withNav(html, file, nav(file, file)));
  }
  for (const asset of ['style.css', 'nav.css', 'favicon.svg']) cpSync(join(root, 'site', asset), join(out, asset));

  // Documents.
  const md = markdown();
  for (const doc of docs) {
    const body = doc.index ? migrationIndex(migration) : md.render(readFileSync(join(root, doc.source), 'utf8'), { source: doc.source, docs });
    mkdirSync(dirname(join(out, doc.out)), { recursive: true });
    writeFileSync(join(out, doc.out), docPage(doc, body, nav(doc.out, doc.out)));
  }

  // The API reference (typedoc), with the nav bar on each of its pages.
  const api = join(root, 'docs', 'api');
  let apiPages = 0;
  if (existsSync(api)) {
    cpSync(api, join(out, 'api'), { recursive: true });
    for (const file of walk(join(out, 'api')).filter((f) => f.endsWith('.html'))) {
      const rel = posix.normalize(relative(out, file).split('\\').join('/'));
      writeFileSync(file, withNav(readFileSync(file, 'utf8'), rel, nav(rel, 'api/index.html')));
      apiPages++;
    }
  }

  const bytes = Object.fromEntries(Object.entries(bundled.metafile.outputs).filter(([p]) => p.endsWith('.js')).map(([p, o]) => [relative(out, resolve(root, p)), o.bytes]));
  log?.(`site: ${pages.length} page(s) (${pages.map((p) => p.name).join(', ')}), ${docs.length} document(s), ${apiPages} API pages -> ${relative(process.cwd(), out) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const [file, size] of Object.entries(bytes)) log?.(`  ${file.padEnd(44)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  return { out, pages: pages.map((p) => p.name), docs: docs.map((d) => d.out), bytes };
}

/** `lazykernel`, and the examples' imports of the library's sources, as the browser bundle. */
function browserBundle() {
  return {
    name: 'lazykernel-browser-bundle',
    setup(b) {
      b.onResolve({ filter: /^lazykernel(\/browser)?$/ }, () => ({ path: BUNDLE }));
      b.onResolve({ filter: /\/src\/index\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === join(root, 'src', 'index.js') ? { path: BUNDLE } : undefined));
    },
  };
}

/** tsc over the pages, the site's library and the example modules they import (site/tsconfig.json). */
function typeCheck() {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'site', 'tsconfig.json')], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    throw new Error(`the site's TypeScript does not type-check (tsc -p site/tsconfig.json):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** docs/migration/*.md, one page each, and their index page; [] when the folder is absent. */
function migrationDocs() {
  const dir = join(root, 'docs', 'migration');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  if (!files.length) return [];
  const docs = files.map((f) => {
    const source = `docs/migration/${f}`;
    return { source, out: source.replace(/\.md$/, '.html'), title: firstHeading(readFileSync(join(root, source), 'utf8')) ?? f.replace(/\.md$/, '') };
  });
  if (!files.includes('index.md') && !files.includes('README.md')) docs.unshift({ source: null, out: 'docs/migration/index.html', title: 'Migration guides', index: true });
  return docs;
}

/** The migration guides' first page: their index (written or generated), else the first guide. */
function migrationLanding(migration) {
  return migration.find((d) => /\/(index|README)\.html$/.test(d.out)) ?? migration[0] ?? null;
}

function migrationIndex(migration) {
  const items = migration.filter((d) => !d.index).map((d) => `<li><a href="${posix.relative('docs/migration', d.out)}">${escapeHtml(d.title)}</a></li>`);
  return `<h1>Migration guides</h1>\n<p>Moving code from the Python libraries to lazykernel.</p>\n<ul>\n${items.join('\n')}\n</ul>`;
}

function firstHeading(text) {
  return /^#\s+(.+)$/m.exec(text)?.[1].trim() ?? null;
}

/**
 * markdown-it with heading ids, and links rewritten for the site: another rendered document's
 * .md becomes its .html, docs/api/ becomes api/, and a link to a repository file the site does
 * not carry (examples/, bench/...) is left as its text.
 */
function markdown() {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.core.ruler.push('heading_ids', (state) => {
    const seen = new Map();
    for (let k = 0; k < state.tokens.length; k++) {
      const token = state.tokens[k];
      if (token.type !== 'heading_open') continue;
      const text = state.tokens[k + 1]?.content ?? '';
      let slug = text.toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-') || 'section';
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      if (n) slug += `-${n}`;
      token.attrSet('id', slug);
    }
  });
  const dropped = [];
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href') ?? '';
    const target = siteLink(href, env);
    dropped.push(target === null);
    if (target === null) return '';
    token.attrSet('href', target);
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.link_close = (tokens, idx, options, env, self) => (dropped.pop() ? '' : self.renderToken(tokens, idx, options));
  return md;
}

/** Where a document's link points on the site; null when the site does not carry its target. */
function siteLink(href, { source, docs }) {
  if (/^([a-z]+:|#|\/\/)/i.test(href)) return href;
  const [path, hash = ''] = href.split('#');
  const repoPath = posix.normalize(posix.join(posix.dirname(source), path));
  const from = posix.dirname(source.replace(/\.md$/, '.html'));
  const suffix = hash ? `#${hash}` : '';
  const doc = docs.find((d) => d.source === repoPath);
  if (doc) return posix.relative(from, doc.out) + suffix;
  if (repoPath === 'README.md') return posix.relative(from, 'index.html') + suffix;
  if (repoPath.startsWith('docs/api/') || repoPath === 'docs/api') return posix.relative(from, repoPath.slice('docs/'.length) || 'api/index.html') + suffix;
  return null;
}

/** A rendered document in the site's layout. */
function docPage(doc, body, nav) {
  const prefix = upTo(doc.out);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)} · lazykernel</title>
<link rel="stylesheet" href="${prefix}style.css">
<link rel="stylesheet" href="${prefix}nav.css">
<link rel="icon" href="${prefix}favicon.svg" type="image/svg+xml">
</head>
<body>
${nav}
<main class="doc">
${body}
</main>
</body>
</html>
`;
}

/** `html` with the nav bar at `<!-- nav -->` (or first thing in the body), nav.css and the icon in its head. */
function withNav(html, file, nav) {
  const head = [];
  if (!html.includes('nav.css')) head.push(`<link rel="stylesheet" href="${upTo(file)}nav.css">`);
  if (!/rel="(shortcut )?icon"/.test(html)) head.push(`<link rel="icon" href="${upTo(file)}favicon.svg" type="image/svg+xml">`);
  html = html.replace(/<\/head>/i, `${head.join('')}</head>`);
  if (html.includes('<!-- nav -->')) return html.replace('<!-- nav -->', nav);
  return html.replace(/<body([^>]*)>/i, (m) => `${m}${nav}`);
}

/** The nav bar for the page at `file` (relative to the site's root); `current` is marked. */
function navBar(file, { pages, docs, current }) {
  const prefix = upTo(file);
  const link = (href, text) => `<a href="${prefix}${href}"${href === current ? ' aria-current="page"' : ''}>${escapeHtml(text)}</a>`;
  const built = new Set(pages.map((p) => p.name));
  const pageLink = (p) => (built.has(p.name) ? link(`pages/${p.name}.html`, p.title) : `<span class="lk-soon" title="coming soon">${escapeHtml(p.title)}</span>`);
  const migration = migrationLanding(docs.filter((d) => d.out.startsWith('docs/migration/')));
  return `<nav class="lk-nav" aria-label="Site"><div class="lk-nav-inner">
<a class="lk-brand" href="${prefix}index.html"${current === 'index.html' ? ' aria-current="page"' : ''}>lazykernel</a>
<span class="lk-group"><span class="lk-label">Tutorials</span>${PAGES.filter((p) => p.group === 'tutorial').map(pageLink).join('')}</span>
<span class="lk-group">${PAGES.filter((p) => p.group !== 'tutorial').map(pageLink).join('')}</span>
<span class="lk-group"><span class="lk-label">Docs</span>${link('docs/guide.html', 'Guide')}${link('docs/architecture.html', 'Architecture')}${migration ? link(migration.out, 'Migration') : ''}${link('api/index.html', 'API')}</span>
</div></nav>`;
}

/** The home page's cards for a group of pages: links to those built, "coming soon" for the others. */
function pageCards(group, pages) {
  const built = new Set(pages.map((p) => p.name));
  const cards = PAGES.filter((p) => (group === 'tutorial' ? p.group === 'tutorial' : p.group !== 'tutorial')).map((p) => (built.has(p.name)
    ? `<a class="card" href="pages/${p.name}.html"><h3>${escapeHtml(p.title)}</h3><p>${escapeHtml(p.about)}</p></a>`
    : `<div class="card soon"><h3>${escapeHtml(p.title)}</h3><p>${escapeHtml(p.about)}</p><span class="soon-label">coming soon</span></div>`));
  return `<div class="cards">\n${cards.join('\n')}\n</div>`;
}

/** '../' once per folder between the site's root and `file`. */
function upTo(file) {
  return '../'.repeat(file.split('/').length - 1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  try {
    await buildSite({ out: at >= 0 ? resolve(args[at + 1]) : undefined, check: !args.includes('--no-check') });
  } catch (e) {
    console.error(e.message ?? e);
    process.exit(1);
  }
}
