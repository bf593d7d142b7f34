// The production build: every src/**/*.ts transpiled to dist/ (same layout, ESM, source maps), with
// esbuild and no bundling. No type checking here (`npm run typecheck` does that). Unlike tsx at run
// time, no keepNames: tsx gives every function created at run time an own `name` property, 256 bytes
// and a defineProperty each (ADR 016).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outdir = join(root, 'dist');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
const entryPoints = sources(src);
await build({
  entryPoints,
  outdir,
  outbase: src,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  keepNames: false,
  logLevel: 'warning',
});
console.error(`built ${entryPoints.length} files into ${relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms`);

// the client package, and the demo chat served at / (dist/demo): both from source, offline
const { buildClient } = await import('./build-client.mjs');
await buildClient();
const { buildDemo } = await import('./build-demo.mjs');
await buildDemo();
