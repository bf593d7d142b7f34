import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoBuilt } from './support/demo-build.js';
import { startServer, type TestServer } from './support/server.js';

/** The static route of the demo chat: `/` and its hashed assets, nothing else. */

let server: TestServer;

beforeAll(async () => {
  await ensureDemoBuilt();
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

/** A raw GET (fetch would decode the body and add its own accept-encoding). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

describe('GET / (the demo chat)', () => {
  it('serves index.html, not cached, with a CSP, and its hashed assets cached for good', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const html = index.body.toString('utf8');
    const js = /src="(\/assets\/app-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
    const css = /href="(\/assets\/app-[A-Z0-9]{8}\.css)"/.exec(html)?.[1];
    expect(js && css).toBeTruthy();

    const script = await get(js!);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBeUndefined();
    const style = await get(css!, {}, 'HEAD');
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(Number(style.headers['content-length'])).toBeGreaterThan(1000);
    expect(style.body.length).toBe(0);

    const br = await get(js!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).equals(script.body)).toBe(true);
    const gz = await get(js!, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(script.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(script.body.length / 2);
  });

  it('answers unknown assets, traversal attempts and other methods with JSON errors; other paths go on to the API', async () => {
    for (const path of ['/assets/nope-AAAAAAAA.js', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/package.json', '/assets/.hidden.js', '/assets/app.exe', '/assets/']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toBe('application/json');
      expect(JSON.parse(res.body.toString('utf8')), path).toEqual({ detail: 'Not found.' });
    }
    // `..` segments are resolved by the URL parser before routing: this is /package.json, not a file
    const dotted = await get('/assets/../package.json');
    expect(dotted.status).toBe(404);
    expect(dotted.body.toString('utf8')).not.toContain('chat-backend');
    const post = await fetch(`${server.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // the legacy routes and GraphQL are untouched
    expect((await fetch(`${server.url}/graphql?query=%7B__typename%7D`)).status).toBe(200);
  });
});
