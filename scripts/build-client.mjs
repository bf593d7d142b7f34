// @chat-backend/client: client/src/**/*.ts transpiled to client/dist/ (ESM, no bundling, source maps),
// for consumers that do not compile TypeScript. In this repository the tests and the demo import the
// sources directly (the package's exports point at src/).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

export async function buildClient() {
  const started = performance.now();
  const src = join(root, 'client/src');
  const outdir = join(root, 'client/dist');
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = sources(src);
  await build({ entryPoints, outdir, outbase: src, bundle: false, format: 'esm', platform: 'neutral', target: 'es2022', sourcemap: 'linked', logLevel: 'warning' });
  console.error(`built ${entryPoints.length} client files into ${relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildClient();
