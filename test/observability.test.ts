import { describe, expect, it } from 'vitest';
import { MeDocument, MessageAddedDocument, SendMessageDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { gql, gqlOk, registerUser, subscribe, wsClient } from './support/graphql.js';
import { FrameSocket } from './support/legacy.js';
import { startConversation } from './support/chat.js';
import { startServer, type Endpoint } from './support/server.js';
import { eventually, until } from './support/wait.js';

/** GET /metrics, parsed: `name{labels}` → value (labels as printed, in prom-client's order). */
async function scrape(server: Endpoint, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const res = await fetch(`${server.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;

/** Polls the scrape until `key` has `expected` (gauges follow closes a moment after the client sees them). */
const settles = (server: Endpoint, key: string, expected: number) => eventually(async () => expect(value(await scrape(server), key), key).toBe(expected));

const test = serverTest({ WS_SUBSCRIPTIONS_PER_CONNECTION: '2' });
const open = serverTest({ TRUSTED_PROXY_HOPS: '1' });
const token = 'a-scrape-token-for-prometheus';
const guarded = serverTest({ METRICS_TOKEN: token });

describe('GET /metrics', () => {
  test('counts connections and subscriptions by dialect, messages stored, latencies, frames, the bus and the event loop', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const idle = await scrape(server);
    expect(value(idle, 'chat_bus_up')).toBe(1);
    expect(idle.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect(idle.has('process_resident_memory_bytes')).toBe(true);

    const client = sockets.graphql(bob.access);
    // from a cursor: the messages sent next arrive however soon the subscription is attached
    const zero = await gqlOk(server, SendMessageDocument, { conversation: name, content: 'zero' }, alice.access);
    const feed = subscribe(client, MessageAddedDocument, { conversation: name, after: zero.sendMessage.cursor });
    const chat = await sockets.joined(name, alice.access);
    const before = await scrape(server);
    for (const content of ['one', 'two', 'three']) await gqlOk(server, SendMessageDocument, { conversation: name, content }, alice.access);
    for (const content of ['one', 'two', 'three']) expect((await feed.next()).data?.messageAdded.content).toBe(content);
    await chat.next('chat_message_echo');

    const during = await scrape(server);
    expect(value(during, 'chat_connections{dialect="graphql-ws"}')).toBe(1);
    expect(value(during, 'chat_connections{dialect="legacy"}')).toBe(1);
    expect(value(during, 'chat_subscriptions{transport="graphql-ws"}')).toBe(1);
    expect(value(during, 'chat_messages_stored_total') - value(before, 'chat_messages_stored_total')).toBe(3);
    expect(value(during, 'chat_send_commit_seconds_count') - value(before, 'chat_send_commit_seconds_count')).toBe(3);
    expect(value(during, 'chat_send_batch_size_sum') - value(before, 'chat_send_batch_size_sum')).toBe(3);
    // one conversation stream on this node, whoever listens: three messages reached it
    expect(value(during, 'chat_commit_delivery_seconds_count') - value(before, 'chat_commit_delivery_seconds_count')).toBe(3);
    expect(value(during, 'chat_ws_frames_sent_total{dialect="graphql-ws"}')).toBeGreaterThanOrEqual(4); // ack + 3 events
    expect(value(during, 'chat_ws_frames_sent_total{dialect="legacy"}')).toBeGreaterThanOrEqual(1);
    expect(value(during, 'chat_graphql_operations_total{type="mutation",outcome="ok"}') - value(before, 'chat_graphql_operations_total{type="mutation",outcome="ok"}')).toBe(3);

    await feed.close();
    await settles(server, 'chat_subscriptions{transport="graphql-ws"}', 0);
    chat.ws.close();
    await client.dispose();
    await settles(server, 'chat_connections{dialect="graphql-ws"}', 0);
    await settles(server, 'chat_connections{dialect="legacy"}', 0);
  });

  test('counts errors answered by code, in both dialects, and limits hit', async ({ server, make, sockets }) => {
    const [carol, dave, eve] = await make.users('carol', 'dave', 'eve');
    const { name } = await make.conversation(carol, dave);
    const before = await scrape(server);
    // a stranger is told the conversation does not exist: GraphQL and legacy REST
    await gql(server, SendMessageDocument, { conversation: name, content: 'hi' }, eve.access);
    expect((await fetch(`${server.url}/messages/?conversation=${name}`, { headers: { authorization: `Bearer ${eve.access}` } })).status).toBe(404);
    await gql(server, MeDocument, {});
    const client = sockets.graphql(carol.access);
    const subs = [1, 2, 3].map(() => subscribe(client, MessageAddedDocument, { conversation: name }));
    const refused = await subs[2]!.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');

    const after = await scrape(server);
    const delta = (key: string) => value(after, key) - value(before, key);
    expect(delta('chat_errors_total{code="NOT_FOUND"}')).toBe(2);
    expect(delta('chat_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(delta('chat_limits_hit_total{limit="ws_subscriptions_per_connection"}')).toBe(1);
    expect(delta('chat_graphql_operations_total{type="mutation",outcome="error"}')).toBe(1);
  });

  test('counts a subscription over SSE while it is open', async ({ server, make }) => {
    const [frank, gina] = await make.users('frank', 'gina');
    const { name } = await make.conversation(frank, gina);
    const abort = new AbortController();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${gina.access}` },
      body: JSON.stringify({ query: 'subscription { messageAdded(conversation: "' + name + '") { id } }' }),
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    await settles(server, 'chat_subscriptions{transport="sse"}', 1);
    abort.abort();
    await res.body?.cancel().catch(() => undefined);
    await settles(server, 'chat_subscriptions{transport="sse"}', 0);
  });
});

