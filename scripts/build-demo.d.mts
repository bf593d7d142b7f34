/** Bundles demo/src into `outdir` (default dist/demo): hashed assets, index.html, .br/.gz copies. */
export function buildDemo(options?: { outdir?: string }): Promise<void>;
