import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { errorCode, gql, gqlOk } from './support/graphql.js';
import { api } from './support/legacy.js';
import { startServer, type TestServer } from './support/server.js';

// Names that impersonate others are refused (case, TR39 confusables), accounts that already collide are
// left alone, and cross-origin access never carries credentials.
const REGISTER = `mutation($u: String!) { register(username: $u, password: "correct horse battery") { user { username } } }`;
const LOGIN = `mutation($u: String!) { login(username: $u, password: "correct horse battery") { access } }`;

let server: TestServer;
const suffix = `${process.pid}x${Date.now() % 100000}`;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('usernames that look like another', () => {
  it.each([
    ['the same name in capitals', (n: string) => n.toUpperCase()],
    ['a Cyrillic а for the Latin a', (n: string) => n.replace('a', '\u0430')],
    ['a capital I for an l', (n: string) => n.replace('l', 'I')],
    ['rn for m', (n: string) => n.replace('m', 'rn')],
    ['a fullwidth letter', (n: string) => n.replace('a', '\uff41')],
  ])('%s is refused as taken (GraphQL and /register/)', async (_what, variant) => {
    const original = `alma${suffix}`;
    await gqlOk(server, REGISTER, { u: original.replace(/\d+x\d+$/, (m) => `${m}${_what.length}`) });
    const taken = variant(original.replace(/\d+x\d+$/, (m) => `${m}${_what.length}`));
    const res = await gql(server, REGISTER, { u: taken });
    expect(errorCode(res), taken).toBe('CONFLICT');
    const rest = await api(server, 'POST', '/register/', { json: { username: taken, password: 'correct horse battery' } });
    expect(rest.status).toBe(400);
    expect(rest.json).toEqual({ username: ['A user with that username already exists.'] });
  });

  it('leaves accounts that already collide as they are: both still log in', async () => {
    // two accounts from before the check (created outside the server), then a restart fills the keys
    const db = server.app.database.prisma;
    const passwordHash = await hashPassword('correct horse battery');
    const [a, b] = [`olga${suffix}`, `OLGA${suffix}`];
    await db.user.create({ data: { username: a, passwordHash } });
    await db.user.create({ data: { username: b, passwordHash } });
    expect(await server.app.services.users.fillUsernameKeys()).toBeGreaterThanOrEqual(1);
    for (const name of [a, b]) expect((await gql(server, LOGIN, { u: name })).errors, name).toBeUndefined();
    // and the name stays guarded against newcomers
    expect(errorCode(await gql(server, REGISTER, { u: `Olga${suffix}` }))).toBe('CONFLICT');
  });

  it('an unknown name and a wrong password get the same answer', async () => {
    await gqlOk(server, REGISTER, { u: `vera${suffix}` });
    const unknown = await gql(server, `mutation { login(username: "nobody${suffix}", password: "whatever it is") { access } }`);
    const wrong = await gql(server, `mutation { login(username: "vera${suffix}", password: "whatever it is") { access } }`);
    expect(unknown.errors?.[0]).toEqual(wrong.errors?.[0]);
  });
});

describe('CORS', () => {
  const preflight = (target: TestServer, path: string, origin: string) =>
    fetch(`${target.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it('by default any origin may call, never with credentials (GraphQL and the legacy routes alike)', async () => {
    for (const path of ['/graphql', '/api/token/']) {
      const res = await preflight(server, path, 'https://evil.example');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    }
    const answer = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin: 'https://app.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('with CORS_ORIGINS only the listed origins get CORS headers', async () => {
    const strict = await startServer({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
    try {
      const allowed = await preflight(strict, '/graphql', 'https://admin.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
      expect(allowed.headers.get('vary')).toContain('Origin');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      for (const path of ['/graphql', '/conversations/']) {
        const other = await preflight(strict, path, 'https://evil.example');
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
      }
    } finally {
      await strict.close();
    }
  });
});
