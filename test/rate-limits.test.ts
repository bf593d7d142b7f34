import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from './support/chat.js';
import { gql, registerUser, type GraphQLResponse, type TestUser } from './support/graphql.js';
import { FrameSocket, api, legacyUser, type LegacyUser } from './support/legacy.js';
import { TEST_BUS, TEST_RATE_LIMITS, startServer, testRedisPrefix, type TestServer } from './support/server.js';

// Each limit, in each dialect's shape: GraphQL `RATE_LIMITED` + `retryAfter`, REST 429 + Retry-After,
// a legacy `error` frame with `retry_after` on a socket that stays open. Every server here starts from
// the suite's generous limits (TEST_RATE_LIMITS) and lowers the ones under test.
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { access } }`;
const SEND = `mutation($c: String!, $t: String!, $k: String) { sendMessage(conversation: $c, content: $t, clientId: $k) { id } }`;
const TYPING = `mutation($c: String!) { setTyping(conversation: $c, typing: true) }`;

const limited = (res: GraphQLResponse<unknown>, window = 60) => {
  const error = res.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(res)).toBe('RATE_LIMITED');
  const retryAfter = error?.extensions?.retryAfter;
  expect(typeof retryAfter === 'number' && retryAfter >= 1 && retryAfter <= window, `retryAfter ${String(retryAfter)}`).toBe(true);
  return error!;
};

describe('per user: messages and signals', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let room: string;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_MESSAGES: '3/1m', RATE_LIMIT_SIGNALS: '2/1m' });
    alice = await registerUser(server, 'alice');
    bob = await registerUser(server, 'bob');
    room = (await startConversation(server, alice, [bob])).name;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends past RATE_LIMIT_MESSAGES are refused with RATE_LIMITED; retries of stored ones still answer; others are not affected', async () => {
    const first = await gql<{ sendMessage: { id: string } }>(server, SEND, { c: room, t: 'one', k: 'k1' }, alice.access);
    for (const t of ['two', 'three']) expect((await gql(server, SEND, { c: room, t }, alice.access)).errors).toBeUndefined();
    limited(await gql(server, SEND, { c: room, t: 'four' }, alice.access));
    // a retry of a message already stored is its answer, not a new send
    const retry = await gql<{ sendMessage: { id: string } }>(server, SEND, { c: room, t: 'one', k: 'k1' }, alice.access);
    expect(retry.data?.sendMessage.id).toBe(first.data?.sendMessage.id);
    // the limit is alice's: bob still sends
    expect((await gql(server, SEND, { c: room, t: 'bob' }, bob.access)).errors).toBeUndefined();
    // and alice's refused message was not stored
    const history = await gql<{ messages: { edges: { node: { content: string } }[] } }>(
      server,
      `query($c: String!) { messages(conversation: $c, first: 10) { edges { node { content } } } }`,
      { c: room },
      alice.access,
    );
    expect(history.data?.messages.edges.map((e) => e.node.content)).toEqual(['bob', 'three', 'two', 'one']);
  });

  it('typing past RATE_LIMIT_SIGNALS is refused with RATE_LIMITED', async () => {
    for (let i = 0; i < 2; i += 1) expect((await gql(server, TYPING, { c: room }, bob.access)).errors).toBeUndefined();
    limited(await gql(server, TYPING, { c: room }, bob.access));
  });
});

describe('per user, legacy dialect', () => {
  let server: TestServer;
  let carol: LegacyUser;
  let dan: LegacyUser;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_MESSAGES: '2/1m', RATE_LIMIT_SIGNALS: '1/1m' });
    carol = await legacyUser(server, 'carol');
    dan = await legacyUser(server, 'dan');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a chat_message or typing frame over the limit gets an error frame with retry_after; the socket stays open', async () => {
    const room = [carol.username, dan.username].sort().join('_');
    const socket = await FrameSocket.joined(server, room, carol.access);
    for (const text of ['a', 'b']) {
      socket.send({ type: 'chat_message', message: text });
      await socket.until('chat_message_echo');
    }
    socket.send({ type: 'chat_message', message: 'c' });
    const refused = await socket.until('error');
    expect(Object.keys(refused.data)).toEqual(['type', 'code', 'msg', 'retry_after']);
    expect(refused.data).toMatchObject({ type: 'error', code: 'rate_limited', retry_after: expect.any(Number) });
    socket.send({ type: 'typing', typing: true });
    socket.send({ type: 'typing', typing: false });
    expect((await socket.until('error')).data.code).toBe('rate_limited');
    // still open and answering
    socket.send({ type: 'nonsense' });
    expect((await socket.until('error')).data.code).toBe('unknown_type');
    await socket.close();
  });

  it('a file upload over the limit is a 429 with Retry-After', async () => {
    const room = [carol.username, dan.username].sort().join('_');
    const form = new FormData();
    form.append('files', new Blob(['hello']), 'a.txt');
    const res = await fetch(`${server.url}/filesmessage/${room}/`, { method: 'POST', headers: { authorization: `Bearer ${carol.access}` }, body: form });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toEqual({ detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds?\.$/) });
  });
});

describe('logins: per account and per address', () => {
  let server: TestServer;
  let erin: TestUser;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_LOGIN_ACCOUNT: '3/1m', RATE_LIMIT_LOGIN_ADDRESS: '8/1m' });
    erin = await registerUser(server, 'erin');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('after RATE_LIMIT_LOGIN_ACCOUNT failures the account refuses even the right password; an unknown username gets the same answers', async () => {
    const attempt = (u: string, p: string) => gql<{ login: { access: string } }>(server, LOGIN, { u, p });
    const ghost = `ghost-${Date.now()}`;
    for (const name of [erin.username, ghost]) {
      for (let i = 0; i < 3; i += 1) expect((await attempt(name, 'wrong password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const known = limited(await attempt(erin.username, 'correct horse battery'));
    const unknown = limited(await attempt(ghost, 'correct horse battery'));
    expect({ ...unknown.extensions, retryAfter: 0 }).toEqual({ ...known.extensions, retryAfter: 0 });
    expect(unknown.message).toBe(known.message);
    // the legacy token route says the same in DRF's shape
    const rest = await api(server, 'POST', '/api/token/', { json: { username: erin.username, password: 'correct horse battery' } });
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('after RATE_LIMIT_LOGIN_ADDRESS failures from one address, every login from it is refused', async () => {
    // 6 failures above plus 2 more reach the address's 8
    for (let i = 0; i < 2; i += 1) await gql(server, LOGIN, { u: `nobody${i}`, p: 'x' });
    const frank = await registerUser(server, 'frank');
    limited(await gql(server, LOGIN, { u: frank.username, p: 'correct horse battery' }));
  });
});

describe('per address: registrations and anonymous requests', () => {
  it('registrations past RATE_LIMIT_REGISTER_ADDRESS: RATE_LIMITED over GraphQL, 429 on /register/', async () => {
    const server = await startServer({ RATE_LIMIT_REGISTER_ADDRESS: '2/1h' });
    try {
      await registerUser(server, 'reg');
      await registerUser(server, 'reg');
      limited(await gql(server, `mutation { register(username: "late${Date.now()}", password: "correct horse battery") { access } }`), 3600);
      const rest = await api(server, 'POST', '/register/', { json: { username: `later${Date.now()}`, password: 'correct horse battery' } });
      expect(rest.status).toBe(429);
      expect(rest.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await server.close();
    }
  });

  it('requests without credentials past RATE_LIMIT_ANONYMOUS_ADDRESS get 429; authenticated ones, /health and socket connects with a token do not count', async () => {
    const server = await startServer({ RATE_LIMIT_ANONYMOUS_ADDRESS: '4/1m' });
    try {
      const user = await registerUser(server, 'anon'); // 1
      for (let i = 0; i < 3; i += 1) expect((await gql(server, '{ __typename }')).status).toBe(200); // 2-4
      const refused = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
      expect((await api(server, 'POST', '/api/token/', { json: { username: 'a', password: 'b' } })).status).toBe(429);
      // credentials, health checks and token-bearing sockets pass
      expect((await gql(server, '{ me { id } }', {}, user.access)).status).toBe(200);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const socket = await FrameSocket.notifications(server, user.access);
      await socket.next('unread_count');
      await socket.close();
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(TEST_BUS !== 'redis')('limits across nodes (REDIS_URL)', () => {
  it('two nodes count against the same window', async () => {
    const prefix = testRedisPrefix();
    const shared = { ...TEST_RATE_LIMITS, RATE_LIMIT_MESSAGES: '3/1m', REDIS_KEY_PREFIX: prefix };
    const a = await startServer(shared);
    const b = await startServer({ ...shared, DATABASE_URL: a.databaseUrl, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    try {
      const alice = await registerUser(a, 'xnode');
      const bob = await registerUser(a, 'xnode');
      const room = (await startConversation(a, alice, [bob])).name;
      expect((await gql(a, SEND, { c: room, t: '1' }, alice.access)).errors).toBeUndefined();
      expect((await gql(b, SEND, { c: room, t: '2' }, alice.access)).errors).toBeUndefined();
      expect((await gql(a, SEND, { c: room, t: '3' }, alice.access)).errors).toBeUndefined();
      limited(await gql(b, SEND, { c: room, t: '4' }, alice.access));
    } finally {
      await b.close();
      await a.close();
    }
  });
});
