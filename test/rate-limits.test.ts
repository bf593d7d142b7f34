import { describe, expect, it } from 'vitest';
import { startConversation } from './support/chat.js';
import {
  LoginDocument,
  MeDocument,
  MessageContentsDocument,
  RegisterDocument,
  SendMessageDocument,
  SetTypingDocument,
  TypenameDocument,
} from './support/documents.js';
import { dmName, serverTest } from './support/fixtures.js';
import { gql, registerUser, type GraphQLResponse, type TestUser } from './support/graphql.js';
import { api, type LegacyUser } from './support/legacy.js';
import { TEST_BUS, TEST_RATE_LIMITS, startServer, testRedisPrefix } from './support/server.js';

// Each limit, in each dialect's shape: GraphQL `RATE_LIMITED` + `retryAfter`, REST 429 + Retry-After,
// a legacy `error` frame with `retry_after` on a socket that stays open. Every server here starts from
// the suite's generous limits (TEST_RATE_LIMITS) and lowers the ones under test: one server per
// configuration, each started by the first test that uses it and closed with the file.
const messageLimits = serverTest({ RATE_LIMIT_MESSAGES: '3/1m', RATE_LIMIT_SIGNALS: '2/1m' });
const legacyLimits = serverTest({ RATE_LIMIT_MESSAGES: '2/1m', RATE_LIMIT_SIGNALS: '1/1m' });
const loginLimits = serverTest({ RATE_LIMIT_LOGIN_ACCOUNT: '3/1m', RATE_LIMIT_LOGIN_ADDRESS: '8/1m' });
const registerLimits = serverTest({ RATE_LIMIT_REGISTER_ADDRESS: '2/1h' });
const anonymousLimits = serverTest({ RATE_LIMIT_ANONYMOUS_ADDRESS: '4/1m' });

const limited = (res: GraphQLResponse<unknown>, window = 60) => {
  const error = res.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(res)).toBe('RATE_LIMITED');
  const retryAfter = error?.extensions?.retryAfter;
  expect(typeof retryAfter === 'number' && retryAfter >= 1 && retryAfter <= window, `retryAfter ${String(retryAfter)}`).toBe(true);
  return error!;
};

describe('per user: messages and signals', () => {
  let alice: TestUser;
  let bob: TestUser;
  let room: string;
  messageLimits.beforeAll(async ({ make }) => {
    [alice, bob] = await make.users('alice', 'bob');
    room = (await make.conversation(alice, bob)).name;
  });

  messageLimits('sends past RATE_LIMIT_MESSAGES are refused with RATE_LIMITED; retries of stored ones still answer; others are not affected', async ({ server }) => {
    const first = await gql(server, SendMessageDocument, { conversation: room, content: 'one', clientId: 'k1' }, alice.access);
    for (const content of ['two', 'three']) expect((await gql(server, SendMessageDocument, { conversation: room, content }, alice.access)).errors).toBeUndefined();
    limited(await gql(server, SendMessageDocument, { conversation: room, content: 'four' }, alice.access));
    // a retry of a message already stored is its answer, not a new send
    const retry = await gql(server, SendMessageDocument, { conversation: room, content: 'one', clientId: 'k1' }, alice.access);
    expect(retry.data?.sendMessage.id).toBe(first.data?.sendMessage.id);
    // the limit is alice's: bob still sends
    expect((await gql(server, SendMessageDocument, { conversation: room, content: 'bob' }, bob.access)).errors).toBeUndefined();
    // and alice's refused message was not stored
    const history = await gql(server, MessageContentsDocument, { conversation: room, first: 10 }, alice.access);
    expect(history.data?.messages.edges.map((e) => e.node.content)).toEqual(['bob', 'three', 'two', 'one']);
  });

  messageLimits('typing past RATE_LIMIT_SIGNALS is refused with RATE_LIMITED', async ({ server }) => {
    const typing = { conversation: room, typing: true };
    for (let i = 0; i < 2; i += 1) expect((await gql(server, SetTypingDocument, typing, bob.access)).errors).toBeUndefined();
    limited(await gql(server, SetTypingDocument, typing, bob.access));
  });
});

