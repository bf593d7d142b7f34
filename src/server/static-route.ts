import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendJson } from './respond.js';

/**
 * The demo chat (built by scripts/build.mjs into dist/demo): GET/HEAD `/` and `/assets/<file>`.
 * Resolved from this file, so it is the same folder whether the server runs from src/ or dist/.
 */
const DEMO_DIR = fileURLToPath(new URL('../../dist/demo/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** One path segment of a plain name: no slash, no leading dot (so no `..`), nothing encoded. */
const ASSET_PATH = /^\/assets\/([A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)+)$/;
/** esbuild's `[name]-[hash]` names: the content decides the name, so it may be cached for good */
const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9.]+$/;

const INDEX_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'self'; img-src 'self' blob: data: http: https:; connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/** true when it answered: `/` (index.html) and `/assets/*`; every other path is left to the next route. */
export async function handleDemoRequest(req: IncomingMessage, res: ServerResponse, url: URL, dir: string = DEMO_DIR): Promise<boolean> {
  const isIndex = url.pathname === '/' || url.pathname === '/index.html';
  if (!isIndex && !url.pathname.startsWith('/assets/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { allow: 'GET, HEAD' });
    return true;
  }
  const name = isIndex ? 'index.html' : ASSET_PATH.exec(url.pathname)?.[1];
  const type = name ? CONTENT_TYPES[extname(name)] : undefined;
  if (!name || !type) {
    sendJson(res, 404, { detail: 'Not found.' });
    return true;
  }
  const path = isIndex ? join(dir, name) : join(dir, 'assets', name);
  const found = await readEncoded(path, req.headers['accept-encoding']);
  if (!found) {
    sendJson(res, 404, { detail: isIndex ? 'The demo is not built: run `npm run build`.' : 'Not found.' });
    return true;
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': found.body.length,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...(found.encoding ? { 'content-encoding': found.encoding } : {}),
    ...(isIndex ? INDEX_HEADERS : { 'cache-control': HASHED_NAME.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache' }),
  });
  res.end(req.method === 'HEAD' ? undefined : found.body);
  return true;
}

/** The file, precompressed (`.br`, `.gz` beside it, written by the build) when the client takes that. */
async function readEncoded(path: string, acceptEncoding: string | string[] | undefined): Promise<{ body: Buffer; encoding: 'br' | 'gzip' | null } | null> {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accepted.has(encoding)) continue;
    const body = await readFile(path + suffix).catch(() => null);
    if (body) return { body, encoding };
  }
  const body = await readFile(path).catch(() => null);
  return body ? { body, encoding: null } : null;
}

export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token);
  }
  return accepted;
}
