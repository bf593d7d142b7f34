import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import { describe, expect } from 'vitest';
import { SendFileDocument, TypenameDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { gql } from './support/graphql.js';
import { dmName, type LegacyUser } from './support/legacy.js';
import { connect, type Socket } from 'node:net';
import { rawRequest, type RawExchange } from './support/raw-http.js';
import type { Endpoint, TestServer } from './support/server.js';
import { startServerProcess } from './support/server-process.js';
import { until } from './support/wait.js';

// What a broken or hostile HTTP client can do to the server: malformed bodies and headers get a 4xx
// with a JSON body and nothing of the server's insides, connections that never become requests are
// shed on time, and an upload that stops half-way leaves nothing behind.
const test = serverTest({
  HTTP_HEADERS_TIMEOUT_SECONDS: '1',
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
  HTTP_BODY_MAX_BYTES: String(64 * 1024),
  FILE_MAX_BYTES: String(32 * 1024 * 1024),
});
let alice: LegacyUser;
let bob: LegacyUser;

test.beforeAll(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
});

const alive = async (server: Endpoint) => (await gql(server, TypenameDocument)).data;
const port = (server: Endpoint) => Number(new URL(server.url).port);
/** Text that gives away internals: a stack frame, a source path, a dependency's folder. */
const LEAK = /\n\s+at [^\n]+\(|node_modules|\/work\/|\.ts:\d+|\.js:\d+/;
const first = (exchange: RawExchange) => exchange.responses[0];
const rawConnect = (server: Endpoint): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port(server), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
const storedFiles = (server: TestServer) => readdirSync(join(server.dataDir, 'files'));

describe('malformed requests', () => {
  test('a multipart body whose parser fails twice gets a 400 and the server process lives', async () => {
    const own = await startServerProcess('multipart');
    try {
      // busboy reports "Malformed part header", then "Unexpected end of form" once destroyed
      const body = '--B\r\nBad Header\r\n\r\nx\r\n--B--\r\n';
      const res = await fetch(`${own.url}/graphql`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=B' }, body });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect((await gql(own, TypenameDocument)).data).toEqual({ __typename: 'Query' });
      expect(own.alive(), own.output()).toBe(true);
    } finally {
      await own.close();
    }
  });

  test.for([
    ['a Host header with a space', 'bad host'],
    ['a Host header with a path', 'example.com/x'],
    ['an empty Host header', ''],
  ])('%s: 400 with a JSON body, no stack trace', async ([_what, host], { server }) => {
    // the raw request is what is under test: its body (and query) is written out by hand
    const body = '{"query":"{ __typename }"}';
    const answer = first(
      await rawRequest(port(server), [`POST /graphql HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`]),
    );
    expect(answer?.status).toBe(400);
    expect(answer?.body.toString()).not.toMatch(LEAK);
    expect(JSON.parse(answer?.body.toString() ?? '')).toEqual({ detail: expect.stringContaining('Host') });
  });

  test('a request target that is not a path: 400', async ({ server }) => {
    const exchange = await rawRequest(port(server), ['GET http://[::1/graphql HTTP/1.1\r\nHost: localhost\r\nconnection: close\r\n\r\n']);
    expect(first(exchange)?.status).toBe(400);
    expect(exchange.bytes.toString()).not.toMatch(LEAK);
  });

  test('a WebSocket upgrade to a bad target or host is refused, and the server lives', async ({ server }) => {
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const upgrade = (target: string, host: string) =>
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    expect(first(await rawRequest(port(server), [upgrade('/graphql', 'bad host')]))?.status).toBe(400);
    expect(first(await rawRequest(port(server), [upgrade('//[', 'localhost')]))?.status).toBe(400);
    expect(first(await rawRequest(port(server), [upgrade('/nowhere', 'localhost')]))?.status).toBe(404);
    // a client that resets the connection during the handshake
    const socket = await rawConnect(server);
    socket.write(upgrade('/ws/chat/a_b/', 'localhost').slice(0, 40));
    socket.resetAndDestroy();
    expect(await alive(server)).toEqual({ __typename: 'Query' });
  });
});

describe('connections that do not become requests are shed', () => {
  test('a connection that sends nothing is closed after HTTP_HEADERS_TIMEOUT_SECONDS', async ({ server }) => {
    const started = Date.now();
    const exchange = await rawRequest(port(server), [], { timeoutMs: 5000 });
    expect(exchange.ended).toBe('closed');
    expect(Date.now() - started).toBeLessThan(3500);
  });

  test('half a request line gets 408 and the connection is closed', async ({ server }) => {
    const exchange = await rawRequest(port(server), ['GET /graph'], { timeoutMs: 5000 });
    expect(exchange.ended).toBe('closed');
    expect(first(exchange)?.status).toBe(408);
  });

  test('an idle keep-alive connection is closed after HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', async ({ server }) => {
    const exchange = await rawRequest(port(server), ['GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n'], { timeoutMs: 5000 });
    expect(first(exchange)?.status).toBe(200);
    expect(exchange.ended).toBe('closed');
  });
});

describe('uploads that stop half-way or are refused', () => {
  /** A multipart upload of `size` bytes whose connection is dropped after `sent` bytes of the file. */
  async function abortedUpload(server: TestServer, path: string, token: string, head: string, size: number): Promise<void> {
    const boundary = 'XyZ';
    const preamble = `${head}--${boundary}\r\nContent-Disposition: form-data; name="${path.startsWith('/graphql') ? '0' : 'files'}"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const socket = await rawConnect(server);
    socket.on('error', () => undefined);
    const length = Buffer.byteLength(preamble) + size + `\r\n--${boundary}--\r\n`.length;
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\ncontent-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${length}\r\n\r\n${preamble}`,
    );
    const chunk = Buffer.alloc(64 * 1024, 7);
    // write until the server has started storing the file, then vanish
    for (let i = 0; i < 32 && storedFiles(server).length === 0; i += 1) {
      socket.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(storedFiles(server).length).toBeGreaterThan(0);
    socket.resetAndDestroy();
  }

  test('an aborted legacy upload leaves no file behind', async ({ server }) => {
    await abortedUpload(server, `/filesmessage/${dmName(alice, bob)}/`, alice.access, '', 3 * 1024 * 1024);
    await until(() => storedFiles(server).length === 0, { what: 'the partial file is removed' });
  });

  test('an aborted GraphQL upload leaves no file behind', async ({ server }) => {
    const operations = JSON.stringify({ query: print(SendFileDocument), variables: { conversation: dmName(alice, bob), file: null } });
    const head = `--XyZ\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n--XyZ\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n`;
    await abortedUpload(server, '/graphql', alice.access, head, 3 * 1024 * 1024);
    await until(() => storedFiles(server).length === 0, { what: 'the partial file is removed' });
  });

  test('a refused upload is answered with its status, not a broken pipe (fetch, several times)', async ({ server }) => {
    // larger than the socket buffers between client and server, smaller than the largest upload accepted
    const big = new Uint8Array(12 * 1024 * 1024).fill(1);
    for (let i = 0; i < 10; i += 1) {
      const form = new FormData();
      form.append('files', new Blob([big]), 'x.bin');
      // no token: 401 before a byte of the file is read
      const unauthenticated = await fetch(`${server.url}/filesmessage/${dmName(alice, bob)}/`, { method: 'POST', body: form });
      expect(unauthenticated.status).toBe(401);
      // a JSON body over HTTP_BODY_MAX_BYTES: 413 from its Content-Length alone
      const tooLarge = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(tooLarge.status).toBe(413);
    }
    expect(await alive(server)).toEqual({ __typename: 'Query' });
  });

  test('a GraphQL upload refused by its resolver gets its answer, and the connection is reusable', async ({ server, make }) => {
    const user = await make.user('uploader');
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: print(SendFileDocument), variables: { conversation: 'nobody_here', file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([new Uint8Array(2 * 1024 * 1024)]), 'x.bin');
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${user.access}` }, body: form });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(answer.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(storedFiles(server)).toEqual([]);
  });
});
