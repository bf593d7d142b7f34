import { createClient, type Client } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConversation } from './support/chat.js';
import { errorCode, gql, gqlOk, registerUser, subscribe, type TestUser } from './support/graphql.js';
import { FrameSocket, api } from './support/legacy.js';
import { TEST_JWT_SECRET, startServer, type TestServer } from './support/server.js';

// Sessions end everywhere when their token does: sockets close at expiry unless renewed, refresh tokens
// rotate and a retired one revokes its session, logout/logoutEverywhere/changePassword/deactivateAccount
// end what they say, on the sockets too (ADR 019).
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { access refresh } }`;
const REFRESH = `mutation($r: String!) { refreshToken(refresh: $r) { access refresh } }`;
const ME = `{ me { id } }`;
const UNREAD = `subscription { unreadCount { total } }`;
const PASSWORD = 'correct horse battery';

let server: TestServer;
/** tokens of 6 s: long enough to renew well before expiry however busy the machine is */
let renewals: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '3', REFRESH_REUSE_GRACE_SECONDS: '2', SESSION_RECHECK_SECONDS: '1' });
  renewals = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '6' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all([server?.close(), renewals?.close()]);
});

/** When a token expires (unix ms), from its own claims. */
const expiryOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp * 1000;
const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

const login = async (user: TestUser) => (await gqlOk<{ login: { access: string; refresh: string } }>(server, LOGIN, { u: user.username, p: PASSWORD })).login;
const me = (token: string) => gql<{ me: { id: string } }>(server, ME, {}, token);

/** A raw graphql-ws socket authenticated at connection_init, with one live subscription; resolves its close code. */
async function graphqlSocket(token: string, on: TestServer = server): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${on.wsUrl}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => ws.once('message', resolve)); // connection_ack
  ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: UNREAD } }));
  await new Promise((resolve) => ws.once('message', resolve)); // the first unread total
  return { ws, closed };
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);

describe('a socket lives as long as its token', () => {
  it('graphql-ws: closed with 4403 when the access token expires', async () => {
    const user = await registerUser(server, 'exp');
    const started = Date.now();
    const { closed } = await graphqlSocket(user.access);
    const close = await within(closed, 6000, 'close at expiry');
    expect(close).toEqual({ code: 4403, reason: 'token expired' });
    expect(Date.now() - started).toBeGreaterThan(1500);
  });

  it('graphql-ws: a fresh token in a ping payload keeps it open past the first expiry', async () => {
    const user = await registerUser(renewals, 'ping');
    const { ws, closed } = await graphqlSocket(user.access, renewals);
    // renew with a token issued later (it expires later), then wait past the first one's expiry
    const firstExpiry = expiryOf(user.access);
    await until(firstExpiry - 3000);
    const renewed = await gqlOk<{ refreshToken: { access: string } }>(renewals, REFRESH, { r: user.refresh });
    expect(expiryOf(renewed.refreshToken.access)).toBeGreaterThan(firstExpiry + 1500);
    ws.send(JSON.stringify({ type: 'ping', payload: { token: renewed.refreshToken.access } }));
    const outcome = await Promise.race([closed.then((c) => c.code), until(firstExpiry + 1000).then(() => 'open')]);
    expect(outcome).toBe('open');
    ws.close();
  });

  it('legacy chat socket: {"msg": "the token is expired"}, then 4001', async () => {
    const [alice, bob] = [await registerUser(server, 'lexp'), await registerUser(server, 'lexp')];
    const { name } = await startConversation(server, alice, [bob]);
    const socket = await FrameSocket.joined(server, name, alice.access);
    const frame = await socket.next(undefined, 6000);
    expect(frame.text).toBe('{"msg":"the token is expired"}');
    expect((await socket.closed).code).toBe(4001);
  });

  it('legacy sockets: an authenticate frame with a fresh token renews them (token_renewed)', async () => {
    const [alice, bob] = [await registerUser(renewals, 'lren'), await registerUser(renewals, 'lren')];
    const { name } = await startConversation(renewals, alice, [bob]);
    const chat = await FrameSocket.joined(renewals, name, alice.access);
    const notes = await FrameSocket.notifications(renewals, alice.access);
    await notes.next('unread_count');
    const firstExpiry = expiryOf(alice.access);
    await until(firstExpiry - 3000);
    const fresh = (await gqlOk<{ refreshToken: { access: string } }>(renewals, REFRESH, { r: alice.refresh })).refreshToken.access;
    for (const socket of [chat, notes]) {
      socket.send({ type: 'authenticate', token: fresh });
      const renewed = await socket.until('token_renewed');
      expect(Object.keys(renewed.data)).toEqual(['type', 'expires']);
    }
    // another user's token renews nothing
    chat.send({ type: 'authenticate', token: bob.access });
    expect((await chat.until('error')).data.code).toBe('wrong_user');
    // past the first token's expiry: still open, nothing said
    expect(await chat.quiet(Math.max(0, firstExpiry + 1000 - Date.now()))).toBe(true);
    chat.send({ type: 'chat_message', message: 'still here' });
    expect((await chat.until('chat_message_echo')).data.message).toMatchObject({ content: 'still here' });
    await Promise.all([chat.close(), notes.close()]);
  });
});

describe('refresh tokens rotate', () => {
  // access tokens that outlive the test here: what ends them must be the revocation
  let server: TestServer;
  const me = (token: string) => gql<{ me: { id: string } }>(server, ME, {}, token);
  const login = async (user: TestUser) => (await gqlOk<{ login: { access: string; refresh: string } }>(server, LOGIN, { u: user.username, p: PASSWORD })).login;
  beforeAll(async () => {
    server = await startServer({ REFRESH_REUSE_GRACE_SECONDS: '2' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('returns a new refresh token; the old one, presented again after the grace period, revokes the session', async () => {
    const user = await registerUser(server, 'rot');
    const first = (await gqlOk<{ refreshToken: { access: string; refresh: string } }>(server, REFRESH, { r: user.refresh })).refreshToken;
    expect(first.refresh).not.toBe(user.refresh);
    // within the grace period the old token gets the current pair again (its answer was lost)
    const retry = (await gqlOk<{ refreshToken: { access: string; refresh: string } }>(server, REFRESH, { r: user.refresh })).refreshToken;
    expect(retry.refresh).toBe(first.refresh);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const reused = await gql(server, REFRESH, { r: user.refresh });
    expect(errorCode(reused)).toBe('UNAUTHENTICATED');
    expect(reused.errors?.[0]?.extensions?.reason).toBe('token_reused');
    // the whole session is gone: its newest refresh token and its access tokens too
    expect(errorCode(await gql(server, REFRESH, { r: first.refresh }))).toBe('UNAUTHENTICATED');
    const after = await me(first.access);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.extensions?.reason).toBe('revoked');
    // another session of the same user is not touched
    const other = await login(user);
    expect((await me(other.access)).data?.me.id).toBe(user.id);
  });

  it('a refresh token from before sessions (no sid) works once, then it is reuse', async () => {
    const user = await registerUser(server, 'old');
    const now = Math.floor(Date.now() / 1000);
    const legacy = jwt.sign({ token_type: 'refresh', iat: now, exp: now + 600, jti: randomBytes(16).toString('hex'), user_id: Number(user.id) }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
    });
    const pair = await gqlOk<{ refreshToken: { access: string; refresh: string } }>(server, REFRESH, { r: legacy });
    expect((await me(pair.refreshToken.access)).data?.me.id).toBe(user.id);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(errorCode(await gql(server, REFRESH, { r: legacy }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(pair.refreshToken.access))).toBe('UNAUTHENTICATED');
  });

  it('legacy /api/token/blacklist/ ends the session of a refresh token', async () => {
    const user = await registerUser(server, 'bl');
    const res = await api(server, 'POST', '/api/token/blacklist/', { json: { refresh: user.refresh } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{}');
    expect(errorCode(await me(user.access))).toBe('UNAUTHENTICATED');
    expect((await api(server, 'POST', '/api/token/refresh/', { json: { refresh: user.refresh } })).status).toBe(401);
  });
});

describe('ending sessions', () => {
  it('logout ends this session (tokens and sockets), not the others', async () => {
    const user = await registerUser(server, 'out');
    const other = await login(user);
    const { closed } = await graphqlSocket(user.access);
    const { closed: otherClosed } = await graphqlSocket(other.access);
    expect((await gqlOk<{ logout: boolean }>(server, `mutation { logout }`, {}, user.access)).logout).toBe(true);
    expect(await within(closed, 2000, 'the session\'s socket closes')).toEqual({ code: 4403, reason: 'session ended' });
    expect(errorCode(await me(user.access))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server, REFRESH, { r: user.refresh }))).toBe('UNAUTHENTICATED');
    expect((await me(other.access)).data?.me.id).toBe(user.id);
    const stillOpen = await Promise.race([otherClosed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('open'), 300))]);
    expect(stillOpen).toBe('open');
  });

  it('logoutEverywhere ends every session of the user', async () => {
    const user = await registerUser(server, 'all');
    const other = await login(user);
    const { closed } = await graphqlSocket(other.access);
    await gqlOk(server, `mutation { logoutEverywhere }`, {}, user.access);
    expect((await within(closed, 2000, 'socket closes')).code).toBe(4403);
    for (const token of [user.access, other.access]) expect(errorCode(await me(token))).toBe('UNAUTHENTICATED');
  });

  it('changePassword needs the current password and ends the other sessions', async () => {
    const user = await registerUser(server, 'pw');
    const other = await login(user);
    const wrong = await gql(server, `mutation { changePassword(oldPassword: "nope nope", newPassword: "a brand new secret") }`, {}, user.access);
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    await gqlOk(server, `mutation { changePassword(oldPassword: "${PASSWORD}", newPassword: "a brand new secret") }`, {}, user.access);
    expect((await me(user.access)).data?.me.id).toBe(user.id);
    expect(errorCode(await me(other.access))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server, LOGIN, { u: user.username, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await gql(server, LOGIN, { u: user.username, p: 'a brand new secret' })).errors).toBeUndefined();
  });

  it('deactivateAccount closes every socket of the user (both dialects) and refuses the account', async () => {
    const [alice, bob] = [await registerUser(server, 'gone'), await registerUser(server, 'gone')];
    const { name } = await startConversation(server, alice, [bob]);
    const chat = await FrameSocket.joined(server, name, alice.access);
    const { closed } = await graphqlSocket(alice.access);
    await gqlOk(server, `mutation { deactivateAccount(password: "${PASSWORD}") }`, {}, alice.access);
    expect((await within(closed, 2000, 'graphql-ws closes')).code).toBe(4403);
    expect((await chat.next(undefined, 2000)).text).toBe('{"msg":"You are not authenticated user"}');
    expect((await chat.closed).code).toBe(4001);
    expect(errorCode(await gql(server, LOGIN, { u: alice.username, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(alice.access))).toBe('UNAUTHENTICATED');
  });

  it('a user deactivated in the database directly loses their sockets within SESSION_RECHECK_SECONDS', async () => {
    const user = await registerUser(server, 'sql');
    const { closed } = await graphqlSocket(user.access);
    await server.app.database.prisma.user.update({ where: { id: Number(user.id) }, data: { isActive: false } });
    expect((await within(closed, 2500, 'socket closes')).code).toBe(4403);
  });

  it('graphql-ws clients reconnect with a fresh token after 4403 and go on (the kit does this)', async () => {
    const user = await registerUser(server, 'rc');
    let token = user.access;
    let refresh = user.refresh;
    const client = createClient({
      url: `${server.wsUrl}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: async () => {
        const pair = (await gqlOk<{ refreshToken: { access: string; refresh: string } }>(server, REFRESH, { r: refresh })).refreshToken;
        [token, refresh] = [pair.access, pair.refresh];
        return { authorization: `Bearer ${token}` };
      },
      retryAttempts: 5,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
      shouldRetry: () => true,
    });
    clients.push(client);
    const sub = subscribe<{ unreadCount: { total: number } }>(client, UNREAD);
    expect((await sub.next()).data?.unreadCount.total).toBe(0);
    // after the token expires the socket is closed, the client reconnects with a new token and resubscribes
    expect((await sub.next(8000)).data?.unreadCount.total).toBe(0);
    await sub.close();
  });
});
