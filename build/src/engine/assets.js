const bundled = typeof LAZYKERNEL_BUNDLED !== 'undefined' && LAZYKERNEL_BUNDLED;
/** The URL of one of the engine's files. */
export function assetUrl(file) {
    if (file === 'worker')
        return bundled ? new URL('./lazykernel-worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);
    return bundled ? new URL(`./${file}`, import.meta.url) : new URL(`../../${file}`, import.meta.url);
}
