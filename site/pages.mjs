// The site's pages, in the order the nav bar and the home page list them. tools/site.mjs builds
// every page whose files exist (site/pages/<name>.html and site/pages/<name>.ts); the others are
// listed as "coming soon". test/site.test.mjs checks every built page, and runs the ones with
// `runs: true` (?autorun=1&n=small, the charts, Stop).
//
// To add a page: write site/pages/<name>.html (with <!-- nav --> after <body>) and
// site/pages/<name>.ts (which calls setupRunPage from site/lib/run-page.ts if it runs
// something), and give it an entry here.

/**
 * @typedef {object} SitePage
 * @property {string} name     file name without extension, under site/pages/
 * @property {string} title    its name in the nav bar and on the home page
 * @property {'tutorial' | 'tool'} group
 * @property {string} about    one sentence for the home page
 * @property {boolean} runs    whether it follows the run conventions (?autorun, dataset.state, Stop)
 */

/** @type {SitePage[]} */
export const PAGES = [
  {
    name: 'gaussian-mixture',
    title: 'Gaussian mixture',
    group: 'tutorial',
    about: '30 Gaussians fitted to a spiral of 10,000 points by 501 Adam steps on a weighted logsumexp reduction; the density is redrawn as it learns.',
    runs: true,
  },
  {
    name: 'spectral-coordinates',
    title: 'Spectral coordinates',
    group: 'tutorial',
    about: 'A Gaussian kernel as a linear operator, graph Laplacians and eigsh: the spectral coordinates of a spiral of 10,000 points, then of a Swiss roll of 50,000 with a block-sparse kernel.',
    runs: true,
  },
  {
    name: 'wasserstein-barycenters',
    title: 'Wasserstein barycenters',
    group: 'tutorial',
    about: 'The Sinkhorn barycenter of two 1-D measures, fitted by L-BFGS on the weights (Eulerian) or the positions (Lagrangian) of its samples; the descents are drawn as they run.',
    runs: true,
  },
  {
    name: 'playground',
    title: 'Playground',
    group: 'tool',
    about: 'Type a formula, pick a reduction and a backend, and run it on generated point clouds or your own CSV: the result, a plot, the pykeops print and the time per backend.',
    runs: true,
  },
];

/** The rendered documents: markdown files of the repository, as pages under docs/. */
export const DOCS = [
  { source: 'docs/guide.md', out: 'docs/guide.html', title: 'Guide' },
  { source: 'docs/architecture.md', out: 'docs/architecture.html', title: 'Architecture' },
  // docs/migration/*.md are added by tools/site.mjs when present (one page each, and an index).
];
