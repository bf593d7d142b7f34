import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCode, gql, registerUser, subscribe, type GraphQLResponse, type TestUser } from './support/graphql.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './support/server.js';

const ME = `query { me { id username } }`;
const UNREAD = `subscription { unreadCount { total conversationId } }`;

/** The three ways a graphql-ws client can present its token. */
const WS_WAYS = ['connectionParams.authorization', 'connectionParams.token', 'url ?token='] as const;
type WsWay = (typeof WS_WAYS)[number];

let server: TestServer;
let alice: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
  alice = await registerUser(server, 'alice');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.close();
});

function client(way: WsWay, token: string): Client {
  const c = createClient({
    url: `${server.wsUrl}/graphql${way === 'url ?token=' ? `?token=${encodeURIComponent(token)}` : ''}`,
    webSocketImpl: WebSocket,
    connectionParams:
      way === 'connectionParams.authorization' ? { authorization: `Bearer ${token}` } : way === 'connectionParams.token' ? { token } : {},
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(c);
  return c;
}

/** The first thing a subscription answers: its first event, or its errors. */
async function firstAnswer(way: WsWay, token: string): Promise<GraphQLResponse<{ unreadCount: { total: number } }>> {
  const c = client(way, token);
  const sub = subscribe<{ unreadCount: { total: number } }>(c, UNREAD);
  try {
    return await sub.next();
  } finally {
    await sub.close();
    await c.dispose();
  }
}

/** How the server ends a socket that subscribes with this token: the close code, and any data it sent first. */
async function refusal(way: WsWay, token: string): Promise<{ code: number | null; data: unknown }> {
  const c = client(way, token);
  const sub = subscribe(c, UNREAD);
  try {
    const answer = await sub.next();
    return { code: null, data: answer.data ?? null };
  } catch (e) {
    return { code: (e as { code?: number }).code ?? null, data: null };
  } finally {
    await c.dispose();
  }
}

const now = () => Math.floor(Date.now() / 1000);
const jti = () => randomBytes(16).toString('hex');
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const accessClaims = (userId: number) => ({ token_type: 'access', iat: now(), exp: now() + 600, jti: jti(), user_id: userId });

/** Each bad token, built from a real user's tokens where that matters. */
const BAD_TOKENS: [string, () => Promise<string> | string][] = [
  [
    'expired',
    () => jwt.sign({ ...accessClaims(Number(alice.id)), iat: now() - 7200, exp: now() - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
  ],
  ['a refresh token used as access', () => alice.refresh],
  ['signed with another secret', () => jwt.sign(accessClaims(Number(alice.id)), 'some-other-secret', { algorithm: 'HS256' })],
  [
    'a real signature over a changed payload',
    () => {
      const [header, , signature] = alice.access.split('.');
      return `${header}.${b64({ ...accessClaims(Number(alice.id) + 1) })}.${signature}`;
    },
  ],
  ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(accessClaims(Number(alice.id)))}.`],
  ['HS512 with the right secret', () => jwt.sign(accessClaims(Number(alice.id)), TEST_JWT_SECRET, { algorithm: 'HS512' })],
  ['garbage', () => 'not-a-token'],
  ['three dots of garbage', () => 'a.b.c'],
  ['a valid token for an unknown user id', () => jwt.sign(accessClaims(987_654), TEST_JWT_SECRET, { algorithm: 'HS256' })],
  [
    'a valid token of a deleted user',
    async () => {
      const gone = await registerUser(server, 'gone');
      await server.app.database.prisma.user.delete({ where: { id: Number(gone.id) } });
      return gone.access;
    },
  ],
];

describe('bad tokens are refused with UNAUTHENTICATED', () => {
  it.each(BAD_TOKENS)('%s: over HTTP and over graphql-ws, whichever way it is presented', async (_what, make) => {
    const token = await make();
    const http = await gql(server, ME, {}, token);
    expect(errorCode(http)).toBe('UNAUTHENTICATED');
    expect(http.data).toBeNull();
    // a socket that presents a bad token is refused at connection_init: close 4403, no operation runs
    for (const way of WS_WAYS) expect(await refusal(way, token), way).toEqual({ code: 4403, data: null });
  });

  it('says why: an expired token has reason "expired", a refresh token "wrong_type"', async () => {
    const [, expired] = BAD_TOKENS[0]!;
    const res = await gql(server, ME, {}, await expired());
    expect(res.errors?.[0]?.extensions?.reason).toBe('expired');
    const refresh = await gql(server, ME, {}, alice.refresh);
    expect(refresh.errors?.[0]?.extensions?.reason).toBe('wrong_type');
  });

  it('refuses a socket with no token at all', async () => {
    const c = createClient({ url: `${server.wsUrl}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    clients.push(c);
    const sub = subscribe(c, UNREAD);
    expect(errorCode(await sub.next())).toBe('UNAUTHENTICATED');
    await sub.close();
    await c.dispose();
  });
});

describe('a valid access token', () => {
  it('works over HTTP', async () => {
    const res = await gql<{ me: { id: string } }>(server, ME, {}, alice.access);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me.id).toBe(alice.id);
  });

  it.each(WS_WAYS)('works over graphql-ws via %s', async (way) => {
    const answer = await firstAnswer(way, alice.access);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ unreadCount: { total: 0, conversationId: null } });
    // the socket's viewer is alice: a query over the same transport says so
    const c = client(way, alice.access);
    const me = await new Promise<unknown>((resolve, reject) => {
      c.subscribe({ query: ME }, { next: (v) => resolve(v.data), error: reject, complete: () => undefined });
    });
    expect(me).toEqual({ me: { id: alice.id, username: alice.username } });
    await c.dispose();
  });
});

describe('a user removed while their token is still valid', () => {
  it('is refused at once with AUTH_USER_CACHE_TTL_SECONDS=0 (by default within that many seconds)', async () => {
    const strict = await startServer({ AUTH_USER_CACHE_TTL_SECONDS: '0' });
    try {
      const gone = await registerUser(strict, 'removed');
      expect((await gql(strict, ME, {}, gone.access)).data).toEqual({ me: { id: gone.id, username: gone.username } });
      await strict.app.database.prisma.user.update({ where: { id: Number(gone.id) }, data: { isActive: false } });
      expect(errorCode(await gql(strict, ME, {}, gone.access))).toBe('UNAUTHENTICATED');
    } finally {
      await strict.close();
    }
  });
});

describe('a token the server has already verified (AUTH_TOKEN_CACHE_SIZE)', () => {
  it('is still refused once it expires, and still refused as the wrong type', async () => {
    const token = jwt.sign({ ...accessClaims(Number(alice.id)), exp: now() + 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
    expect((await gql(server, ME, {}, token)).data).toEqual({ me: { id: alice.id, username: alice.username } });
    // the clock moves past exp (only Date is faked: sockets and timers run as usual)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      const late = await gql(server, ME, {}, token);
      expect(errorCode(late)).toBe('UNAUTHENTICATED');
      expect(late.errors?.[0]?.extensions?.reason).toBe('expired');
    } finally {
      vi.useRealTimers();
    }
    // a refresh token that just worked as one is no access token
    const refreshed = await gql<{ refreshToken: { access: string } }>(server, `mutation($r: String!) { refreshToken(refresh: $r) { access } }`, { r: alice.refresh });
    expect(refreshed.data?.refreshToken.access).toBeTruthy();
    const asAccess = await gql(server, ME, {}, alice.refresh);
    expect(asAccess.errors?.[0]?.extensions?.reason).toBe('wrong_type');
  });
});

