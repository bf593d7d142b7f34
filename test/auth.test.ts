import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, gqlOk, registerUser } from './support/graphql.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './support/server.js';

const REGISTER = `mutation R($u: String!, $p: String!) { register(username: $u, password: $p) { access refresh user { id username } } }`;
const LOGIN = `mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { access refresh user { id username } } }`;
const REFRESH = `mutation F($r: String!) { refreshToken(refresh: $r) { access refresh user { id username } } }`;
const ME = `query { me { id username } }`;

interface AuthPayload {
  access: string;
  refresh: string;
  user: { id: string; username: string };
}

const PASSWORD = 'correct horse battery';
let server: TestServer;
let seq = 0;
const fresh = (prefix: string) => `${prefix}${++seq}.${process.pid}`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** The JWT's header and payload, decoded by hand (base64url JSON), as another simplejwt consumer would. */
function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  const part = (s: string | undefined) => JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: part(parts[0]), payload: part(parts[1]) };
}

function expectSimpleJwt(token: string, type: 'access' | 'refresh', userId: string, ttlSeconds: number): void {
  const { header, payload } = decodeJwt(token);
  expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
  // simplejwt's claims, and the session the token belongs to (`sid`, ADR 019)
  expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'jti', 'sid', 'token_type', 'user_id']);
  expect(payload.sid).toMatch(/^[0-9a-f-]{36}$/);
  expect(payload.token_type).toBe(type);
  expect(payload.user_id).toBe(Number(userId));
  expect(Number.isInteger(payload.user_id)).toBe(true);
  expect(payload.jti).toMatch(/^[0-9a-f]{32}$/);
  const now = Math.floor(Date.now() / 1000);
  expect(payload.iat).toBeGreaterThanOrEqual(now - 30);
  expect(payload.iat).toBeLessThanOrEqual(now + 1);
  expect(Number(payload.exp) - Number(payload.iat)).toBe(ttlSeconds);
  // signed with the configured secret: a Django service sharing JWT_SECRET accepts it
  expect(() => jwt.verify(token, TEST_JWT_SECRET, { algorithms: ['HS256'] })).not.toThrow();
}

describe('register', () => {
  it('creates the user and returns simplejwt-compatible tokens (access 100 min, refresh 1 day)', async () => {
    const username = fresh('ann');
    const { register } = await gqlOk<{ register: AuthPayload }>(server, REGISTER, { u: username, p: PASSWORD });
    expect(register.user.username).toBe(username);
    expect(register.user.id).toMatch(/^\d+$/);
    expectSimpleJwt(register.access, 'access', register.user.id, 100 * 60);
    expectSimpleJwt(register.refresh, 'refresh', register.user.id, 24 * 60 * 60);
    const jtis = [register.access, register.refresh].map((t) => decodeJwt(t).payload.jti);
    expect(new Set(jtis).size).toBe(2);
    const { me } = await gqlOk<{ me: AuthPayload['user'] }>(server, ME, {}, register.access);
    expect(me).toEqual(register.user);
  });

  it.each([
    ['an underscore in the username', 'bad_name', PASSWORD, 'username'],
    ['an all-digit username', '12345', PASSWORD, 'username'],
    ['a blank username', '', PASSWORD, 'username'],
    ['a password shorter than 8 characters', 'shortpw', 'short', 'password'],
  ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_what, username, password, field) => {
    const name = username === 'shortpw' ? fresh('shortpw') : username;
    const res = await gql(server, REGISTER, { u: name, p: password });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(res.data).toBeNull();
    expect(errorCode(await gql(server, LOGIN, { u: name, p: password }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a taken username with CONFLICT, and the first account keeps its password', async () => {
    const username = fresh('taken');
    await gqlOk(server, REGISTER, { u: username, p: PASSWORD });
    const res = await gql(server, REGISTER, { u: username, p: 'another long password' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(errorCode(await gql(server, LOGIN, { u: username, p: 'another long password' }))).toBe('UNAUTHENTICATED');
    await gqlOk(server, LOGIN, { u: username, p: PASSWORD });
  });
});

describe('login', () => {
  it('returns fresh tokens for the right password', async () => {
    const user = await registerUser(server, 'lin');
    const { login } = await gqlOk<{ login: AuthPayload }>(server, LOGIN, { u: user.username, p: PASSWORD });
    expect(login.user).toEqual({ id: user.id, username: user.username });
    expectSimpleJwt(login.access, 'access', user.id, 100 * 60);
    expectSimpleJwt(login.refresh, 'refresh', user.id, 24 * 60 * 60);
    expect(decodeJwt(login.access).payload.jti).not.toBe(decodeJwt(user.access).payload.jti);
    expect((await gqlOk<{ me: { id: string } }>(server, ME, {}, login.access)).me.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown user alike: UNAUTHENTICATED, same message', async () => {
    const user = await registerUser(server, 'lout');
    const wrong = await gql(server, LOGIN, { u: user.username, p: 'not the password' });
    const unknown = await gql(server, LOGIN, { u: fresh('nobody'), p: PASSWORD });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });
});

describe('refreshToken', () => {
  it('trades a refresh token for a new pair that works', async () => {
    const user = await registerUser(server, 'ref');
    const { refreshToken } = await gqlOk<{ refreshToken: AuthPayload }>(server, REFRESH, { r: user.refresh });
    expect(refreshToken.user).toEqual({ id: user.id, username: user.username });
    expectSimpleJwt(refreshToken.access, 'access', user.id, 100 * 60);
    expectSimpleJwt(refreshToken.refresh, 'refresh', user.id, 24 * 60 * 60);
    expect((await gqlOk<{ me: { username: string } }>(server, ME, {}, refreshToken.access)).me.username).toBe(user.username);
  });

  it('refuses an access token or garbage where a refresh token is required', async () => {
    const user = await registerUser(server, 'refbad');
    expect(errorCode(await gql(server, REFRESH, { r: user.access }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server, REFRESH, { r: 'not.a.jwt' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server, REFRESH, { r: '' }))).toBe('UNAUTHENTICATED');
  });
});

describe('me', () => {
  it('needs a Bearer access token', async () => {
    expect(errorCode(await gql(server, ME))).toBe('UNAUTHENTICATED');
    const user = await registerUser(server, 'me');
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${user.access}` },
      body: JSON.stringify({ query: ME }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('token lifetimes from the environment', () => {
  it('honours ACCESS_TOKEN_TTL_SECONDS and REFRESH_TOKEN_TTL_SECONDS', async () => {
    const other = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '60', REFRESH_TOKEN_TTL_SECONDS: '120' });
    try {
      const user = await registerUser(other, 'ttl');
      expectSimpleJwt(user.access, 'access', user.id, 60);
      expectSimpleJwt(user.refresh, 'refresh', user.id, 120);
    } finally {
      await other.close();
    }
  });
});