describe('per user, legacy dialect', () => {
  let carol: LegacyUser;
  let dan: LegacyUser;
  legacyLimits.beforeAll(async ({ make }) => {
    carol = await make.legacyUser('carol');
    dan = await make.legacyUser('dan');
  });

  legacyLimits('a chat_message or typing frame over the limit gets an error frame with retry_after; the socket stays open', async ({ sockets }) => {
    const room = dmName(carol, dan);
    const socket = await sockets.joined(room, carol.access);
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

  legacyLimits('a file upload over the limit is a 429 with Retry-After', async ({ server }) => {
    const room = dmName(carol, dan);
    const form = new FormData();
    form.append('files', new Blob(['hello']), 'a.txt');
    const res = await fetch(`${server.url}/filesmessage/${room}/`, { method: 'POST', headers: { authorization: `Bearer ${carol.access}` }, body: form });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toEqual({ detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds?\.$/) });
  });
});

describe('logins: per account and per address', () => {
  let erin: TestUser;
  loginLimits.beforeAll(async ({ make }) => {
    erin = await make.user('erin');
  });

  loginLimits('after RATE_LIMIT_LOGIN_ACCOUNT failures the account refuses even the right password; an unknown username gets the same answers', async ({ server }) => {
    const attempt = (username: string, password: string) => gql(server, LoginDocument, { username, password });
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

  loginLimits('after RATE_LIMIT_LOGIN_ADDRESS failures from one address, every login from it is refused', async ({ server, make }) => {
    // 6 failures above plus 2 more reach the address's 8
    for (let i = 0; i < 2; i += 1) await gql(server, LoginDocument, { username: `nobody${i}`, password: 'x' });
    const frank = await make.user('frank');
    limited(await gql(server, LoginDocument, { username: frank.username, password: 'correct horse battery' }));
  });
});

describe('per address: registrations and anonymous requests', () => {
  registerLimits('registrations past RATE_LIMIT_REGISTER_ADDRESS: RATE_LIMITED over GraphQL, 429 on /register/', async ({ server, make }) => {
    await make.user('reg');
    await make.user('reg');
    limited(await gql(server, RegisterDocument, { username: `late${Date.now()}`, password: 'correct horse battery' }), 3600);
    const rest = await api(server, 'POST', '/register/', { json: { username: `later${Date.now()}`, password: 'correct horse battery' } });
    expect(rest.status).toBe(429);
    expect(rest.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  anonymousLimits('requests without credentials past RATE_LIMIT_ANONYMOUS_ADDRESS get 429; authenticated ones, /health and socket connects with a token do not count', async ({ server, make, sockets }) => {
    const user = await make.user('anon'); // 1
    for (let i = 0; i < 3; i += 1) expect((await gql(server, TypenameDocument)).status).toBe(200); // 2-4
    // the 5th, sent by hand
    const refused = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect((await api(server, 'POST', '/api/token/', { json: { username: 'a', password: 'b' } })).status).toBe(429);
    // credentials, health checks and token-bearing sockets pass
    expect((await gql(server, MeDocument, {}, user.access)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const socket = await sockets.notifications(user.access);
    await socket.next('unread_count');
    await socket.close();
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
      const send = (content: string) => ({ conversation: room, content });
      expect((await gql(a, SendMessageDocument, send('1'), alice.access)).errors).toBeUndefined();
      expect((await gql(b, SendMessageDocument, send('2'), alice.access)).errors).toBeUndefined();
      expect((await gql(a, SendMessageDocument, send('3'), alice.access)).errors).toBeUndefined();
      limited(await gql(b, SendMessageDocument, send('4'), alice.access));
    } finally {
      await b.close();
      await a.close();
    }
  });
});
