// The demo chat served at / : demo/src bundled by esbuild (with the client package, from source) into
// dist/demo/assets/ under content-hashed names, index.html written with those names, and a .br and
// .gz copy of each text file for the static route. Offline: nothing is fetched.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDemo({ outdir = join(root, 'dist/demo') } = {}) {
  const started = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(root, 'demo/src/main.ts') },
    outdir: join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const js = outputs.find((n) => n.endsWith('.js'));
  const css = outputs.find((n) => n.endsWith('.css'));
  if (!js || !css) throw new Error(`demo build: no js/css among ${outputs.join(', ')}`);
  const html = readFileSync(join(root, 'demo/index.html'), 'utf8').replace('%JS%', `/assets/${js}`).replace('%CSS%', `/assets/${css}`);
  writeFileSync(join(outdir, 'index.html'), html);
  for (const file of [join(outdir, 'index.html'), ...readdirSync(join(outdir, 'assets')).map((n) => join(outdir, 'assets', n))]) {
    if (!/\.(html|js|css|svg)$/.test(file)) continue;
    const body = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
  const size = readFileSync(join(outdir, 'assets', js)).length;
  console.error(`built the demo into ${relative(root, outdir)}/ (${js}: ${(size / 1024).toFixed(1)} KiB) in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDemo();