describe('who may read /metrics', () => {
  open('without METRICS_TOKEN, clients on loopback and private networks; anyone else gets a 404', async ({ server }) => {
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
    const outside = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.status).toBe(404);
    expect(await outside.json()).toEqual({ detail: 'Not found.' });
  });

  guarded('with METRICS_TOKEN, only a request carrying it, wherever it comes from', async ({ server }) => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(404);
    const samples = await scrape(server, { authorization: `Bearer ${token}` });
    expect(samples.has('chat_messages_stored_total')).toBe(true);
  });
});

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

/** A server whose log lines the test reads, at LOG_LEVEL=`level`. */
async function loggingServer(level: string) {
  const lines: LogLine[] = [];
  let text = '';
  const server = await startServer({ LOG_LEVEL: level }, { logTo: { write: (line) => void ((text += line), lines.push(JSON.parse(line) as LogLine)) } });
  return { server, lines, text: () => text };
}

/** Waits until the server has logged a line that `match`es (the line of a close comes after the client sees it). */
async function logged(lines: LogLine[], match: (l: LogLine) => boolean): Promise<LogLine> {
  await until(() => lines.some(match), { what: 'the log line' });
  return lines.find(match)!;
}

/** What a user does in a minute: the tokens it used, to look for in the log. */
async function aMinuteOfUse(server: Endpoint): Promise<{ tokens: string[]; userId: number }> {
  const alice = await registerUser(server, 'alice');
  const bob = await registerUser(server, 'bob');
  const { name } = await startConversation(server, alice, [bob]);
  await gqlOk(server, MeDocument, {}, alice.access);
  await gql(server, SendMessageDocument, { conversation: 'nobody_nowhere', content: 'x' }, alice.access);
  const first = await gqlOk(server, SendMessageDocument, { conversation: name, content: 'first' }, alice.access);
  const client = wsClient(server, bob.access);
  const feed = subscribe(client, MessageAddedDocument, { conversation: name, after: first.sendMessage.cursor });
  await gqlOk(server, SendMessageDocument, { conversation: name, content: 'hello' }, alice.access);
  await feed.next();
  await feed.close();
  await client.dispose();
  const chat = await FrameSocket.joined(server, name, alice.access);
  chat.ws.close();
  return { tokens: [alice.access, alice.refresh, bob.access, bob.refresh], userId: Number(alice.id) };
}

describe('the log', () => {
  it('at info: one line per GraphQL operation and per socket opened and closed, never a token', async () => {
    const { server, lines, text } = await loggingServer('info');
    try {
      const { tokens, userId } = await aMinuteOfUse(server);
      const me = await logged(lines, (l) => l.msg === 'graphql operation' && l.operation === 'Me');
      expect(me).toMatchObject({ transport: 'http', type: 'query', userId, outcome: 'ok' });
      expect(typeof me.ms).toBe('number');
      const refused = await logged(lines, (l) => l.msg === 'graphql operation' && l.operation === 'SendMessage' && l.outcome === 'error');
      expect(refused).toMatchObject({ type: 'mutation', userId, codes: ['BAD_USER_INPUT'] });
      const sub = await logged(lines, (l) => l.msg === 'graphql operation' && l.operation === 'MessageAdded');
      expect(sub).toMatchObject({ transport: 'graphql-ws', type: 'subscription', userId: userId + 1, outcome: 'ok' });
      await logged(lines, (l) => l.msg === 'socket opened' && l.dialect === 'graphql-ws');
      expect(await logged(lines, (l) => l.msg === 'socket closed' && l.dialect === 'graphql-ws')).toMatchObject({ userId: userId + 1, code: 1000 });
      expect(await logged(lines, (l) => l.msg === 'socket closed' && l.dialect === 'legacy')).toMatchObject({ userId, path: '/ws/chat/' });
      for (const t of tokens) expect(text()).not.toContain(t);
    } finally {
      await server.close();
    }
  });

  it('at warn: none of those lines', async () => {
    const { server, lines } = await loggingServer('warn');
    try {
      await aMinuteOfUse(server);
      await new Promise((r) => setTimeout(r, 300));
      expect(lines.filter((l) => ['graphql operation', 'socket opened', 'socket closed'].includes(l.msg))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
