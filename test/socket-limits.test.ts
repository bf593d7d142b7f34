import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConversation } from './support/chat.js';
import { errorCode, gqlOk, registerUser, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { FrameSocket } from './support/legacy.js';
import { dataOf } from './support/live.js';
import { startServer, type TestServer } from './support/server.js';

// Caps on what one connection or one user may hold open (WS_SUBSCRIPTIONS_PER_CONNECTION,
// WS_CONNECTIONS_PER_USER) and the deadline for a socket that never authenticates (WS_AUTH_TIMEOUT_SECONDS).
let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let room: string;

beforeAll(async () => {
  server = await startServer({ WS_SUBSCRIPTIONS_PER_CONNECTION: '3', WS_CONNECTIONS_PER_USER: '2', WS_AUTH_TIMEOUT_SECONDS: '1' });
  alice = await registerUser(server, 'alice');
  bob = await registerUser(server, 'bob');
  room = (await startConversation(server, alice, [bob])).name;
});
afterAll(async () => {
  await server?.close();
});

const MESSAGES = `subscription($c: String!) { messageAdded(conversation: $c) { content } }`;
const send = (content: string) =>
  gqlOk(server, `mutation($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id } }`, { c: room, t: content }, bob.access);

/** A raw graphql-ws socket: resolves with its close code. */
function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('WS_SUBSCRIPTIONS_PER_CONNECTION', () => {
  it('refuses one operation too many with LIMIT_EXCEEDED; the connection and its other subscriptions go on', async () => {
    const client = wsClient(server, alice.access);
    try {
      const subs = [0, 1, 2].map(() => subscribe<{ messageAdded: { content: string } }>(client, MESSAGES, { c: room }));
      const extra = subscribe(client, MESSAGES, { c: room });
      const refused = await extra.next();
      expect(errorCode(refused)).toBe('LIMIT_EXCEEDED');
      expect(refused.errors?.[0]?.extensions?.limit).toBe(3);
      // the three are live on the same connection: each gets the next message
      let heard = 0;
      for (let attempt = 0; heard === 0 && attempt < 20; attempt += 1) {
        await send(`probe ${attempt}`);
        heard = (await subs[0]!.quiet(200)) ? 0 : 1;
      }
      await send('after the refusal');
      for (const sub of subs) {
        let content = '';
        while (content !== 'after the refusal') content = dataOf(await sub.next()).messageAdded.content;
      }
      // completing one makes room for another
      await subs[2]!.close();
      const again = subscribe<{ messageAdded: { content: string } }>(client, MESSAGES, { c: room });
      expect(await again.quiet(300)).toBe(true);
      await again.close();
      for (const sub of subs.slice(0, 2)) await sub.close();
    } finally {
      await client.dispose();
    }
  });
});

describe('WS_CONNECTIONS_PER_USER', () => {
  it('closes a legacy socket over the cap with an error frame and 4429; the others stay', async () => {
    const carol = await registerUser(server, 'carol');
    const dm = (await startConversation(server, carol, [alice])).name;
    const first = await FrameSocket.joined(server, dm, carol.access);
    const second = await FrameSocket.notifications(server, carol.access);
    await second.next('unread_count');
    const third = await FrameSocket.chat(server, dm, carol.access);
    const frame = await third.next('error');
    expect(frame.data).toMatchObject({ type: 'error', code: 'too_many_connections' });
    expect((await third.closed).code).toBe(4429);
    // the first two still work
    first.send({ type: 'chat_message', message: 'still here' });
    expect((await first.until('chat_message_echo')).data.message).toMatchObject({ content: 'still here' });
    // one closes: a new one is let in
    await second.close();
    const fourth = await FrameSocket.notifications(server, carol.access);
    await fourth.next('unread_count');
    await Promise.all([first.close(), fourth.close()]);
  });

  it('closes a graphql-ws connection over the cap with 4429, counting both dialects together', async () => {
    const dave = await registerUser(server, 'dave');
    const legacy = await FrameSocket.notifications(server, dave.access);
    await legacy.next('unread_count');
    const ok = wsClient(server, dave.access);
    const sub = subscribe(ok, `subscription { unreadCount { total } }`);
    await sub.next();
    const over = createClient({ url: `${server.wsUrl}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${dave.access}` }, retryAttempts: 0 });
    const closed = await subscribe(over, `subscription { unreadCount { total } }`)
      .next()
      .then(
        () => null,
        (e: { code?: number }) => e.code ?? null,
      );
    expect(closed).toBe(4429);
    await Promise.all([sub.close(), ok.dispose(), over.dispose(), legacy.close()]);
  });
});

describe('a graphql-ws socket without a token', () => {
  it('is closed with 4401 when nothing authenticates within WS_AUTH_TIMEOUT_SECONDS', async () => {
    const ws = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init' }));
    const started = Date.now();
    expect(await closeCodeOf(ws)).toBe(4401);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stays open once an operation authenticates with its own headers (what GraphiQL sends)', async () => {
    const ws = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
    const frames: { type: string; payload?: { data?: unknown } }[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise<void>((resolve) => ws.once('message', () => resolve())); // connection_ack
    ws.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: '{ me { username } }', extensions: { headers: { Authorization: `Bearer ${alice.access}` } } },
      }),
    );
    const closed = closeCodeOf(ws);
    const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 2000))]);
    expect(outcome).toBe('open');
    expect(frames.find((f) => f.type === 'next')?.payload?.data).toEqual({ me: { username: alice.username } });
    ws.close();
  });

  it('with a bad token at connection_init is closed at once with 4403', async () => {
    const ws = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }));
    expect(await closeCodeOf(ws)).toBe(4403);
  });
});
