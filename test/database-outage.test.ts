import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from './support/chat.js';
import { errorCode, gql, registerUser, type TestUser } from './support/graphql.js';
import { FrameSocket, api } from './support/legacy.js';
import { createTestDatabase, type TestDatabase } from './support/postgres.js';
import { TEST_DB, startServer, type TestServer } from './support/server.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

// PostgreSQL taken away behind a proxy the test controls (refused, then black-holed): requests fail
// within a bound with UNAVAILABLE / 503 and a retry time, /health answers within a second, socket
// connects that need the database are told to come back, and everything works again once it is back.
const SEND = `mutation($c: String!, $t: String!, $k: String) { sendMessage(conversation: $c, content: $t, clientId: $k) { id } }`;

describe.skipIf(TEST_DB !== 'postgres')('PostgreSQL that stops answering', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let room: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    server = await startServer({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_QUERY_TIMEOUT_MS: '1500', AUTH_USER_CACHE_TTL_SECONDS: '0' });
    [alice, bob] = [await registerUser(server, 'pga'), await registerUser(server, 'pgb')];
    room = (await startConversation(server, alice, [bob])).name;
  });
  afterAll(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
    await db?.drop();
  });

  async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    const value = await fn();
    return { value, ms: Date.now() - started };
  }

  async function expectUnavailable(budgetMs: number): Promise<void> {
    const send = await timed(() => gql(server, SEND, { c: room, t: 'while down', k: `down-${Date.now()}` }, alice.access));
    expect(errorCode(send.value), JSON.stringify(send.value)).toBe('UNAVAILABLE');
    expect(send.value.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(send.ms).toBeLessThan(budgetMs);
    const rest = await timed(() => api(server, 'GET', `/messages/?conversation=${room}`, { token: alice.access }));
    expect(rest.value.status).toBe(503);
    expect(Number(rest.value.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(rest.ms).toBeLessThan(budgetMs);
    const health = await timed(() => fetch(`${server.url}/health`));
    expect(health.value.status).toBe(503);
    expect(health.ms).toBeLessThan(1500);
    const socket = await FrameSocket.chat(server, room, alice.access);
    const frame = await socket.next(undefined, budgetMs);
    expect(frame.data).toMatchObject({ type: 'error', code: 'unavailable', retry_after: expect.any(Number) });
    expect((await socket.closed).code).toBe(1013);
  }

  it('refused: requests fail fast with UNAVAILABLE / 503 and a retry time', async () => {
    proxy.cut();
    try {
      await expectUnavailable(2500);
    } finally {
      proxy.restore();
    }
    expect((await gql(server, SEND, { c: room, t: 'back' }, alice.access)).errors).toBeUndefined();
  });

  it('black-holed (nothing answers): requests fail within the query timeout, /health within a second', async () => {
    proxy.stall();
    try {
      await expectUnavailable(4500);
    } finally {
      proxy.restore();
    }
    // once it answers again, so does the server (a connection stuck in the stall is dropped, not reused)
    const deadline = Date.now() + 10_000;
    let ok = false;
    while (!ok && Date.now() < deadline) ok = (await gql(server, SEND, { c: room, t: 'after the stall' }, alice.access)).errors === undefined;
    expect(ok).toBe(true);
  });
});
